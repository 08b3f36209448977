"""Names and size of the PDF signature fields, shared by the document and the signer.

The rendered document draws one signature box per signatory block and the PDF
gets one AcroForm signature field at that box; ``mga sign --pdf`` later finds
the field of a signatory by the same name. Keeping the naming here, below both
``render`` and the signing code, means the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from mga_tools.model import Agreement

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

FIELD_WIDTH_CM = 7.0
FIELD_HEIGHT_CM = 1.6


def field_name(party: str, index: int) -> str:
    """The signature field name of a party's *index*-th signatory (1-based, document order).

    The first signatory's field is ``sig-<party>``, later ones ``sig-<party>-<index>``,
    so the common case of one signatory per party reads naturally. Party ids are
    slugs, so the name is a valid PDF field name (no dots, which would nest fields).
    """
    if index < 1:
        raise ValueError(f"signatory index starts at 1, got {index}")
    return f"sig-{party}" if index == 1 else f"sig-{party}-{index}"


@dataclass(frozen=True)
class Slot:
    """A signature field the document has: whose it is (party id, signatory name, "" for a blank block)."""

    field: str
    party: str
    name: str


def slots(data: Mapping[str, Any]) -> list[Slot]:
    """The signature fields of an agreement's document, in document order.

    One per signatory, numbered within its party; then one blank block for
    each party that signs (status ``party``, the default) but has no
    signatory entry: the document draws that block too.
    """
    agreement = Agreement(dict(data))
    found: list[Slot] = []
    counts: dict[str, int] = {}
    for signatory in agreement.signatories:
        party, name = signatory.get("party"), signatory.get("name")
        if isinstance(party, str) and party:
            counts[party] = counts.get(party, 0) + 1
            found.append(Slot(field_name(party, counts[party]), party, name if isinstance(name, str) else ""))
    for entry in agreement.parties:
        party = entry.get("id")
        signs = entry.get("status", "party") == "party"
        if isinstance(party, str) and party and signs and party not in counts:
            found.append(Slot(field_name(party, 1), party, ""))
    return found


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def choose(found: list[Slot], *, party: str | None, signer: str) -> Slot:
    """The field ``signer`` (a certificate's common name) signs, narrowed to ``party`` when given.

    Without ``party``, the signatory whose name is ``signer``; with it, that
    party's only field, or among several the one of the signatory named
    ``signer``. Raises :class:`ValueError` saying why none or several fit.
    """
    if party is not None:
        own = [slot for slot in found if slot.party == party]
        if not own:
            parties = ", ".join(dict.fromkeys(slot.party for slot in found)) or "none"
            raise ValueError(f"the document has no signature field for the party {party!r} (parties: {parties})")
        if len(own) > 1:
            own = [slot for slot in own if _same_name(slot.name, signer)]
            if len(own) != 1:
                raise ValueError(
                    f"the party {party!r} has several signatories and none is uniquely named {signer!r}, "
                    "the certificate's name"
                )
        return own[0]
    named = [slot for slot in found if slot.name and _same_name(slot.name, signer)]
    if len(named) == 1:
        return named[0]
    if not named:
        raise ValueError(f"no signatory is named {signer!r}, the certificate's name: name the party with --party")
    raise ValueError(f"several signatories are named {signer!r}: name the party with --party")
