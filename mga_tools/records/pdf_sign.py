"""PDF signature fields and PAdES signatures, made with pyHanko.

Two steps use it. Rendering adds one empty signature field per signatory to
the PDF Typst wrote (:func:`add_fields`), so the document can be signed in any
PDF reader; ``mga sign --pdf`` signs a signatory's field with a PKCS#12 key
(:func:`sign_field`). Both append an incremental update, so earlier bytes, and
the signatures over them, stay exactly as they were.

This module and :mod:`mga_tools.records.pdf_verify` are the only ones that use
pyHanko; it is imported here, once, with cryptography's deprecation warning
about DSA silenced (pyHanko imports the DSA types; no DSA key is ever used).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from mga_tools.errors import RecordError
from mga_tools.records.pdf_fields import FIELD_HEIGHT_CM, FIELD_WIDTH_CM

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="DSA is deprecated")
    # pdf_verify's imports too (marked F401), so that they load under the same filter.
    from pyhanko.keys import load_certs_from_pemder  # noqa: F401
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields as hanko_fields
    from pyhanko.sign import signers
    from pyhanko.sign import validation as hanko_validation  # noqa: F401
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.stamp.noop import NoOpStampStyle
    from pyhanko_certvalidator import ValidationContext  # noqa: F401

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

POINTS_PER_CM = 72 / 2.54


@dataclass(frozen=True)
class FieldSpot:
    """Where the document drew a signature line: field name, page (1-based) and top-left corner in points."""

    name: str
    page: int
    x: float
    y: float


class _Update(IncrementalPdfFileWriter):
    """An incremental update that adds objects and changes nothing else.

    pyHanko's writer stamps every update with the time and its own name (Info
    and XMP, which it serialises anew) and a random second file identifier.
    For the unsigned document that would make two renders of the same
    agreement differ, so the Info and XMP stay as Typst wrote them (consistent
    with each other, as PDF/A needs) and the identifier is derived from the
    bytes that are updated. Signatures use it too: the signing time is in the
    signature itself.
    """

    _document_id: generic.ArrayObject  # the writer's trailer /ID: [first, second]

    def __init__(self, data: bytes, salt: bytes) -> None:
        super().__init__(io.BytesIO(data), strict=False)  # lenient: a PDF reader may have signed it before
        first = self._document_id[0]
        derived = hashlib.sha256(data + b"\0" + salt).digest()[:16]
        self._document_id = generic.ArrayObject([first, generic.ByteStringObject(derived)])

    def _update_meta(self) -> None:
        return None


def add_fields(pdf: bytes, spots: Sequence[FieldSpot]) -> bytes:
    """``pdf`` with an empty signature field at each spot, appended as one incremental update.

    The result depends on ``pdf`` and ``spots`` only: no time, no random
    identifier. Each field is FIELD_WIDTH_CM × FIELD_HEIGHT_CM, its top-left
    corner where the document placed it; it is printed, and keeps an empty
    appearance so the drawn line shows through until it is signed.
    """
    if not spots:
        return pdf
    salt = "\n".join(f"{s.name} {s.page} {s.x:.3f} {s.y:.3f}" for s in spots).encode("utf-8")
    writer = _Update(pdf, salt)
    width, height = FIELD_WIDTH_CM * POINTS_PER_CM, FIELD_HEIGHT_CM * POINTS_PER_CM
    heights = _page_heights(writer.prev)
    for spot in spots:
        # Typst measures from the top of the page, PDF from the bottom.
        lower = heights[spot.page - 1] - spot.y - height
        # Whole points (pyHanko's type): half a point off at most, a fraction of the line's thickness.
        box = (round(spot.x), round(lower), round(spot.x + width), round(lower + height))
        spec = hanko_fields.SigFieldSpec(
            sig_field_name=spot.name, on_page=spot.page - 1, box=box, readable_field_name=f"Signature ({spot.name})"
        )
        hanko_fields.append_signature_field(writer, spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _page_heights(reader: PdfFileReader) -> list[float]:
    """The height of each page in points, from its media box (inherited from the page tree if not its own)."""
    heights: list[float] = []

    def walk(node: generic.DictionaryObject, inherited: generic.ArrayObject | None) -> None:
        box = node.get("/MediaBox", inherited)
        if node.get("/Type") == "/Pages":
            for kid in node["/Kids"]:
                walk(kid.get_object(), box)
        elif box is not None:
            heights.append(float(box[3]) - float(box[1]))

    walk(reader.root["/Pages"], None)
    return heights


@dataclass(frozen=True)
class FieldState:
    """A signature field of a PDF: its name and whether a signature fills it."""

    name: str
    signed: bool


def field_states(pdf: bytes) -> list[FieldState]:
    """The signature fields of ``pdf``, in the order of the form; raises :class:`RecordError` on unreadable input."""
    return fields_of(open_pdf(pdf))


def fields_of(reader: PdfFileReader) -> list[FieldState]:
    """The signature fields of the PDF ``reader`` reads, in the order of the form."""
    return [
        FieldState(str(name), value is not None)
        for name, value, _ref in hanko_fields.enumerate_sig_fields(reader, filled_status=None)
    ]


def open_pdf(pdf: bytes) -> PdfFileReader:
    """A pyHanko reader over ``pdf``; :class:`RecordError` when it is not a readable PDF."""
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False)
    except Exception as exc:  # pyHanko raises its own and many generic errors on bad input
        raise RecordError(f"not a readable PDF: {exc}") from exc


def load_key(key: Path, passphrase: bytes | None) -> signers.SimpleSigner:
    """The signer of the PKCS#12 file ``key``; :class:`RecordError` when it cannot be opened."""
    try:
        data = key.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot read the key {key}: {exc.strerror or exc}") from exc
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase)
    except ValueError as exc:
        hint = " (wrong passphrase? name the variable that holds it with --passphrase-env)"
        raise RecordError(f"cannot open {key} as a PKCS#12 key{hint}: {exc}") from exc


def common_name(signer: signers.SimpleSigner) -> str:
    """The common name (CN) of the signer's certificate, or ``""``."""
    cert = signer.signing_cert
    if cert is None:
        return ""
    names = cert.subject.native
    value = names.get("common_name", "") if isinstance(names, dict) else ""
    return str(value)


def sign_field(pdf: bytes, field: str, signer: signers.SimpleSigner) -> bytes:
    """``pdf`` with a PAdES signature by ``signer`` in the empty field ``field``, as an incremental update.

    The field keeps its appearance (the drawn signature line): the signature
    is shown by the reader's signature panel, and the document stays PDF/A
    (no font is added that is not embedded).
    """
    states = {s.name: s for s in field_states(pdf)}
    if field not in states:
        raise RecordError(f"the PDF has no signature field {field!r} (fields: {', '.join(states) or 'none'})")
    if states[field].signed:
        raise RecordError(f"the signature field {field!r} is already signed")
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256")
    # Typst's Info and XMP stay as they are here too: pyHanko would rewrite the XMP in its own
    # serialisation, which PDF/A validators read less kindly than Typst's.
    writer = _Update(pdf, field.encode("utf-8"))
    try:
        out = signers.PdfSigner(meta, signer=signer, stamp_style=NoOpStampStyle()).sign_pdf(writer)
    except Exception as exc:  # key and certificate problems surface from deep inside pyHanko
        raise RecordError(f"signing the field {field!r} failed: {exc}") from exc
    return bytes(out.getbuffer())
