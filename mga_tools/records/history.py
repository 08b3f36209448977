"""History: every committed version of each agreement, newest first.

:func:`histories` reads the history of a whole folder with one ``git log``
(with rename detection) and one ``git cat-file --batch``, however many
agreements it holds. A file is followed through renames and moves, also when
its id changed in the same commit; git's rename detection pairs the files,
and within one commit files are paired by id first, so that a removed and an
added file with the same id count as one agreement that moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mga_tools.errors import UsageError
from mga_tools.model.canonical import fingerprint
from mga_tools.model.diff import AgreementDiff
from mga_tools.records.clashes import clashes
from mga_tools.records.git import Commit, Repo
from mga_tools.records.revisions import Known, Version, agreements_at, compare, keyed, pair, parse, repo_folder

__all__ = ["Entry", "History", "histories", "history"]


@dataclass(frozen=True)
class Entry:
    """One commit that touched an agreement, and the agreement as that commit left it."""

    commit: str  # the full commit id
    short: str
    date: str  # author date, ISO 8601
    author: str
    message: str  # the subject line
    path: str  # where the file was; for a removal, where it was removed from
    status: str | None  # the agreement's status at this version
    fingerprint: str | None  # None when the file does not parse, or was removed
    changes: AgreementDiff  # against the previous (older) entry; the first is "added"


@dataclass(frozen=True)
class History:
    """The committed versions of one agreement, newest first."""

    id: str
    entries: tuple[Entry, ...]
    shallow: bool  # the repository is a shallow clone
    note: str | None  # why the history may be incomplete
    modified: bool  # the working tree differs from the last committed version
    clash: tuple[str, ...] = ()  # the working files that share this id (AGREEMENT-ID-DUPLICATE), when several

    @property
    def last_changed(self) -> str | None:
        """The author date of the newest entry."""
        return self.entries[0].date if self.entries else None


@dataclass
class _Lineage:
    """One file followed through its renames: (commit, path, version) oldest first; version None = removed."""

    start: int
    steps: list[tuple[Commit, str, Version | None]] = field(default_factory=list)
    end: int | None = None  # the index of the commit that removed it

    def key(self) -> str:
        """The newest id the file had; its newest path if it never had one (or never parsed)."""
        ids = (version.id for _, _, version in reversed(self.steps) if version is not None)
        return next((ident for ident in ids if ident is not None), self.steps[-1][1])


def _lineages(commits: list[Commit], blobs: dict[str, bytes]) -> list[_Lineage]:
    """Follow each agreement file from the oldest commit to the newest."""
    parsed: dict[str, dict[str, Any] | None] = {}  # each blob is read once, whatever its names

    def version(path: str, blob: str | None) -> Version:
        key = blob or ""
        raw = blobs.get(key, b"")
        if key not in parsed:
            parsed[key] = parse(raw, path)
        return Version(path, parsed[key], raw)

    alive: dict[str, _Lineage] = {}  # by current path
    done: list[_Lineage] = []
    for index, commit in enumerate(reversed(commits)):
        # The files before and after the commit are paired as between two revisions: by id, then as git paired
        # them (a rename, or the same path), so that a moved file is followed also when git did not see the move.
        olds = keyed([version(c.old_path, c.old_blob) for c in commit.changes if c.old_path is not None])
        news = keyed([version(c.new_path, c.new_blob) for c in commit.changes if c.new_path is not None])
        renames = {c.old_path: c.new_path for c in commit.changes if c.old_path is not None and c.new_path is not None}
        # Every file is taken out before any is put back, so that two files can swap names.
        moving = [(alive.pop(old.path, None) if old else None, old, new) for old, new in pair(olds, news, renames)]
        for lineage, old, new in moving:
            if new is None:
                if lineage is not None and old is not None:
                    lineage.steps.append((commit, old.path, None))
                    lineage.end = index
                    done.append(lineage)
                continue
            lineage = lineage or _Lineage(start=index)
            lineage.steps.append((commit, new.path, new))
            alive[new.path] = lineage
    return sorted([*done, *alive.values()], key=lambda lineage: lineage.start)


def _group(lineages: list[_Lineage]) -> dict[str, list[_Lineage]]:
    """Lineages by agreement id; one that was removed and another that later took its id are one agreement."""
    groups: dict[str, list[_Lineage]] = {}
    for lineage in lineages:
        key = lineage.key()
        if key in groups:
            last = groups[key][-1]
            if last.end is None or last.end > lineage.start:  # two files with one id at the same time
                key = lineage.steps[-1][1]
        groups.setdefault(key, []).append(lineage)
    return groups


def _entries(lineages: list[_Lineage]) -> tuple[Entry, ...]:
    entries = []
    previous: Version | None = None
    for commit, path, current in (step for lineage in lineages for step in lineage.steps):
        data = current.data if current is not None else None
        entries.append(
            Entry(
                commit=commit.sha,
                short=commit.short,
                date=commit.date,
                author=commit.author,
                message=commit.subject,
                path=path,
                status=current.status if current is not None else None,
                fingerprint=fingerprint(data) if data is not None else None,
                changes=compare(previous, current),
            )
        )
        previous = current
    return tuple(reversed(entries))


def _modified(last: Version | None, working: Version | None) -> bool:
    if last is None or working is None:
        return last is not working
    return last.path != working.path or last.raw != working.raw


def histories(root: Path, folder: str = "agreements", known: Known | None = None) -> dict[str, History]:
    """The history of every agreement under ``root/folder``, keyed by id (or by path, for a file without one).

    Agreements committed and later removed are included (their newest entry
    is the removal), and so are agreements only in the working tree (with no
    entries). In a shallow clone a history can be cut short; its ``note`` says so.
    ``known`` is passed on to :func:`~mga_tools.records.revisions.agreements_at`.
    """
    repo = Repo.find(root)
    where = repo_folder(repo, root, folder)
    working = agreements_at(repo, None, where, known)
    head = repo.head()
    commits = repo.log(head, where) if head is not None else []
    blobs = repo.read_blobs(
        blob for commit in commits for change in commit.changes for blob in (change.old_blob, change.new_blob) if blob
    )
    shallow = repo.is_shallow()
    edge = repo.shallow_commits() if shallow else frozenset()
    found: dict[str, History] = {}
    groups = _group(_lineages(commits, blobs))
    clashing = clashes(working)  # files sharing an id: each history says so, naming them
    # A working file without a usable id (it does not parse, say) is keyed by its path: found by that path.
    by_path = {version.path: key for key, version in working.items() if key == version.path}
    claimed: set[str] = set()
    for key, lineages in groups.items():
        entries = _entries(lineages)
        note = None
        if entries and entries[-1].commit in edge:
            note = (
                f"shallow clone: history before {entries[-1].short} is not available; "
                "run `git fetch --unshallow` for the full history"
            )
        last = lineages[-1].steps[-1][2]
        current = working.get(key)
        if current is None and last is not None and by_path.get(last.path) not in (None, *groups):
            claimed.add(by_path[last.path])
            current = working[by_path[last.path]]
        found[key] = History(key, entries, shallow, note, _modified(last, current), clashing.get(key, ()))
    for key in working.keys() - found.keys() - claimed:
        found[key] = History(key, (), shallow, None, modified=True, clash=clashing.get(key, ()))
    return dict(sorted(found.items()))


def history(root: Path, agreement_id: str, folder: str = "agreements") -> History:
    """The history of the agreement ``agreement_id`` under ``root/folder``."""
    found = histories(root, folder).get(agreement_id)
    if found is None:
        raise UsageError(f"no agreement with id {agreement_id!r} in {folder}, committed or in the working tree")
    return found
