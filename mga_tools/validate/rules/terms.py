"""Terms: every interest at the table is served by a term, or deliberately left aside."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.validate.index import INTEREST, TERM, texts
from mga_tools.validate.registry import Context, Finding, rule


@rule("INTEREST-UNSERVED", group="terms")
def interest_served(ctx: Context) -> Iterator[Finding]:
    """Every interest is served by at least one term, or marked unaddressed with a reason."""
    served = {ident for term in ctx.index.of(TERM) for ident in texts(term.item.get("serves"))}
    for entry in ctx.index.of(INTEREST):
        if entry.id not in served and not entry.item.get("unaddressed"):
            yield Finding(
                entry.pointer,
                f"interest '{entry.id}' is served by no term; list it under a term's serves, "
                "or say why under unaddressed",
            )
