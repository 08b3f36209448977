"""Dates of history (EDTF level 1): the fast path reads the common forms exactly as the ``edtf`` library does.

The fast path (a regular expression and :mod:`datetime`) keeps pyparsing out
of the commit hook; it is only right if, on every text of the common forms
(valid or not), it gives the same verdict and the same bounds as the library.
"""

from __future__ import annotations

import datetime
import subprocess
import sys

import edtf
import pytest
from conftest import ROOT, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from mga_tools.model import dates
from mga_tools.model.dates import Span, definitely_before, describe, is_calendar_date, precision, problem, span
from mga_tools.validate.fastschema import compile_schema
from mga_tools.validate.schema import validator_for

D = datetime.date


# --------------------------------------------------------------------------
# What the forms mean.
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "exact"),
    [
        ("2020", D(2020, 1, 1), D(2020, 12, 31), False),
        ("2020-02", D(2020, 2, 1), D(2020, 2, 29), False),
        ("2021-02", D(2021, 2, 1), D(2021, 2, 28), False),
        ("2020-05-03", D(2020, 5, 3), D(2020, 5, 3), True),
        ("2000-02-29", D(2000, 2, 29), D(2000, 2, 29), True),
        ("1987~", D(1987, 1, 1), D(1987, 12, 31), False),
        ("2020-05?", D(2020, 5, 1), D(2020, 5, 31), False),
        ("2020-05-03%", D(2020, 5, 3), D(2020, 5, 3), False),
        ("1987-09-16/1989-01-01", D(1987, 9, 16), D(1989, 1, 1), False),
        ("1987~/1989", D(1987, 1, 1), D(1989, 12, 31), False),
        ("2001/..", D(2001, 1, 1), None, False),
        ("../2001-05", None, D(2001, 5, 31), False),
        # Left to the library:
        ("199X", D(1990, 1, 1), D(1999, 12, 31), False),
        ("19XX", D(1900, 1, 1), D(1999, 12, 31), False),
        ("2004-XX", D(2004, 1, 1), D(2004, 12, 31), False),
        ("2004-02-XX", D(2004, 2, 1), D(2004, 2, 29), False),
        ("2001-21", D(2001, 3, 1), D(2001, 5, 31), False),
        ("2001-24", D(2001, 12, 1), D(2002, 2, 28), False),  # winter runs into the next year
        ("2001/", D(2001, 1, 1), None, False),  # an unknown end has no bound
        ("/2001", None, D(2001, 12, 31), False),
        ("2001-21~/2002", D(2001, 3, 1), D(2002, 12, 31), False),
        ("2020-05-03T10:00:00Z", D(2020, 5, 3), D(2020, 5, 3), True),
    ],
)
def test_spans(text: str, earliest: D | None, latest: D | None, exact: bool) -> None:
    assert span(text) == Span(earliest, latest, exact)


@pytest.mark.parametrize(
    "text",
    [
        "", " 2020", "2020 ", "20", "20200", "2001-02-29", "1900-02-29", "2001-13", "2001-00", "2001-04-31",
        "2001-13-45", "0000", "2001-1-1", "2020-05-03~x", "2005/2001", "2001-05/2001-04", "../..", "/",
        "2001/2002/2003",
        "1950S2", "2004-06~-11", "[1667,1668]", "{1667,1668}", "Y170000002", "-0100", "2001-21~", "2001-25",
        "about 1987", "１９８７", "2020-05-03T25:00:00", "x" * 80,
    ],
)  # fmt: skip
def test_not_dates(text: str) -> None:
    assert span(text) is None
    assert problem(text)


def test_what_is_not_text_is_no_date() -> None:
    values: list[object] = [None, 2020, 2020.0, [], {"gap": "unknown", "reason": "lost"}]
    for value in values:
        assert span(value) is None
        assert not dates.is_date(value)
        assert not is_calendar_date(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2001-02-29", "2001-02-29 is not a calendar date"),
        ("2001-13", "there is no month 13"),
        ("0000", "years start at 0001"),
        ("2005/2001", "the interval ends before it starts"),
        ("../..", "an interval needs at least one date"),
        (" 2020", "it starts or ends with a space"),
        ("about 1987", "it is not in a form of EDTF level 1"),
    ],
)
def test_problems_say_what_is_wrong(text: str, expected: str) -> None:
    assert problem(text) == expected


def test_calendar_dates() -> None:
    assert is_calendar_date("2000-02-29")
    assert not is_calendar_date("2001-02-29")
    assert not is_calendar_date("2020")
    assert not is_calendar_date("2020-05-03~")
    assert not is_calendar_date("2020-05-03T10:00:00")


@pytest.mark.parametrize(
    ("a", "b", "before"),
    [
        ("1989~", "1990", True),
        ("1989", "1989-06", False),  # 1989 may be June 1989 or later
        ("1989-06", "1989", False),
        ("2025-12-31", "2026-01-01", True),
        ("2026-01-01", "2026-01-01", False),
        ("1987/1988", "1989-01-01/..", True),
        ("2001/..", "3000", False),  # an open end may be any day
        ("../1980", "1981", True),
        ("1989", "not a date", False),
        (None, "1990", False),
    ],
)
def test_definitely_before(a: str | None, b: str | None, before: bool) -> None:
    assert definitely_before(a, b) is before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1987~", "about 1987"),
        ("2020-05?", "May 2020 (uncertain)"),
        ("2020-05-03", "3 May 2020"),
        ("2020%", "about 2020 (uncertain)"),
        ("199X", "the 1990s"),
        ("2004-XX", "some month of 2004"),
        ("2004-06-XX", "some day of June 2004"),
        ("2001-23", "autumn 2001"),
        ("1987-09-16/1989", "from 16 September 1987 to 1989"),
        ("2001/..", "from 2001 on"),
        ("../2001", "until 2001"),
        ("2001/", "from 2001, end not known"),
        ("within 90 days", "within 90 days"),
    ],
)
def test_describe(text: str, words: str) -> None:
    assert describe(text) == words


