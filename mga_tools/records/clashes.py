"""Agreement files that share an id, as ``mga diff`` and ``mga history`` report them.

Validation refuses such files (AGREEMENT-ID-DUPLICATE), but a diff or a
history may be asked for in any state of a branch. Files that share an id
cannot be told apart: comparing them by id would call one unchanged and the
other added, of what is one id. They are named instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from mga_tools.model.diff import AgreementDiff

__all__ = ["DUPLICATE", "clashes", "named", "without_clashes"]


class Version(Protocol):
    """What is read of a file at a revision (a :class:`~mga_tools.records.revisions.Version`, which uses this)."""

    @property
    def id(self) -> str | None: ...

    @property
    def path(self) -> str: ...


DUPLICATE = "duplicate"  # the kind of the one diff entry that stands for the files of an id


def clashes(versions: Mapping[str, Version]) -> dict[str, tuple[str, ...]]:
    """The ids that more than one file of ``versions`` has (keyed as revisions key them), with their sorted paths."""
    paths: dict[str, list[str]] = {}
    for version in versions.values():
        if version.id is not None:
            paths.setdefault(version.id, []).append(version.path)
    return {ident: tuple(sorted(found)) for ident, found in paths.items() if len(found) > 1}


def named(ident: str, files: Sequence[str]) -> str:
    """The line that reports the files sharing ``ident``."""
    return f"id '{ident}' is used by {len(files)} files: {', '.join(files)}; rename all but one (mga rename)"


def without_clashes(
    diffs: list[AgreementDiff],
    pairs: Sequence[tuple[Version | None, Version | None]],
    head: Mapping[str, Version],
) -> list[AgreementDiff]:
    """``diffs`` (one per pair) with the files of ``head`` that share an id replaced by one entry per id."""
    clashing = clashes(head)
    if not clashing:
        return diffs

    def ident(old: Version | None, new: Version | None) -> str | None:
        return new.id if new is not None else old.id if old is not None else None

    kept = [diff for diff, (old, new) in zip(diffs, pairs, strict=True) if ident(old, new) not in clashing]
    kept += [AgreementDiff(name, DUPLICATE, None, files[0], files=files) for name, files in clashing.items()]
    return sorted(kept, key=lambda diff: (diff.new_path or diff.old_path or "", diff.old_path or ""))
