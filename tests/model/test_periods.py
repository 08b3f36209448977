"""Reporting periods: labels, anchors, due dates, month ends, leap years and labels that name no period."""

from __future__ import annotations

import datetime
import itertools

import pytest

from mga_tools.model.periods import (
    EVERY,
    Period,
    Reporting,
    due_date,
    parse_period,
    period_containing,
    periods_between,
    reporting_of,
)

D = datetime.date
MONTH = Reporting("month", 10, None)
QUARTER = Reporting("quarter", 30, None)
HALF = Reporting("half-year", 45, None)
YEAR = Reporting("year", 60, None)
FISCAL = Reporting("year", 60, D(2025, 7, 1))  # years from July to June


@pytest.mark.parametrize(
    ("rep", "day", "expected"),
    [
        (MONTH, D(2025, 2, 14), Period(D(2025, 2, 1), D(2025, 2, 28), "2025-02")),
        (MONTH, D(2024, 2, 29), Period(D(2024, 2, 1), D(2024, 2, 29), "2024-02")),
        (QUARTER, D(2025, 3, 31), Period(D(2025, 1, 1), D(2025, 3, 31), "2025-Q1")),
        (QUARTER, D(2025, 10, 1), Period(D(2025, 10, 1), D(2025, 12, 31), "2025-Q4")),
        (HALF, D(2025, 7, 1), Period(D(2025, 7, 1), D(2025, 12, 31), "2025-H2")),
        (HALF, D(2025, 6, 30), Period(D(2025, 1, 1), D(2025, 6, 30), "2025-H1")),
        (YEAR, D(2025, 12, 31), Period(D(2025, 1, 1), D(2025, 12, 31), "2025")),
        (FISCAL, D(2025, 3, 3), Period(D(2024, 7, 1), D(2025, 6, 30), "2024-07-01")),
        (FISCAL, D(2025, 7, 1), Period(D(2025, 7, 1), D(2026, 6, 30), "2025-07-01")),
    ],
)
def test_the_period_containing_a_day(rep, day, expected):
    assert period_containing(day, rep) == expected


def test_an_anchor_on_a_calendar_boundary_keeps_the_calendar_labels():
    # Quarters anchored on 1 April are the calendar quarters; so are half-years anchored on 1 July.
    assert period_containing(D(2025, 5, 5), Reporting("quarter", 0, D(2020, 4, 1))).label == "2025-Q2"
    assert period_containing(D(2025, 8, 5), Reporting("half-year", 0, D(2020, 7, 1))).label == "2025-H2"
    # Quarters from February are not: they are named by their first day.
    shifted = Reporting("quarter", 0, D(2025, 2, 1))
    assert period_containing(D(2025, 1, 15), shifted) == Period(D(2024, 11, 1), D(2025, 1, 31), "2024-11-01")


def test_an_anchor_after_the_first_of_the_month_cuts_periods_there_clamped_to_month_ends():
    rep = Reporting("month", 0, D(2024, 1, 31))
    found = periods_between(rep, D(2024, 1, 1), D(2024, 3, 31))
    assert [(p.start, p.end) for p in found] == [
        (D(2024, 1, 31), D(2024, 2, 28)),
        (D(2024, 2, 29), D(2024, 3, 30)),
        (D(2024, 3, 31), D(2024, 4, 29)),
    ]
    assert period_containing(D(2024, 1, 30), rep).start == D(2023, 12, 31)
    uk_tax_year = Reporting("year", 0, D(2025, 4, 6))
    assert period_containing(D(2026, 4, 5), uk_tax_year) == Period(D(2025, 4, 6), D(2026, 4, 5), "2025-04-06")


def test_periods_between_are_those_that_start_in_the_range():
    found = periods_between(QUARTER, D(2025, 1, 2), D(2026, 1, 1))
    assert [p.label for p in found] == ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    assert periods_between(FISCAL, D(2024, 7, 1), D(2026, 6, 30))[-1].label == "2025-07-01"
    assert periods_between(MONTH, D(2025, 5, 2), D(2025, 5, 30)) == []
    consecutive = periods_between(MONTH, D(2023, 1, 1), D(2025, 12, 31))
    assert len(consecutive) == 36
    assert all(b.start == a.end + datetime.timedelta(days=1) for a, b in itertools.pairwise(consecutive))


