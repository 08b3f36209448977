"""Deadlines an agreement sets itself, as dated facts: what is due, from whom, on which day.

A deadline is known only when the agreement gives a full calendar date
(``YYYY-MM-DD``): a term's ``due`` date, the ``by`` date of a condition still
pending (of the agreement or of a term), the day an adopted amendment enters
into force, and the expiry of the agreement. A rule such as "within 90 days
of the effective date" is shown as written wherever the term is shown, but is
never turned into a date here: the record says what it says.

The site's summary block and the portfolio show :func:`next_deadline`, the
first deadline on or after the day of the build.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NamedTuple

from mga_tools.model.agreement import label
from mga_tools.model.dates import is_calendar_date
from mga_tools.model.facts import is_gap

if TYPE_CHECKING:
    from typing import Any

    from mga_tools.model.agreement import Agreement

__all__ = ["Deadline", "deadlines", "next_deadline", "open_amendments"]

# The condition statuses after which its date is no longer a deadline.
_SETTLED = frozenset({"met", "waived", "failed"})


class Deadline(NamedTuple):
    """One dated deadline: ``kind`` is ``term``, ``condition``, ``amendment`` or ``expiry``."""

    date: datetime.date
    kind: str
    what: str  # in words, e.g. "Water delivery schedule is due"
    ident: str | None  # the id of the term, amendment or condition's term; None for the agreement itself
    parties: tuple[str, ...] = ()  # ids of those who owe it (a term's obligated)


def _day(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if is_calendar_date(value) else None


def _conditions(values: Any, owner: str, ident: str | None, parties: tuple[str, ...]) -> list[Deadline]:
    found = []
    for c in values if isinstance(values, list) else []:
        if not isinstance(c, dict) or c.get("status", "pending") in _SETTLED:
            continue
        day = _day(c.get("by"))
        if day is not None:
            condition = " ".join(str(c.get("if", "")).split())
            found.append(Deadline(day, "condition", f"Condition of {owner}: {condition}", ident, parties))
    return found


def deadlines(a: Agreement) -> list[Deadline]:
    """Every dated deadline of the agreement, earliest first (ties in the order of the file)."""
    found: list[Deadline] = []
    for term in a.terms:
        obligated = term.get("obligated")
        parties = tuple(str(x) for x in obligated) if isinstance(obligated, list) else ()
        name = label(term)
        day = _day(term.get("due"))
        if day is not None:
            found.append(Deadline(day, "term", f"{name} is due", str(term["id"]), parties))
        found += _conditions(term.get("conditions"), name, str(term["id"]), parties)
    found += _conditions(a.data.get("conditions"), "the agreement", None, ())
    for amendment in a.amendments:
        day = _day(amendment.get("entry_into_force"))
        if day is not None:
            what = f"Amendment enters into force: {' '.join(str(amendment.get('summary', '')).split())}"
            found.append(Deadline(day, "amendment", what.rstrip(": "), str(amendment["id"]), ()))
    expires = a.data.get("expires")
    if not is_gap(expires):
        day = _day(expires)
        if day is not None:
            found.append(Deadline(day, "expiry", "The agreement expires", None, ()))
    return sorted(found, key=lambda d: d.date)


def next_deadline(a: Agreement, today: datetime.date) -> Deadline | None:
    """The first deadline on or after ``today``, or ``None``."""
    return next((d for d in deadlines(a) if d.date >= today), None)


def open_amendments(a: Agreement, today: datetime.date) -> list[dict[str, Any]]:
    """Amendments not in force on ``today``: no entry into force recorded, or one still to come."""
    found = []
    for amendment in a.amendments:
        day = _day(amendment.get("entry_into_force"))
        if day is None and amendment.get("entry_into_force") not in (None, ""):
            continue  # in force on a date known only roughly (EDTF): not open, it is recorded as done
        if day is None or day > today:
            found.append(amendment)
    return found
