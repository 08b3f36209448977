"""Observations and disputes: the records of an agreement's follow-through, as plain data.

An observation is the value one metric took in one reporting period (see
:mod:`mga_tools.model.periods`), who reported it, when and on what evidence.
A dispute is one invocation of a dispute mechanism: its scenario, its
parties, the day it was opened, the ladder's steps taken so far and, once it
has ended, its outcome. Both are read from the files beside the agreement
(:mod:`mga_tools.load.records`), each with where it was written, so that a
later finding about it (a breach, an overdue step) can be located.

The readers here are tolerant: they take what a document holds as it is
(the schema and the rules report what is wrong), and turn dates they can
read into dates.
"""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

QUALITATIVE_VALUES = ("clear", "triggered")
RESULTS = ("resolved", "withdrawn", "escalated-outside", "decided")


class Location(NamedTuple):
    """Where a record was written: the file (as displayed) and a 1-based line and column."""

    path: str
    line: int
    col: int


class Observation(NamedTuple):
    """One metric's value in one period.

    ``value`` is a number, ``clear`` or ``triggered``, or a gap (a mapping
    with ``gap``: the value is not known). ``evidence`` is a mapping (``url``,
    or ``sha256`` and ``file``), a sentence, or None.
    """

    metric: str
    period: str
    value: Any
    reported_by: str
    reported_on: datetime.date | None
    unit: str | None = None
    evidence: Any = None
    verified_by: str | None = None
    note: str | None = None
    at: Location | None = None


class StepTaken(NamedTuple):
    """A step of the mechanism's ladder that a dispute reached (``step`` is 1-based)."""

    step: int
    started: datetime.date | None
    ended: datetime.date | None = None
    note: str | None = None


class Outcome(NamedTuple):
    """How a dispute ended."""

    date: datetime.date | None
    result: str
    text: str


class Dispute(NamedTuple):
    """One invocation of a dispute mechanism; ``mechanism`` is None when the scenario's first one applies."""

    id: str
    scenario: str
    mechanism: str | None
    parties: tuple[str, ...]
    opened: datetime.date | None
    steps: tuple[StepTaken, ...]
    outcome: Outcome | None = None
    at: Location | None = None

    @property
    def current(self) -> StepTaken | None:
        """The step the dispute is at (the last one taken), or None before the first."""
        return self.steps[-1] if self.steps else None


def as_date(value: object) -> datetime.date | None:
    """A date from YAML or CSV text (``YYYY-MM-DD``), or None when it is not one."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def observation_from(item: dict[str, Any], at: Location | None = None) -> Observation:
    """An observation from one entry of an observations file."""
    return Observation(
        metric=str(item.get("metric", "")),
        period=str(item.get("period", "")),
        value=item.get("value"),
        reported_by=str(item.get("reported_by", "")),
        reported_on=as_date(item.get("reported_on")),
        unit=_text(item.get("unit")),
        evidence=item.get("evidence"),
        verified_by=_text(item.get("verified_by")),
        note=_text(item.get("note")),
        at=at,
    )


def dispute_from(item: dict[str, Any], at: Location | None = None) -> Dispute:
    """A dispute from one entry of a disputes file."""
    steps = tuple(
        StepTaken(s["step"], as_date(s.get("started")), as_date(s.get("ended")), _text(s.get("note")))
        for s in item.get("steps") or ()
        if isinstance(s, dict) and isinstance(s.get("step"), int)
    )
    raw = item.get("outcome")
    outcome = None
    if isinstance(raw, dict):
        outcome = Outcome(as_date(raw.get("date")), str(raw.get("result", "")), str(raw.get("text", "")))
    parties = item.get("parties")
    return Dispute(
        id=str(item.get("id", "")),
        scenario=str(item.get("scenario", "")),
        mechanism=_text(item.get("mechanism")),
        parties=tuple(p for p in parties if isinstance(p, str)) if isinstance(parties, list) else (),
        opened=as_date(item.get("opened")),
        steps=steps,
        outcome=outcome,
        at=at,
    )


def mechanism_of(dispute: Dispute, scenario: dict[str, Any] | None) -> str | None:
    """The id of the mechanism a dispute follows: its own, else its scenario's first dispute mechanism."""
    if dispute.mechanism:
        return dispute.mechanism
    listed = scenario.get("dispute_mechanisms") if isinstance(scenario, dict) else None
    return listed[0] if isinstance(listed, list) and listed and isinstance(listed[0], str) else None
