"""Check a signed agreement PDF from the file alone: its attached source and each signature field.

The PDF carries the agreement's YAML as an attachment (relationship
"source"), so the fingerprint of what was signed is read from the PDF itself
and compared with the seal recorded in that YAML, and with the agreement file
in the repository when there is one. Each signature field is reported with
its signer (the certificate's common name), the signing time the signer
stated, whether the bytes it covers are intact, and whether the signer's
certificate chains to a trust root the user names. pyHanko does the checks.
"""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mga_tools.errors import RecordError
from mga_tools.load import PRECISE, load_text
from mga_tools.records.pdf_sign import (
    PdfFileReader,
    ValidationContext,
    fields_of,
    hanko_validation,
    load_certs_from_pemder,
    open_pdf,
)
from mga_tools.records.signatures import seal_state

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any

# The modifications a later revision may make without voiding an earlier signature: none, or filling in
# form fields, which is what signing the next field is.
_ALLOWED = ("NONE", "LTA_UPDATES", "FORM_FILLING")


@dataclass(frozen=True)
class Source:
    """The agreement attached to the PDF: file name, its content's fingerprint, and the seal it records."""

    name: str
    content: str
    sealed: str | None


@dataclass(frozen=True)
class FieldCheck:
    """One signature field: who signed it, when, and whether the signature holds."""

    name: str
    signed: bool
    signer: str = ""
    time: str = ""
    intact: bool = False
    trusted: bool | None = None  # None: no trust root was named, trust not checked
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Signed, intact, and trusted unless trust was not checked."""
        return self.signed and self.intact and self.trusted is not False


@dataclass(frozen=True)
class PdfReport:
    """What ``mga verify FILE.pdf`` reports: the attached source, the repository's copy, and every field."""

    source: Source | None
    fields: list[FieldCheck]
    trust: list[str] = field(default_factory=list)  # the trust roots named (paths as given)
    repository: Path | None = None  # the agreement file of the same id in the repository, when there is one
    repository_content: str | None = None  # its content's fingerprint

    @property
    def seal_matches(self) -> bool:
        """The attached agreement is sealed over the content it has, and the repository's copy agrees."""
        if self.source is None or self.source.sealed != self.source.content:
            return False
        return self.repository_content is None or self.repository_content == self.source.content

    @property
    def ok(self) -> bool:
        """Every field signed and holding, and the fingerprint matching."""
        return self.seal_matches and bool(self.fields) and all(f.ok for f in self.fields)


def attachments(pdf: bytes) -> dict[str, tuple[str, bytes]]:
    """The files attached to ``pdf``: name -> (relationship, bytes); associated files of the document first."""
    return _attachments(open_pdf(pdf))


def _attachments(reader: PdfFileReader) -> dict[str, tuple[str, bytes]]:
    root = reader.root
    specs = [ref.get_object() for ref in root.get("/AF", [])]
    names = root.get("/Names", {}).get("/EmbeddedFiles")
    if names is not None:
        specs += _name_tree_values(names.get_object())
    found: dict[str, tuple[str, bytes]] = {}
    for spec in specs:
        name = str(spec.get("/UF") or spec.get("/F") or "")
        stream = spec.get("/EF", {}).get("/F")
        if name and stream is not None and name not in found:
            found[name] = (str(spec.get("/AFRelationship", "/Unspecified")).lstrip("/"), stream.get_object().data)
    return found


def _name_tree_values(node: Any) -> list[Any]:
    values = []
    pairs = node.get("/Names", [])
    values += [pairs[i + 1].get_object() for i in range(0, len(pairs) - 1, 2)]
    for kid in node.get("/Kids", []):
        values += _name_tree_values(kid.get_object())
    return values


def attached_source(pdf: bytes) -> tuple[str, bytes] | None:
    """The name and bytes of the agreement attached to ``pdf`` (relationship "source", a ``.yaml`` file)."""
    return _source_file(open_pdf(pdf))


