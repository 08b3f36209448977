"""Fair points by integer programming, against brute force and by hand."""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from problem_strategies import problems

from mga_tools.analyze import SCALE, Problem, _milp, analysis, pareto_frontier
from mga_tools.analyze.brute_force import individually_rational_packages, packages
from mga_tools.analyze.fair_points import (
    FairPoint,
    kalai_smorodinsky_point,
    nash_point,
    pareto_improvement,
)

FAIR_POINTS: dict[str, Callable[[Problem], FairPoint | None]] = {
    name: compute for name, (_, compute) in analysis.FAIR_POINTS.items()
}


def _criterion(name: str, gains: np.ndarray, ideal: np.ndarray) -> object:
    """The value a fair point maximises, computed exactly from the gains over the reservation values."""
    g = [int(x) for x in gains]
    if name == "max-welfare":
        return sum(g)
    if name == "egalitarian":
        return min(g)
    if name == "kalai-smorodinsky":
        return min((Fraction(x, int(i)) for x, i in zip(g, ideal, strict=True) if i > 0), default=Fraction(0))
    return math.prod(g)


def _check_against_brute_force(problem: Problem, name: str, point: FairPoint | None) -> None:
    choices, utilities = individually_rational_packages(problem)
    if len(choices) == 0:
        assert point is None
        return
    assert point is not None
    assert point.name == name
    assert point.utilities.dtype == np.int64
    np.testing.assert_array_equal(problem.utilities(np.array(point.choice)), point.utilities)
    assert np.all(point.utilities >= problem.reservation)
    gains = utilities - problem.reservation
    ideal = utilities.max(axis=0) - problem.reservation
    values = [_criterion(name, g, ideal) for g in gains]
    best = max(values)  # type: ignore[type-var]
    assert _criterion(name, point.utilities - problem.reservation, ideal) == best
    # Ties go to the largest total, which also makes the point Pareto-efficient.
    assert int(point.utilities.sum()) == max(int(u.sum()) for u, v in zip(utilities, values, strict=True) if v == best)
    everything = problem.utilities(packages(problem))
    dominating = np.all(everything >= point.utilities, axis=1) & np.any(everything > point.utilities, axis=1)
    assert not dominating.any()


def _choices(problem: Problem) -> st.SearchStrategy[tuple[int, ...]]:
    return st.tuples(*[st.integers(0, n - 1) for n in problem.n_options])


class TestHandChecked:
    def test_logrolling(self) -> None:
        scores = [[[100, 0], [50, 50], [0, 100]], [[100, 0], [50, 50], [0, 100]]]
        problem = Problem.from_scores([[0.8, 0.2], [0.2, 0.8]], scores, [45, 45])
        for name, compute in FAIR_POINTS.items():
            point = compute(problem)
            assert point is not None and point.name == name
            assert point.choice == (0, 2) and point.utilities.tolist() == [80 * SCALE, 80 * SCALE]
        better = pareto_improvement(problem, (1, 1))  # the split-the-difference compromise, (50, 50)
        assert better is not None
        assert (better.name, better.choice, better.utilities.tolist()) == (
            "pareto-improvement",
            (0, 2),
            [80 * SCALE, 80 * SCALE],
        )
        assert pareto_improvement(problem, (0, 2)) is None
        assert pareto_improvement(problem, np.array([2, 2])) is None  # (0, 100): efficient, if not acceptable

    def test_the_four_criteria_disagree(self) -> None:
        # One issue; each option is a package. Ideal point (80, 70), reservation (0, 0).
        options = [(80, 30), (64, 44), (60, 45), (50, 50), (50, 55), (20, 70), (0, 0)]
        problem = Problem((np.array(options) * SCALE,), np.zeros(2, dtype=np.int64))
        expected = {
            "max-welfare": 0,  # total 110
            "nash": 1,  # product 2816
            "kalai-smorodinsky": 2,  # min(60/80, 45/70) = 0.643
            "egalitarian": 4,  # smallest gain 50, tied with option 3, and the larger total
        }
        for name, option in expected.items():
            point = FAIR_POINTS[name](problem)
            assert point is not None and point.choice == (option,), name

    def test_nash_when_every_acceptable_package_leaves_someone_at_its_batna(self) -> None:
        problem = Problem((np.array([[10, 0], [0, 10], [5, 0]]),), np.zeros(2, dtype=np.int64))
        point = nash_point(problem)
        assert point is not None and point.name == "nash"
        assert point.choice in {(0,), (1,)}  # every product is 0: the largest total wins

    def test_kalai_smorodinsky_leaves_out_a_party_without_room(self) -> None:
        # Party 1 gets exactly its reservation value in every acceptable package.
        problem = Problem((np.array([[30, 5], [60, 5], [90, 4]]),), np.array([0, 5]))
        point = kalai_smorodinsky_point(problem)
        assert point is not None and point.choice == (1,)

    def test_no_fair_point_without_a_zone_of_agreement(self) -> None:
        problem = Problem.from_scores([[1], [1]], [[[100, 0], [0, 100]]], [60, 60])
        assert all(compute(problem) is None for compute in FAIR_POINTS.values())
        # The improvement of a package does not ask for acceptability.
        assert pareto_improvement(problem, (0,)) is None

    def test_pareto_improvement_wants_one_package(self) -> None:
        problem = Problem.from_scores([[1, 1]], [[[10], [20]], [[30], [40]]], [0])
        with pytest.raises(ValueError, match="one package"):
            pareto_improvement(problem, [[0, 0], [1, 1]])
        with pytest.raises(ValueError, match="out of range"):
            pareto_improvement(problem, (0, 2))