def test_due_dates_count_from_the_last_day_of_the_period():
    assert due_date(parse_period("2025-Q1", QUARTER), QUARTER) == D(2025, 4, 30)
    assert due_date(parse_period("2024-02", MONTH), MONTH) == D(2024, 3, 10)  # leap February ends on the 29th
    assert due_date(parse_period("2025-02", MONTH), MONTH) == D(2025, 3, 10)
    assert due_date(parse_period("2025-H2", HALF), HALF) == D(2026, 2, 14)
    assert due_date(parse_period("2024-07-01", FISCAL), FISCAL) == D(2025, 8, 29)
    assert due_date(parse_period("2025", Reporting("year", 0)), Reporting("year", 0)) == D(2025, 12, 31)


@pytest.mark.parametrize(
    ("rep", "text", "label"),
    [
        (MONTH, "2025-03", "2025-03"),
        (MONTH, "2025-03-01", "2025-03"),
        (QUARTER, "2025-Q3", "2025-Q3"),
        (QUARTER, "2025-07-01", "2025-Q3"),
        (HALF, "2025-H1", "2025-H1"),
        (YEAR, "2025", "2025"),
        (YEAR, " 2025 ", "2025"),
        (FISCAL, "2026-07-01", "2026-07-01"),
        (FISCAL, "2019-07-01", "2019-07-01"),
    ],
)
def test_labels_and_first_days_name_periods(rep, text, label):
    found = parse_period(text, rep)
    assert isinstance(found, Period) and found.label == label
    assert parse_period(found.label, rep) == found  # the canonical label reads back


@pytest.mark.parametrize(
    ("rep", "text", "message"),
    [
        (QUARTER, "2025-Q5", "'2025-Q5' is not a label of a quarter period (such as '2025-Q1')"),
        (QUARTER, "2025-H1", "'2025-H1' is not a label of a quarter period (such as '2025-Q1')"),
        (QUARTER, "2025-02-01", "'2025-02-01' is not the first day of a quarter period (that period is '2025-Q1')"),
        (MONTH, "2025-13", "'2025-13' is not a period label"),
        (MONTH, "2025-00", "'2025-00' is not a period label"),
        (MONTH, "2025-02-30", "'2025-02-30' is not a date of a reporting period"),
        (MONTH, "2025-3", "'2025-3' is not a label of a month period (such as '2025-01')"),
        (YEAR, "25", "'25' is not a label of a year period (such as '2025')"),
        (YEAR, "0000", "'0000' is not a period label"),
        (YEAR, "", "'' is not a label of a year period (such as '2025')"),
        (
            FISCAL,
            "2025",
            "'2025' is not a label of a year period starting on 2025-07-01 or a whole number of years from it "
            "(such as '2024-07-01')",
        ),
        (
            FISCAL,
            "2025-01-01",
            "'2025-01-01' is not the first day of a year period starting on 2025-07-01 or a "
            "whole number of years from it (that period is '2024-07-01')",
        ),
        (QUARTER, "9999-Q4", "'9999-Q4' is not a period label"),
        (FISCAL, "0001-01-01", "'0001-01-01' is not a date of a reporting period"),
    ],
)
def test_labels_that_name_no_period_say_why(rep, text, message):
    assert parse_period(text, rep) == message


def test_reporting_of_reads_a_metric_and_refuses_what_is_malformed():
    assert reporting_of({"reporting": {"every": "quarter", "due_days": 30}}) == Reporting("quarter", 30, None)
    assert reporting_of({"reporting": {"every": "year", "due_days": 0, "anchor": D(2025, 7, 1)}}) == FISCAL._replace(
        due_days=0
    )
    assert reporting_of({"reporting": {"every": "month", "due_days": 5, "anchor": "2025-03-01"}}).anchor == D(
        2025, 3, 1
    )
    for broken in (
        {},
        {"cadence": "Monthly"},
        {"reporting": "monthly"},
        {"reporting": {"every": "week", "due_days": 5}},
        {"reporting": {"every": "month", "due_days": -1}},
        {"reporting": {"every": "month", "due_days": True}},
        {"reporting": {"every": "month", "due_days": 5, "anchor": "July"}},
        {"reporting": {"every": "month", "due_days": 5, "anchor": "2025-02-30"}},
    ):
        assert reporting_of(broken) is None, broken
    assert reporting_of("not a metric") is None  # type: ignore[arg-type]
    assert EVERY == ("month", "quarter", "half-year", "year")
