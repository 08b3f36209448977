"""What ``mga validate --base REV`` compares against: the signed agreements at a base revision.

The comparison itself is the rule SIGNED-CHANGED (``validate/rules/amendment.py``),
which sees each agreement beside its base version. A signed agreement whose
file is gone cannot be seen by a rule on files, so it is reported here; so is
a change of ``allowed_signers`` that touches the keys of someone who signed
(SIGNERS-CHANGED), and, with or without a base, a principal pattern in it
(SIGNERS-WILDCARD): rules on agreement files see neither.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.records import signers
from mga_tools.records.git import Repo
from mga_tools.records.revisions import Version, agreements_at, repo_folder

RULE = "SIGNED-CHANGED"
SIGNERS_RULE = "SIGNERS-CHANGED"
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
        removed += _signers_changed(repo, cwd, commit, rev, then, now)
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


def _signed_by(then: dict[str, Version], now: dict[str, Version]) -> dict[str, list[str]]:
    """Each principal -> the ids of the agreements signed or amended at the base revision that it signs.

    A principal given to a signatory since (SIGNED-CHANGED allows that) counts too: a key added for it
    would sign for that signatory just the same.
    """
    found: dict[str, list[str]] = {}
    for ident, version in then.items():
        if version.data is None or version.status not in SIGNED:
            continue
        for data in (version.data, now[ident].data if ident in now else None):
            listed = data.get("signatories") if data is not None else None
            for signatory in listed if isinstance(listed, list) else []:
                principal = signatory.get("principal") if isinstance(signatory, dict) else None
                if isinstance(principal, str) and ident not in found.get(principal, []):
                    found.setdefault(principal, []).append(ident)
    return found


def _signers_changed(
    repo: Repo, cwd: Path, commit: str, rev: str, then: dict[str, Version], now: dict[str, Version]
) -> list[Diagnostic]:
    """An error for each principal who signs an agreement signed at ``commit`` and whose keys changed since.

    Every ``allowed_signers`` file of the agreements' folders, at ``commit`` and in the working tree, is compared.
    """
    signed = _signed_by(then, now)
    folders = sorted({str(Path(v.path).parent) for v in then.values()})
    found = []
    for folder in folders:
        path = (Path(folder) / signers.NAME).as_posix() if folder != "." else signers.NAME
        local = repo.root / path
        old = signers.read_at(repo, commit, path)
        new = local.read_text(encoding="utf-8", errors="replace") if local.is_file() else None
        lines = {(p, e.key): e.line for e in signers.entries(new or "") for p in e.principals}
        shown = Path(os.path.relpath(local, cwd)).as_posix()
        for change in signers.key_changes(old, new):
            if change.principal not in signed:
                continue
            line = min((lines[change.principal, k] for k in change.added), default=1)
            moved = [f"+{signers.key_fingerprint(k)}" for k in change.added]
            moved += [f"-{signers.key_fingerprint(k)}" for k in change.removed]
            agreements = ", ".join(sorted(set(signed[change.principal])))
            message = (
                f"keys of '{change.principal}' {change.kind} since {rev} ({' '.join(moved)}), who signs {agreements} "
                f"(signed at {rev}): a key decides whose signature verifies; confirm the change with its owner "
                f"through another channel, and check the signatures with 'mga verify ID --base {rev}'"
            )
            found.append(Diagnostic(shown, line, 1, SIGNERS_RULE, Severity.ERROR, message))
    return found
