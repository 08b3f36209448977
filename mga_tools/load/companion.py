"""Companion files: what is kept beside an agreement in files of its own.

``agreements/ID.yaml`` may have beside it:

- ``ID.scores.yaml`` (or ``.scores.yml``): the parties' scores. Keeping them
  apart lets a repository publish (and sign) the agreement while the parties'
  valuations stay private.
- ``ID.observations.yaml`` (or ``.yml``): the values reported for its metrics,
  and ``ID.observations.csv``: the same kind of records as a data export.
- ``ID.disputes.yaml`` (or ``.yml``): the disputes raised under it.

None of them is an agreement: validation checks each as part of its
agreement, and the build never publishes one as an agreement. This module is
the one place that knows their names.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

SCORES_SUFFIXES = (".scores.yaml", ".scores.yml")
OBSERVATIONS_SUFFIXES = (".observations.yaml", ".observations.yml")
OBSERVATIONS_CSV = ".observations.csv"
DISPUTES_SUFFIXES = (".disputes.yaml", ".disputes.yml")
# The records of an agreement's follow-through, in the order validation reads them (YAML before its CSV
# export, so that a duplicate is reported in the CSV, with a pointer to the YAML).
RECORDS_SUFFIXES = (*OBSERVATIONS_SUFFIXES, OBSERVATIONS_CSV, *DISPUTES_SUFFIXES)
COMPANION_SUFFIXES = (*SCORES_SUFFIXES, *RECORDS_SUFFIXES)


def is_scores_file(name: str | PurePosixPath | Path) -> bool:
    """Whether ``name`` is a score file (and so not an agreement)."""
    return str(name).endswith(SCORES_SUFFIXES)


def is_companion_file(name: str | PurePosixPath | Path) -> bool:
    """Whether ``name`` is any companion file (scores, observations, disputes): never an agreement."""
    return str(name).endswith(COMPANION_SUFFIXES)


def is_observations_file(name: str | PurePosixPath | Path) -> bool:
    """Whether ``name`` is an observations file, YAML or CSV."""
    return str(name).endswith((*OBSERVATIONS_SUFFIXES, OBSERVATIONS_CSV))


def is_disputes_file(name: str | PurePosixPath | Path) -> bool:
    """Whether ``name`` is a disputes file."""
    return str(name).endswith(DISPUTES_SUFFIXES)


def _beside(agreement: Path, suffixes: tuple[str, ...]) -> Path | None:
    stem = agreement.name.rsplit(".", 1)[0]
    for suffix in suffixes:
        candidate = agreement.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def scores_file(agreement: Path) -> Path | None:
    """The score file beside ``agreement``, if there is one."""
    return _beside(agreement, SCORES_SUFFIXES)


def records_files(agreement: Path) -> list[Path]:
    """The observations (YAML, then CSV) and disputes files beside ``agreement``, those that exist."""
    found = [
        _beside(agreement, OBSERVATIONS_SUFFIXES),
        _beside(agreement, (OBSERVATIONS_CSV,)),
        _beside(agreement, DISPUTES_SUFFIXES),
    ]
    return [path for path in found if path is not None]


def agreement_of(companion: Path) -> Path:
    """The agreement a companion file belongs to (which may not exist)."""
    suffix = next(s for s in COMPANION_SUFFIXES if companion.name.endswith(s))
    return companion.with_name(companion.name[: -len(suffix)] + ".yaml")
