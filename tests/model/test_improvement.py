"""The plain-Python search for a Pareto improvement agrees with brute force and with the integer programme."""

from __future__ import annotations

import itertools

import numpy as np
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from mga_tools.analyze.fair_points import pareto_improvement
from mga_tools.analyze.problem import Problem
from mga_tools.analyze.solver import pareto_solver
from mga_tools.model.improvement import improve
from mga_tools.model.utility import Contributions, Scored

Case = tuple[Contributions, tuple[int, ...]]


@st.composite
def cases(draw: st.DrawFn, max_issues: int = 5, max_options: int = 4, max_parties: int = 4) -> Case:
    """Contributions on a coarse grid (ties and dominated options are common) or a fine one, and a package."""
    n_parties, n_issues = draw(st.integers(1, max_parties)), draw(st.integers(1, max_issues))
    step = draw(st.sampled_from([1, 10**5, 333_333]))
    top = draw(st.sampled_from([3, 10, 100]))
    value = st.integers(0, top).map(lambda v: v * step)
    contributions = tuple(
        tuple(tuple(draw(value) for _ in range(n_parties)) for _ in range(draw(st.integers(1, max_options))))
        for _ in range(n_issues)
    )
    choice = tuple(draw(st.integers(0, len(issue) - 1)) for issue in contributions)
    return contributions, choice


def _utilities(contributions: Contributions, choice: tuple[int, ...]) -> list[int]:
    return [sum(contributions[i][j][p] for i, j in enumerate(choice)) for p in range(len(contributions[0][0]))]


def _brute_force(contributions: Contributions, choice: tuple[int, ...]) -> int | None:
    """The largest total of a Pareto improvement on ``choice``, by enumerating every package; None if none."""
    now = _utilities(contributions, choice)
    best = None
    for package in itertools.product(*(range(len(issue)) for issue in contributions)):
        then = _utilities(contributions, package)
        if all(a >= b for a, b in zip(then, now, strict=True)) and sum(then) > sum(now):
            best = max(best or 0, sum(then))
    return best


def _dominates(contributions: Contributions, better: tuple[int, ...], choice: tuple[int, ...]) -> bool:
    then, now = _utilities(contributions, better), _utilities(contributions, choice)
    return all(a >= b for a, b in zip(then, now, strict=True)) and sum(then) > sum(now)


@settings(max_examples=examples(400), deadline=None)
@given(cases())
def test_the_search_agrees_with_brute_force(case: Case) -> None:
    contributions, choice = case
    found = improve(contributions, choice)
    assert found.complete
    best = _brute_force(contributions, choice)
    if best is None:
        assert found.choice is None
    else:
        assert found.choice is not None and _dominates(contributions, found.choice, choice)
        assert sum(_utilities(contributions, found.choice)) == best


@settings(max_examples=examples(150), deadline=None)
@given(cases(max_issues=7, max_options=4, max_parties=5))
def test_the_search_agrees_with_the_integer_programme(case: Case) -> None:
    contributions, choice = case
    found = improve(contributions, choice)
    n_parties = len(contributions[0][0])
    problem = Problem(
        tuple(np.array(issue, dtype=np.int64) for issue in contributions), np.zeros(n_parties, dtype=np.int64)
    )
    milp = pareto_improvement(problem, np.array(choice))
    assert found.complete
    assert (found.choice is None) == (milp is None)
    if found.choice is not None and milp is not None:
        assert _dominates(contributions, found.choice, choice)
        assert sum(_utilities(contributions, found.choice)) == int(milp.utilities.sum())


@settings(max_examples=examples(100), deadline=None)
@given(cases(max_issues=6, max_options=4), st.integers(0, 30))
def test_a_search_out_of_budget_says_so_and_whatever_it_found_dominates(case: Case, budget: int) -> None:
    contributions, choice = case
    found = improve(contributions, choice, budget=budget)
    assert found.nodes <= budget
    if found.choice is not None:
        assert _dominates(contributions, found.choice, choice)
    if found.complete:
        assert (found.choice is None) == (_brute_force(contributions, choice) is None)


def test_out_of_budget_on_a_large_efficient_package() -> None:
    rng = np.random.default_rng(7)
    contributions = tuple(
        tuple(tuple(int(v) for v in rng.integers(0, 100, 8) * 10**4) for _ in range(5)) for _ in range(16)
    )
    weights = rng.random(8)
    # The package maximising a positive weighted sum is efficient: no improvement exists.
    choice = tuple(int(np.argmax([weights @ np.array(o) for o in issue])) for issue in contributions)
    found = improve(contributions, choice, budget=50)
    assert not found.complete and found.choice is None and found.nodes == 50
    assert improve(contributions, choice, budget=10**7).choice is None


def test_the_solver_decides_on_the_pure_scoring() -> None:
    contributions = (((30, 40), (50, 60), (90, 10)),)
    scored = Scored(
        "x", ("a", "b"), ("A", "B"), ("i",), (("o1", "o2", "o3"),), contributions, (0, 0), (True, True), "p", (0,), ()
    )
    assert pareto_solver(scored, (0,)) == (1,)
    assert pareto_solver(scored, (1,)) is None
    assert improve(contributions, (0,)).choice == (1,)
