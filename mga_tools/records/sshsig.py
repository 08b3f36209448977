"""SSH signatures as git makes them: the one module that runs ``ssh-keygen``.

``ssh-keygen -Y sign`` signs a message with a private key (or a key held by
ssh-agent) under a namespace; ``ssh-keygen -Y verify`` checks a signature
against an allowed-signers file, which maps principals (e-mail addresses,
usually) to the public keys they may sign with. The namespace keeps a
signature over an agreement from being taken for a signed commit or e-mail.
``ssh-keygen`` is always run with a list of arguments (never through a shell)
and a time limit.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import NamedTuple

from mga_tools.errors import RecordError

NAMESPACE = "mga-agreement"
BEGIN = "-----BEGIN SSH SIGNATURE-----"
END = "-----END SSH SIGNATURE-----"
# Signing may wait for a passphrase typed at the terminal; everything else is quick.
SIGN_TIMEOUT = 300
TIMEOUT = 30

_KEY_TYPE = re.compile(
    r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp\d+)@openssh\.com)$"
)
# A field of an allowed-signers line: quoted parts may hold spaces.
_FIELD = re.compile(r'(?:[^\s"]|"[^"]*")+')


class Verdict(NamedTuple):
    """Whether a signature verifies; if not, why, in words."""

    ok: bool
    reason: str = ""


def _keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise RecordError("ssh-keygen not found: install OpenSSH (8.2 or newer) to sign and verify agreements")
    return found


def _run(args: Sequence[str], data: bytes, timeout: int) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run([_keygen(), *args], input=data, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise RecordError(f"ssh-keygen {' '.join(args[:2])} did not finish within {timeout} seconds") from None
    except OSError as exc:
        raise RecordError(f"cannot run ssh-keygen: {exc.strerror or exc}") from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    """The last line ssh-keygen wrote to standard error."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"


def public_key(key: Path) -> str:
    """The public half of ``key`` as ``TYPE BASE64``.

    ``key`` may be a public key itself; else ``KEY.pub`` is read when it exists
    (no passphrase needed), else ``ssh-keygen -y -f KEY`` derives it.
    """
    if not key.is_file():
        raise RecordError(f"{key}: no such key file")
    with key.open("rb") as handle:
        head = handle.read(64).decode("ascii", "replace")
    companion = key.with_name(key.name + ".pub")
    if _KEY_TYPE.match(head.split(" ", 1)[0]):
        text = key.read_text(encoding="ascii", errors="replace")
    elif companion.is_file():
        text = companion.read_text(encoding="ascii", errors="replace")
    else:
        # An empty standard input: a key protected by a passphrase fails here instead of waiting for one.
        result = _run(["-y", "-f", str(key)], b"", TIMEOUT)
        if result.returncode:
            raise RecordError(
                f"{key}: cannot read its public key ({_said(result)}); put it beside the key as {key}.pub"
            )
        text = result.stdout.decode("ascii", "replace")
    fields = text.split()
    if len(fields) < 2 or not _KEY_TYPE.match(fields[0]):
        raise RecordError(f"{key}: not an SSH key")
    return f"{fields[0]} {fields[1]}"


def allowed_principals(allowed_signers: Path, key: str) -> list[str]:
    """The principal patterns that ``allowed_signers`` lists for the public key ``key`` (``TYPE BASE64``)."""
    found: list[str] = []
    for line in allowed_signers.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = _FIELD.findall(line)
        if not fields or fields[0].startswith("#"):
            continue
        # principals [options] keytype base64 [comment]: the options are optional, so find the key type.
        at = next((i for i, field in enumerate(fields[1:3], start=1) if _KEY_TYPE.match(field)), None)
        if at is None or at + 1 >= len(fields) or f"{fields[at]} {fields[at + 1]}" != key:
            continue
        found.extend(p for p in fields[0].strip('"').split(",") if p and not p.startswith("!"))
    return found


def matching(principals: Sequence[str], patterns: Sequence[str]) -> list[str]:
    """The ``principals`` that one of ``patterns`` (allowed-signers wildcards ``*`` and ``?``) names."""
    return [p for p in principals if any(fnmatchcase(p, pattern) for pattern in patterns)]


def sign(message: bytes, key: Path) -> str:
    """The armored SSH signature of ``message`` by ``key`` under :data:`NAMESPACE`."""
    result = _run(["-Y", "sign", "-n", NAMESPACE, "-f", str(key)], message, SIGN_TIMEOUT)
    armored = result.stdout.decode("ascii", "replace").strip()
    if result.returncode or not armored.startswith(BEGIN) or not armored.endswith(END):
        raise RecordError(f"ssh-keygen could not sign with {key}: {_said(result)}")
    return armored + "\n"


def verify(message: bytes, armored: str, allowed_signers: Path, principal: str) -> Verdict:
    """Whether ``armored`` is a signature of ``message`` by a key ``allowed_signers`` lists for ``principal``."""
    with tempfile.TemporaryDirectory(prefix="mga-sig-") as folder:
        signature = Path(folder) / "signature"
        signature.write_text(armored, encoding="ascii")
        checked = [
            "-Y", "verify", "-f", str(allowed_signers), "-I", principal, "-n", NAMESPACE, "-s", str(signature),
        ]  # fmt: skip
        if _run(checked, message, TIMEOUT).returncode == 0:
            return Verdict(True)
        # ssh-keygen says only "Could not verify signature."; checking the signature alone tells the two cases apart.
        alone = _run(["-Y", "check-novalidate", "-n", NAMESPACE, "-s", str(signature)], message, TIMEOUT)
    if alone.returncode == 0:
        return Verdict(False, f"made by a key that {allowed_signers.as_posix()} does not list for {principal}")
    return Verdict(False, "the signature does not match the signed fingerprint (altered, or made over other content)")
