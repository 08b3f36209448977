"""The ``allowed_signers`` file as data: who may sign with which key, and what changed in it.

Its lines and the refusal of principal patterns are read by
:mod:`mga_tools.records.allowed_signers` (re-exported here), which needs no
git: ``mga validate`` uses that module alone. This module adds what the
records need: each key's SHA-256 fingerprint as ``ssh-keygen -l`` prints it,
the comparison of two versions of the file key by key, and the file at a git
revision.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mga_tools.errors import RecordError, UsageError
from mga_tools.records.allowed_signers import (
    NAME,
    PATTERN,
    WILDCARD_RULE,
    Entry,
    check,
    entries,
    findings,
    lint,
    refusal,
    wildcards,
)
from mga_tools.records.git import Repo

# The light module's names are re-exported: the records and their commands import them from here.
__all__ = [
    "NAME",
    "WILDCARD_RULE",
    "Entry",
    "KeyChange",
    "check",
    "entries",
    "findings",
    "key_changes",
    "key_fingerprint",
    "keys",
    "last_change",
    "lint",
    "read_at",
    "repo_path",
    "signing_key",
    "trusted",
    "wildcards",
]


@dataclass(frozen=True)
class KeyChange:
    """The keys one principal gained and lost between two versions of ``allowed_signers``."""

    principal: str
    added: tuple[str, ...] = ()  # TYPE BASE64
    removed: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """``added``, ``removed`` or ``replaced`` (keys both gained and lost)."""
        if self.added and self.removed:
            return "replaced"
        return "added" if self.added else "removed"


def key_fingerprint(key: str) -> str:
    """``SHA256:...`` of a public key (``TYPE BASE64``), as ``ssh-keygen -l`` prints it."""
    try:
        blob = base64.b64decode(key.split()[-1], validate=True)
    except (binascii.Error, IndexError):
        return "SHA256:?"  # not base64: ssh-keygen cannot use the key either
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")


def signing_key(armored: str) -> str | None:
    """``SHA256:...`` of the public key inside an armored SSH signature; ``None`` when it is not one.

    An SSH signature carries the key that made it (``"SSHSIG"``, a version,
    then the public key as a length-prefixed string), so no ``ssh-keygen`` run is needed.
    """
    body = "".join(line.strip() for line in armored.splitlines() if line.strip() and not line.startswith("-----"))
    try:
        blob = base64.b64decode(body, validate=True)
    except binascii.Error:
        return None
    if not blob.startswith(b"SSHSIG") or len(blob) < 14:
        return None
    size = int.from_bytes(blob[10:14], "big")
    key = blob[14 : 14 + size]
    if len(key) != size or not key:
        return None
    return "SHA256:" + base64.b64encode(hashlib.sha256(key).digest()).decode("ascii").rstrip("=")


def keys(text: str) -> dict[str, set[str]]:
    """Each principal named in ``text`` (patterns left out) -> the keys listed for it."""
    found: dict[str, set[str]] = {}
    for entry in entries(text):
        for principal in entry.principals:
            if not PATTERN.search(principal):
                found.setdefault(principal, set()).add(entry.key)
    return found


def key_changes(old: str | None, new: str | None) -> tuple[KeyChange, ...]:
    """Per principal, by name, the keys added and removed from ``old`` to ``new`` (``None``: no file)."""
    before, after = keys(old or ""), keys(new or "")
    changes = []
    for principal in sorted(before.keys() | after.keys()):
        was, now = before.get(principal, set()), after.get(principal, set())
        if was != now:
            changes.append(KeyChange(principal, tuple(sorted(now - was)), tuple(sorted(was - now))))
    return tuple(changes)


def read_at(repo: Repo, commit: str, path: str) -> str | None:
    """The text of the file ``path`` (from the repository's top level) at ``commit``; ``None`` when absent."""
    proc = repo.git("cat-file", "blob", f"{commit}:{path}")
    return proc.stdout.decode("utf-8", "replace") if proc.returncode == 0 else None


def last_change(repo: Repo, path: str) -> tuple[str, str, str] | None:
    """``(short commit, ISO date, subject)`` of the last commit that changed ``path``; ``None`` if none did."""
    proc = repo.git("log", "-1", "--format=%h%x00%aI%x00%s", "--", path)
    fields = proc.stdout.decode("utf-8", "replace").strip().split("\0")
    return (fields[0], fields[1], fields[2]) if proc.returncode == 0 and len(fields) == 3 else None


def repo_path(repo: Repo, folder: Path) -> str:
    """``folder/allowed_signers`` as a path from the top level of ``repo``."""
    try:
        return (folder.resolve() / NAME).relative_to(repo.root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{folder}: not inside the repository at {repo.root}") from None


@contextmanager
def trusted(folder: Path, rev: str) -> Iterator[tuple[Path, str]]:
    """``folder/allowed_signers`` as it was at git revision ``rev``, in a temporary file for ``ssh-keygen``.

    Yields the temporary file and a description of where it came from
    (``agreements/allowed_signers at REV (COMMIT)``). The file is checked like
    the working one: a principal pattern is refused.
    """
    repo = Repo.find(folder)
    commit = repo.rev_parse(rev)
    path = repo_path(repo, folder)
    text = read_at(repo, commit, path)
    where = f"{path} at {rev} ({commit[:12]})"
    if text is None:
        raise RecordError(f"{path} does not exist at {rev} ({commit[:12]}): no key was trusted there")
    for entry, pattern in wildcards(text):
        raise RecordError(f"{where}:{entry.line}: {refusal(pattern)}")
    # Imported here: only ``mga verify --base`` needs it, and the records commands import this module.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mga-signers-") as scratch:
        copy = Path(scratch) / NAME
        copy.write_text(text, encoding="utf-8")
        yield copy, where
