"""Fair points of a problem, found by integer programming without enumerating the frontier.

Every fair point is chosen among the individually rational packages (each
party gets at least its reservation value) and is Pareto-efficient: among the
packages that are best for its criterion it maximises the total utility, and a
package dominating it would be at least as good for the criterion and better
in total. When no package is individually rational there is no fair point and
the functions return None.

Exactness. The solver only *proposes* packages; their utilities are
recomputed in integers and every bound is checked again (see
:mod:`mga_tools.analyze._milp`). Criteria worth a whole number of units (the
total, the smallest gain, one party's utility) are optimised exactly. The
Kalai-Smorodinsky share is optimised to the solver's feasibility tolerance
(about 1e-7 of a share) and the Nash product to a relative 1e-9 on its
logarithm. Ties are then settled exactly: the best value found becomes
integer lower bounds on the parties' utilities (for the Nash point,
candidates' products are compared as exact integers), and the total is
maximised under them.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

import numpy as np
from numpy.typing import ArrayLike

from mga_tools.analyze._milp import PackageModel, Rows, Solution
from mga_tools.analyze.problem import SCALE, Problem

# Kalai-Smorodinsky: the objective is the smallest share times this weight, so that
# HiGHS's absolute gap (1e-6) is 1e-12 on the share.
_SHARE_WEIGHT: Final = 1e6
# Nash: the objective is the sum of the parties' log-gains (in points) times this
# weight, so that HiGHS's absolute gap (1e-6) is 1e-9 on the log of the product.
_LOG_WEIGHT: Final = 1_000.0
_NASH_TOLERANCE: Final = 1e-9
# Initial tangents of each party's log at its largest possible gain times 2**-k.
_INITIAL_TANGENTS: Final = 6
_NASH_ITERATIONS: Final = 500


@dataclass(frozen=True, eq=False)
class FairPoint:
    """A package singled out by a fairness criterion: its name, option per issue and utilities (int64)."""

    name: str
    choice: tuple[int, ...]
    utilities: np.ndarray


def _point(name: str, solution: Solution) -> FairPoint:
    return FairPoint(name, solution.choice, solution.utilities)


def _maximise(model: PackageModel, weights: np.ndarray, floors: np.ndarray) -> Solution | None:
    """The package maximising ``weights @ utilities`` (integer weights) with utilities >= ``floors``."""
    return model.solve(weights @ model.units, floors=floors)


def _total(model: PackageModel) -> np.ndarray:
    return np.ones(model.problem.n_parties, dtype=np.int64)


def max_welfare_point(problem: Problem) -> FairPoint | None:
    """The individually rational package with the largest total utility."""
    model = PackageModel(problem)
    best = _maximise(model, _total(model), problem.reservation)
    return None if best is None else _point("max-welfare", best)


def egalitarian_point(problem: Problem) -> FairPoint | None:
    """The individually rational package maximising the smallest gain over the reservation values.

    Among those, the one with the largest total utility.
    """
    model = PackageModel(problem)
    parties = list(range(problem.n_parties))
    most = problem.best_possible() - problem.reservation
    rows = Rows()
    for p in parties:
        # t <= gain_p: an integer number of units, so the whole model has integer data.
        rows.add(np.append(model.units[p], -1.0), float(problem.reservation[p]), np.inf)
    found = model.solve(
        np.zeros(model.n),
        floors=problem.reservation,
        extra_objective=np.ones(1),
        extra_bounds=(np.zeros(1), np.full(1, float(max(0, int(most.min()))))),
        extra_integer=True,
        rows=rows,
    )
    if found is None:
        return None
    return _tie_break(model, "egalitarian", found, [1] * problem.n_parties)


def kalai_smorodinsky_point(problem: Problem) -> FairPoint | None:
    """The individually rational package maximising the smallest share of each party's possible gain.

    Party ``p``'s share is ``(u_p - r_p) / (I_p - r_p)``, where the ideal
    ``I_p`` is the most ``p`` gets in any individually rational package.
    Parties with ``I_p == r_p`` get exactly ``r_p`` in every such package and
    are left out of the minimum; if that is everybody, every individually
    rational package gives everybody its reservation value and the package
    with the largest total is returned. Ties go to the largest total.
    """
    model = PackageModel(problem)
    reservation = problem.reservation
    ideals = _ideals(model)
    if any(ideal is None for ideal in ideals):
        return None
    room = [int(ideal.utilities[p] - reservation[p]) for p, ideal in enumerate(ideals) if ideal is not None]
    counted = [p for p in range(problem.n_parties) if room[p] > 0]
    rows = Rows()
    for p in counted:
        # share <= gain_p / room_p, normalised: the share is continuous, see _milp.
        rows.add_normalised(np.append(model.units[p], -float(room[p])), float(reservation[p]), np.inf)
    found = model.solve(
        np.zeros(model.n),
        floors=reservation,
        extra_objective=np.full(1, _SHARE_WEIGHT),
        extra_bounds=(np.zeros(1), np.ones(1)),
        rows=rows,
    )
    if found is None:  # cannot happen: the ideal packages are individually rational
        return None
    return _tie_break(model, "kalai-smorodinsky", found, room)


def _ideals(model: PackageModel) -> list[Solution | None]:
    """For each party, the individually rational package it likes best (None if there is none).

    The programmes are independent, and HiGHS releases the interpreter lock
    while it solves, so they run side by side: one thread per party, even
    beyond the cores, since their times differ a lot and none can be known
    beforehand; a thread per core left the slowest to start late (measured
    on 12 x 6 x 5, two cores: the point took 0.53-0.66 s instead of 0.70-0.84 s).
    """
    problem = model.problem

    def ideal(party: int) -> Solution | None:
        weights = np.zeros(problem.n_parties, dtype=np.int64)
        weights[party] = 1
        return _maximise(model, weights, problem.reservation)

    workers = problem.n_parties if (os.cpu_count() or 1) > 1 else 1
    if workers < 2:
        return [ideal(p) for p in range(problem.n_parties)]
    with ThreadPoolExecutor(max_workers=workers) as threads:
        return list(threads.map(ideal, range(problem.n_parties)))


def _tie_break(model: PackageModel, name: str, found: Solution, scales: list[int]) -> FairPoint:
    """Among the packages at least as good as ``found`` for ``min gain_p / scales[p]``, the largest total.

    The exact value ``v`` (a fraction) of ``found`` becomes integer floors,
    ``gain_p >= ceil(v * scale_p)``, so every package as good as ``v``
    qualifies, ties included. Should a better one win the total, its value
    becomes the new floors, until the winner's value is the floor itself.
    """
    reservation = model.problem.reservation
    counted = [p for p in range(len(scales)) if scales[p] > 0]
    best = found
    while True:
        gains = [int(g) for g in best.utilities - reservation]
        value = min((Fraction(gains[p], scales[p]) for p in counted), default=Fraction(0))
        floors = reservation.copy()
        for p in counted:
            floors[p] = reservation[p] - ((-value.numerator * scales[p]) // value.denominator)
        winner = _maximise(model, _total(model), floors)
        if winner is None:  # cannot happen: `best` qualifies
            return _point(name, best)
        gains = [int(g) for g in winner.utilities - reservation]
        if min((Fraction(gains[p], scales[p]) for p in counted), default=Fraction(0)) == value:
            return _point(name, winner)
        best = winner


def nash_point(problem: Problem) -> FairPoint | None:
    """The individually rational package maximising the product of the gains over the reservation values.

    If every individually rational package leaves some party exactly at its
    reservation value, every such package has product zero; the one with the
    largest total utility is returned. Otherwise the product is maximised over
    the packages with positive gains (to a relative 1e-9 on its logarithm, see
    the module's notes), ties going to the largest total utility.
    """
    model = PackageModel(problem)
    reservation = problem.reservation
    positive = _maximise(model, _total(model), reservation + 1)
    if positive is None:
        best = _maximise(model, _total(model), reservation)
        return None if best is None else _point("nash", best)
    nash = _NashModel(model)
    nash.add_tangents(positive.utilities - reservation)
    incumbent = positive
    seen = {positive.choice}
    for _ in range(_NASH_ITERATIONS):
        found = nash.solve(np.zeros(model.n), _LOG_WEIGHT, nash.rows)
        if found is None:  # cannot happen: `positive` qualifies
            break
        if _product(found, reservation) > _product(incumbent, reservation):
            incumbent = found
        best_log = _log_product(incumbent, reservation)
        # The solver's bound on the approximated objective bounds the true one from above.
        if found.bound / _LOG_WEIGHT <= best_log + _NASH_TOLERANCE * max(1.0, abs(best_log)) or found.choice in seen:
            break
        seen.add(found.choice)
        nash.add_tangents(found.utilities - reservation)
    else:
        raise RuntimeError("the Nash outer approximation did not converge")
    return _point("nash", _nash_tie_break(model, nash, incumbent))


def _product(solution: Solution, reservation: np.ndarray) -> int:
    return math.prod(int(g) for g in solution.utilities - reservation)


def _log_product(solution: Solution, reservation: np.ndarray) -> float:
    """The log of the product of the gains in points (exact integers, one rounding per log)."""
    return sum(math.log(int(g)) - math.log(SCALE) for g in solution.utilities - reservation)


class _NashModel:
    """Tangent cuts ``t_p <= log(a) + (gain_p - a) / a`` from above on each party's log-gain (in points)."""

    def __init__(self, model: PackageModel) -> None:
        self.model = model
        problem = model.problem
        most = np.maximum(problem.best_possible() - problem.reservation, 1) / SCALE
        # A gain is at least one unit, so its log at least log(1 / SCALE).
        self.bounds = (np.full(problem.n_parties, math.log(1.0 / SCALE) - 1.0), np.log(most) + 1.0)
        self.points = model.units / SCALE
        self.rows = Rows()
        for p in range(problem.n_parties):
            for k in range(_INITIAL_TANGENTS):
                self._tangent(p, float(most[p]) * 2.0**-k)

    def add_tangents(self, gains: np.ndarray) -> None:
        """Tangents at these gains (units), one per party."""
        for p, gain in enumerate(gains):
            self._tangent(p, int(gain) / SCALE)

    def _tangent(self, party: int, at: float) -> None:
        model = self.model
        row = np.zeros(model.n + model.problem.n_parties)
        row[: model.n] = -self.points[party] / at
        row[model.n + party] = 1.0
        reservation = model.problem.reservation[party] / SCALE
        self.rows.add_normalised(row, -np.inf, math.log(at) - 1.0 - reservation / at)

    def solve(self, objective: np.ndarray, log_weight: float, rows: Rows) -> Solution | None:
        """Maximise ``objective @ x + log_weight * sum(t)`` over packages with positive gains."""
        return self.model.solve(
            objective,
            floors=self.model.problem.reservation + 1,
            extra_objective=np.full(self.model.problem.n_parties, log_weight),
            extra_bounds=self.bounds,
            rows=rows,
        )


def _nash_tie_break(model: PackageModel, nash: _NashModel, incumbent: Solution) -> Solution:
    """Among the packages with the incumbent's product, the one with the largest total utility.

    The tangents only overestimate the log, so "approximate log of the product
    at least the incumbent's" lets every tie in. Any package it lets in with a
    smaller exact product is cut off and the model solved again; one with a
    larger product becomes the incumbent.
    """
    problem = model.problem
    reservation = problem.reservation
    total = _total(model) @ model.units
    excluded = Rows()
    for _ in range(_NASH_ITERATIONS):
        best_log = _log_product(incumbent, reservation)
        rows = nash.rows.copy()
        slack = _NASH_TOLERANCE * max(1.0, abs(best_log))
        rows.add(np.concatenate((np.zeros(model.n), np.ones(problem.n_parties))), best_log - slack, np.inf)
        for coefficients, low, high in zip(excluded.matrix, excluded.lower, excluded.upper, strict=True):
            rows.add(coefficients, low, high)
        found = nash.solve(total, 0.0, rows)
        if found is None:
            return incumbent
        product, best = _product(found, reservation), _product(incumbent, reservation)
        if product == best:
            return found if int(found.utilities.sum()) >= int(incumbent.utilities.sum()) else incumbent
        if product > best:
            incumbent = found
            continue
        nash.add_tangents(found.utilities - reservation)
        excluded.add(*model.selection_row(found.selection, problem.n_parties))
    raise RuntimeError("the Nash tie-break did not converge")


def pareto_improvement(problem: Problem, choice: ArrayLike) -> FairPoint | None:
    """A package at least as good as ``choice`` for every party and better for one, or None.

    Among such packages, the one with the largest total utility (so it is
    Pareto-efficient itself). None means ``choice`` is on the Pareto frontier.
    """
    current = problem.utilities(np.asarray(choice))
    if current.ndim != 1:
        raise ValueError("choice must be one package: one option index per issue")
    model = PackageModel(problem)
    best = _maximise(model, _total(model), current)
    if best is None or int(best.utilities.sum()) <= int(current.sum()):
        return None
    return _point("pareto-improvement", best)
