"""Preparation: every party's interests and BATNA are mapped, interests apart from positions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mga_tools.validate.index import INTEREST, get
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import groups_of, parties

# Parties still at the table, or joining later, must have been prepared for.
_PREPARED = ("party", "prospective")

_POSITION = re.compile(
    r"""(
        \d+(?:[.,]\d+)?\s*(?:%|percent\b|per\s*cent\b)
      | [$€£¥]\s*\d
      | \b\d[\d,.]*\s*(?:million|billion|thousand|bn)\b
      | \b(?:we|they)\s+(?:demand|insist|require|want)\b
      | \b(?:demands?|insists?\s+on)\b
      | \b(?:at\s+least|at\s+most|no\s+less\s+than|no\s+more\s+than|not\s+less\s+than)\b
      | \b(?:a\s+minimum\s+of|a\s+maximum\s+of)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


@rule("PARTY-INTERESTS", group="preparation")
def party_has_interests(ctx: Context) -> Iterator[Finding]:
    """Every party at the table has at least one interest (its own or its group's)."""
    for pointer, party, ident in parties(ctx, *_PREPARED):
        if get(party, "interests") or any(g.get("interests") for g in groups_of(ctx, ident)):
            continue
        yield Finding(
            pointer, f"party '{ident}' has no interests; ask what it needs and why, and list them under interests"
        )


@rule("PARTY-BATNA", group="preparation")
def party_has_batna(ctx: Context) -> Iterator[Finding]:
    """Every party at the table has a BATNA (its own or its group's)."""
    for pointer, party, ident in parties(ctx, *_PREPARED):
        if party.get("batna") or any(g.get("batna") for g in groups_of(ctx, ident)):
            continue
        yield Finding(pointer, f"party '{ident}' has no batna; record what it would do without an agreement")


@rule("INTEREST-POSITION", group="preparation")
def interest_not_position(ctx: Context) -> Iterator[Finding]:
    """An interest says why something matters, not what is demanded (amounts, percentages, demands)."""
    for entry in ctx.index.of(INTEREST):
        statement = entry.item.get("statement")
        if not isinstance(statement, str):
            continue
        match = _POSITION.search(statement)
        if match:
            yield Finding(
                (*entry.pointer, "statement"),
                f"interest '{entry.id}' reads like a position ('{match.group(0).strip()}'); "
                "move the demand to position and state why it matters",
            )
