"""The ``allowed_signers`` file as data: who may sign with which key, and what changed in it.

``allowed_signers`` decides which signatures verify, so it is part of the
record like the agreements themselves. This module reads it line by line
(principals, options, key), refuses principal patterns (``*``, ``?`` and
negation ``!``, which ``ssh-keygen`` accepts but which let one line vouch for
principals nobody named), gives each key its SHA-256 fingerprint as
``ssh-keygen -l`` prints it, compares two versions of the file key by key, and
reads the file at a git revision.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.errors import RecordError, UsageError
from mga_tools.records.git import Repo

NAME = "allowed_signers"
WILDCARD_RULE = "SIGNERS-WILDCARD"

_KEY_TYPE = re.compile(
    r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp\d+)@openssh\.com)$"
)
# A field of an allowed-signers line: quoted parts may hold spaces.
_FIELD = re.compile(r'(?:[^\s"]|"[^"]*")+')
# What makes a principal a pattern in ssh-keygen's matching (match_pattern_list): wildcards and negation.
_PATTERN = re.compile(r"[*?!]")


@dataclass(frozen=True)
class Entry:
    """One line of ``allowed_signers`` that names a key."""

    line: int  # 1-based
    principals: tuple[str, ...]
    key: str  # TYPE BASE64

    @property
    def patterns(self) -> tuple[str, ...]:
        """The principals written as patterns rather than names."""
        return tuple(p for p in self.principals if _PATTERN.search(p))


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


def entries(text: str) -> list[Entry]:
    """Every line of ``text`` that names a key, in order; comments, blank and unreadable lines are skipped."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = _FIELD.findall(line)
        if not fields or fields[0].startswith("#"):
            continue
        # principals [options] keytype base64 [comment]: the options are optional, so find the key type.
        at = next((i for i, field in enumerate(fields[1:3], start=1) if _KEY_TYPE.match(field)), None)
        if at is None or at + 1 >= len(fields):
            continue
        principals = tuple(p for p in fields[0].strip('"').split(",") if p)
        found.append(Entry(number, principals, f"{fields[at]} {fields[at + 1]}"))
    return found


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
            if not _PATTERN.search(principal):
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


def wildcards(text: str) -> Iterator[tuple[Entry, str]]:
    """Each line that names principals by pattern, with its first pattern."""
    for entry in entries(text):
        if entry.patterns:
            yield entry, entry.patterns[0]


def _refusal(pattern: str) -> str:
    return (
        f"the principal pattern '{pattern}' lets the key sign for principals nobody named; list each principal by name"
    )


def check(path: Path) -> None:
    """Refuse an ``allowed_signers`` file that names principals by pattern (:class:`RecordError`)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise RecordError(f"{path.as_posix()}: cannot read the file: {exc.strerror or exc}") from None
    for entry, pattern in wildcards(text):
        raise RecordError(f"{path.as_posix()}:{entry.line}: {_refusal(pattern)}")


def lint(folders: list[Path], display: dict[Path, str] | None = None) -> list[Diagnostic]:
    """A :data:`WILDCARD_RULE` error at each line of ``FOLDER/allowed_signers`` that names principals by pattern.

    ``display`` gives the path shown for a folder (else its own path).
    """
    found = []
    for folder in folders:
        path = folder / NAME
        if not path.is_file():
            continue
        shown = (Path((display or {}).get(folder, folder.as_posix())) / NAME).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        for entry, pattern in wildcards(text):
            found.append(Diagnostic(shown, entry.line, 1, WILDCARD_RULE, Severity.ERROR, _refusal(pattern)))
    return found


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
        raise RecordError(f"{where}:{entry.line}: {_refusal(pattern)}")
    # Imported here: only ``mga verify --base`` needs it, and `mga validate` (the commit hook) imports this module.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mga-signers-") as scratch:
        copy = Path(scratch) / NAME
        copy.write_text(text, encoding="utf-8")
        yield copy, where


def findings(cwd: Path, paths: Sequence[str]) -> list[Diagnostic]:
    """SIGNERS-WILDCARD errors in the ``allowed_signers`` files of the folders ``mga validate`` checks.

    A folder among ``paths`` is searched (hidden folders left out); a file stands for its own folder.
    """
    folders: dict[Path, str] = {}
    for given in paths:
        where = cwd / given
        if where.is_dir():
            for found in sorted(where.rglob(NAME)):
                relative = found.parent.relative_to(where)
                if not any(part.startswith(".") for part in relative.parts):
                    folders.setdefault(found.parent, (Path(given) / relative).as_posix())
        elif where.is_file():
            folders.setdefault(where.parent, os.path.dirname(given) or ".")
    return lint(sorted(folders), folders)
