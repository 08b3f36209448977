"""The exact Pareto frontier and zone of possible agreement, against brute force and by hand."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from problem_strategies import problems

from mga_tools.analyze import SCALE, Frontier, Problem, pareto_frontier, to_points
from mga_tools.analyze import _kdtree as tree
from mga_tools.analyze import _nondominated as kernel
from mga_tools.analyze.brute_force import brute_force_frontier, dominated_by, packages


def _logrolling() -> Problem:
    """Two issues, two parties; each party cares most about a different issue.

    Trading (party 0 wins issue A, party 1 wins issue B) gives both 80, where
    splitting both issues down the middle gives both only 50.
    """
    scores = [[[100, 0], [50, 50], [0, 100]], [[100, 0], [50, 50], [0, 100]]]
    return Problem.from_scores([[0.8, 0.2], [0.2, 0.8]], scores, [45, 45])


@pytest.fixture(params=["numpy", "tree"])
def kernel_in_use(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Send every set to one kernel: numpy's divide and conquer, or the compiled k-d tree.

    The numpy kernel gets tiny base cases and the tree two points per leaf, so
    that small sets run every branch of the recursion and of the tree's queries.
    """
    if request.param == "tree":
        monkeypatch.setattr(kernel, "_COMPILED_MIN", 2)
        monkeypatch.setattr(tree, "LEAF", 2)
    else:
        monkeypatch.setattr(kernel, "_COMPILED_MIN", 2**62)
        monkeypatch.setattr(kernel, "_COMPILED_MIN_LOADED", 2**62)
        monkeypatch.setattr(kernel, "_BASE_NONDOMINATED", 4)
        monkeypatch.setattr(kernel, "_BASE_FILTER", 16)
    return str(request.param)


def _same(found: Frontier, expected: Frontier) -> None:
    assert found.choices.dtype == np.int64 and found.utilities.dtype == np.int64
    assert found.choices.shape == expected.choices.shape
    assert found.utilities.shape == expected.utilities.shape
    assert {tuple(c) for c in found.choices} == {tuple(c) for c in expected.choices}
    # Same deterministic order, and the utilities are those of the packages.
    np.testing.assert_array_equal(found.choices, expected.choices)
    np.testing.assert_array_equal(found.utilities, expected.utilities)


class TestHandChecked:
    def test_logrolling_beats_the_compromise(self) -> None:
        problem = _logrolling()
        frontier = pareto_frontier(problem)
        assert [tuple(c) for c in frontier.choices] == [(0, 0), (0, 1), (0, 2), (1, 2), (2, 2)]
        assert to_points(frontier.utilities).tolist() == [[100, 0], [90, 40], [80, 80], [40, 90], [0, 100]]
        # The compromise (1, 1) is worth (50, 50): dominated by the trade (0, 2).
        assert (1, 1) not in {tuple(c) for c in frontier.choices}

    def test_zone_of_possible_agreement(self) -> None:
        zopa = pareto_frontier(_logrolling(), individually_rational=True)
        assert [tuple(c) for c in zopa.choices] == [(0, 2)]
        assert zopa.utilities.tolist() == [[80 * SCALE, 80 * SCALE]]

    def test_ties_are_all_kept_and_ordered_by_choice(self) -> None:
        # Options 0 and 2 of the first issue are identical; option 1 of the second issue ties with option 0.
        contributions = (np.array([[10, 0], [0, 10], [10, 0]]), np.array([[5, 5], [5, 5], [0, 0]]))
        frontier = pareto_frontier(Problem(contributions, np.zeros(2, dtype=np.int64)))
        assert [tuple(c) for c in frontier.choices] == [(0, 0), (0, 1), (2, 0), (2, 1), (1, 0), (1, 1)]
        assert frontier.utilities.tolist() == [[15, 5]] * 4 + [[5, 15]] * 2

    def test_a_reservation_value_reached_exactly_is_acceptable(self) -> None:
        problem = Problem((np.array([[3, 7], [5, 5], [7, 3]]),), np.array([5, 5]))
        zopa = pareto_frontier(problem, individually_rational=True)
        assert [tuple(c) for c in zopa.choices] == [(1,)]
        assert len(pareto_frontier(problem)) == 3

    def test_empty_zone_keeps_its_shape(self) -> None:
        problem = Problem.from_scores([[1, 1], [1, 1]], [[[100, 0], [0, 100]], [[100, 0], [0, 100]]], [80, 80])
        zopa = pareto_frontier(problem, individually_rational=True)
        assert len(zopa) == 0
        assert zopa.choices.shape == (0, 2) and zopa.utilities.shape == (0, 2)

    def test_one_party_keeps_its_best_packages(self) -> None:
        problem = Problem.from_scores([[1, 3]], [[[20], [60], [60]], [[100], [0]]], [0])
        frontier = pareto_frontier(problem)
        assert [tuple(c) for c in frontier.choices] == [(1, 0), (2, 0)]
        assert frontier.utilities.tolist() == [[90 * SCALE]] * 2

    def test_frontier_packages_and_utilities_agree(self) -> None:
        problem = Problem.from_scores(
            np.random.default_rng(3).random((3, 6)),
            [np.random.default_rng(i).integers(0, 21, (4, 3)) * 5.0 for i in range(6)],
            [30, 30, 30],
        )
        frontier = pareto_frontier(problem)
        np.testing.assert_array_equal(problem.utilities(frontier.choices), frontier.utilities)
        _same(frontier, brute_force_frontier(problem))


