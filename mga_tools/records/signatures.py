"""Signatures of sealed agreements: who signed which fingerprint, and whether it verifies.

Each signatory signs, with an SSH key, the message::

    mga-agreement ID
    fingerprint sha256:FINGERPRINT

where FINGERPRINT is the agreement's seal. The signature is kept beside the
agreement as ``ID.signatures/PRINCIPAL.sig``: a short header (agreement,
principal, fingerprint) and the armored SSH signature. The public keys live
in ``allowed_signers`` in the same folder, in OpenSSH's allowed-signers format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mga_tools.errors import RecordError
from mga_tools.load import PRECISE, load
from mga_tools.model.canonical import SEAL, fingerprint
from mga_tools.records import signers, sshsig
from mga_tools.records.files import write_atomic
from mga_tools.validate.index import items

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ALLOWED_SIGNERS = "allowed_signers"

VALID = "valid"  # verifies, over the current seal
SUPERSEDED = "superseded"  # verifies, over an earlier seal: the agreement was amended and sealed again
INVALID = "invalid"  # does not verify: wrong key, altered file, principal not allowed
UNSIGNED = "unsigned"  # no signature file, or no principal to sign under

_HEX = re.compile(r"^[0-9a-f]{64}$")
# As in the schema; checked here too because a principal becomes a file name.
_PRINCIPAL = re.compile(r"^[A-Za-z0-9._@+-]+$")
_STATED = re.compile(r"^fingerprint sha256:([0-9a-f]{64})$", re.MULTILINE)


@dataclass(frozen=True)
class SignatureCheck:
    """One signatory, the fingerprint its signature file says it signed, and whether that verifies."""

    name: str
    party: str
    principal: str | None
    fingerprint: str | None
    state: str
    path: Path | None = None
    reason: str = ""


@dataclass(frozen=True)
class SealState:
    """An agreement's seal (``None`` when unsealed) next to the fingerprint of its content."""

    ident: str
    sealed: str | None
    content: str
    date: str | None = None
    amendments: int | None = None

    @property
    def matches(self) -> bool:
        """Whether the agreement is sealed and still has the content it was sealed with."""
        return self.sealed == self.content


def message(ident: str, sealed: str) -> bytes:
    """What a signatory signs: the agreement's id and its sealed fingerprint."""
    return f"mga-agreement {ident}\nfingerprint sha256:{sealed}\n".encode()


def signature_file(agreement: Path, principal: str) -> Path:
    """Where the signature of ``principal`` over ``agreement`` is kept."""
    return agreement.parent / f"{agreement.stem}.signatures" / f"{principal}.sig"


def _read(path: Path) -> dict[str, Any]:
    doc = load(path, path.as_posix(), reader=PRECISE)
    if not doc.parsed or not isinstance(doc.data, dict) or not isinstance(doc.data.get("id"), str):
        raise RecordError(f"{path.as_posix()} cannot be read as an agreement; run 'mga validate {path.as_posix()}'")
    return doc.data


def _seal_state(data: dict[str, Any]) -> SealState:
    seal = data.get(SEAL)
    seal = seal if isinstance(seal, dict) else {}
    sealed = seal.get("fingerprint") if isinstance(seal.get("fingerprint"), str) else None
    date = seal.get("date") if isinstance(seal.get("date"), str) else None
    count = seal.get("amendments")
    count = count if isinstance(count, int) and not isinstance(count, bool) else None
    try:
        content = fingerprint(data)
    except (TypeError, ValueError):  # a value JSON cannot hold: no content can match a seal
        content = ""
    ident = data.get("id")
    return SealState(str(ident or ""), sealed if sealed and _HEX.match(sealed) else None, content, date, count)


def seal_state(agreement: Path, data: dict[str, Any] | None = None) -> SealState:
    """The seal of the agreement at ``agreement`` and the fingerprint of its content.

    ``data``, when the caller has already read and validated the file, saves reading it again.
    """
    return _seal_state(data if data is not None else _read(agreement))


