"""Dates as agreements record them: EDTF level 1 (ISO 8601-2), read as the span of days they may mean.

History is often known only roughly: a treaty "signed in 1987", a status
change "around May 2020", an agreement in force "from 2001 on". Where an
agreement records history (``$defs/when`` in the schema), it writes such dates
in the Extended Date/Time Format, level 1:

- ``2020``, ``2020-05``, ``2020-05-03``: a year, a month, a day;
- a qualifier after any of them: ``2020?`` (uncertain), ``2020-05~`` (approximate), ``2020%`` (both);
- unspecified digits: ``199X`` (some year of the 1990s), ``2004-XX`` (some month of 2004), ``2004-06-XX``;
- seasons: ``2001-21`` to ``2001-24`` (spring, summer, autumn, winter);
- intervals ``1987-09-16/1989-01-01`` of any of those, open (``2001/..``, ``../2001``) or with an
  unknown end (``2001/``, ``/2001``).

A date reads as a :class:`Span`: the earliest and the latest day it may mean
(qualifiers do not widen it; an open or unknown end has no bound). Order is
only ever claimed when it is certain: :func:`definitely_before`.

The common forms (years, months and days, qualified or not, and intervals of
those) are read here with a regular expression and :mod:`datetime`; the rest
goes to the ``edtf`` library, which loads pyparsing and its grammar and is
therefore only imported for a date that needs it, so that the commit hook
never pays for it. Tests check on generated text that both read the common
forms alike. Years run from 0001 to 9999 (what :class:`datetime.date` holds);
level 2 (sets, partial qualifiers, significant digits...) is not accepted.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import io
import re
from collections import namedtuple

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

MAX_LENGTH = 64  # the schema's maxLength for a `when`; longer text is no date, and is not handed to the grammar
OPEN = ".."
UNKNOWN_FORM = "it is not in a form of EDTF level 1"  # what :func:`problem` says when it can say nothing closer

# YYYY, YYYY-MM or YYYY-MM-DD, then an optional qualifier.
_COMMON = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)")
_CALENDAR = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UNSPECIFIED = re.compile(r"([0-9]{4}|[0-9]{1,3}X{1,3})(?:-(XX|[0-9]{2})(?:-(XX))?)?([?~%]?)")
_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DEFER = object()  # the fast path's answer for a form it leaves to the library
_OPEN_SIDE = (None, None, False)  # ``..``: an open end of an interval


class Span(namedtuple("Span", "earliest latest exact")):
    """The days a date may mean: ``earliest`` and ``latest`` (``None``: no bound), and whether it is ``exact``.

    ``exact`` is true for one known day: a full date (or date and time) with no qualifier.
    """

    __slots__ = ()


def span(text: Any) -> Span | None:
    """The span of days ``text`` may mean; ``None`` when it is not an EDTF level 1 date this project reads."""
    return _span(text) if isinstance(text, str) else None


def is_date(text: Any) -> bool:
    """Whether ``text`` is an accepted EDTF level 1 date (the schema's format ``edtf``)."""
    return span(text) is not None


def is_calendar_date(text: Any) -> bool:
    """Whether ``text`` is a full calendar date, YYYY-MM-DD, that exists (2000-02-29 does, 2001-02-29 does not)."""
    if not isinstance(text, str) or not _CALENDAR.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def precision(text: Any) -> str | None:
    """``year``, ``month`` or ``day`` for a single date of a common form (qualified or not); else ``None``."""
    if not isinstance(text, str) or span(text) is None:
        return None
    found = _COMMON.fullmatch(text)
    if found is None or (found.group(2) and int(found.group(2)) in _SEASONS and not found.group(3)):
        return None
    return "day" if found.group(3) else "month" if found.group(2) else "year"


def definitely_before(a: str | Span | None, b: str | Span | None) -> bool:
    """Whether every day ``a`` may mean comes before every day ``b`` may mean (``False`` if either is no date)."""
    first = a if isinstance(a, Span) else span(a)
    second = b if isinstance(b, Span) else span(b)
    if first is None or second is None or first.latest is None or second.earliest is None:
        return False
    return bool(first.latest < second.earliest)


def describe(text: Any) -> str:
    """``text`` in words: ``about 1987``, ``May 2020 (uncertain)``, ``from 1987 to 1989``; other text as it is."""
    if not isinstance(text, str) or span(text) is None:
        return str(text)
    if "/" not in text:
        return _describe_one(text)
    start, end = text.split("/")
    if start in ("", OPEN):
        known = ", start not known" if start == "" else ""
        return f"until {_describe_one(end)}{known}"
    if end in ("", OPEN):
        return f"from {_describe_one(start)}, end not known" if end == "" else f"from {_describe_one(start)} on"
    return f"from {_describe_one(start)} to {_describe_one(end)}"


def problem(text: Any) -> str | None:
    """What is wrong with ``text`` as a date, in a few words; ``None`` when it is one."""
    if not isinstance(text, str):
        return "a date is text"
    if span(text) is not None:
        return None
    if text != text.strip():
        return "it starts or ends with a space"
    if len(text) > MAX_LENGTH:
        return f"it is longer than {MAX_LENGTH} characters"
    parts = text.split("/")
    if len(parts) == 2 and all(part in ("", OPEN) for part in parts):
        return "an interval needs at least one date"
    if len(parts) == 2 and all(span(part) for part in parts):
        return "the interval ends before it starts"
    for part in parts:
        found = _COMMON.fullmatch(part)
        if found is None:
            continue
        year, month, day, _ = found.groups()
        if day and not is_calendar_date(part[:10]):
            return f"{part[:10]} is not a calendar date"
        if month and not day and not (1 <= int(month) <= 12 or int(month) in _SEASONS):
            return f"there is no month {month}"
        if year == "0000":
            return "years start at 0001"
    return UNKNOWN_FORM


@functools.lru_cache(maxsize=4096)
def _span(text: str) -> Span | None:
    found = _fast(text)
    if found is _DEFER:
        found = _by_library(text)
    if found is None:
        return None
    earliest, latest, exact = found
    if earliest is not None and latest is not None and earliest > latest:
        return None  # an interval that ends before it starts
    return Span(earliest, latest, exact)


# --------------------------------------------------------------------------
# The fast path: the common forms, read with datetime.
# Each reader returns (earliest, latest, exact), None for no date, or _DEFER.
# --------------------------------------------------------------------------


def _fast(text: str) -> Any:
    """The common forms and intervals of them; ``_DEFER`` for anything else."""
    if "/" not in text:
        return _fast_one(text)
    if text.count("/") != 1:
        return _DEFER
    start, end = (_OPEN_SIDE if side == OPEN else _fast_one(side) for side in text.split("/"))
    if start is _DEFER or end is _DEFER:
        return _DEFER  # seasons and unknown ends
    if start is None or end is None or (start is _OPEN_SIDE and end is _OPEN_SIDE):
        return None
    return (None if start is _OPEN_SIDE else start[0], None if end is _OPEN_SIDE else end[1], False)


def _fast_one(text: str) -> Any:
    found = _COMMON.fullmatch(text)
    if found is None:
        return _DEFER
    year, month, day, qualifier = found.groups()
    exact = not qualifier
    try:
        if month is None:
            return datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 31), False
        if day is None:
            if int(month) in _SEASONS:
                return _DEFER
            first = datetime.date(int(year), int(month), 1)
            return first, _month_end(first), False
        known = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None  # year 0000, month 13, 30 February...
    return known, known, exact


