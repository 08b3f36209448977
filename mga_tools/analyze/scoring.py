"""From an agreement's scores to the arrays the analysis computes on.

The scoring itself (Raiffa-style additive scores, their fixed-point
contributions, the reasons an agreement cannot be scored and the notes on
its inputs) is defined once, in plain Python, by
:func:`mga_tools.model.utility.score`; the validator uses it directly. This
module turns its exact integers into the read-only int64 arrays of a
:class:`~mga_tools.analyze.problem.Problem`, so that the analysis and the
validator cannot disagree on a single unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mga_tools.analyze.problem import Problem
from mga_tools.model.utility import Scored, score


@dataclass(frozen=True)
class Scoring:
    """An agreement's scores as arrays, with the ids that name their rows and columns."""

    agreement: str
    parties: tuple[str, ...]  # the scored parties, in the order of the agreement's party list
    names: tuple[str, ...]  # their display names
    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]  # per issue, its option ids
    problem: Problem
    reservation_given: tuple[bool, ...]  # False: the party states no reservation value, 0 is used
    adopted: str | None  # the adopted package's id
    adopted_choice: tuple[int, ...] | None  # its option per issue, when it picks exactly one for each
    notes: tuple[str, ...]  # what the reader should know about the inputs

    def package_options(self, choice: tuple[int, ...] | Any) -> list[str]:
        """The option ids of a package given as one option index per issue."""
        return [self.options[i][int(j)] for i, j in enumerate(choice)]


def problem_of(scored: Scored) -> Problem:
    """The exact contributions and reservation values of a scoring as a :class:`Problem`."""
    return Problem(
        tuple(np.array(issue, dtype=np.int64) for issue in scored.contributions),
        np.array(scored.reservation, dtype=np.int64),
    )


def scoring(data: dict[str, Any], extra: dict[str, Any] | None = None) -> tuple[Scoring | None, list[str]]:
    """The agreement's scores as a :class:`Scoring`, or ``None`` and the reasons it cannot be analysed."""
    found, reasons = score(data, extra)
    if found is None:
        return None, reasons
    return (
        Scoring(
            agreement=found.agreement,
            parties=found.parties,
            names=found.names,
            issues=found.issues,
            options=found.options,
            problem=problem_of(found),
            reservation_given=found.reservation_given,
            adopted=found.adopted,
            adopted_choice=found.adopted_choice,
            notes=found.notes,
        ),
        [],
    )
