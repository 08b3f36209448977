"""Measurable metrics: direction, warning levels, baselines and targets agree with the threshold and cadence."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.model.facts import is_gap
from mga_tools.model.periods import Period, parse_period, reporting_of
from mga_tools.validate.index import METRIC, items
from mga_tools.validate.registry import Context, Finding, rule

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

# The direction each ordering comparator implies: trouble below the value means higher is better.
IMPLIED_DIRECTION = {"<": "higher-is-better", "<=": "higher-is-better", ">": "lower-is-better", ">=": "lower-is-better"}


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _threshold(metric: dict[str, Any]) -> dict[str, Any] | None:
    """The metric's threshold when it is one (not a gap, not malformed)."""
    threshold = metric.get("threshold")
    return threshold if isinstance(threshold, dict) and not is_gap(threshold) else None


@rule("METRIC-DIRECTION", group="follow-through")
def direction_agrees(ctx: Context) -> Iterator[Finding]:
    """A metric's direction agrees with its threshold's comparator: trouble below the value means higher is better."""
    for entry in ctx.index.of(METRIC):
        direction = entry.item.get("direction")
        threshold = _threshold(entry.item)
        if not isinstance(direction, str) or threshold is None:
            continue
        comparator = threshold.get("comparator")
        implied = IMPLIED_DIRECTION.get(comparator) if isinstance(comparator, str) else None
        if implied is not None and implied != direction:
            side = "below" if implied == "higher-is-better" else "above"
            yield Finding(
                (*entry.pointer, "direction"),
                f"metric '{entry.id}' says {direction}, but its threshold ({comparator} {_level(threshold)}) "
                f"signals trouble {side} the value, so it is {implied}; correct the direction or the comparator",
            )


def _level(threshold: dict[str, Any]) -> str:
    value = threshold.get("value")
    return str(value) if _number(value) else "a value for each case"


def _wrong_side(comparator: str, breach: Any, warning: Any) -> str | None:
    """Why ``warning`` is not on the safe side of ``breach`` (both numbers), or None when it is."""
    if comparator in ("<", "<="):
        return None if warning > breach else f"trouble is below {breach}, so the warning level must be above it"
    if comparator in (">", ">="):
        return None if warning < breach else f"trouble is above {breach}, so the warning level must be below it"
    return f"the comparator {comparator} has no safe side to watch from"


@rule("METRIC-WARNING", group="follow-through")
def warning_before_breach(ctx: Context) -> Iterator[Finding]:
    """A warning level lies on the safe side of its breach level, so that it is reached first."""
    for entry in ctx.index.of(METRIC):
        threshold = _threshold(entry.item)
        if threshold is None:
            continue
        comparator = threshold.get("comparator")
        if not isinstance(comparator, str):
            continue
        at = (*entry.pointer, "threshold")
        warning = threshold.get("warning")
        if _number(warning) and "cases" in threshold and "value" not in threshold:
            yield Finding(
                (*at, "warning"),
                f"metric '{entry.id}' has a warning level beside its cases, where it applies to none; "
                "give each case its own warning",
                key=True,
            )
        elif _number(warning) and _number(threshold.get("value")):
            why = _wrong_side(comparator, threshold["value"], warning)
            if why:
                yield Finding((*at, "warning"), f"metric '{entry.id}': warning level {warning}: {why}")
        for pointer, case in items(threshold, ("cases",)):
            warning, breach = case.get("warning"), case.get("value")
            if _number(warning) and _number(breach):
                why = _wrong_side(comparator, breach, warning)
                if why:
                    yield Finding(
                        (*at, *pointer, "warning"),
                        f"metric '{entry.id}', case '{case.get('when')}': warning level {warning}: {why}",
                    )


@rule("METRIC-TARGET-PERIOD", group="follow-through")
def targets_in_periods(ctx: Context) -> Iterator[Finding]:
    """Each target names a period of the metric's reporting cadence, at most once."""
    for entry in ctx.index.of(METRIC):
        targets = list(items(entry.item, ("targets",)))
        if not targets:
            continue
        rep = reporting_of(entry.item)
        if rep is None:
            if not isinstance(entry.item.get("reporting"), dict):
                yield Finding(
                    (*entry.pointer, "targets"),
                    f"metric '{entry.id}' has targets but no reporting; "
                    "say how often it is reported, e.g. reporting: {every: year, due_days: 60}",
                    key=True,
                )
            continue  # a malformed reporting: the schema reports it
        seen: dict[Period, str] = {}
        for pointer, target in targets:
            label = target.get("period")
            if not isinstance(label, str):
                continue
            period = parse_period(label, rep)
            at = (*entry.pointer, *pointer, "period")
            if isinstance(period, str):
                yield Finding(at, f"metric '{entry.id}', target period: {period}")
            elif period in seen:
                yield Finding(
                    at,
                    f"metric '{entry.id}' has two targets for period {period.label} "
                    f"('{seen[period]}' and '{label}'); keep one",
                )
            else:
                seen[period] = label


@rule("METRIC-BASELINE", group="follow-through")
def numbers_on_numeric_metrics(ctx: Context) -> Iterator[Finding]:
    """A baseline or targets belong to a numeric metric: one with a unit or a threshold, not only a trigger."""
    for entry in ctx.index.of(METRIC):
        metric = entry.item
        if "unit" in metric or "threshold" in metric:
            continue
        for key in ("baseline", "targets"):
            if key in metric:
                yield Finding(
                    (*entry.pointer, key),
                    f"metric '{entry.id}' has {'a baseline' if key == 'baseline' else 'targets'} but neither a unit "
                    "nor a threshold, so its numbers compare with nothing; give its unit and threshold, "
                    f"or remove the {key}",
                    key=True,
                )
