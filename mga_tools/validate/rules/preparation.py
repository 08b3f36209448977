"""Preparation: every party's interests and BATNA are mapped, interests apart from positions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.validate.index import GROUP, INTEREST, get, texts
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import groups_of, parties
from mga_tools.validate.rules.gaps import as_recorded, unsettled

# Parties still at the table, or joining later, must have been prepared for.
_PREPARED = ("party", "prospective")

_POSITION = re.compile(
    r"""(
        \d+(?:[.,]\d+)?\s*(?:%|percent\b|per\s*cent\b)
      | [$€£¥]\s*\d(?:[\d,.]*\d)?(?:\s*(?:million|billion|thousand|bn)\b)?
      | \b\d[\d,.]*\s*(?:million|billion|thousand|bn)\b
      | \b(?:we|they)\s+(?:demand|insist|require|want)\b
      | \b(?:demands?|insists?\s+on)\b
      | \b(?:at\s+least|at\s+most|no\s+less\s+than|no\s+more\s+than|not\s+less\s+than)\b
      | \b(?:a\s+minimum\s+of|a\s+maximum\s+of)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# The amounts and percentages among the signs of a position.
_AMOUNT = re.compile(r"[\d$€£¥]")

# An amount after an article, possessive or demonstrative describes something ("keep the $1.2 billion project
# on schedule", "its 40% share"); an amount on its own is asked for ("receive $5 million a year").
_DESCRIBED = re.compile(
    r"\b(?:the|a|an|its|their|our|his|her|your|my|this|that|these|those|whose)\s+[$€£¥]?\s*[\d.,]*$",
    re.IGNORECASE,
)


def _prepared(ctx: Context) -> Iterator[tuple[Pointer, dict, str]]:
    """Parties that came to the table: a party the agreement itself creates (``created_by``) had no BATNA to weigh."""
    for pointer, party, ident in parties(ctx, *_PREPARED):
        if "created_by" not in party:
            yield pointer, party, ident


def _position(statement: str) -> str | None:
    """The first sign in ``statement`` that it states a position, skipping amounts that describe."""
    for match in _POSITION.finditer(statement):
        if _AMOUNT.match(match.group(0)) and _DESCRIBED.search(statement, 0, match.start()):
            continue
        return match.group(0).strip()
    return None


@rule("PARTY-INTERESTS", group="preparation")
def party_has_interests(ctx: Context) -> Iterator[Finding]:
    """Every party at the table has at least one interest (its own or its group's).

    In a negotiated agreement, interests recorded as not known (a gap) are missing; in a recorded one, they are there.
    """
    for pointer, party, ident in _prepared(ctx):
        own = get(party, "interests")
        if (own and not unsettled(ctx, own)) or any(g.get("interests") for g in groups_of(ctx, ident)):
            continue
        if own:
            yield Finding(
                (*pointer, "interests"),
                f"party '{ident}' has no interests ({as_recorded(own)}); ask what it needs and why, "
                "and list them under interests",
            )
            continue
        yield Finding(
            pointer, f"party '{ident}' has no interests; ask what it needs and why, and list them under interests"
        )


@rule("PARTY-BATNA", group="preparation")
def party_has_batna(ctx: Context) -> Iterator[Finding]:
    """Every party at the table has a BATNA (its own or its group's).

    In a negotiated agreement, a BATNA recorded as not known (a gap) is missing; in a recorded one, it is there.
    """
    for pointer, party, ident in _prepared(ctx):
        # Where a BATNA is, and whose: the party's own first, then its groups'.
        held = [((*pointer, "batna"), party.get("batna"), None)] + [
            ((*g.pointer, "batna"), g.item.get("batna"), g.id)
            for g in ctx.index.of(GROUP)
            if ident in texts(g.item.get("members"))
        ]
        if any(batna and not unsettled(ctx, batna) for _, batna, _ in held):
            continue
        unknown = next(((at, batna, group) for at, batna, group in held if batna), None)
        if unknown is None:
            yield Finding(pointer, f"party '{ident}' has no batna; record what it would do without an agreement")
            continue
        at, batna, group = unknown
        whose = f"that of its group '{group}' is {as_recorded(batna)}" if group else as_recorded(batna)
        yield Finding(at, f"party '{ident}' has no batna ({whose}); record what it would do without an agreement")


@rule("INTEREST-POSITION", group="preparation")
def interest_not_position(ctx: Context) -> Iterator[Finding]:
    """An interest says why something matters, not what is demanded (amounts, percentages, demands).

    An amount that describes something ("the $1.2 billion project") is not a demand.
    """
    for entry in ctx.index.of(INTEREST):
        statement = entry.item.get("statement")
        if not isinstance(statement, str):
            continue
        sign = _position(statement)
        if sign:
            yield Finding(
                (*entry.pointer, "statement"),
                f"interest '{entry.id}' reads like a position ('{sign}'); "
                "move the demand to position and state why it matters",
            )
