"""Packages as a mixed-integer linear programme, solved by HiGHS through :func:`scipy.optimize.milp`.

One binary variable per option and exactly one option per issue. Identical
options are merged and dominated options dropped first (swapping to a
dominating option helps everybody, so no fair point needs them): fewer
variables and no symmetric copies for the branch and bound to wade through.

Numerics. Rows over the option variables alone state utilities in fixed-point
units: integer coefficients, small enough that every sum over a package is an
exact float. The solver therefore evaluates such a row exactly for any
package, and a bound placed half a unit on the safe side of an exact integer
bound keeps out every package that misses it by a unit: such a package breaks
the stated bound by half a unit, far beyond the solver's tolerance (1e-6).
Objectives are integer numbers of units too, so the optimality gap (1e-6
absolute) is far below one unit. Rows with continuous variables (the
Kalai-Smorodinsky share, the Nash tangents) are normalised to coefficients of
at most 1: the solver's tolerances then mean the same in its scaled model as
in ours. Every package the solver returns is checked again in integers all
the same.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Final

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from mga_tools.analyze._nondominated import reduce_options
from mga_tools.analyze.problem import Problem

# HiGHS up to 1.12 (as bundled with scipy) prints this leftover debug line from C when it
# repairs a solution (HiGHS issue 2783); the library must not write to stdout.
_HIGHS_DEBUG_LINE: Final = b"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();\n"

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


@dataclass(eq=False)
class Rows:
    """Linear rows over the option variables followed by the continuous ones: ``lower <= A @ v <= upper``."""

    matrix: list[np.ndarray] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)

    def add(self, coefficients: np.ndarray, lower: float, upper: float) -> None:
        """Append one row as it is."""
        self.matrix.append(coefficients)
        self.lower.append(lower)
        self.upper.append(upper)

    def add_normalised(self, coefficients: np.ndarray, lower: float, upper: float) -> None:
        """Append one row divided by its largest coefficient (for rows with continuous variables)."""
        scale = float(np.max(np.abs(coefficients)))
        self.add(coefficients / scale, lower / scale, upper / scale)

    def copy(self) -> Rows:
        """An independent copy."""
        return Rows(list(self.matrix), list(self.lower), list(self.upper))


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
        self.units = self.vectors.T.astype(np.float64)  # exact: Problem keeps utilities below 2**52
        one_per_issue = np.zeros((problem.n_issues, self.n))
        for issue in range(problem.n_issues):
            one_per_issue[issue, self.starts[issue] : self.starts[issue + 1]] = 1.0
        self._one_per_issue = one_per_issue

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
        extra_integer: bool = False,
        rows: Rows | None = None,
    ) -> Solution | None:
        """Maximise ``objective @ x (+ extra_objective @ y)``; None if no package qualifies.

        ``floors`` (units, one per party) are exact lower bounds on the
        utilities; ``rows`` add constraints over ``x`` and the extra variables
        ``y`` (bounded by ``extra_bounds``; integer if ``extra_integer``).
        """
        extra = 0 if extra_objective is None else int(extra_objective.size)
        c = -np.concatenate((objective, np.zeros(0) if extra_objective is None else extra_objective))
        lower = np.concatenate((np.zeros(self.n), np.full(extra, -np.inf) if extra_bounds is None else extra_bounds[0]))
        upper = np.concatenate((np.ones(self.n), np.full(extra, np.inf) if extra_bounds is None else extra_bounds[1]))
        integrality = np.concatenate((np.ones(self.n), np.full(extra, 1.0 if extra_integer else 0.0)))
        all_rows = Rows()
        for issue_row in self._one_per_issue:
            all_rows.add(np.concatenate((issue_row, np.zeros(extra))), 1.0, 1.0)
        if floors is not None:
            for party, floor in enumerate(floors):
                all_rows.add(np.concatenate((self.units[party], np.zeros(extra))), int(floor) - 0.5, np.inf)
        if rows is not None:
            for coefficients, low, high in zip(rows.matrix, rows.lower, rows.upper, strict=True):
                all_rows.add(coefficients, low, high)
        # Without presolve: on the benchmark's problems it saved nothing on small models and cost
        # up to a third of the time on the large ones (measured on 12 x 6 x 5, every fair point).
        options = {"mip_rel_gap": 0.0, "presolve": False}
        for _ in range(_REPAIRS):
            with _without_highs_debug_line():
                result = milp(
                    c,
                    integrality=integrality,
                    bounds=Bounds(lower, upper),
                    constraints=[LinearConstraint(np.array(all_rows.matrix), all_rows.lower, all_rows.upper)],
                    options=options,
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
            [
                self.starts[i] + int(np.argmax(values[self.starts[i] : self.starts[i + 1]]))
                for i in range(len(self.starts) - 1)
            ]
        )
        utilities = self.vectors[selection].sum(axis=0)
        choice = tuple(int(j) for j in self.option_of[selection])
        return Solution(selection, choice, utilities, bound)


@functools.cache
def _c_library() -> ctypes.CDLL | None:
    try:
        if sys.platform == "win32":
            return ctypes.CDLL("ucrtbase")
        name = ctypes.util.find_library("c")
        return ctypes.CDLL(name) if name else ctypes.CDLL(None)
    except (OSError, TypeError):
        return None


def _flush_c_stdout() -> None:
    """Flush the C library's stdout buffer, where HiGHS's ``printf`` lands."""
    library = _c_library()
    if library is not None:
        library.fflush(None)


class _Catcher:
    """File descriptor 1 caught while any solve runs, shared by solves on several threads.

    The first solve to start swaps descriptor 1 for a temporary file; the last
    one to end puts it back and passes on what was written meanwhile (another
    thread's output too), without HiGHS's debug line.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0
        self.saved: int | None = None
        self.sink: IO[bytes] | None = None

    def enter(self) -> None:
        with self.lock:
            self.users += 1
            if self.users > 1:
                return
            try:
                sys.stdout.flush()
                self.saved = os.dup(1)
            except (OSError, ValueError, AttributeError):
                self.saved = None  # no usable descriptor 1 (a closed or detached stdout): nothing to protect
                return
            self.sink = tempfile.TemporaryFile()  # noqa: SIM115 (closed in leave())
            os.dup2(self.sink.fileno(), 1)

    def leave(self) -> None:
        with self.lock:
            self.users -= 1
            if self.users > 0 or self.saved is None or self.sink is None:
                return
            saved, sink = self.saved, self.sink
            self.saved = self.sink = None
            try:
                _flush_c_stdout()
                os.dup2(saved, 1)
                sink.seek(0)
                rest = sink.read().replace(_HIGHS_DEBUG_LINE, b"")
                if rest:
                    os.write(1, rest)
            finally:
                sink.close()
                os.close(saved)


_CATCHER: Final = _Catcher()


@contextmanager
def _without_highs_debug_line() -> Iterator[None]:
    """Run the solver with file descriptor 1 caught, then pass on everything but HiGHS's debug line.

    Solves may run on several threads at once (HiGHS releases the interpreter
    lock while it works): they share one catching window (see :class:`_Catcher`).
    """
    _CATCHER.enter()
    try:
        yield
    finally:
        _CATCHER.leave()
