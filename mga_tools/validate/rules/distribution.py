"""Value distribution: divide by criteria every party agreed to, and justify the result at home."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.validate.index import ALLOCATION, CRITERION, items
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import listing, parties

_VD = "value_distribution"


def _agreed_by(criterion: dict) -> dict[str, object]:
    """Party id -> date of its agreement (``None`` when undated)."""
    found: dict[str, object] = {}
    for _, entry in items(criterion, ("agreed_by",)):
        if isinstance(entry.get("party"), str):
            found[entry["party"]] = entry.get("date")
    return found


@rule("ALLOCATION-CRITERION", group="value-distribution")
def allocation_applies_agreed_criterion(ctx: Context) -> Iterator[Finding]:
    """Every allocation applies a criterion that parties agreed to before dividing."""
    for entry in ctx.index.of(ALLOCATION):
        name = entry.item.get("criterion")
        criterion = ctx.index.by_id.get(name) if isinstance(name, str) else None
        if criterion is None or criterion.kind != CRITERION:
            continue  # REF-UNRESOLVED or SCHEMA reports it
        if not _agreed_by(criterion.item):
            yield Finding(
                (*entry.pointer, "criterion"),
                f"allocation '{entry.id}' applies criterion '{name}', which no party has agreed to; "
                "record agreed_by on the criterion before dividing",
            )


@rule("CRITERION-AGREED", group="value-distribution")
def criterion_agreed_by_all(ctx: Context) -> Iterator[Finding]:
    """Every objective criterion was agreed by every party, each with a date."""
    everyone = [ident for _, _, ident in parties(ctx, "party")]
    for entry in ctx.index.of(CRITERION):
        agreed = _agreed_by(entry.item)
        missing = [p for p in everyone if p not in agreed]
        undated = [p for p in everyone if p in agreed and agreed[p] is None]
        if missing:
            yield Finding(
                entry.pointer, f"criterion '{entry.id}' is not agreed by {listing(missing)}; add them to agreed_by"
            )
        if undated:
            yield Finding(
                (*entry.pointer, "agreed_by"),
                f"criterion '{entry.id}': agreement of {listing(undated)} has no date",
            )


@rule("JUSTIFICATION-MISSING", group="value-distribution")
def party_has_justification(ctx: Context) -> Iterator[Finding]:
    """Every party records how it justifies the outcome to its constituency."""
    justified = {j.get("party") for _, j in items(ctx.data, (_VD, "justifications"))}
    for pointer, _, ident in parties(ctx, "party"):
        if ident not in justified:
            yield Finding(
                pointer,
                f"party '{ident}' has no constituency justification; add one under value_distribution.justifications",
            )
