"""What ``mga validate --base REV`` compares against: the signed agreements at a base revision.

The comparison itself is the rule SIGNED-CHANGED (``validate/rules/amendment.py``),
which sees each agreement beside its base version. A signed agreement whose
file is gone cannot be seen by a rule on files, so it is reported here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.records.git import Repo
from mga_tools.records.revisions import agreements_at, repo_folder

RULE = "SIGNED-CHANGED"
SIGNED = ("signed", "amended")


def baseline(cwd: Path, rev: str, paths: Sequence[str]) -> tuple[dict[str, dict[str, Any]], list[Diagnostic]]:
    """The data of every agreement that was signed or amended at ``rev`` under ``paths``, keyed by id.

    Also returns an error for each such agreement that no longer exists in the
    working tree. ``paths`` are those given to ``mga validate`` (folders, or
    files whose folders are searched).
    """
    repo = Repo.find(cwd)
    commit = repo.rev_parse(rev)
    base: dict[str, dict[str, Any]] = {}
    removed: list[Diagnostic] = []
    folders = sorted({p if (cwd / p).is_dir() else os.path.dirname(p) or "." for p in paths})
    for folder in folders:
        inside = repo_folder(repo, cwd, folder)
        then = agreements_at(repo, commit, inside)
        now = agreements_at(repo, None, inside)
        for ident, version in then.items():
            if version.data is None or version.status not in SIGNED:
                continue
            base[ident] = version.data
            if ident not in now:
                shown = os.path.relpath(repo.root / version.path, cwd)
                removed.append(
                    Diagnostic(
                        Path(shown).as_posix(),
                        1,
                        1,
                        RULE,
                        Severity.ERROR,
                        f"the {version.status} agreement '{ident}' was removed since {rev}; a signed agreement "
                        "ends through its own terms (status terminated or expired), not by deleting its file",
                    )
                )
    return base, removed
