"""The lines of an ``allowed_signers`` file, and the check ``mga validate`` runs on it.

``allowed_signers`` decides which signatures verify, so it is part of the
record like the agreements themselves. This module reads it line by line
(principals, options, key) and refuses principal patterns (``*``, ``?`` and
negation ``!``, which ``ssh-keygen`` accepts but which let one line vouch for
principals nobody named).

It imports nothing that runs git: ``mga validate`` (the commit hook, timed
in docs/performance.md) checks the working file through it on every commit.
What needs git (the file at a revision, what changed in it) is in
:mod:`mga_tools.records.signers`.
"""

from __future__ import annotations

import os
import re
from collections import namedtuple
from collections.abc import Iterator, Sequence
from pathlib import Path

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.errors import RecordError

__all__ = ["NAME", "PATTERN", "WILDCARD_RULE", "Entry", "check", "entries", "findings", "lint", "refusal", "wildcards"]

NAME = "allowed_signers"
WILDCARD_RULE = "SIGNERS-WILDCARD"

_KEY_TYPE = re.compile(
    r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp\d+)@openssh\.com)$"
)
# A field of an allowed-signers line: quoted parts may hold spaces.
_FIELD = re.compile(r'(?:[^\s"]|"[^"]*")+')
# What makes a principal a pattern in ssh-keygen's matching (match_pattern_list): wildcards and negation.
PATTERN = re.compile(r"[*?!]")


# A named tuple rather than a dataclass, as Diagnostic is: ``dataclasses`` (and ``inspect``, which it
# imports) cost the commit hook more than the rest of this module.
class Entry(namedtuple("Entry", "line principals key")):
    """One line of ``allowed_signers`` that names a key.

    Fields: ``line`` (1-based), ``principals`` (a tuple of names), ``key`` (``TYPE BASE64``).
    """

    __slots__ = ()

    @property
    def patterns(self) -> tuple[str, ...]:
        """The principals written as patterns rather than names."""
        return tuple(p for p in self.principals if PATTERN.search(p))


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


def wildcards(text: str) -> Iterator[tuple[Entry, str]]:
    """Each line that names principals by pattern, with its first pattern."""
    for entry in entries(text):
        if entry.patterns:
            yield entry, entry.patterns[0]


def refusal(pattern: str) -> str:
    """Why a line naming principals by ``pattern`` is refused, and what to write instead."""
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
        raise RecordError(f"{path.as_posix()}:{entry.line}: {refusal(pattern)}")


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
            found.append(Diagnostic(shown, entry.line, 1, WILDCARD_RULE, Severity.ERROR, refusal(pattern)))
    return found


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
