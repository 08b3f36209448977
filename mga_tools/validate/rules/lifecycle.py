"""Lifecycle: the signatures and amendments that the status implies (the order of dates is in dates.py)."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.validate.index import items
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import parties
from mga_tools.validate.rules.gaps import as_recorded, unsettled

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any


@rule("SIGNATORY-MISSING", group="lifecycle")
def every_party_signs(ctx: Context) -> Iterator[Finding]:
    """Every party has a signatory with a date once the agreement is signed.

    In a negotiated agreement, a date recorded as not known (a gap) is missing; in a recorded one, it is there.
    """
    signed: dict[str, bool] = {}
    unknown: dict[str, tuple[Pointer, Any]] = {}  # party -> the first date of its signatories recorded as a gap
    for at, signatory in items(ctx.data, ("signatories",)):
        party = signatory.get("party")
        if isinstance(party, str):
            date = signatory.get("date")
            if unsettled(ctx, date):
                unknown.setdefault(party, ((*at, "date"), date))
            signed[party] = signed.get(party, False) or ("date" in signatory and not unsettled(ctx, date))
    for pointer, _, ident in parties(ctx, "party"):
        if ident not in signed:
            yield Finding(pointer, f"party '{ident}' has no signatory; add one under signatories")
        elif not signed[ident] and ident in unknown:
            at, date = unknown[ident]
            yield Finding(at, f"the signatory of party '{ident}' has no date ({as_recorded(date)})")
        elif not signed[ident]:
            yield Finding(pointer, f"the signatory of party '{ident}' has no date")


@rule("AMENDMENT-MISSING", group="lifecycle")
def amended_has_amendment(ctx: Context) -> Iterator[Finding]:
    """An agreement whose status is amended records at least one amendment."""
    if ctx.status == "amended" and not list(items(ctx.data, ("amendments",))):
        yield Finding(("status",), "status is amended but no amendment is recorded under amendments")


@rule("LANGUAGE-GOVERNING", group="lifecycle")
def governing_language_is_authentic(ctx: Context) -> Iterator[Finding]:
    """The governing language is one of the languages the text is made in, when the agreement lists them.

    The signature page says which language version prevails; a version that is not made cannot prevail.
    """
    governing = ctx.data.get("governing_language")
    languages = ctx.data.get("languages")
    if not isinstance(governing, str) or not isinstance(languages, list) or not languages:
        return
    if governing not in languages:
        listed = ", ".join(str(x) for x in languages)
        yield Finding(
            ("governing_language",),
            f"governing language '{governing}' is not one of the languages ({listed}); "
            "add it to languages or name one of them",
        )
