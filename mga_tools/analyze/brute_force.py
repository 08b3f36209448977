"""Reference answers by enumerating every package: small, slow and obviously correct.

Used by the tests to check the frontier and the fair points, and by the
benchmark as the baseline. Nothing here shares code with the fast paths
but :class:`~mga_tools.analyze.problem.Problem` and the result type
:class:`~mga_tools.analyze.frontier.Frontier`: dominance is tested pair by
pair, straight from its definition.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from mga_tools.analyze.frontier import Frontier
from mga_tools.analyze.problem import Problem

CHUNK = 1 << 10
"""Packages enumerated at a time: memory stays bounded whatever the size of the product space."""


def packages(problem: Problem, start: int = 0, stop: int | None = None) -> np.ndarray:
    """Packages number ``start`` to ``stop - 1`` of the product space, as option indices (n, issues).

    Package number ``k`` writes ``k`` in the mixed radix of the numbers of
    options, the last issue changing fastest.
    """
    stop = problem.n_packages if stop is None else min(stop, problem.n_packages)
    number = np.arange(start, max(start, stop), dtype=np.int64)
    choices = np.zeros((number.size, problem.n_issues), dtype=np.int64)
    for issue in range(problem.n_issues - 1, -1, -1):
        number, choices[:, issue] = np.divmod(number, problem.n_options[issue])
    return choices


def package_chunks(problem: Problem, chunk: int = CHUNK) -> Iterator[np.ndarray]:
    """Every package, ``chunk`` at a time."""
    for start in range(0, problem.n_packages, chunk):
        yield packages(problem, start, start + chunk)


def dominated_by(utilities: np.ndarray, others: np.ndarray, block: int = 1 << 22) -> np.ndarray:
    """Mask of the rows of ``utilities`` that some row of ``others`` dominates (>= everywhere, > somewhere)."""
    dominated = np.zeros(utilities.shape[0], dtype=bool)
    rows = max(1, block // max(1, others.shape[0]))
    for start in range(0, utilities.shape[0], rows):
        mine = utilities[start : start + rows]
        at_least = np.ones((mine.shape[0], others.shape[0]), dtype=bool)
        better = np.zeros((mine.shape[0], others.shape[0]), dtype=bool)
        for p in range(utilities.shape[1]):
            at_least &= others[None, :, p] >= mine[:, p, None]
            better |= others[None, :, p] > mine[:, p, None]
        dominated[start : start + rows] = np.any(at_least & better, axis=1)
    return dominated


def brute_force_frontier(problem: Problem, *, individually_rational: bool = False, chunk: int = CHUNK) -> Frontier:
    """The frontier (or the zone of possible agreement) by enumerating every package.

    The result is sorted as :func:`~mga_tools.analyze.frontier.pareto_frontier` sorts it.
    """
    return frontier_of(problem, package_chunks(problem, chunk), individually_rational=individually_rational)


def frontier_of(problem: Problem, chunks: Iterable[np.ndarray], *, individually_rational: bool = False) -> Frontier:
    """The nondominated packages among those given, chunk by chunk (each chunk: option indices (n, issues)).

    Each chunk is compared pair by pair with itself and with the frontier of
    the chunks before it.
    """
    front_choices = np.zeros((0, problem.n_issues), dtype=np.int64)
    front = np.zeros((0, problem.n_parties), dtype=np.int64)
    for chunk_choices in chunks:
        choices = chunk_choices
        utilities = problem.utilities(choices)
        if individually_rational:
            acceptable = np.all(utilities >= problem.reservation, axis=1)
            choices, utilities = choices[acceptable], utilities[acceptable]
        fresh = ~dominated_by(utilities, front)
        choices, utilities = choices[fresh], utilities[fresh]
        fresh = ~dominated_by(utilities, utilities)
        choices, utilities = choices[fresh], utilities[fresh]
        stays = ~dominated_by(front, utilities)
        front_choices = np.concatenate((front_choices[stays], choices))
        front = np.concatenate((front[stays], utilities))
    keys = [front_choices[:, i] for i in range(problem.n_issues - 1, -1, -1)]
    keys += [-front[:, p] for p in range(problem.n_parties - 1, -1, -1)]
    order = np.lexsort(keys) if front.shape[0] else np.zeros(0, dtype=np.intp)
    return Frontier(front_choices[order], front[order])


def individually_rational_packages(problem: Problem) -> tuple[np.ndarray, np.ndarray]:
    """Every package giving each party at least its reservation value: (choices, utilities)."""
    choices = packages(problem)
    utilities = problem.utilities(choices)
    acceptable = np.all(utilities >= problem.reservation, axis=1)
    return choices[acceptable], utilities[acceptable]