@pytest.mark.usefixtures("kernel_in_use")
class TestAgainstBruteForce:
    @settings(max_examples=examples(600), deadline=None)
    @given(problems())
    def test_frontier(self, problem: Problem) -> None:
        _same(pareto_frontier(problem), brute_force_frontier(problem))

    @settings(max_examples=examples(600), deadline=None)
    @given(problems())
    def test_zone_of_possible_agreement(self, problem: Problem) -> None:
        _same(
            pareto_frontier(problem, individually_rational=True),
            brute_force_frontier(problem, individually_rational=True),
        )

    @pytest.mark.parametrize(("parties", "seed"), [(2, 0), (3, 1), (4, 2), (5, 3)])
    def test_larger_problems_with_many_ties(self, parties: int, seed: int) -> None:
        # 4**7 = 16384 packages: partial frontiers of thousands of points go through the recursion.
        rng = np.random.default_rng(seed)
        weights = rng.integers(1, 4, (parties, 7))
        scores = [rng.integers(0, 11, (4, parties)) * 10 for _ in range(7)]
        problem = Problem.from_scores(weights, scores, rng.integers(0, 9, parties) * 5)
        _same(pareto_frontier(problem), brute_force_frontier(problem))
        _same(
            pareto_frontier(problem, individually_rational=True),
            brute_force_frontier(problem, individually_rational=True),
        )


def _distinct_points(draw: st.DrawFn, dims: int, size: int, values: int) -> np.ndarray:
    rows = draw(st.lists(st.tuples(*[st.integers(0, values)] * dims), min_size=0, max_size=size, unique=True))
    return np.array(rows, dtype=np.int64).reshape(-1, dims)


@st.composite
def point_sets(draw: st.DrawFn) -> np.ndarray:
    """Distinct integer points on a small grid: many share a coordinate with others."""
    return _distinct_points(draw, draw(st.integers(1, 6)), 400, draw(st.sampled_from([3, 10, 1000])))


@pytest.mark.usefixtures("kernel_in_use")
class TestKernel:
    """Both dominance filters against the definition, on one thread and on two."""

    @settings(max_examples=examples(500), deadline=None)
    @given(point_sets(), st.sampled_from([1, 2]))
    def test_nondominated_is_the_definition(self, points: np.ndarray, threads: int) -> None:
        expected = ~dominated_by(points, points)
        np.testing.assert_array_equal(kernel.nondominated(points, threads=threads), expected)

    @pytest.mark.parametrize("threads", [1, 2])
    @pytest.mark.parametrize("dims", [3, 4, 5])
    def test_anticorrelated_points(self, dims: int, threads: int) -> None:
        # Points near a simplex: most are mutually nondominated, the hard case for the filter.
        rng = np.random.default_rng(dims)
        raw = rng.dirichlet(np.ones(dims), 3000) * 1000 + rng.normal(0, 20, (3000, dims))
        points = np.unique(np.rint(raw).astype(np.int64), axis=0)
        np.testing.assert_array_equal(kernel.nondominated(points, threads=threads), ~dominated_by(points, points))

    def test_huge_values_stay_exact(self) -> None:
        points = np.array([[2**50, 0, 1], [2**50 - 1, 0, 1], [0, 2**50, 0], [1, 2**50, 0], [5, 5, 5]])
        assert kernel.nondominated(points).tolist() == [True, False, False, True, True]

    def test_grouping_survives_hash_collisions(self) -> None:
        points = np.array([[1, 2], [3, 4], [1, 2], [5, 6], [3, 4], [1, 2]])
        # Every row with the same hash: the grouping must fall back on comparing rows.
        order, starts = kernel.group_rows(points, np.zeros(6, dtype=np.uint64))
        groups = np.split(order, starts[1:])
        assert sorted(sorted(g.tolist()) for g in groups) == [[0, 2, 5], [1, 4], [3]]
        order, starts = kernel.group_rows(points)
        assert sorted(sorted(g.tolist()) for g in np.split(order, starts[1:])) == [[0, 2, 5], [1, 4], [3]]

    def test_row_hashes_are_linear(self) -> None:
        rng = np.random.default_rng(0)
        a, b = rng.integers(-(10**9), 10**9, (2, 50, 7))
        np.testing.assert_array_equal(kernel.row_hashes(a + b), kernel.row_hashes(a) + kernel.row_hashes(b))


