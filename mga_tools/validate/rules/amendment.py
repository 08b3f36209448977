"""Amendment: a signed agreement changes only by amendment (``mga validate --base REV``).

The rule compares an agreement with its version at a base revision, which the
command line reads from git; without ``--base`` it has nothing to compare and
finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.model import shape
from mga_tools.validate.registry import Context, Finding, rule

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

    from mga_tools.model.diff import Change

SIGNED = ("signed", "amended")
# Lifecycle events that are not changes of substance: the status may move to these.
NEXT_STATUS = ("amended", "expired", "terminated")
# Top-level fields that record the act of signing or sealing, not the deal.
BOOKKEEPING = ("seal", "version")


def _texts(value: object) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def _new_amendments(base: dict[str, Any], data: dict[str, Any]) -> list[dict[str, Any]]:
    before = {a.get("id") for a in base.get("amendments") or [] if isinstance(a, dict)}
    return [a for a in data.get("amendments") or [] if isinstance(a, dict) and a.get("id") not in before]


def _covered(change: Change, terms: set[str], others: set[str]) -> bool:
    """Whether one of the new amendments names what ``change`` touches."""
    if change.section == "agreement":
        return change.field in BOOKKEEPING or change.field in others
    if change.section == "terms":
        return change.item in terms
    if change.section == "signatories":
        # Signing again after an amendment, and naming the key a signatory signs with, are bookkeeping.
        return change.kind == "changed" and change.field in ("date", "principal")
    return change.item in others


def _describe(change: Change) -> str:
    if change.section == "agreement":
        return f"{change.field} {change.kind}"
    singular = shape.singular(change.section)
    return f"{singular} '{change.item}' {change.kind}" + (f" ({change.field})" if change.field else "")


def _pointer(ctx: Context, change: Change) -> tuple[Any, ...]:
    if change.section == "agreement" and change.field in ctx.data:
        return (change.field,)
    entry = ctx.index.by_id.get(change.item)
    return tuple(entry.pointer) if entry is not None else ("id",)


@rule("SIGNED-CHANGED", group="amendment")
def signed_changes_by_amendment(ctx: Context) -> Iterator[Finding]:
    """A signed agreement changes only through a new amendment that names what it changes."""
    base = ctx.base
    if base is None or base.get("status") not in SIGNED:
        return
    from mga_tools.model.diff import diff_agreement  # only ``--base`` pays for the diff

    changes = diff_agreement(base, ctx.data).changes
    if not changes:
        return
    old_amendments = {a.get("id"): a for a in base.get("amendments") or [] if isinstance(a, dict)}
    for change in changes:
        if change.section == "amendments" and change.kind != "added" and change.item in old_amendments:
            yield Finding(_pointer(ctx, change), f"amendment '{change.item}' was already recorded; add a new one")
    added = _new_amendments(base, ctx.data)
    status = ctx.data.get("status")
    if status != base.get("status") and status not in NEXT_STATUS:
        yield Finding(("status",), f"a {base.get('status')} agreement cannot go back to {status}")
    substantive = [c for c in changes if c.section != "amendments" and (c.section, c.field) != ("agreement", "status")]
    if not added:
        substantive = [c for c in substantive if not _covered(c, set(), set())]  # bookkeeping needs no amendment
        if substantive:
            listed = "; ".join(_describe(c) for c in substantive[:5]) + ("; ..." if len(substantive) > 5 else "")
            yield Finding(
                ("status",),
                f"the agreement was {base.get('status')} at the base revision and changed without an amendment "
                f"({listed}); record the change under amendments, then run 'mga seal {ctx.data.get('id')}'",
            )
        return
    if status != "amended":
        yield Finding(("status",), "an amendment was added: the status becomes amended (run 'mga seal ID')")
    terms = set().union(*(_texts(a.get("terms")) for a in added))
    others = set().union(*(_texts(a.get("changes")) for a in added))
    for change in substantive:
        if not _covered(change, terms, others):
            ids = ", ".join(str(a.get("id")) for a in added)
            yield Finding(
                _pointer(ctx, change),
                f"{_describe(change)} is not named by the new amendment ({ids}); "
                "list it under the amendment's terms or changes",
            )