def _month_end(first: datetime.date) -> datetime.date:
    if first.month == 12:
        return first.replace(day=31)
    return first.replace(month=first.month + 1) - datetime.timedelta(days=1)


# --------------------------------------------------------------------------
# The rest of level 1, read by the edtf library.
# --------------------------------------------------------------------------


def _by_library(text: str) -> Any:
    """What the ``edtf`` library reads in ``text``, limited to level 1 and to the years of :mod:`datetime`."""
    if len(text) > MAX_LENGTH or text != text.strip() or "S" in text:
        # The library strips spaces, which a date must not have; S marks significant digits (level 2).
        return None
    # Imported here, deliberately: pyparsing and the EDTF grammar take a tenth of a second to load, and the
    # commit hook only meets the common forms, which the fast path reads.
    import edtf

    level_one = (edtf.Date, edtf.DateAndTime, edtf.UncertainOrApproximate, edtf.Unspecified, edtf.Season)
    # The library prints when one of its parse actions fails; the validator never prints.
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            parsed = edtf.parse_edtf(text)
        except Exception:  # its grammar's actions raise assorted errors on input they cannot build
            return None
    kind = type(parsed)
    if kind in level_one:
        bounds = _library_bounds(parsed)
        if bounds is None:
            return None
        exact = kind is edtf.DateAndTime or (kind is edtf.Date and parsed.day is not None)
        return bounds[0], bounds[1], exact
    if kind not in (edtf.Interval, edtf.Level1Interval):
        return None  # level 2, long years
    sides: list[tuple[datetime.date, datetime.date] | None] = []
    for side in (parsed.lower, parsed.upper):
        if isinstance(side, edtf.UnspecifiedIntervalSection):
            sides.append(None)  # open or unknown: no bound
            continue
        bounds = _library_bounds(side)
        if bounds is None:
            return None
        sides.append(bounds)
    if sides == [None, None]:
        return None
    return (sides[0][0] if sides[0] else None, sides[1][1] if sides[1] else None, False)


def _library_bounds(parsed: Any) -> tuple[datetime.date, datetime.date] | None:
    """The strict bounds of a single date from the library, as dates; ``None`` if they are not calendar days."""
    try:
        low, high = parsed.lower_strict(), parsed.upper_strict()
        earliest = datetime.date(low.tm_year, low.tm_mon, low.tm_mday)
        latest = datetime.date(high.tm_year, high.tm_mon, high.tm_mday)
    except (ValueError, TypeError, OverflowError):
        return None  # 29 February of a common year, year 0000, years past 9999
    inner = getattr(parsed, "date", parsed)
    if getattr(inner, "season", None) == "24" and latest.year < 9999:
        # The library ends winter on 31 December; it runs on to the end of February.
        latest = datetime.date(latest.year + 1, 3, 1) - datetime.timedelta(days=1)
    return earliest, latest


# --------------------------------------------------------------------------
# Words.
# --------------------------------------------------------------------------


def _describe_one(text: str) -> str:
    qualifier = text[-1] if text[-1:] in ("?", "~", "%") else ""
    base = text[: len(text) - len(qualifier)]
    words = _words(base)
    if qualifier in ("~", "%"):
        words = f"about {words}"
    if qualifier in ("?", "%"):
        words = f"{words} (uncertain)"
    return words


def _words(base: str) -> str:
    found = _COMMON.fullmatch(base)
    if found is not None:
        year, month, day, _ = found.groups()
        if month is None:
            return year
        if int(month) in _SEASONS:
            return f"{_SEASONS[int(month)]} {year}"
        if day is None:
            return f"{_MONTHS[int(month) - 1]} {year}"
        return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
    found = _UNSPECIFIED.fullmatch(base)
    if found is not None:
        year, month, day, _ = found.groups()
        if "X" in year:
            return f"the {year.replace('X', '0')}s"
        if month == "XX":
            return f"some {'day' if day else 'month'} of {year}"
        if day == "XX":
            return f"some day of {_MONTHS[int(month) - 1]} {year}"
    return base
