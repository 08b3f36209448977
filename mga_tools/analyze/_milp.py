"""Packages as a mixed-integer linear programme, solved by HiGHS through :func:`scipy.optimize.milp`.

One binary variable per option and exactly one option per issue. Identical
options are merged and dominated options dropped first (swapping to a
dominating option helps everybody, so no fair point needs them): fewer
variables and no symmetric copies for the branch and bound to wade through.

The solver sees utilities in thousandths of a point (:data:`SOLVER_UNIT`
fixed-point units). Coefficients stay small (at most 1e5 for a 100-point
utility), and one fixed-point unit is still 1e-3 in the solver's scale, a
thousand times HiGHS's default absolute tolerances (1e-6 on feasibility and on
the optimality gap): packages one unit apart are told apart. Bounds on
utilities are stated half a unit on the safe side, and every package the solver
returns is checked again in exact integers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from mga_tools.analyze._nondominated import reduce_options
from mga_tools.analyze.problem import Problem

SOLVER_UNIT: Final = 1_000
"""Fixed-point units per unit of the solver's scale."""

# A package that breaks an exact bound although the solver accepted it is cut
# off and the model solved again; this many times at most.
_REPAIRS: Final = 100


@dataclass(frozen=True, eq=False)
class Solution:
    """A package the solver found: its variables, option indices and exact utilities."""

    selection: np.ndarray  # one variable index per issue
    choice: tuple[int, ...]
    utilities: np.ndarray
    bound: float  # the solver's upper bound on the objective it maximised
    extra: np.ndarray  # values of the continuous variables


@dataclass(eq=False)
class Rows:
    """Linear rows over the binary variables followed by the continuous ones: ``lower <= A @ v <= upper``."""

    matrix: list[np.ndarray] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)

    def add(self, coefficients: np.ndarray, lower: float, upper: float) -> None:
        """Append one row."""
        self.matrix.append(coefficients)
        self.lower.append(lower)
        self.upper.append(upper)


class PackageModel:
    """The packages of a problem as binary variables, ready for objectives and bounds."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        options = [reduce_options(c) for c in problem.contributions]
        sizes = [o.vectors.shape[0] for o in options]
        self.starts = np.concatenate(([0], np.cumsum(sizes)))
        # The smallest original index stands for each group of identical options.
        self.option_of = np.concatenate([o.members[o.offsets[:-1]] for o in options])
        self.vectors = np.concatenate([o.vectors for o in options])
        self.n = int(self.vectors.shape[0])
        self.scaled = self.vectors.T / SOLVER_UNIT
        one_per_issue = np.zeros((problem.n_issues, self.n))
        for issue in range(problem.n_issues):
            one_per_issue[issue, self.starts[issue] : self.starts[issue + 1]] = 1.0
        self._one_per_issue = one_per_issue

    def floor_row_bound(self, floor: int) -> float:
        """The solver's lower bound for ``utility >= floor`` (units): half a unit below, so that the
        packages exactly at the floor are in and those one unit short are out by far more than the tolerance."""
        return (floor - 0.5) / SOLVER_UNIT

    def selection_row(self, selection: np.ndarray, extra: int) -> tuple[np.ndarray, float, float]:
        """The row that cuts off exactly one package: at most issues - 1 of its options."""
        row = np.zeros(self.n + extra)
        row[selection] = 1.0
        return row, -np.inf, self.problem.n_issues - 1.0

    def solve(
        self,
        objective: np.ndarray,
        *,
        floors: np.ndarray | None = None,
        extra_objective: np.ndarray | None = None,
        extra_bounds: tuple[np.ndarray, np.ndarray] | None = None,
        rows: Rows | None = None,
    ) -> Solution | None:
        """Maximise ``objective @ x (+ extra_objective @ y)``; None if no package qualifies.

        ``floors`` (units, one per party) are exact lower bounds on the
        utilities; ``rows`` add constraints over ``x`` and the continuous
        variables ``y`` (bounded by ``extra_bounds``).
        """
        extra = 0 if extra_objective is None else int(extra_objective.size)
        c = -np.concatenate((objective, np.zeros(0) if extra_objective is None else extra_objective))
        lower = np.concatenate((np.zeros(self.n), np.full(extra, -np.inf) if extra_bounds is None else extra_bounds[0]))
        upper = np.concatenate((np.ones(self.n), np.full(extra, np.inf) if extra_bounds is None else extra_bounds[1]))
        integrality = np.concatenate((np.ones(self.n), np.zeros(extra)))
        all_rows = Rows()
        for issue_row in self._one_per_issue:
            all_rows.add(np.concatenate((issue_row, np.zeros(extra))), 1.0, 1.0)
        if floors is not None:
            for party, floor in enumerate(floors):
                all_rows.add(np.concatenate((self.scaled[party], np.zeros(extra))), self.floor_row_bound(int(floor)), np.inf)
        if rows is not None:
            for coefficients, low, high in zip(rows.matrix, rows.lower, rows.upper, strict=True):
                all_rows.add(coefficients, low, high)
        for _ in range(_REPAIRS):
            constraint = LinearConstraint(np.array(all_rows.matrix), all_rows.lower, all_rows.upper)
            result = milp(
                c,
                integrality=integrality,
                bounds=Bounds(lower, upper),
                constraints=[constraint],
                options={"mip_rel_gap": 0.0, "presolve": extra == 0},
            )
            if result.status == 2:
                return None
            if result.status != 0 or result.x is None:
                raise RuntimeError(f"the MILP solver failed: {result.message}")
            solution = self._solution(result.x, -float(result.mip_dual_bound))
            if floors is None or np.all(solution.utilities >= floors):
                return solution
            all_rows.add(*self.selection_row(solution.selection, extra))
        raise RuntimeError("the MILP solver kept returning packages that break the bounds")

    def _solution(self, values: np.ndarray, bound: float) -> Solution:
        selection = np.array(
            [self.starts[i] + int(np.argmax(values[self.starts[i] : self.starts[i + 1]])) for i in range(len(self.starts) - 1)]
        )
        utilities = self.vectors[selection].sum(axis=0)
        choice = tuple(int(j) for j in self.option_of[selection])
        return Solution(selection, choice, utilities, bound, values[self.n :].copy())