def _signatories(data: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    """``(name, party, principal)`` of each signatory, in order."""
    found = []
    for _, signatory in items(data, ("signatories",)):
        name, party, principal = (signatory.get(key) for key in ("name", "party", "principal"))
        found.append(
            (
                name if isinstance(name, str) else "",
                party if isinstance(party, str) else "",
                principal if isinstance(principal, str) and _PRINCIPAL.match(principal) else None,
            )
        )
    return found


def sign(agreement: Path, key: Path, *, principal: str | None = None) -> Path:
    """Sign the sealed agreement at ``agreement`` with ``key``; returns the signature file written.

    The signatory is ``principal`` if given, else the one signatory whose
    principal ``allowed_signers`` lists for the key. The signature is checked
    against ``allowed_signers`` before it is written.
    """
    display = agreement.as_posix()
    data = _read(agreement)
    state = _seal_state(data)
    if state.sealed is None:
        raise RecordError(
            f"{display} is not sealed: run 'mga seal {state.ident}' first; signatures are made over its seal"
        )
    if not state.matches:
        raise RecordError(
            f"{display} no longer has the content it was sealed with (sha256:{state.sealed[:12]}); "
            f"record the change as an amendment and run 'mga seal {state.ident}' before signing"
        )
    allowed = agreement.parent / ALLOWED_SIGNERS
    if not allowed.is_file():
        raise RecordError(f"{allowed.as_posix()} not found: add each signatory's public key to it first")
    signers.check(allowed)
    principals = [p for _, _, p in _signatories(data) if p is not None]
    known = f" (signatories' principals: {', '.join(principals)})" if principals else " (no signatory has one)"
    if principal is None:
        public = sshsig.public_key(key)
        candidates = sorted(set(sshsig.matching(principals, sshsig.allowed_principals(allowed, public))))
        if not candidates:
            raise RecordError(
                f"the key {key} is not listed in {allowed.as_posix()} for any signatory of {state.ident}{known}; "
                f"add the line 'PRINCIPAL namespaces=\"{sshsig.NAMESPACE}\" {public}'"
            )
        if len(candidates) > 1:
            raise RecordError(
                f"the key {key} is listed for several signatories of {state.ident} ({', '.join(candidates)}); "
                "name one with --principal"
            )
        principal = candidates[0]
    elif principal not in principals:
        raise RecordError(f"no signatory of {state.ident} has the principal '{principal}'{known}")
    signed = message(state.ident, state.sealed)
    armored = sshsig.sign(signed, key)
    verdict = sshsig.verify(signed, armored, allowed, principal)
    if not verdict.ok:
        raise RecordError(f"the signature made with {key} does not verify for {principal}: {verdict.reason}")
    target = signature_file(agreement, principal)
    target.parent.mkdir(exist_ok=True)
    header = f"agreement: {state.ident}\nprincipal: {principal}\nfingerprint sha256:{state.sealed}\n"
    write_atomic(target, (header + armored).encode("ascii"))
    return target


def _parse(path: Path) -> tuple[str, str] | None:
    """The fingerprint a signature file states and its armored signature; ``None`` when it is not one."""
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    header, begin, rest = text.partition(sshsig.BEGIN)
    body, end, _ = rest.partition(sshsig.END)
    stated = _STATED.search(header)
    if not begin or not end or stated is None:
        return None
    return stated.group(1), f"{begin}{body}{end}\n"


def verify(agreement: Path, data: dict[str, Any] | None = None, allowed: Path | None = None) -> list[SignatureCheck]:
    """One :class:`SignatureCheck` per signatory of the agreement at ``agreement``, in order.

    ``valid`` needs a signature that verifies against ``allowed_signers`` for
    the signatory's principal and is over the current seal; whether the seal
    still matches the content is :func:`seal_state`'s answer. ``data`` is
    as for :func:`seal_state`. ``allowed`` is the signers file to trust
    (default: ``allowed_signers`` beside the agreement); one that names
    principals by pattern is refused (:class:`RecordError`).
    """
    data = data if data is not None else _read(agreement)
    state = _seal_state(data)
    allowed = allowed if allowed is not None else agreement.parent / ALLOWED_SIGNERS
    if allowed.is_file():
        signers.check(allowed)
    checks = []
    for name, party, principal in _signatories(data):
        path = signature_file(agreement, principal) if principal else None
        if principal is None or path is None or not path.is_file():
            reason = "no principal to sign under" if principal is None else "not signed yet"
            checks.append(SignatureCheck(name, party, principal, None, UNSIGNED, path, reason))
            continue
        parsed = _parse(path)
        if parsed is None:
            checks.append(SignatureCheck(name, party, principal, None, INVALID, path, "not a signature file"))
            continue
        stated, armored = parsed
        if not allowed.is_file():
            reason = f"{allowed.as_posix()} not found"
            checks.append(SignatureCheck(name, party, principal, stated, INVALID, path, reason))
            continue
        verdict = sshsig.verify(message(state.ident, stated), armored, allowed, principal)
        if not verdict.ok:
            checks.append(SignatureCheck(name, party, principal, stated, INVALID, path, verdict.reason))
        elif stated != state.sealed:
            reason = "over an earlier seal: the agreement was amended and sealed again since"
            checks.append(SignatureCheck(name, party, principal, stated, SUPERSEDED, path, reason))
        else:
            checks.append(SignatureCheck(name, party, principal, stated, VALID, path))
    return checks


def signing_key(check: SignatureCheck) -> str | None:
    """``SHA256:...`` of the key that made the signature of ``check``; ``None`` without a readable signature."""
    parsed = _parse(check.path) if check.path is not None and check.path.is_file() else None
    return signers.signing_key(parsed[1]) if parsed is not None else None