def _source_file(reader: PdfFileReader) -> tuple[str, bytes] | None:
    for name, (relationship, data) in _attachments(reader).items():
        if relationship == "Source" and name.endswith(".yaml"):
            return name, data
    return None


def read_source(name: str, data: bytes) -> Source:
    """The agreement file ``name`` with the bytes ``data``, read: its content's fingerprint and its seal."""
    content, sealed = _fingerprints(data, name)
    return Source(name, content, sealed)


def _fingerprints(raw: bytes, display: str) -> tuple[str, str | None]:
    """The content fingerprint of the agreement YAML ``raw`` and its recorded seal (``None`` if unsealed)."""
    doc = load_text(raw, display, reader=PRECISE)
    if not doc.parsed or not isinstance(doc.data, dict):
        raise RecordError(f"the attached {display} cannot be read as an agreement")
    state = seal_state(Path(display), doc.data)
    return state.content, state.sealed


def _trust_roots(trust: Sequence[Path]) -> list[Any]:
    try:
        return list(load_certs_from_pemder([str(path) for path in trust]))
    except (OSError, ValueError) as exc:
        raise RecordError(f"cannot read the trust roots {', '.join(map(str, trust))}: {exc}") from exc


def _when(moment: dt.datetime | None) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if moment is not None else "no time stated"


@contextmanager
def _quiet() -> Iterator[None]:
    """pyHanko logs, with a traceback, each certificate it finds no trusted path for; the report says it once."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _check(embedded: Any, context: Any, checked_trust: bool) -> FieldCheck:
    name = str(embedded.field_name)
    try:
        with _quiet():
            status = hanko_validation.validate_pdf_signature(embedded, signer_validation_context=context)
    except Exception as exc:  # a damaged signature raises instead of reporting
        return FieldCheck(name, True, intact=False, trusted=False if checked_trust else None, reason=str(exc))
    subject = status.signing_cert.subject.native if status.signing_cert is not None else {}
    signer = str(subject.get("common_name", "")) if isinstance(subject, dict) else ""
    level = status.modification_level
    changed_after = level is not None and level.name not in _ALLOWED
    covered = status.coverage is not None and status.coverage.name in ("ENTIRE_REVISION", "ENTIRE_FILE")
    intact = bool(status.intact and status.valid) and covered and not changed_after
    reason = ""
    if not (status.intact and status.valid):
        reason = "the signed bytes were changed"
    elif changed_after:
        reason = "the document was changed after this signature, beyond filling in fields"
    trusted = bool(status.trusted) if checked_trust else None
    if trusted is False and not reason:
        reason = "the signer's certificate does not chain to a trusted certificate"
    return FieldCheck(name, True, signer, _when(status.signer_reported_dt), intact, trusted, reason)


def verify_pdf(path: Path, *, trust: Sequence[Path] = (), folder: Path | None = None) -> PdfReport:
    """Check the PDF at ``path``: its attached agreement and every signature field.

    ``trust``: PEM or DER files of the certificates to trust as roots (none:
    trust is not checked). ``folder``: where the repository keeps agreements;
    when it holds the attached agreement's file, its content must be the
    attached one. Raises :class:`RecordError` when the file is not a readable PDF.
    """
    try:
        pdf = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot read {path}: {exc.strerror or exc}") from exc
    reader = open_pdf(pdf)
    found = _source_file(reader)
    source = read_source(*found) if found is not None else None
    roots = _trust_roots(trust) if trust else []
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    embedded = {str(sig.field_name): sig for sig in reader.embedded_regular_signatures}
    checks = []
    for state in fields_of(reader):
        if state.name in embedded:
            checks.append(_check(embedded[state.name], context, bool(trust)))
        else:
            checks.append(FieldCheck(state.name, False, reason="not signed yet"))
    repository, content = None, None
    if source is not None and folder is not None and (folder / source.name).is_file():
        repository = folder / source.name
        content, _ = _fingerprints(repository.read_bytes(), repository.as_posix())
    return PdfReport(source, checks, [str(p) for p in trust], repository, content)
