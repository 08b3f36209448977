"""Revisions: the agreements at a commit or in the working tree, and what changed between two of them.

:func:`diff_revisions` is the library entry point behind ``mga diff``.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mga_tools.errors import UsageError
from mga_tools.load import FAST, PRECISE, fast_available, load_text
from mga_tools.model.diff import AgreementDiff, Change, diff_agreement
from mga_tools.records import signers
from mga_tools.records.clashes import without_clashes
from mga_tools.records.git import Repo, is_agreement

__all__ = [
    "Known",
    "RevisionDiffs",
    "Version",
    "agreement_id",
    "agreements_at",
    "compare",
    "diff_revisions",
    "keyed",
    "pair",
    "parse",
    "repo_folder",
    "similar",
]


class RevisionDiffs(list[AgreementDiff]):
    """The agreement diffs of ``mga diff`` (a list), with the key changes of ``allowed_signers`` beside them."""

    def __init__(
        self, diffs: list[AgreementDiff], changes: tuple[signers.KeyChange, ...] = (), path: str = signers.NAME
    ) -> None:
        super().__init__(diffs)
        self.signers = changes
        self.path = path  # the signers file compared, from the repository's top level


# Data of working files already loaded, by absolute resolved path.
Known = Mapping[Path, dict[str, Any]]

# git's default: a file counts as renamed when at least half of it is unchanged.
SIMILARITY = 0.5


@dataclass(frozen=True)
class Version:
    """One agreement file as it is at one revision."""

    path: str  # relative to the repository's top level, with forward slashes
    data: dict[str, Any] | None  # None when the file does not parse or does not hold a mapping
    raw: bytes = field(repr=False)

    @property
    def id(self) -> str | None:
        """The agreement's ``id``, when it has a usable one."""
        return agreement_id(self.data)

    @property
    def status(self) -> str | None:
        """The agreement's ``status``, when it has one."""
        status = self.data.get("status") if self.data is not None else None
        return status if isinstance(status, str) else None


def agreement_id(data: Any) -> str | None:
    """The ``id`` of loaded agreement data, or ``None`` if it has no usable one."""
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def parse(raw: bytes, path: str) -> dict[str, Any] | None:
    """The data of one agreement file, or ``None`` when it does not parse to a mapping."""
    doc = load_text(raw, path, reader=FAST if fast_available() else PRECISE)
    return doc.data if doc.parsed and isinstance(doc.data, dict) else None


def keyed(versions: list[Version]) -> dict[str, Version]:
    """Versions by agreement id; a file without a usable id, or repeating an id, is keyed by its path."""
    found: dict[str, Version] = {}
    for version in sorted(versions, key=lambda v: v.path):
        key = version.id
        found[key if key is not None and key not in found else version.path] = version
    return found


def repo_folder(repo: Repo, root: Path, folder: str) -> str:
    """``folder`` (relative to ``root``, or absolute) as a path from the top level of ``repo``."""
    target = (root / folder).resolve()
    try:
        relative = target.relative_to(repo.root.resolve())
    except ValueError:
        raise UsageError(f"{folder}: not inside the repository at {repo.root}") from None
    return "" if relative == Path() else relative.as_posix()


def _working_tree(repo: Repo, folder: str, known: Known | None) -> list[Version]:
    found = []
    known = known or {}
    for directory, subdirectories, files in os.walk(repo.root / folder):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]  # never into .git
        for file_name in files:
            path = Path(directory, file_name)
            name = path.relative_to(repo.root).as_posix()
            # Regular files only: git records a symbolic link as a link, never as an agreement file.
            if is_agreement(name, folder) and path.is_file() and not path.is_symlink():
                try:
                    raw = path.read_bytes()
                except OSError as exc:
                    raise UsageError(f"{name}: cannot read the file: {exc.strerror or exc}") from exc
                data = known.get(path.resolve()) if known else None
                found.append(Version(name, data if data is not None else parse(raw, name), raw))
    return found


def agreements_at(repo: Repo, rev: str | None, folder: str, known: Known | None = None) -> dict[str, Version]:
    """The agreements under ``folder`` (from the repository's top level) at ``rev``, keyed by id.

    ``rev=None`` means the working tree: the files on disk, whether committed,
    modified or untracked. A file without a usable id is keyed by its path.
    ``known`` gives the data of working files already loaded (by absolute,
    resolved path), so that a caller who validated them does not parse them twice.
    """
    if rev is None:
        return keyed(_working_tree(repo, folder, known))
    files = repo.agreement_files(repo.rev_parse(rev), folder)
    blobs = repo.read_blobs(blob for _, blob in files)
    contents = [(path, blobs.get(blob, b"")) for path, blob in files]
    return keyed([Version(path, parse(raw, path), raw) for path, raw in contents])


