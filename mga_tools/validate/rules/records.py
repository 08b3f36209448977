"""Records: the seal that fixes the signed text, and the principals that sign it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mga_tools.diagnostics import Severity
from mga_tools.model.canonical import fingerprint
from mga_tools.model.facts import RECORDED, origin
from mga_tools.validate.index import items
from mga_tools.validate.registry import Context, Finding, rule

# Statuses at which the text is fixed by signature and should carry a seal.
SEALED_STATUSES = ("signed", "amended")
_HEX = re.compile(r"^[0-9a-f]{64}$")
# How many hex digits of a fingerprint a message shows: enough to tell two apart.
SHORT = 12


def _ident(ctx: Context) -> str:
    """The agreement's id for a suggested command (the file name when the id is unusable)."""
    ident = ctx.data.get("id")
    return ident if isinstance(ident, str) else ctx.doc.path.stem


def _count(value: object) -> int | None:
    """A whole number as written (``True`` is not one), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


@rule("SEAL-MISMATCH", group="records")
def seal_matches(ctx: Context) -> Iterator[Finding]:
    """A sealed agreement still has the content it was sealed with."""
    seal = ctx.data.get("seal")
    if not isinstance(seal, dict):
        return
    sealed = seal.get("fingerprint")
    if isinstance(sealed, str) and _HEX.match(sealed):  # a malformed fingerprint is the schema's to report
        try:
            actual = fingerprint(ctx.data)
        except (TypeError, ValueError):  # a value JSON cannot hold (reported elsewhere): nothing to compare
            actual = sealed
        if actual != sealed:
            yield Finding(
                ("seal", "fingerprint"),
                f"the content's fingerprint is {actual[:SHORT]}, not the sealed {sealed[:SHORT]}: restore the "
                f"sealed content, or record the change as an amendment and run 'mga seal {_ident(ctx)}'",
            )
    counted = _count(seal.get("amendments"))
    recorded = len(list(items(ctx.data, ("amendments",))))
    if counted is not None and counted > recorded:
        yield Finding(
            ("seal", "amendments"),
            f"the seal counts {counted} amendment(s) but the agreement records {recorded}: restore the removed "
            f"amendment (amendments stay on record), or, if the seal was edited by hand, run 'mga seal {_ident(ctx)}'",
        )


# A warning unless the policy says otherwise: a repository whose own policy predates
# this rule still sees it as a warning, not as an error that blocks its builds.
@rule("SEAL-MISSING", group="records", severity=Severity.WARNING)
def signed_is_sealed(ctx: Context) -> Iterator[Finding]:
    """A signed or amended agreement carries a seal (unless it is recorded after the fact).

    An agreement recorded after the fact from its sources was signed elsewhere: nobody signs the record's
    fingerprint, and filling one of its gaps from a new source corrects the record, it does not amend the
    agreement, so it is not sealed.
    """
    if ctx.status in SEALED_STATUSES and "seal" not in ctx.data and origin(ctx.data) != RECORDED:
        yield Finding(
            ("status",),
            f"status is {ctx.status} but the agreement has no seal; "
            f"run 'mga seal {_ident(ctx)}' to record the fingerprint of the signed text",
        )


@rule("PRINCIPAL-DUPLICATE", group="records")
def principals_are_distinct(ctx: Context) -> Iterator[Finding]:
    """No two signatories share a principal."""
    first: dict[str, str] = {}
    for pointer, signatory in items(ctx.data, ("signatories",)):
        principal = signatory.get("principal")
        if not isinstance(principal, str):
            continue
        if principal in first:
            yield Finding(
                (*pointer, "principal"),
                f"principal '{principal}' already signs for {first[principal]}; "
                "each signatory signs under a principal of its own",
            )
        else:
            party = signatory.get("party")
            first[principal] = f"party '{party}'" if isinstance(party, str) else "another signatory"