class TestAgainstBruteForce:
    @settings(max_examples=examples(250), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(problem=problems())
    def test_fair_points(self, problem: Problem, capfd: pytest.CaptureFixture[str]) -> None:
        for name, compute in FAIR_POINTS.items():
            _check_against_brute_force(problem, name, compute(problem))
        # The library never prints, not even from inside the solver.
        assert capfd.readouterr() == ("", "")

    @settings(max_examples=examples(400), deadline=None)
    @given(st.data())
    def test_pareto_improvement(self, data: st.DataObject) -> None:
        problem = data.draw(problems())
        choice = data.draw(_choices(problem))
        everything = problem.utilities(packages(problem))
        current = problem.utilities(np.array(choice))
        dominating = np.all(everything >= current, axis=1) & np.any(everything > current, axis=1)
        better = pareto_improvement(problem, choice)
        if not dominating.any():
            assert better is None
            return
        assert better is not None and better.name == "pareto-improvement"
        np.testing.assert_array_equal(problem.utilities(np.array(better.choice)), better.utilities)
        assert np.all(better.utilities >= current) and np.any(better.utilities > current)
        assert int(better.utilities.sum()) == int(everything[dominating].sum(axis=1).max())


@pytest.mark.parametrize(("parties", "seed"), [(2, 0), (3, 1), (4, 2), (5, 3)])
def test_fair_points_lie_in_the_zone_and_beat_it(parties: int, seed: int) -> None:
    """On problems too large for brute force (5**8 packages), compare with the exact zone of agreement."""
    rng = np.random.default_rng(seed)
    weights = rng.random((parties, 8))
    scores = [rng.integers(0, 21, (5, parties)) * 5.0 for _ in range(8)]
    problem = Problem.from_scores(weights, scores, rng.uniform(20, 45, parties))
    zopa = pareto_frontier(problem, individually_rational=True)
    assert len(zopa) > 0
    gains = zopa.utilities - problem.reservation
    # The ideal point over the acceptable packages is reached on the zone of agreement.
    ideal = gains.max(axis=0)
    frontier_choices = {tuple(c) for c in zopa.choices}
    for name, compute in FAIR_POINTS.items():
        point = compute(problem)
        assert point is not None
        assert point.choice in frontier_choices
        values = [_criterion(name, g, ideal) for g in gains]
        assert _criterion(name, point.utilities - problem.reservation, ideal) == max(values)  # type: ignore[type-var]


def test_only_the_solver_debug_line_is_held_back(capfd: pytest.CaptureFixture[str]) -> None:
    """HiGHS's stray debug line is dropped; anything else written meanwhile still comes out."""
    with _milp._without_highs_debug_line():
        os.write(1, b"before\n" + _milp._HIGHS_DEBUG_LINE + b"after\n")
    os.write(1, b"outside\n")
    assert capfd.readouterr().out == "before\nafter\noutside\n"


def test_solves_on_several_threads_share_one_catching_window(capfd: pytest.CaptureFixture[str]) -> None:
    """Two threads solving at once: both outputs come out once, without the debug line, and stdout is back."""
    barrier = threading.Barrier(2)

    def work(tag: bytes) -> None:
        with _milp._without_highs_debug_line():
            barrier.wait()  # both windows are open at once
            os.write(1, tag + _milp._HIGHS_DEBUG_LINE)
            barrier.wait()

    threads = [threading.Thread(target=work, args=(tag,)) for tag in (b"first\n", b"second\n")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(capfd.readouterr().out.splitlines()) == ["first", "second"]
    os.write(1, b"outside\n")
    assert capfd.readouterr().out == "outside\n"
