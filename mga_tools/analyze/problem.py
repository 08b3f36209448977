"""A negotiation problem as additive scores in exact fixed-point integers.

The model is Raiffa's additive scoring: a problem has issues, each issue a few
options, and a package picks one option per issue. A party's utility for a
package is the sum over issues of what the chosen option contributes to that
party, and each party has a reservation value (its BATNA) on the same scale.

Utilities are fixed-point integers, :data:`SCALE` units per point of the 0-100
scale. Sums of integers do not depend on the order of summation, so equal
utilities are equal and dominance is decided exactly: two packages that score
the same for everybody are a tie, never "almost" a tie.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import ArrayLike

from mga_tools.model.utility import SCALE as SCALE  # one definition, shared with the validator

# Sums of contributions must stay far from the int64 limit: the frontier adds
# partial sums and the solvers see the values as floats, which are exact below 2**53.
_LIMIT: Final = 2**52


def to_points(values: ArrayLike) -> np.ndarray:
    """Fixed-point utilities as float points (``values / SCALE``)."""
    return np.asarray(values, dtype=np.float64) / SCALE


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _int_array(value: ArrayLike, name: str) -> np.ndarray:
    array = np.asarray(value)
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"{name} must hold integers (fixed-point units), not {array.dtype}")
    return np.array(array, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class Problem:
    """Issues, options and parties with additive fixed-point utilities.

    ``contributions[i][j, p]`` is what option ``j`` of issue ``i`` adds to party
    ``p``'s utility, and ``reservation[p]`` is party ``p``'s reservation value,
    both in fixed-point units (:data:`SCALE` per point). The arrays are copied
    to int64 and made read-only.
    """

    contributions: tuple[np.ndarray, ...]
    reservation: np.ndarray

    def __post_init__(self) -> None:
        reservation = _int_array(self.reservation, "reservation")
        if reservation.ndim != 1 or reservation.size == 0:
            raise ValueError(f"reservation must have shape (parties,) with at least one party, not {reservation.shape}")
        n_parties = reservation.size
        if isinstance(self.contributions, np.ndarray) or len(self.contributions) == 0:
            raise ValueError("contributions must be a sequence of one array per issue, with at least one issue")
        contributions = []
        for issue, value in enumerate(self.contributions):
            array = _int_array(value, f"contributions[{issue}]")
            if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] != n_parties:
                raise ValueError(
                    f"contributions[{issue}] must have shape (options, {n_parties}) with at least one option, "
                    f"not {array.shape}"
                )
            contributions.append(_frozen(array))
        reach = sum(np.abs(c).max(axis=0) for c in contributions) + np.abs(reservation)
        if int(np.max(reach)) >= _LIMIT:
            raise ValueError(f"utilities must stay below 2**52 fixed-point units in absolute value (SCALE = {SCALE})")
        object.__setattr__(self, "contributions", tuple(contributions))
        object.__setattr__(self, "reservation", _frozen(reservation))

    @classmethod
    def from_scores(cls, weights: ArrayLike, scores: Sequence[ArrayLike], reservation: ArrayLike) -> Problem:
        """Build a problem from weights and 0-100 scores, as a scoring sheet states them.

        ``weights`` has shape (parties, issues): how much each party cares about
        each issue; a party's weights are normalised by their sum, so only their
        ratios matter. ``scores[i]`` has shape (options of issue i, parties), on
        0-100; ``reservation`` has shape (parties,), on 0-100. Option ``j`` of
        issue ``i`` contributes ``round(w[p, i] / sum(w[p]) * scores[i][j, p] * SCALE)``
        units to party ``p``.
        """
        w = np.asarray(weights, dtype=np.float64)
        if w.ndim != 2 or w.shape[0] == 0 or w.shape[1] == 0:
            raise ValueError(f"weights must have shape (parties, issues) with at least one of each, not {w.shape}")
        n_parties, n_issues = w.shape
        if not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ValueError("weights must be finite and non-negative")
        totals = w.sum(axis=1)
        if np.any(totals <= 0):
            idle = np.flatnonzero(totals <= 0).tolist()
            raise ValueError(f"every party needs a positive weight; all weights are zero for parties {idle}")
        if len(scores) != n_issues:
            raise ValueError(f"weights name {n_issues} issues but scores has {len(scores)}")
        r = np.asarray(reservation, dtype=np.float64)
        if r.shape != (n_parties,):
            raise ValueError(f"reservation must have shape ({n_parties},), not {r.shape}")
        if not np.all(np.isfinite(r)) or np.any((r < 0) | (r > 100)):
            raise ValueError("reservation values must lie on the 0-100 scale")
        normalised = w / totals[:, None]
        contributions = []
        for issue, value in enumerate(scores):
            s = np.asarray(value, dtype=np.float64)
            if s.ndim != 2 or s.shape[0] == 0 or s.shape[1] != n_parties:
                raise ValueError(
                    f"scores[{issue}] must have shape (options, {n_parties}) with at least one option, not {s.shape}"
                )
            if not np.all(np.isfinite(s)) or np.any((s < 0) | (s > 100)):
                raise ValueError(f"scores[{issue}] must lie on the 0-100 scale")
            contributions.append(np.rint(normalised[:, issue] * s * SCALE).astype(np.int64))
        return cls(tuple(contributions), np.rint(r * SCALE).astype(np.int64))

    @property
    def n_issues(self) -> int:
        """Number of issues."""
        return len(self.contributions)

    @property
    def n_parties(self) -> int:
        """Number of parties."""
        return int(self.reservation.size)

    @property
    def n_options(self) -> tuple[int, ...]:
        """Number of options of each issue."""
        return tuple(int(c.shape[0]) for c in self.contributions)

    @property
    def n_packages(self) -> int:
        """Number of packages, the product of the numbers of options (an exact Python int)."""
        return math.prod(self.n_options)

    def best_possible(self) -> np.ndarray:
        """Each party's highest attainable utility (its best option on every issue), int64 (parties,)."""
        return np.sum([c.max(axis=0) for c in self.contributions], axis=0).astype(np.int64)

    def utilities(self, choices: ArrayLike) -> np.ndarray:
        """Utilities of packages given as option indices.

        ``choices`` has shape (issues,) for one package or (n, issues) for
        several; the result has shape (parties,) or (n, parties), int64.
        """
        c = np.asarray(choices)
        if c.dtype == np.bool_ or not np.issubdtype(c.dtype, np.integer):
            if c.size:
                raise ValueError(f"choices must be integer option indices, not {c.dtype}")
            c = c.astype(np.intp)
        single = c.ndim == 1
        rows = c[None, :] if single else c
        if rows.ndim != 2 or rows.shape[1] != self.n_issues:
            raise ValueError(f"choices must have shape ({self.n_issues},) or (n, {self.n_issues}), not {c.shape}")
        total = np.zeros((rows.shape[0], self.n_parties), dtype=np.int64)
        for issue, contribution in enumerate(self.contributions):
            column = rows[:, issue]
            if column.size and (column.min() < 0 or column.max() >= contribution.shape[0]):
                raise ValueError(f"option index out of range for issue {issue} ({contribution.shape[0]} options)")
            total += contribution[column]
        return total[0] if single else total

    @staticmethod
    def to_points(values: ArrayLike) -> np.ndarray:
        """Fixed-point utilities as float points (``values / SCALE``)."""
        return to_points(values)
