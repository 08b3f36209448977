"""Value distribution: divide by criteria every party agreed to, and justify the result at home."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.model.facts import is_gap
from mga_tools.validate.index import ALLOCATION, CRITERION, items
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import listing, members, parties
from mga_tools.validate.rules.gaps import as_recorded, negotiated, unsettled

_VD = "value_distribution"

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any


def _agreed_by(ctx: Context, criterion: dict) -> dict[str, object]:
    """Party id -> date of its agreement (``None`` when undated); a group agrees for its members."""
    found: dict[str, object] = {}
    for _, entry in items(criterion, ("agreed_by",)):
        if isinstance(entry.get("party"), str):
            date = entry.get("date")
            date = None if unsettled(ctx, date) else date  # a date recorded as not known, when it is missing
            for party in members(ctx, entry["party"]):
                found[party] = found.get(party) or date
    return found


def _malformed(criterion: dict) -> bool:
    """Whether ``agreed_by`` lists something else than mappings (ids, say): SCHEMA explains it once."""
    agreed = criterion.get("agreed_by")
    return isinstance(agreed, list) and any(not isinstance(entry, dict) for entry in agreed)


@rule("ALLOCATION-CRITERION", group="value-distribution")
def allocation_applies_agreed_criterion(ctx: Context) -> Iterator[Finding]:
    """Every allocation applies a criterion that parties agreed to before dividing."""
    for entry in ctx.index.of(ALLOCATION):
        name = entry.item.get("criterion")
        criterion = ctx.index.by_id.get(name) if isinstance(name, str) else None
        if criterion is None or criterion.kind != CRITERION or _malformed(criterion.item):
            continue  # REF-UNRESOLVED or SCHEMA reports it
        if is_gap(criterion.item.get("agreed_by")) and not negotiated(ctx):
            continue  # recorded from sources that do not say who agreed: FACT-GAP shows it
        if not _agreed_by(ctx, criterion.item):
            yield Finding(
                (*entry.pointer, "criterion"),
                f"allocation '{entry.id}' applies criterion '{name}', which no party has agreed to; "
                "record agreed_by on the criterion before dividing",
            )


@rule("CRITERION-AGREED", group="value-distribution")
def criterion_agreed_by_all(ctx: Context) -> Iterator[Finding]:
    """Every objective criterion was agreed by every party, each with a date.

    In a negotiated agreement, an agreed_by list or date recorded as not known (a gap) is missing; in a
    recorded one, it is there.
    """
    everyone = [ident for _, _, ident in parties(ctx, "party")]
    for entry in ctx.index.of(CRITERION):
        if _malformed(entry.item):
            continue  # SCHEMA shows the form of an entry; who is missing can be told once it is written so
        listed = entry.item.get("agreed_by")
        if is_gap(listed):
            if unsettled(ctx, listed) and everyone:
                yield Finding(
                    (*entry.pointer, "agreed_by"),
                    f"criterion '{entry.id}' is not agreed by {listing(everyone)} ({as_recorded(listed)}); "
                    "add them to agreed_by",
                )
            continue
        agreed = _agreed_by(ctx, entry.item)
        missing = [p for p in everyone if p not in agreed]
        undated = [p for p in everyone if p in agreed and agreed[p] is None]
        if missing:
            yield Finding(
                entry.pointer, f"criterion '{entry.id}' is not agreed by {listing(missing)}; add them to agreed_by"
            )
        for pointer, agreement in items(entry.item, ("agreed_by",)):
            if not any(p in undated for p in members(ctx, str(agreement.get("party")))):
                continue
            if unsettled(ctx, agreement.get("date")):
                yield Finding(
                    (*entry.pointer, *pointer, "date"),
                    f"criterion '{entry.id}': the agreement of '{agreement.get('party')}' has no date "
                    f"({as_recorded(agreement['date'])})",
                )
            elif "date" not in agreement:
                yield Finding(
                    (*entry.pointer, *pointer),
                    f"criterion '{entry.id}': the agreement of '{agreement.get('party')}' has no date",
                )


@rule("JUSTIFICATION-MISSING", group="value-distribution")
def party_has_justification(ctx: Context) -> Iterator[Finding]:
    """Every party records how it justifies the outcome to its constituency.

    In a negotiated agreement, a justification whose text is recorded as not known (a gap) is missing; in a
    recorded one, it is there.
    """
    justified: set[str] = set()
    unknown: dict[str, tuple[Pointer, Any]] = {}  # party -> the first of its justifications recorded as a gap
    for at, j in items(ctx.data, (_VD, "justifications")):
        if not isinstance(j.get("party"), str):
            continue
        text = j.get("text")
        for party in members(ctx, j["party"]):
            if unsettled(ctx, text):
                unknown.setdefault(party, ((*at, "text"), text))
            else:
                justified.add(party)
    for pointer, _, ident in parties(ctx, "party"):
        if ident in justified:
            continue
        if ident in unknown:
            at, text = unknown[ident]
            yield Finding(
                at,
                f"party '{ident}' has no constituency justification ({as_recorded(text)}); "
                "write it under value_distribution.justifications",
            )
        else:
            yield Finding(
                pointer,
                f"party '{ident}' has no constituency justification; add one under value_distribution.justifications",
            )