class TestCompiledTree:
    """When the compiled k-d tree takes over, and what it does with threads."""

    def test_numba_is_loaded_only_for_large_sets(self) -> None:
        code = (
            "import sys, numpy as np; from mga_tools.analyze._nondominated import nondominated;"
            "rng = np.random.default_rng(0);"
            "small = np.unique(rng.integers(0, 10**6, (50_000, 5)), axis=0);"
            "print(nondominated(small).sum(), 'numba' in sys.modules);"
            "large = np.unique(rng.integers(0, 10**6, (100_000, 5)), axis=0);"
            "print(nondominated(large).sum(), 'numba' in sys.modules)"
        )
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        rng = np.random.default_rng(0)
        small = np.unique(rng.integers(0, 10**6, (50_000, 5)), axis=0)
        large = np.unique(rng.integers(0, 10**6, (100_000, 5)), axis=0)
        # The numpy kernel, checked against the definition above, decides the same.
        dims = tuple(range(5))
        expected = [kernel._nondominated(np.ascontiguousarray(p.T), dims).sum() for p in (small, large)]
        assert run.stdout == f"{expected[0]} False\n{expected[1]} True\n"

    @pytest.mark.parametrize("threads", [1, 2, 3])
    def test_queries_run_on_the_threads_asked_for(self, threads: int, monkeypatch: pytest.MonkeyPatch) -> None:
        used: list[int] = []
        original = tree.ThreadPoolExecutor

        def counting(max_workers: int) -> object:
            used.append(max_workers)
            return original(max_workers=max_workers)

        monkeypatch.setattr(tree, "ThreadPoolExecutor", counting)
        points = np.array([[i, 1000 - i, (i * 7) % 13] for i in range(1000)])
        np.testing.assert_array_equal(tree.nondominated(points, threads), ~dominated_by(points, points))
        assert used == [threads]


class TestProblem:
    def test_contributions_are_rounded_weighted_scores(self) -> None:
        problem = Problem.from_scores([[1, 2], [0, 5]], [[[30, 100], [100, 0]], [[45, 55]]], [12.5, 0])
        assert problem.contributions[0].tolist() == [[10 * SCALE, 0], [round(100 / 3 * SCALE), 0]]
        assert problem.contributions[1].tolist() == [[30 * SCALE, 55 * SCALE]]
        assert problem.reservation.tolist() == [12_500_000, 0]
        assert (problem.n_issues, problem.n_parties, problem.n_options, problem.n_packages) == (2, 2, (2, 1), 2)

    def test_utilities_of_one_or_many_packages(self) -> None:
        problem = _logrolling()
        assert problem.utilities([0, 2]).tolist() == [80 * SCALE, 80 * SCALE]
        assert problem.utilities(packages(problem)).shape == (9, 2)
        assert problem.best_possible().tolist() == [100 * SCALE, 100 * SCALE]
        assert Problem.to_points(problem.utilities((1, 1))).tolist() == [50.0, 50.0]

    def test_arrays_are_read_only_copies(self) -> None:
        contribution = np.array([[1, 2]])
        problem = Problem((contribution,), np.array([0, 0]))
        contribution[0, 0] = 99
        assert problem.contributions[0][0, 0] == 1
        with pytest.raises(ValueError):
            problem.reservation[0] = 1

    @pytest.mark.parametrize(
        ("weights", "scores", "reservation", "message"),
        [
            ([[1, 0], [0, 0]], [[[1, 1]], [[1, 1]]], [0, 0], "all weights are zero for parties \\[1\\]"),
            ([[1, -1]], [[[1]], [[1]]], [0], "non-negative"),
            ([[1, 1]], [[[1]]], [0], "2 issues but scores has 1"),
            ([[1]], [[[101]]], [0], "0-100"),
            ([[1]], [[[1, 2]]], [0], "shape \\(options, 1\\)"),
            ([[1]], [np.zeros((0, 1))], [0], "at least one option"),
            ([[1]], [[[1]]], [0, 0], "reservation must have shape"),
            ([[1]], [[[1]]], [-1], "0-100"),
            ([[np.nan]], [[[1]]], [0], "finite"),
        ],
    )
    def test_bad_scores(self, weights: object, scores: object, reservation: object, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            Problem.from_scores(weights, scores, reservation)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("contributions", "reservation", "message"),
        [
            ((), [0], "at least one issue"),
            ((np.array([[1.5]]),), [0], "integers"),
            ((np.array([[1, 2]]),), [0], "shape \\(options, 1\\)"),
            ((np.array([[1]]),), [[0]], "shape \\(parties,\\)"),
            ((np.array([[2**53]]),), [0], "2\\*\\*52"),
        ],
    )
    def test_bad_arrays(self, contributions: tuple[np.ndarray, ...], reservation: object, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            Problem(contributions, np.asarray(reservation))

    def test_bad_choices(self) -> None:
        problem = _logrolling()
        with pytest.raises(ValueError, match="out of range"):
            problem.utilities([0, 3])
        with pytest.raises(ValueError, match="shape"):
            problem.utilities([0])
        with pytest.raises(ValueError, match="integer"):
            problem.utilities([0.5, 1.0])