def pair(
    base: dict[str, Version], head: dict[str, Version], renames: dict[str, str]
) -> list[tuple[Version | None, Version | None]]:
    """Match the versions of ``base`` with those of ``head``, ordered by path.

    By key (the agreement id) first; then a file that ``renames`` (old path ->
    new path) says was moved, or that kept its path, is paired even when its
    id changed. What is left is removed or added.
    """
    old_left, new_left = dict(base), dict(head)
    pairs: list[tuple[Version | None, Version | None]] = []
    for key in list(old_left):
        if key in new_left:
            pairs.append((old_left.pop(key), new_left.pop(key)))
    by_path = {version.path: key for key, version in new_left.items()}
    for key, old in list(old_left.items()):
        for path in (renames.get(old.path), old.path):
            new_key = by_path.get(path) if path is not None else None
            if new_key is not None and new_key in new_left:
                pairs.append((old_left.pop(key), new_left.pop(new_key)))
                break
    pairs.extend((old, None) for old in old_left.values())
    pairs.extend((None, new) for new in new_left.values())
    return sorted(pairs, key=_order)


def _order(pair: tuple[Version | None, Version | None]) -> tuple[str, str]:
    """By the new path (the old one for a removed file), then the old path."""
    old, new = pair
    paths = [version.path for version in (new, old) if version is not None]
    return paths[0], paths[-1]


def similar(old: list[Version], new: list[Version]) -> dict[str, str]:
    """Renames guessed by content, old path -> new path: for files git does not track yet."""
    scored = []
    for a in old:
        lines = a.raw.splitlines()
        for b in new:
            matcher = difflib.SequenceMatcher(None, lines, b.raw.splitlines(), autojunk=False)
            if matcher.real_quick_ratio() >= SIMILARITY and matcher.quick_ratio() >= SIMILARITY:
                ratio = matcher.ratio()
                if ratio >= SIMILARITY:
                    scored.append((-ratio, a.path, b.path))
    found: dict[str, str] = {}
    taken: set[str] = set()
    for _, a_path, b_path in sorted(scored):  # the most similar first
        if a_path not in found and b_path not in taken:
            found[a_path] = b_path
            taken.add(b_path)
    return found


def compare(old: Version | None, new: Version | None) -> AgreementDiff:
    """The semantic diff of two versions of one agreement (either may be absent, not both).

    A version that does not parse has no semantic content to compare: the
    diff says only whether the file changed, with one change of the field
    ``yaml`` from ``"parses"`` / ``"does not parse"`` to the same.
    """
    old_path = old.path if old is not None else None
    new_path = new.path if new is not None else None
    if old is not None and new is not None and (old.data is None or new.data is None):
        ident = new.id or old.id or PurePosixPath(new.path).stem
        if old.raw == new.raw:
            return AgreementDiff(ident, "unchanged", old_path, new_path)
        states = tuple("parses" if v.data is not None else "does not parse" for v in (old, new))
        return AgreementDiff(
            ident, "changed", old_path, new_path, (Change("changed", "agreement", "", "yaml", *states),)
        )
    # An unparsable file that appears or goes is still added or removed: those carry no item changes.
    return diff_agreement(
        None if old is None else old.data or {},
        None if new is None else new.data or {},
        old_path=old_path,
        new_path=new_path,
    )


def diff_revisions(
    root: Path, base: str | None = None, head: str | None = None, folder: str = "agreements"
) -> RevisionDiffs:
    """What changed in the agreements under ``root/folder`` from ``base`` to ``head``, ordered by path.

    ``base=None`` is the merge-base of HEAD with the main branch; ``head=None``
    is the working tree, untracked files included. Unchanged agreements are
    listed too (kind ``"unchanged"``), so that a caller can count them. The
    result also carries the key changes of ``folder/allowed_signers``.
    """
    repo = Repo.find(root)
    where = repo_folder(repo, root, folder)
    base_commit = repo.rev_parse(base) if base is not None else repo.default_base()
    head_commit = repo.rev_parse(head) if head is not None else None
    old = agreements_at(repo, base_commit, where)
    new = agreements_at(repo, head_commit, where)
    if not old and not new and not (repo.root / where).is_dir():
        raise UsageError(f"{folder}: no such folder, and no agreements under it at {base_commit[:12]}")
    renames = repo.renames(base_commit, head_commit, where)
    pairs = pair(old, new, renames)
    if head_commit is None:
        # git compares only the files it tracks: a renamed file not yet added is matched by its content.
        gone = [a for a, b in pairs if b is None and a is not None]
        added = [b for a, b in pairs if a is None and b is not None]
        guessed = similar(gone, added) if gone and added else {}
        if guessed:
            pairs = pair(old, new, {**renames, **guessed})
    # allowed_signers decides which signatures verify: its changes are part of what changed.
    path = f"{where}/{signers.NAME}" if where else signers.NAME
    old_signers = signers.read_at(repo, base_commit, path)
    if head_commit is not None:
        new_signers = signers.read_at(repo, head_commit, path)
    else:
        local = repo.root / path
        new_signers = local.read_text(encoding="utf-8", errors="replace") if local.is_file() else None
    changes = signers.key_changes(old_signers, new_signers)
    # Files of the head that share an id are named, not compared (see records/clashes.py).
    diffs = without_clashes([compare(a, b) for a, b in pairs], pairs, new)
    return RevisionDiffs(diffs, changes, path)
