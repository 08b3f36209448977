"""Lifecycle: signatures, amendments and dates that the status implies."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.validate.index import items
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import parties


@rule("SIGNATORY-MISSING", group="lifecycle")
def every_party_signs(ctx: Context) -> Iterator[Finding]:
    """Every party has a signatory with a date once the agreement is signed."""
    signed: dict[str, bool] = {}
    for _, signatory in items(ctx.data, ("signatories",)):
        party = signatory.get("party")
        if isinstance(party, str):
            signed[party] = signed.get(party, False) or "date" in signatory
    for pointer, _, ident in parties(ctx, "party"):
        if ident not in signed:
            yield Finding(pointer, f"party '{ident}' has no signatory; add one under signatories")
        elif not signed[ident]:
            yield Finding(pointer, f"the signatory of party '{ident}' has no date")


@rule("AMENDMENT-MISSING", group="lifecycle")
def amended_has_amendment(ctx: Context) -> Iterator[Finding]:
    """An agreement whose status is amended records at least one amendment."""
    if ctx.status == "amended" and not list(items(ctx.data, ("amendments",))):
        yield Finding(("status",), "status is amended but no amendment is recorded under amendments")


@rule("DATE-ORDER", group="lifecycle")
def dates_in_order(ctx: Context) -> Iterator[Finding]:
    """The agreement expires after it takes effect."""
    effective, expires = ctx.data.get("effective"), ctx.data.get("expires")
    if isinstance(effective, str) and isinstance(expires, str) and expires < effective:
        yield Finding(("expires",), f"expires {expires} is before the effective date {effective}")
