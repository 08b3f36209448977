"""Deadlines read from an agreement: only full dates count, settled conditions do not, order by date."""

from __future__ import annotations

import datetime
from typing import Any

from mga_tools.model import Agreement
from mga_tools.model.deadlines import deadlines, next_deadline, open_amendments

D = datetime.date


def _agreement(**extra: Any) -> Agreement:
    data: dict[str, Any] = {
        "id": "x",
        "title": "X",
        "preparation": {"parties": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Beta"}]},
        "terms": [
            {"id": "pay", "title": "Payment", "text": "A pays.", "obligated": ["a"], "due": "2027-03-01"},
            {"id": "report", "text": "B reports.", "obligated": ["b"], "due": "within 90 days of signature"},
            {
                "id": "build",
                "title": "Works",
                "text": "A builds.",
                "obligated": ["a", "b"],
                "conditions": [
                    {"if": "Permit  granted", "by": "2027-01-15"},
                    {"if": "Funds voted", "by": "2026-12-20", "status": "met"},
                ],
            },
        ],
        "expires": "2030-12-31",
        **extra,
    }
    return Agreement(data)


def test_dated_deadlines_in_date_order() -> None:
    found = deadlines(_agreement())
    assert [(d.date, d.kind, d.ident) for d in found] == [
        (D(2027, 1, 15), "condition", "build"),
        (D(2027, 3, 1), "term", "pay"),
        (D(2030, 12, 31), "expiry", None),
    ]
    assert found[0].what == "Condition of Works: Permit granted"
    assert found[0].parties == ("a", "b")
    assert found[1].what == "Payment is due"


def test_a_rule_in_words_is_not_turned_into_a_date() -> None:
    assert all(d.ident != "report" for d in deadlines(_agreement()))


def test_rough_or_unknown_dates_are_not_deadlines() -> None:
    rough = _agreement(expires="2030")
    assert [d.kind for d in deadlines(rough)] == ["condition", "term"]
    gap = _agreement(expires={"unknown": "not in the sources"})
    assert "expiry" not in [d.kind for d in deadlines(gap)]


def test_next_deadline_is_the_first_on_or_after_today() -> None:
    a = _agreement()
    assert next_deadline(a, D(2027, 1, 15)).ident == "build"  # type: ignore[union-attr]
    assert next_deadline(a, D(2027, 1, 16)).ident == "pay"  # type: ignore[union-attr]
    assert next_deadline(a, D(2031, 1, 1)) is None


def test_amendments_not_in_force_are_open() -> None:
    amendments = [
        {"id": "one", "summary": "In force", "entry_into_force": "2026-01-01"},
        {"id": "two", "summary": "Coming", "entry_into_force": "2027-06-01"},
        {"id": "three", "summary": "Adopted, not yet ratified", "adopted": "2026-10-01"},
        {"id": "four", "summary": "In force some time in 2025", "entry_into_force": "2025"},
    ]
    a = _agreement(amendments=amendments)
    assert [x["id"] for x in open_amendments(a, D(2026, 12, 8))] == ["two", "three"]
    assert [x["id"] for x in open_amendments(a, D(2027, 6, 1))] == ["three"]
    entering = [d for d in deadlines(a) if d.kind == "amendment"]
    assert [(d.date, d.what) for d in entering] == [
        (D(2026, 1, 1), "Amendment enters into force: In force"),
        (D(2027, 6, 1), "Amendment enters into force: Coming"),
    ]
