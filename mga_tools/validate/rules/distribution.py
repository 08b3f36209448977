"""Value distribution: divide by criteria every party agreed to, and justify the result at home."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.validate.index import ALLOCATION, CRITERION, items
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import listing, members, parties

_VD = "value_distribution"


def _agreed_by(ctx: Context, criterion: dict) -> dict[str, object]:
    """Party id -> date of its agreement (``None`` when undated); a group agrees for its members."""
    found: dict[str, object] = {}
    for _, entry in items(criterion, ("agreed_by",)):
        if isinstance(entry.get("party"), str):
            for party in members(ctx, entry["party"]):
                found[party] = found.get(party) or entry.get("date")
    return found


@rule("ALLOCATION-CRITERION", group="value-distribution")
def allocation_applies_agreed_criterion(ctx: Context) -> Iterator[Finding]:
    """Every allocation applies a criterion that parties agreed to before dividing."""
    for entry in ctx.index.of(ALLOCATION):
        name = entry.item.get("criterion")
        criterion = ctx.index.by_id.get(name) if isinstance(name, str) else None
        if criterion is None or criterion.kind != CRITERION:
            continue  # REF-UNRESOLVED or SCHEMA reports it
        if not _agreed_by(ctx, criterion.item):
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
        agreed = _agreed_by(ctx, entry.item)
        missing = [p for p in everyone if p not in agreed]
        undated = [p for p in everyone if p in agreed and agreed[p] is None]
        if missing:
            yield Finding(
                entry.pointer, f"criterion '{entry.id}' is not agreed by {listing(missing)}; add them to agreed_by"
            )
        for pointer, agreement in items(entry.item, ("agreed_by",)):
            if "date" not in agreement and any(p in undated for p in members(ctx, str(agreement.get("party")))):
                yield Finding(
                    (*entry.pointer, *pointer),
                    f"criterion '{entry.id}': the agreement of '{agreement.get('party')}' has no date",
                )


@rule("JUSTIFICATION-MISSING", group="value-distribution")
def party_has_justification(ctx: Context) -> Iterator[Finding]:
    """Every party records how it justifies the outcome to its constituency."""
    justified = {
        party
        for _, j in items(ctx.data, (_VD, "justifications"))
        if isinstance(j.get("party"), str)
        for party in members(ctx, j["party"])
    }
    for pointer, _, ident in parties(ctx, "party"):
        if ident not in justified:
            yield Finding(
                pointer,
                f"party '{ident}' has no constituency justification; add one under value_distribution.justifications",
            )
