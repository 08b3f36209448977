"""Reporting periods: how a metric's structured ``reporting`` cuts time into periods.

A metric may state when it is reported::

    reporting:
      every: quarter        # month, quarter, half-year or year
      due_days: 30          # each period's report is due 30 days after the period ends
      anchor: 2025-07-01    # optional: the first day of some period (default: January 1st)

Periods follow the calendar unless an anchor moves them: with the anchor
2025-07-01, yearly periods run from July to June. A period is named by a label:
``2025``, ``2025-03``, ``2025-Q1`` or ``2025-H2`` for calendar periods, and by
its first day (``2025-07-01``) otherwise. Reading a label accepts the canonical
label and, for any period, its first day.

Observations, ``mga monitor``, calendars and the site all read periods through
this module, so that a period means the same thing everywhere. Stdlib only.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, NamedTuple

EVERY = ("month", "quarter", "half-year", "year")
# How many months each kind of period spans.
MONTHS = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}

_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Reporting(NamedTuple):
    """A metric's structured reporting cadence."""

    every: str  # one of EVERY
    due_days: int  # a period's report is due this many days after the period ends
    # The first day of some period; None means January 1st (calendar periods).
    anchor: datetime.date | None = None


class Period(NamedTuple):
    """One reporting period: its first and last day (inclusive) and its canonical label."""

    start: datetime.date
    end: datetime.date
    label: str


def _as_date(value: object) -> datetime.date | None:
    """A date from a YAML value (a date, or text YYYY-MM-DD), or None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _DAY.fullmatch(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def reporting_of(metric: Any) -> Reporting | None:
    """The metric's structured reporting, or None when it states none usable.

    Tolerant of documents that have not been validated: a missing or malformed
    ``reporting`` (unknown ``every``, negative or non-integer ``due_days``,
    an anchor that is not a date) gives None; the schema reports those.
    """
    if not isinstance(metric, dict):
        return None
    rep = metric.get("reporting")
    if not isinstance(rep, dict):
        return None
    every = rep.get("every")
    due = rep.get("due_days", 0)
    if every not in EVERY or isinstance(due, bool) or not isinstance(due, int) or due < 0:
        return None
    anchor = None
    if rep.get("anchor") is not None:
        anchor = _as_date(rep.get("anchor"))
        if anchor is None:
            return None
    return Reporting(every, due, anchor)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by ``months`` (may be negative)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _anchor_month(rep: Reporting) -> int:
    """The month (1-12) in which some period starts. Periods always start on a month's first day
    when the anchor is a first day; an anchor on another day keeps that day (clamped to month ends)."""
    return rep.anchor.month if rep.anchor else 1


def _anchor_day(rep: Reporting) -> int:
    return rep.anchor.day if rep.anchor else 1


def _month_start(year: int, month: int, day: int) -> datetime.date:
    """The ``day`` of a month, clamped to its last day (an anchor on the 31st in a 30-day month)."""
    last = _last_day(year, month)
    return datetime.date(year, month, min(day, last))


def _last_day(year: int, month: int) -> int:
    ny, nm = _add_months(year, month, 1)
    return (datetime.date(ny, nm, 1) - datetime.timedelta(days=1)).day


def _is_calendar(rep: Reporting) -> bool:
    """Whether periods follow the calendar, so that they have the short labels."""
    if _anchor_day(rep) != 1:
        return False
    return (_anchor_month(rep) - 1) % MONTHS[rep.every] == 0


def _period_from(year: int, month: int, rep: Reporting) -> Period:
    """The period starting in (year, month)."""
    day = _anchor_day(rep)
    start = _month_start(year, month, day)
    ny, nm = _add_months(year, month, MONTHS[rep.every])
    end = _month_start(ny, nm, day) - datetime.timedelta(days=1)
    return Period(start, end, _label(start, rep))


def _label(start: datetime.date, rep: Reporting) -> str:
    if not _is_calendar(rep):
        return start.isoformat()
    if rep.every == "year":
        return f"{start.year:04d}"
    if rep.every == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if rep.every == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year:04d}-H{(start.month - 1) // 6 + 1}"


def period_containing(day: datetime.date, rep: Reporting) -> Period:
    """The period of ``rep`` that contains ``day``.

    Raises ValueError for a day whose period runs outside the years 1-9999.
    """
    span = MONTHS[rep.every]
    # Months since the anchor month, rounded down to a whole number of periods.
    offset = (day.year * 12 + day.month - 1) - (_anchor_month(rep) - 1)
    first = offset - offset % span
    year, month = divmod(first + _anchor_month(rep) - 1, 12)
    period = _period_from(year, month + 1, rep)
    # An anchor after the 1st: the day may fall before this period's start.
    if day < period.start:
        y, m = _add_months(period.start.year, period.start.month, -span)
        period = _period_from(y, m, rep)
    return period


def _next(period: Period, rep: Reporting) -> Period:
    y, m = _add_months(period.start.year, period.start.month, MONTHS[rep.every])
    return _period_from(y, m, rep)


def periods_between(rep: Reporting, first: datetime.date, last: datetime.date) -> list[Period]:
    """The periods of ``rep`` that start in [first, last], in order."""
    out: list[Period] = []
    period = period_containing(first, rep)
    if period.start < first:
        period = _next(period, rep)
    while period.start <= last:
        out.append(period)
        period = _next(period, rep)
    return out


def due_date(period: Period, rep: Reporting) -> datetime.date:
    """The day a period's report is due: ``due_days`` after the period's last day."""
    return period.end + datetime.timedelta(days=rep.due_days)


def parse_period(text: str, rep: Reporting) -> Period | str:
    """The period a label names under ``rep``, or a message saying why it names none.

    Accepts the canonical label (``2025-Q1``...) and the first day of any period
    (``2025-01-01``).
    """
    text = str(text).strip()
    example = period_containing(datetime.date(2025, 1, 1), rep).label
    what = f"a {rep.every} period" + (
        f" starting on {rep.anchor.isoformat()} or a whole number of {rep.every}s from it"
        if rep.anchor and not _is_calendar(rep)
        else ""
    )
    if _DAY.fullmatch(text):
        try:
            day = datetime.date.fromisoformat(text)
            period = period_containing(day, rep)
        except (ValueError, OverflowError):
            # Not a date, or a period that would run past the years dates can hold.
            return f"{text!r} is not a date of a reporting period"
        if period.start != day:
            return f"{text!r} is not the first day of {what} (that period is {period.label!r})"
        return period
    candidate: datetime.date | None = None
    if _is_calendar(rep):
        try:
            if rep.every == "year" and _YEAR.fullmatch(text):
                candidate = datetime.date(int(text), 1, 1)
            elif rep.every == "month" and (m := _MONTH.fullmatch(text)):
                candidate = datetime.date(int(m[1]), int(m[2]), 1)
            elif rep.every == "quarter" and (m := _QUARTER.fullmatch(text)):
                candidate = datetime.date(int(m[1]), (int(m[2]) - 1) * 3 + 1, 1)
            elif rep.every == "half-year" and (m := _HALF.fullmatch(text)):
                candidate = datetime.date(int(m[1]), (int(m[2]) - 1) * 6 + 1, 1)
        except ValueError:
            return f"{text!r} is not a period label"
    if candidate is None or candidate.year < 1:
        return f"{text!r} is not a label of {what} (such as {example!r})"
    try:
        return period_containing(candidate, rep)
    except (ValueError, OverflowError):
        return f"{text!r} is not a period label"
