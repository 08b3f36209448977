"""Deadlines as of a date, for ``mga monitor``: terms' due dates, pending conditions, dispute steps.

A dispute step's deadline is known only when the mechanism's step gives its
``time_limit`` in one of the simple forms "within 60 days", "30 days",
"2 weeks" or "3 months": the deadline is the day the step started plus that
limit. Any other wording ("10 business days", "promptly") is shown as written
elsewhere and never turned into a date here.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.model.agreement import label
from mga_tools.model.deadlines import deadlines
from mga_tools.model.observations import mechanism_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from mga_tools.model.agreement import Agreement
    from mga_tools.model.observations import Dispute, Location

SOON = "MONITOR-DEADLINE-SOON"
MISSED = "MONITOR-DEADLINE-MISSED"

_LIMIT = re.compile(r"(?:within\s+)?(\d{1,4})\s+(day|week|month)s?", re.IGNORECASE)


def limit_days(start: datetime.date, text: object) -> datetime.date | None:
    """``start`` plus a time limit written as "within 60 days", "2 weeks", "3 months"; None for anything else."""
    found = _LIMIT.fullmatch(" ".join(str(text).split())) if isinstance(text, str) else None
    if found is None:
        return None
    n, unit = int(found.group(1)), found.group(2).lower()
    if unit == "day":
        return start + datetime.timedelta(days=n)
    if unit == "week":
        return start + datetime.timedelta(weeks=n)
    months = start.month - 1 + n
    year, month = start.year + months // 12, months % 12 + 1
    # A month later than January 31st is the last day of February: the limit never runs past a month's end.
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(start.day, last))


def _judge(
    due: datetime.date, what: str, where: tuple[str, int, int], as_of: datetime.date, within: int
) -> Diagnostic | None:
    path, line, col = where
    if due < as_of:
        days = (as_of - due).days
        return Diagnostic(
            path,
            line,
            col,
            MISSED,
            Severity.ERROR,
            f"{what.rstrip('.')}: due on {due}, missed by {days} day{'s' * (days != 1)}",
        )
    if due <= as_of + datetime.timedelta(days=within):
        days = (due - as_of).days
        when = "today" if days == 0 else f"in {days} day{'s' * (days != 1)}"
        return Diagnostic(path, line, col, SOON, Severity.WARNING, f"{what.rstrip('.')}: due on {due}, {when}")
    return None


def deadline_findings(
    a: Agreement,
    where: Callable[[tuple[str | int, ...]], tuple[str, int, int]],
    pointers: dict[str, tuple[str | int, ...]],
    as_of: datetime.date,
    within: int,
) -> list[Diagnostic]:
    """Terms' due dates within ``within`` days, and pending conditions missed before ``as_of`` or due soon.

    A term's due date that has passed is not reported as missed: the agreement
    records no completion of a term, so whether it was delivered is not in the
    record, and a finding would claim what nobody knows. A condition still
    ``pending`` after its date is missed by the record's own account.
    ``where`` locates a pointer in the agreement's file; ``pointers`` maps a term id to its pointer.
    """
    found = []
    for d in deadlines(a):
        if d.kind not in ("term", "condition"):
            continue  # an expiry or an amendment's entry into force is a date, not something owed
        pointer = pointers.get(d.ident or "", ("conditions",))
        finding = _judge(d.date, d.what, where(pointer), as_of, within)
        if finding is not None and not (d.kind == "term" and finding.rule == MISSED):
            found.append(finding)
    return found


def dispute_findings(
    a: Agreement, disputes: list[Dispute], as_of: datetime.date, within: int, fallback: Location
) -> list[Diagnostic]:
    """The time limits of dispute steps started and not ended, missed or due within ``within`` days."""
    scenarios = {str(s.get("id")): s for s in a.scenarios}
    mechanisms = {str(m.get("id")): m for m in a.mechanisms}
    found = []
    for dispute in disputes:
        step = dispute.current
        if dispute.outcome is not None or step is None or step.started is None or step.ended is not None:
            continue
        mechanism = mechanisms.get(mechanism_of(dispute, scenarios.get(dispute.scenario)) or "")
        ladder = mechanism.get("steps") if mechanism else None
        if (
            not isinstance(ladder, list)
            or not 0 < step.step <= len(ladder)
            or not isinstance(ladder[step.step - 1], dict)
        ):
            continue  # validation reports a step beyond the ladder
        limit = ladder[step.step - 1].get("time_limit")
        due = limit_days(step.started, limit)
        if due is None or mechanism is None:
            continue
        what = f"dispute '{dispute.id}', step {step.step} of {label(mechanism)} ({limit}, started {step.started})"
        at = dispute.at or fallback
        finding = _judge(due, what, (at.path, at.line, at.col), as_of, within)
        if finding is not None:
            found.append(finding)
    return found
