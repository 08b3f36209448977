"""Observations: the values reported for an agreement's metrics (ID.observations.yaml and .csv).

The rules run on each observations file of an agreement (``on="observations"``),
the YAML file first and its CSV export second; a duplicate across the two is
reported in the later one, with a pointer to the first.
"""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.model.facts import is_gap, present
from mga_tools.model.observations import QUALITATIVE_VALUES, as_date
from mga_tools.model.periods import parse_period, reporting_of
from mga_tools.validate.index import APPROVER, BODY, GROUP, METRIC, PARTY
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.schema import did_you_mean

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

# The name under which the contexts of one agreement's observations files share the periods seen so far.
SEEN = "observation-periods"
REPORTERS = (PARTY, GROUP, BODY, APPROVER)


def _observations(ctx: Context) -> Iterator[tuple[Pointer, dict[str, Any]]]:
    listed = ctx.data.get("observations")
    for index, item in enumerate(listed if isinstance(listed, list) else ()):
        if isinstance(item, dict):
            yield ("observations", index), item


def _metric(ctx: Context, item: dict[str, Any]) -> dict[str, Any] | None:
    entry = ctx.index.by_id.get(item.get("metric"))  # type: ignore[arg-type]
    return entry.item if entry is not None and entry.kind == METRIC else None


def kind_of(metric: dict[str, Any]) -> str | None:
    """``number`` for a metric measured by a threshold or unit, ``qualitative`` for one with only a trigger."""
    if "threshold" in metric or "unit" in metric:
        return None if "trigger" in metric else "number"
    return "qualitative" if "trigger" in metric else None


def _is_csv(ctx: Context) -> bool:
    return ctx.doc.path.name.endswith(".csv")


@rule("RECORDS-AGREEMENT", group="follow-through", on="records")
def records_name_their_agreement(ctx: Context) -> Iterator[Finding]:
    """An observations or disputes file names the agreement it sits beside (and an agreement exists beside it)."""
    if _is_csv(ctx):
        return  # a CSV export is named after its agreement's file; it holds no agreement id
    named, ident = ctx.data.get("agreement"), ctx.agreement.get("id")
    if named != ident:
        what = "observations" if "observations" in ctx.data else "disputes"
        yield Finding(("agreement",), f"this {what} file names agreement '{named}', but sits beside '{ident}'")


@rule("OBSERVATION-METRIC", group="follow-through", on="observations")
def observations_name_metrics(ctx: Context) -> Iterator[Finding]:
    """Each observation names one of the agreement's metrics."""
    known = ctx.index.ids(METRIC)
    for pointer, item in _observations(ctx):
        ident = item.get("metric")
        if isinstance(ident, str) and _metric(ctx, item) is None:
            yield Finding((*pointer, "metric"), f"the agreement has no metric '{ident}'{did_you_mean(ident, known)}")


@rule("OBSERVATION-REFERENCE", group="follow-through", on="observations")
def observations_name_reporters(ctx: Context) -> Iterator[Finding]:
    """Whoever reported or verified an observation is a party, group, body or approver of the agreement."""
    known = ctx.index.ids(*REPORTERS)
    for pointer, item in _observations(ctx):
        for key in ("reported_by", "verified_by"):
            ident = item.get(key)
            entry = ctx.index.by_id.get(ident) if isinstance(ident, str) else None
            if isinstance(ident, str) and (entry is None or entry.kind not in REPORTERS):
                what = f"is a {entry.kind}, not" if entry is not None else "is not"
                hint = did_you_mean(ident, known)
                yield Finding((*pointer, key), f"'{ident}' {what} a party, group, body or approver{hint}")


@rule("OBSERVATION-UNIT", group="follow-through", on="observations")
def observations_use_the_metric_unit(ctx: Context) -> Iterator[Finding]:
    """An observation that states a unit states its metric's unit."""
    for pointer, item in _observations(ctx):
        metric, unit = _metric(ctx, item), item.get("unit")
        if metric is None or not isinstance(unit, str) or not isinstance(metric.get("unit"), str):
            continue
        if unit != metric["unit"]:
            message = f"unit '{unit}', but metric '{metric.get('id')}' is measured in '{metric['unit']}'"
            yield Finding((*pointer, "unit"), message + "; convert the value or correct the unit")


@rule("OBSERVATION-VALUE", group="follow-through", on="observations")
def observations_have_values_of_their_kind(ctx: Context) -> Iterator[Finding]:
    """A measured metric's value is a number; a qualitative metric's is `clear` or `triggered`."""
    for pointer, item in _observations(ctx):
        metric, value = _metric(ctx, item), item.get("value")
        if metric is None or is_gap(value) or value is None:
            continue
        kind = kind_of(metric)
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        ident, shown = metric.get("id"), f"'{value}'" if isinstance(value, str) else str(value)
        if kind == "number" and not number:
            yield Finding((*pointer, "value"), f"metric '{ident}' is measured: its value is a number, not {shown}")
        elif kind == "qualitative" and value not in QUALITATIVE_VALUES:
            yield Finding(
                (*pointer, "value"),
                f"metric '{ident}' has a trigger and no threshold: its value is 'clear' or 'triggered', not {shown}",
            )


@rule("OBSERVATION-PERIOD", group="follow-through", on="observations")
def observations_fall_in_reporting_periods(ctx: Context) -> Iterator[Finding]:
    """An observation's period is a period of its metric's `reporting`, and it ended before it was reported."""
    for pointer, item in _observations(ctx):
        metric, label = _metric(ctx, item), item.get("period")
        if metric is None or not isinstance(label, str):
            continue
        rep = reporting_of(metric)
        if rep is None:
            if "reporting" not in metric:
                message = f"metric '{metric.get('id')}' states no `reporting`, so it has no periods; add one"
                yield Finding((*pointer, "period"), message)
            continue
        period = parse_period(label, rep)
        if isinstance(period, str):
            yield Finding((*pointer, "period"), f"{period}: metric '{metric.get('id')}' is reported every {rep.every}")
            continue
        reported = as_date(item.get("reported_on"))
        if reported is not None and reported <= period.end:
            message = (
                f"period {period.label} ends on {period.end.isoformat()}: it had not ended when it was reported, "
                f"on {reported.isoformat()}"
            )
            yield Finding((*pointer, "reported_on"), message)


@rule("OBSERVATION-DUPLICATE", group="follow-through", on="observations")
def observations_are_given_once(ctx: Context) -> Iterator[Finding]:
    """Each metric has at most one value per period, across the YAML file and its CSV export."""
    seen: dict[tuple[str, str], str] = ctx.derived.setdefault(SEEN, {})  # type: ignore[assignment]
    for pointer, item in _observations(ctx):
        metric, label = _metric(ctx, item), item.get("period")
        if metric is None or not isinstance(label, str) or not present(label):
            continue
        rep = reporting_of(metric)
        period = parse_period(label, rep) if rep is not None else label
        canonical = period.label if not isinstance(period, str) else label
        key = (str(metric.get("id")), canonical)
        line, col = ctx.doc.position((*pointer, "period"))
        if key in seen:
            message = f"metric '{key[0]}' has a value for period {canonical} already, at {seen[key]}; keep one"
            yield Finding((*pointer, "period"), message)
        else:
            seen[key] = f"{ctx.doc.display}:{line}:{col}"
