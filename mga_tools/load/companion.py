"""Score files: an agreement's scores kept in a file of their own, beside it.

``agreements/ID.yaml`` may have ``agreements/ID.scores.yaml`` next to it (or
``.scores.yml``). The score file is not an agreement: validation checks it as
part of its agreement, the analysis reads it, and the build never publishes
it. Keeping the scores apart lets a repository publish (and sign) the
agreement while the parties' valuations stay private.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

SCORES_SUFFIXES = (".scores.yaml", ".scores.yml")


def is_scores_file(name: str | PurePosixPath | Path) -> bool:
    """Whether ``name`` is a score file (and so not an agreement)."""
    return str(name).endswith(SCORES_SUFFIXES)


def scores_file(agreement: Path) -> Path | None:
    """The score file beside ``agreement``, if there is one."""
    stem = agreement.name.rsplit(".", 1)[0]
    for suffix in SCORES_SUFFIXES:
        candidate = agreement.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def agreement_of(scores: Path) -> Path:
    """The agreement a score file belongs to (which may not exist)."""
    suffix = next(s for s in SCORES_SUFFIXES if scores.name.endswith(s))
    return scores.with_name(scores.name[: -len(suffix)] + ".yaml")
