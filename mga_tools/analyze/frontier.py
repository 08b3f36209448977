"""The exact Pareto frontier and zone of possible agreement, built issue by issue.

The product space is never enumerated. With additive utilities, a partial
package (options for the first k issues) that another partial package
dominates can be dropped for good: completing both the same way keeps the
domination. So the frontier is built one issue at a time,
``F_k = nondominated(F_(k-1) + options of issue k)``, and only the partial
frontiers are ever held.

Ties are kept. The pruning works on *distinct utility vectors*; every partial
package that reaches a surviving vector is remembered, so packages that score
exactly the same for everybody all end up on the frontier (equal vectors do not
dominate each other). Identical options of an issue are merged the same way
before the build and expanded at the end.

For the zone of possible agreement (``individually_rational=True``) a partial
package is also dropped when some party cannot reach its reservation value even
with its best option on every remaining issue. That pruning is exact too: a
package dominating an individually rational package is individually rational,
so the zone is the nondominated part of the individually rational packages.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mga_tools.analyze._nondominated import Options, group_rows, nondominated, ranges, reduce_options, row_hashes
from mga_tools.analyze.problem import Problem


@dataclass(frozen=True, eq=False)
class Frontier:
    """Pareto-optimal packages and their utilities.

    ``choices`` (int64, shape (n, issues)) holds one option index per issue,
    ``utilities`` (int64, shape (n, parties)) the fixed-point utilities. Rows are
    sorted by utilities in descending lexicographic order (first party first),
    then by choices in ascending order, so the order is deterministic.
    """

    choices: np.ndarray
    utilities: np.ndarray

    def __len__(self) -> int:
        return int(self.choices.shape[0])


@dataclass(frozen=True)
class _Stage:
    """How each surviving vector of a stage is reached: (previous vector, option vector) pairs."""

    parents: np.ndarray
    options: np.ndarray
    offsets: np.ndarray


def pareto_frontier(problem: Problem, *, individually_rational: bool = False) -> Frontier:
    """All Pareto-optimal packages of ``problem``, exactly, ties included.

    A package is on the frontier if no package is at least as good for every
    party and better for one. With ``individually_rational=True`` the result is
    the zone of possible agreement: the frontier packages giving every party at
    least its reservation value (equal counts as acceptable).
    """
    n_parties = problem.n_parties
    issues = [reduce_options(c) for c in problem.contributions]
    order = _issue_order(issues)
    reservation = problem.reservation
    if individually_rational:
        best = [issues[i].vectors.max(axis=0) for i in order]
        # still_possible[k]: the most each party can add with the issues after stage k.
        still_possible = np.cumsum([np.zeros(n_parties, dtype=np.int64), *best[:0:-1]], axis=0)[::-1]
        if np.any(still_possible[0] + best[0] < reservation):
            return _empty(problem)
    front = np.zeros((1, n_parties), dtype=np.int64)
    front_hashes = np.zeros(1, dtype=np.uint64)
    stages = []
    for k, issue in enumerate(order):
        vectors = issues[issue].vectors
        m = vectors.shape[0]
        candidates = (front[:, None, :] + vectors[None, :, :]).reshape(-1, n_parties)
        hashes = (front_hashes[:, None] + row_hashes(vectors)[None, :]).reshape(-1)
        index = np.arange(candidates.shape[0])
        if individually_rational:
            hopeful = np.all(candidates + still_possible[k] >= reservation, axis=1)
            if not hopeful.all():
                index = np.flatnonzero(hopeful)
                candidates, hashes = candidates[index], hashes[index]
                if index.size == 0:
                    return _empty(problem)
        grouping, starts = group_rows(candidates, hashes)
        distinct = candidates[grouping[starts]]
        keep = np.flatnonzero(nondominated(distinct))
        sizes = np.diff(np.append(starts, candidates.shape[0]))
        members = grouping[ranges(starts[keep], sizes[keep])]
        stages.append(_Stage(index[members] // m, index[members] % m, np.concatenate(([0], np.cumsum(sizes[keep])))))
        front = distinct[keep]
        front_hashes = hashes[grouping[starts[keep]]]
    return _unfold(problem, issues, order, stages, front)


def _issue_order(issues: list[Options]) -> list[int]:
    """Issues that move the utilities least first.

    That keeps the first partial frontiers smallest. On the benchmark's
    problems the orders tried (this one, its reverse, the given order) came
    within a factor 1.5 of each other, each winning on some problems.
    """
    spread = [int((o.vectors.max(axis=0) - o.vectors.min(axis=0)).sum()) for o in issues]
    return sorted(range(len(issues)), key=lambda i: (spread[i], i))


def _expand(offsets: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """For rows pointing at ``groups``: one new row per group member, as (source row, member position).

    The source is ``None`` when every group has one member: the rows stay as they are.
    """
    if offsets[-1] == offsets.size - 1:
        return None, offsets[groups]
    sizes = offsets[groups + 1] - offsets[groups]
    return np.repeat(np.arange(groups.size), sizes), ranges(offsets[groups], sizes)


def _descending_order(points: np.ndarray) -> np.ndarray:
    """Row order by descending lexicographic order of ``points`` (first column first).

    One sort on the first column, then a full lexicographic sort of only the
    rows that tie there: frontier points rarely share a first coordinate, and
    a lexicographic sort of every column costs several times more.
    """
    order = np.argsort(-points[:, 0], kind="stable")
    first = points[order, 0]
    tie = np.zeros(order.size, dtype=bool)
    tie[1:] = first[1:] == first[:-1]
    tie[:-1] |= tie[1:]
    tied = np.flatnonzero(tie)
    if tied.size:
        rows = points[order[tied]]
        order[tied] = order[tied[np.lexsort((-rows).T[::-1])]]
    return order


def _unfold(
    problem: Problem, issues: list[Options], order: list[int], stages: list[_Stage], front: np.ndarray
) -> Frontier:
    """Every package behind the final vectors, in the deterministic order of :class:`Frontier`."""
    # Sort the distinct final vectors first; the packages of one vector stay together while unfolding.
    rank = _descending_order(front)
    current = rank  # the stage vector behind each row
    group = np.arange(rank.size)  # the final vector's rank, for ordering ties below
    columns: list[np.ndarray] = [np.zeros(0, dtype=np.int64)] * problem.n_issues
    for k in range(len(stages) - 1, -1, -1):
        stage = stages[k]
        source, position = _expand(stage.offsets, current)
        if source is not None:
            group = group[source]
            columns = [column[source] if column.size else column for column in columns]
        columns[order[k]] = stage.options[position]
        current = stage.parents[position]
    for issue, options in enumerate(issues):
        source, position = _expand(options.offsets, columns[issue])
        if source is not None:
            group = group[source]
            columns = [column[source] for column in columns]
        columns[issue] = options.members[position]
    choices = np.stack(columns, axis=1)
    utilities = front[rank][group]
    # Within a group of tied packages, order by choices.
    counts = np.bincount(group, minlength=rank.size)
    tied = np.flatnonzero(counts[group] > 1)
    if tied.size:
        keys = [choices[tied, i] for i in range(problem.n_issues - 1, -1, -1)]
        choices[tied] = choices[tied[np.lexsort([*keys, group[tied]])]]
    return Frontier(choices, utilities)


def _empty(problem: Problem) -> Frontier:
    return Frontier(np.zeros((0, problem.n_issues), dtype=np.int64), np.zeros((0, problem.n_parties), dtype=np.int64))
