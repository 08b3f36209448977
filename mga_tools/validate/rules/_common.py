"""Small helpers shared by the rule modules."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.model.facts import gaps
from mga_tools.validate.index import GROUP, PARTY, get, items, texts
from mga_tools.validate.registry import Context

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

PARTIES = ("preparation", "parties")
GAPS = "declared-gaps"  # the name under which a context holds the agreement's gaps


def party_status(party: dict[str, Any]) -> str:
    """A party's current standing (``party`` when not stated)."""
    status = party.get("status", "party")
    return status if isinstance(status, str) else "party"


def parties(ctx: Context, *statuses: str) -> Iterator[tuple[Pointer, dict[str, Any], str]]:
    """Parties whose standing is one of ``statuses``: ``(pointer, party, id)``."""
    for pointer, party in items(ctx.data, PARTIES):
        ident = party.get("id")
        if isinstance(ident, str) and party_status(party) in statuses:
            yield pointer, party, ident


def groups_of(ctx: Context, party_id: str) -> list[dict[str, Any]]:
    """The groups that list ``party_id`` among their members."""
    return [e.item for e in ctx.index.of(GROUP) if party_id in texts(e.item.get("members"))]


def members(ctx: Context, ident: str) -> list[str]:
    """The parties an id stands for: a party itself, or a group's members."""
    entry = ctx.index.by_id.get(ident)
    if entry is not None and entry.kind == GROUP:
        return texts(entry.item.get("members"))
    return [ident]


def declared_gaps(ctx: Context) -> list[tuple[Pointer, dict[str, Any]]]:
    """Every declared gap of the agreement (see :func:`mga_tools.model.facts.gaps`), found once per context."""
    return ctx.derive(GAPS, lambda c: list(gaps(c.data)))


def listing(ids: list[str], limit: int = 6) -> str:
    """``a, b, c`` (and how many more)."""
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def where(ctx: Context, *path: str) -> Pointer:
    """The deepest existing prefix of ``path`` (to locate what is missing)."""
    found: tuple[str, ...] = ()
    for step in path:
        if get(ctx.data, *found, step) is None:
            break
        found = (*found, step)
    return found


__all__ = [
    "GAPS",
    "PARTIES",
    "PARTY",
    "declared_gaps",
    "groups_of",
    "listing",
    "members",
    "parties",
    "party_status",
    "where",
]
