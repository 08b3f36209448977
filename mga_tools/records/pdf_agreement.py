"""An agreement's PDF for signing: where it is kept, and signing a signatory's field in it.

The copy that collects the signatures is ``ID.signatures/ID.pdf`` beside the
agreement (the folder that holds the SSH signatures too). Each ``mga sign
--pdf`` appends one PAdES signature to it, into the field of the signatory
the certificate names, as an incremental update: every earlier signature
stays valid. As with SSH signatures, a PDF is signed over a sealed agreement
whose content still matches its seal, and only when the PDF was rendered
from that very content (its attached YAML says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mga_tools.errors import RecordError
from mga_tools.records.files import write_atomic
from mga_tools.records.pdf_fields import Slot, choose, slots
from mga_tools.records.pdf_sign import common_name, field_states, load_key, sign_field
from mga_tools.records.pdf_verify import attached_source, read_source
from mga_tools.records.signatures import SealState, seal_state

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def signed_pdf(agreement: Path) -> Path:
    """Where the PDF that collects the signatures of the agreement at ``agreement`` is kept."""
    return agreement.parent / f"{agreement.stem}.signatures" / f"{agreement.stem}.pdf"


@dataclass(frozen=True)
class Signed:
    """A signature made: the field, the signer's name (certificate common name) and the file written."""

    slot: Slot
    signer: str
    path: Path


def sealed_state(agreement: Path, data: dict[str, Any]) -> SealState:
    """The seal of the agreement; :class:`RecordError` unless it is sealed over the content it has."""
    state = seal_state(agreement, data)
    display = agreement.as_posix()
    if state.sealed is None:
        raise RecordError(f"{display} is not sealed: run 'mga seal {state.ident}' first; the PDF is signed over it")
    if not state.matches:
        raise RecordError(
            f"{display} no longer has the content it was sealed with (sha256:{state.sealed[:12]}); "
            f"record the change as an amendment and run 'mga seal {state.ident}' before signing"
        )
    return state


def _rendered_from(pdf: bytes, agreement: Path, content: str) -> bool:
    """Whether the agreement attached to ``pdf`` has the content ``content`` (the agreement's, as validated)."""
    found = attached_source(pdf)
    if found is None:
        return False
    try:
        same_bytes = found[1] == agreement.read_bytes()
    except OSError:
        same_bytes = False
    # The usual case, the very file: no need to read the YAML again to know its fingerprint.
    if same_bytes:
        return True
    return read_source(*found).content == content


def sign_agreement(
    agreement: Path, data: dict[str, Any], key: Path, *, passphrase: bytes | None = None, party: str | None = None
) -> Signed:
    """Sign the field of the signatory ``key`` stands for in :func:`signed_pdf` of ``agreement``.

    ``data`` is the agreement's validated content. ``key`` is a PKCS#12 file;
    its certificate's common name picks the signatory (``party`` narrows the
    choice, or picks a party's only field). Raises :class:`RecordError` when
    the agreement is not sealed or has changed since, when the PDF is missing
    or was rendered from other content, when no field or several fit, and
    when the field is signed already.
    """
    state = sealed_state(agreement, data)
    display = agreement.as_posix()
    target = signed_pdf(agreement)
    try:
        pdf = target.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot read {target.as_posix()}: {exc.strerror or exc}") from exc
    if not _rendered_from(pdf, agreement, state.content):
        raise RecordError(
            f"{target.as_posix()} was not rendered from the sealed content of {display}; move it away to render "
            "it anew, which starts the signatures over"
        )
    signer = load_key(key, passphrase)
    name = common_name(signer)
    present = {f.name: f.signed for f in field_states(pdf)}
    try:
        slot = choose([s for s in slots(data) if s.field in present], party=party, signer=name)
    except ValueError as exc:
        raise RecordError(f"cannot tell which field of {target.as_posix()} {key} signs: {exc}") from exc
    if present[slot.field]:
        whose = slot.name or slot.party
        raise RecordError(f"the field {slot.field} ({whose}) of {target.as_posix()} is signed already")
    write_atomic(target, sign_field(pdf, slot.field, signer))
    return Signed(slot, name, target)
