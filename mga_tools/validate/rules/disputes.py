"""Disputes: the invocations of an agreement's dispute mechanisms (ID.disputes.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.model.observations import as_date
from mga_tools.validate.index import GROUP, MECHANISM, PARTY, SCENARIO
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.schema import did_you_mean

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any


def _disputes(ctx: Context) -> Iterator[tuple[Pointer, dict[str, Any]]]:
    listed = ctx.data.get("disputes")
    for index, item in enumerate(listed if isinstance(listed, list) else ()):
        if isinstance(item, dict):
            yield ("disputes", index), item


def _item(ctx: Context, ident: object, kind: str) -> dict[str, Any] | None:
    entry = ctx.index.by_id.get(ident) if isinstance(ident, str) else None
    return entry.item if entry is not None and entry.kind == kind else None


def _mechanism(ctx: Context, dispute: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
    """The id of the mechanism a dispute follows (its own, else its scenario's first) and the mechanism."""
    ident = dispute.get("mechanism")
    if ident is None:
        listed = (_item(ctx, dispute.get("scenario"), SCENARIO) or {}).get("dispute_mechanisms")
        ident = listed[0] if isinstance(listed, list) and listed else None
    return ident, _item(ctx, ident, MECHANISM)


def _steps(dispute: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    for index, step in enumerate(dispute.get("steps") or ()):
        if isinstance(step, dict):
            yield index, step


@rule("DISPUTE-REFERENCE", group="follow-through", on="disputes")
def disputes_name_the_agreement_items(ctx: Context) -> Iterator[Finding]:
    """A dispute names a scenario, a dispute mechanism and parties of the agreement, and its id once."""
    seen: set[str] = set()
    for pointer, dispute in _disputes(ctx):
        ident = dispute.get("id")
        if isinstance(ident, str):
            if ident in seen:
                yield Finding((*pointer, "id"), f"dispute id '{ident}' is used twice; give each dispute its own")
            seen.add(ident)
        scenario = dispute.get("scenario")
        if isinstance(scenario, str) and _item(ctx, scenario, SCENARIO) is None:
            hint = did_you_mean(scenario, ctx.index.ids(SCENARIO))
            yield Finding((*pointer, "scenario"), f"the agreement has no failure scenario '{scenario}'{hint}")
        named = dispute.get("mechanism")
        mechanism, found = _mechanism(ctx, dispute)
        if isinstance(named, str) and found is None:
            hint = did_you_mean(named, ctx.index.ids(MECHANISM))
            yield Finding((*pointer, "mechanism"), f"the agreement has no dispute mechanism '{named}'{hint}")
        elif named is None and mechanism is None and _item(ctx, scenario, SCENARIO) is not None:
            message = f"scenario '{scenario}' names no dispute mechanism; name the one invoked under `mechanism`"
            yield Finding((*pointer, "scenario"), message)
        for index, party in enumerate(dispute.get("parties") or ()):
            if isinstance(party, str) and _item(ctx, party, PARTY) is None and _item(ctx, party, GROUP) is None:
                hint = did_you_mean(party, ctx.index.ids(PARTY, GROUP))
                yield Finding((*pointer, "parties", index), f"'{party}' is not a party or group{hint}")


@rule("DISPUTE-LADDER", group="follow-through", on="disputes")
def disputes_climb_the_ladder(ctx: Context) -> Iterator[Finding]:
    """A dispute's steps are steps of its mechanism's ladder, taken in order."""
    for pointer, dispute in _disputes(ctx):
        mechanism, found = _mechanism(ctx, dispute)
        rungs = found.get("steps") if found is not None else None
        height = len(rungs) if isinstance(rungs, list) else None
        previous = 0
        for index, step in _steps(dispute):
            number = step.get("step")
            if not isinstance(number, int) or isinstance(number, bool):
                continue
            where = (*pointer, "steps", index, "step")
            if height is not None and number > height:
                yield Finding(where, f"step {number}, but the ladder of '{mechanism}' has {height} step(s)")
            elif number <= previous:
                yield Finding(where, f"step {number} after step {previous}: list the steps in the order taken")
            previous = max(previous, number)


@rule("DISPUTE-DATE", group="follow-through", on="disputes")
def disputes_keep_their_dates_in_order(ctx: Context) -> Iterator[Finding]:
    """A dispute's steps start on or after it was opened and after the step before, and end after they start."""
    for pointer, dispute in _disputes(ctx):
        opened = as_date(dispute.get("opened"))
        latest, since = opened, "the dispute was opened"
        for index, step in _steps(dispute):
            started, ended = as_date(step.get("started")), as_date(step.get("ended"))
            where = (*pointer, "steps", index)
            if started is not None and latest is not None and started < latest:
                yield Finding((*where, "started"), f"started {started.isoformat()}, before {since} ({latest})")
            if started is not None and ended is not None and ended < started:
                yield Finding((*where, "ended"), f"ended {ended.isoformat()}, before it started ({started})")
            if started is not None:
                latest, since = max(latest or started, started), f"step {step.get('step')} started"
        outcome = dispute.get("outcome")
        day = as_date(outcome.get("date")) if isinstance(outcome, dict) else None
        if day is not None and latest is not None and day < latest:
            yield Finding((*pointer, "outcome", "date"), f"the outcome is dated {day}, before {since} ({latest})")
