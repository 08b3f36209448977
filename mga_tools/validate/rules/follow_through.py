"""Follow-through: every failure scenario is answered by a mechanism, a protocol and a metric."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.validate.index import BODY, MECHANISM, METRIC, PARTY, PROTOCOL, SCENARIO, items
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import listing, where
from mga_tools.validate.rules.gaps import as_recorded, unsettled

_FT = "follow_through"
_SAFEGUARDS = (
    ("dispute_mechanisms", MECHANISM),
    ("protocols", PROTOCOL),
    ("metrics", METRIC),
)
DECIDING_KINDS = frozenset({"arbitration", "court", "expert-determination"})


def step_decides(step: dict) -> bool:
    """Whether an escalation step ends in a decision."""
    decides = step.get("decides")
    if isinstance(decides, bool):
        return decides
    kind = step.get("kind")
    return isinstance(kind, str) and kind in DECIDING_KINDS


@rule("SCENARIO-SAFEGUARDS", group="follow-through")
def scenario_has_safeguards(ctx: Context) -> Iterator[Finding]:
    """Every failure scenario names at least one dispute mechanism, one protocol and one metric."""
    for entry in ctx.index.of(SCENARIO):
        for key, kind in _SAFEGUARDS:
            named = entry.item.get(key)
            if isinstance(named, list) and named:
                continue
            existing = ctx.index.ids(kind)
            hint = (
                f"existing {kind}s that could serve: {listing(existing)}"
                if existing
                else f"define one under {_FT}.{key} first"
            )
            pointer = (*entry.pointer, key) if key in entry.item else entry.pointer
            yield Finding(pointer, f"failure scenario '{entry.id}' names no {kind} under {key}; {hint}")


@rule("SCENARIO-COUNT", group="follow-through")
def enough_scenarios(ctx: Context) -> Iterator[Finding]:
    """The agreement imagines enough ways it could fail (the policy sets how many)."""
    wanted = ctx.policy.min_failure_scenarios
    found = len(ctx.index.of(SCENARIO))
    if found < wanted:
        pointer = where(ctx, _FT, "failure_scenarios")
        yield Finding(
            pointer,
            f"{found} failure scenario(s); at least {wanted} are needed: ask what could derail the agreement",
            key=bool(pointer),
        )


@rule("METRIC-INCOMPLETE", group="follow-through")
def metric_complete(ctx: Context) -> Iterator[Finding]:
    """Every metric has a threshold or a trigger, a cadence (or a reporting), and an owner.

    In a negotiated agreement, a part recorded as not known (a gap) is missing; in a recorded one, it is there.
    """
    parties = ctx.index.ids(PARTY)
    for entry in ctx.index.of(METRIC):
        metric = entry.item
        threshold = metric.get("threshold")
        if unsettled(ctx, threshold) and "trigger" not in metric:
            yield Finding(
                (*entry.pointer, "threshold"),
                f"metric '{entry.id}' has no threshold ({as_recorded(threshold)}) and no trigger; "
                "say what level or sign means trouble",
            )
        elif "threshold" not in metric and "trigger" not in metric:
            yield Finding(
                entry.pointer,
                f"metric '{entry.id}' has neither a threshold nor a trigger; say what level or sign means trouble",
            )
        # A structured reporting gives the cadence; a free-text one is optional beside it.
        reported = isinstance(metric.get("reporting"), dict)
        if not reported and unsettled(ctx, metric.get("cadence")):
            yield Finding(
                (*entry.pointer, "cadence"),
                f"metric '{entry.id}' has no cadence ({as_recorded(metric['cadence'])}); say how often it is measured",
            )
        elif not reported and "cadence" not in metric:
            yield Finding(entry.pointer, f"metric '{entry.id}' has no cadence; say how often it is measured")
        if unsettled(ctx, metric.get("owner")):
            yield Finding(
                (*entry.pointer, "owner"),
                f"metric '{entry.id}' has no owner ({as_recorded(metric['owner'])}); "
                f"name the party that measures it ({listing(parties)})",
            )
        elif "owner" not in metric:
            yield Finding(
                entry.pointer,
                f"metric '{entry.id}' has no owner; name the party that measures it ({listing(parties)})",
            )


@rule("LADDER-TIME-LIMIT", group="follow-through")
def ladder_time_limits(ctx: Context) -> Iterator[Finding]:
    """Every escalation step before the last has a time limit, so no dispute can stall.

    In a negotiated agreement, a time limit recorded as not known (a gap) is missing; in a recorded one, it is there.
    """
    for entry in ctx.index.of(MECHANISM):
        steps = list(items(entry.item, ("steps",)))
        for number, (pointer, step) in enumerate(steps[:-1], start=1):
            if unsettled(ctx, step.get("time_limit")):
                yield Finding(
                    (*entry.pointer, *pointer, "time_limit"),
                    f"step {number} of '{entry.id}' has no time_limit ({as_recorded(step['time_limit'])}); "
                    "say how long it may take before escalating",
                )
            elif "time_limit" not in step:
                yield Finding(
                    (*entry.pointer, *pointer),
                    f"step {number} of '{entry.id}' has no time_limit; say how long it may take before escalating",
                )


@rule("LADDER-DECIDES", group="follow-through")
def ladder_ends_in_decision(ctx: Context) -> Iterator[Finding]:
    """Every escalation ladder ends in a step that decides."""
    for entry in ctx.index.of(MECHANISM):
        steps = list(items(entry.item, ("steps",)))
        if steps and not step_decides(steps[-1][1]):
            (_, i), last = steps[-1]
            yield Finding(
                (*entry.pointer, "steps", i),
                f"the last step of '{entry.id}' ({last.get('kind')}) does not decide; end the ladder with "
                "arbitration, court, expert-determination or a step with decides: true",
            )


@rule("BODY-SEATS", group="follow-through")
def body_seats_add_up(ctx: Context) -> Iterator[Finding]:
    """A body's seat allocation adds up to its number of seats."""
    for entry in ctx.index.of(BODY):
        composition = entry.item.get("composition")
        if not isinstance(composition, dict):
            continue
        seats = composition.get("seats")
        shares = [s.get("seats") for _, s in items(composition, ("allocation",))]
        counted = [n for n in shares if isinstance(n, int) and not isinstance(n, bool)]
        if not isinstance(seats, int) or isinstance(seats, bool) or not counted or len(counted) != len(shares):
            continue  # nothing to add up, or the schema reports what is wrong
        if sum(counted) != seats:
            yield Finding(
                (*entry.pointer, "composition", "allocation"),
                f"body '{entry.id}' has {seats} seats but its allocation fills {sum(counted)}; "
                "make the allocation add up to seats (a chair or an independent member is an allocation too)",
            )