def test_precision() -> None:
    assert [precision(t) for t in ("2020", "2020-05~", "2020-05-03", "2001-21", "199X", "2001/2002", "x")] == [
        "year",
        "month",
        "day",
        None,
        None,
        None,
        None,
    ]


def test_common_forms_do_not_load_the_library() -> None:
    probe = (
        "import sys\n"
        "from mga_tools.model import dates\n"
        "for text in ('2020', '2020-05?', '2020-05-03', '1987~/1989-01-01', '2001/..', '2001-02-29', '2001-13'):\n"
        "    dates.span(text); dates.describe(text); dates.problem(text)\n"
        "print(sorted(m for m in ('edtf', 'pyparsing') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------
# The fast path agrees with the library.
# --------------------------------------------------------------------------


def _library(text: str) -> tuple[D | None, D | None, bool] | None:
    """The library's own reading, side by side: valid or not, and its strict bounds (None for an open end)."""
    try:
        parsed = edtf.parse_edtf(text)
    except Exception:  # its grammar's actions raise assorted errors
        return None
    if isinstance(parsed, (edtf.Level2Season, edtf.Level2Interval, edtf.PartialUncertainOrApproximate)):
        return None  # level 2 (seasons 25 to 41...), which the project does not accept
    parts = [parsed.lower, parsed.upper] if isinstance(parsed, edtf.Interval) else [parsed]
    bounds: list[tuple[D, D] | None] = []
    for part in parts:
        if isinstance(part, edtf.UnspecifiedIntervalSection):
            bounds.append(None)
            continue
        low, high = part.lower_strict(), part.upper_strict()
        try:
            bounds.append((D(*low[:3]), D(*high[:3])))
        except ValueError:
            return None  # 29 February of a common year, year 0
    if bounds == [None, None]:
        return None
    first, last = bounds[0], bounds[-1]
    exact = isinstance(parsed, edtf.Date) and not isinstance(parsed, edtf.Interval) and parsed.day is not None
    return (first[0] if first else None, last[1] if last else None, exact)


_YEARS = st.one_of(st.integers(1, 9999), st.sampled_from([0, 1, 1900, 2000, 2001, 2024, 9999]))
_MONTHS = st.one_of(st.integers(1, 12), st.integers(0, 99))
_DAYS = st.one_of(st.integers(1, 31), st.sampled_from([0, 29, 30, 31, 32, 45, 99]))
_QUALIFIERS = st.sampled_from(["", "", "?", "~", "%"])


@st.composite
def _single(draw: st.DrawFn) -> str:
    text = f"{draw(_YEARS):04d}"
    shape = draw(st.sampled_from(["year", "month", "day", "day"]))
    if shape != "year":
        text += f"-{draw(_MONTHS):02d}"
    if shape == "day":
        text += f"-{draw(_DAYS):02d}"
    return text + draw(_QUALIFIERS)


_COMMON_FORMS = st.one_of(
    _single(),
    st.tuples(st.one_of(_single(), st.just("..")), st.one_of(_single(), st.just(".."))).map("/".join),
)


def _is_season(side: str) -> bool:
    parts = side.rstrip("?~%").split("-")
    return len(parts) == 2 and parts[1] in ("21", "22", "23", "24")


@settings(max_examples=examples(300), deadline=None, database=None)
@given(_COMMON_FORMS)
def test_fast_path_agrees_with_the_library(text: str) -> None:
    fast = dates._fast(text)
    if any(_is_season(side) for side in text.split("/")):
        assert fast is dates._DEFER  # seasons are the library's
        return
    assert fast is not dates._DEFER, text
    assert fast == _library(text), text
    assert fast == dates._by_library(text), text


def test_the_generator_reaches_both_verdicts() -> None:
    seen: set[bool] = set()

    @settings(max_examples=200, deadline=None, database=None)
    @given(_COMMON_FORMS)
    def collect(text: str) -> None:
        seen.add(span(text) is None)

    collect()
    assert seen == {True, False}


# --------------------------------------------------------------------------
# The schema's format "edtf", in both engines.
# --------------------------------------------------------------------------

WHEN = {"type": "string", "format": "edtf", "maxLength": 64}
SAMPLES: list[object] = [
    "2020", "2020-05", "2020-05-03", "1987~", "2020-05?", "199X", "1987-09-16/1989-01-01", "2001/..", "2001-21",
    "2001-02-29", "2000-02-29", "2001-13", "2005/2001", "about 1987", "", " 2020", "1950S2", None, 2020, [],
]  # fmt: skip


@pytest.mark.parametrize("value", SAMPLES)
def test_both_schema_engines_check_the_format(value: object) -> None:
    fast = compile_schema(WHEN)(value)
    assert fast == validator_for(WHEN).is_valid(value)
    assert fast == (isinstance(value, str) and span(value) is not None)


def test_jsonschema_alone_ignores_the_format() -> None:
    """Without the project's format checker the format would be an annotation: the checker is what applies it."""
    assert Draft202012Validator(WHEN).is_valid("not a date")
    assert not validator_for(WHEN).is_valid("not a date")
