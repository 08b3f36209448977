"""Whether a package can be improved for everybody: an exact branch-and-bound search in plain Python.

A Pareto improvement on a package ``x`` is a package that gives every party at
least as much as ``x`` and the parties together more. Utilities are additive
fixed-point integers (:mod:`mga_tools.model.utility`), so the comparison is
exact: there are no ties "within a tolerance".

The search looks, among the improvements, for one with the largest total, by
depth-first search over the issues, each issue's options tried in order of
their total contribution. A partial package is abandoned when no completion
can work, judged by bounds that are exact because the utilities are additive:

- for each party, its utility so far plus the most it can get from the issues
  still open must reach its utility in ``x``;
- the total so far plus the largest total the open issues can add must beat
  the best improvement found yet (at first, the total of ``x``);
- for a few positive weight vectors ``w``, the weighted utility so far plus the
  most ``w`` can gain on the open issues must reach ``w`` of ``x``. Since the
  utilities are sums over issues, that most is a sum of per-issue maxima,
  computed once for each suffix of the issue order.

Options that another option of the same issue dominates (no party worse off)
are dropped first: swapping to the dominating option never hurts, so the best
improvement never needs them.

The search counts the options it tries (its nodes) and gives up after a
budget. A search that ran out of budget may still have found an improvement
(then one exists); if it found none, the question is open, and a caller
that must know asks an exact :data:`Solver` (the analysis provides one, an
integer programme).
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from mga_tools.model.utility import Contributions, Scored

    Solver = Callable[[Scored, tuple[int, ...]], tuple[int, ...] | None]
    """Decides exactly whether a package can be improved: the improvement with the largest total, or None."""

NODE_BUDGET = 30_000
"""Options tried before the search gives up: about 0.1 s of plain Python (3-4 microseconds each)."""


class Search(namedtuple("Search", "choice complete nodes")):
    """What the search found: an improvement (option index per issue) or None, and whether it finished.

    ``complete``: the whole space was searched, so ``choice`` is an improvement
    with the largest total, or None when there is none. Otherwise ``choice``,
    if any, is an improvement but perhaps not the best one. ``nodes``: the
    options tried.
    """

    # Named tuples, not dataclasses: the validator imports this module, and dataclasses cost start-up time.
    __slots__ = ()
    choice: tuple[int, ...] | None
    complete: bool
    nodes: int


class _OutOfBudget(Exception):
    pass


class _Option(namedtuple("_Option", "index units total weighted")):
    """One option of an open issue: its index, contributions, their total and weighted sums."""

    __slots__ = ()
    index: int
    units: tuple[int, ...]
    total: int
    weighted: tuple[int, ...]


def _kept(options: Sequence[tuple[int, ...]]) -> list[int]:
    """The options that no other option of the issue dominates; of identical ones, the first."""
    kept = []
    for j, mine in enumerate(options):
        for k, other in enumerate(options):
            if k != j and all(o >= m for o, m in zip(other, mine, strict=True)) and (other != mine or k < j):
                break
        else:
            kept.append(j)
    return kept


def _weights(contributions: Contributions, current: tuple[int, ...]) -> list[tuple[int, ...]]:
    """A few positive integer weight vectors for the surrogate bounds.

    Each party weighs inversely to its room above its utility in ``x`` (the
    tight parties count most), or to the spread of its utilities; integers, so
    that the bounds stay exact.
    """
    n = len(current)
    most = [sum(max(o[p] for o in issue) for issue in contributions) for p in range(n)]
    least = [sum(min(o[p] for o in issue) for issue in contributions) for p in range(n)]
    room = [max(1, most[p] - current[p]) for p in range(n)]
    spread = [max(1, most[p] - least[p]) for p in range(n)]
    found = []
    for scale in (room, spread):
        top = max(scale)
        vector = tuple(max(1, (top * 64) // s) for s in scale)
        if vector not in found and len(set(vector)) > 1:
            found.append(vector)
    return found


def _dot(w: tuple[int, ...], u: Sequence[int]) -> int:
    return sum(a * b for a, b in zip(w, u, strict=True))


def improve(contributions: Contributions, choice: Sequence[int], budget: int | None = None) -> Search:
    """Search for the Pareto improvement on package ``choice`` with the largest total.

    ``contributions[i][j][p]`` is what option ``j`` of issue ``i`` gives party ``p``
    (fixed-point units); ``choice`` has one option index per issue. ``budget``:
    the options to try at most (default :data:`NODE_BUDGET`).
    """
    budget = NODE_BUDGET if budget is None else budget
    n_parties = len(contributions[0][0])
    current = tuple(sum(contributions[i][j][p] for i, j in enumerate(choice)) for p in range(n_parties))
    vectors = _weights(contributions, current)
    base = [0] * n_parties
    fixed = {}  # issues left with one option
    open_issues: list[tuple[int, list[_Option]]] = []
    for i, issue in enumerate(contributions):
        kept = _kept(issue)
        if len(kept) == 1:
            fixed[i] = kept[0]
            base = [a + b for a, b in zip(base, issue[kept[0]], strict=True)]
            continue
        options = [_Option(j, issue[j], sum(issue[j]), tuple(_dot(w, issue[j]) for w in vectors)) for j in kept]
        options.sort(key=lambda o: (-o.total, o.index))  # most promising first; ties in a fixed order
        open_issues.append((i, options))
    # The issues whose options differ most in total are decided first: the bounds tighten fastest.
    open_issues.sort(key=lambda item: (item[1][-1].total - item[1][0].total, item[0]))  # spread, descending
    depth = len(open_issues)
    # Suffix maxima: what issues k.. can add at most, per party, in total and per weight vector.
    reach = [[0] * n_parties for _ in range(depth + 1)]
    reach_total = [0] * (depth + 1)
    reach_weighted = [[0] * len(vectors) for _ in range(depth + 1)]
    for k in range(depth - 1, -1, -1):
        options = open_issues[k][1]
        reach[k] = [r + max(o.units[p] for o in options) for p, r in enumerate(reach[k + 1])]
        reach_total[k] = reach_total[k + 1] + options[0].total
        reach_weighted[k] = [r + max(o.weighted[m] for o in options) for m, r in enumerate(reach_weighted[k + 1])]
    # Below these, a partial package cannot be completed into an improvement.
    needs = [tuple(c - r for c, r in zip(current, reach[k], strict=True)) for k in range(depth + 1)]
    targets = [_dot(w, current) for w in vectors]
    needs_weighted = [tuple(t - r for t, r in zip(targets, reach_weighted[k], strict=True)) for k in range(depth + 1)]
    state = {"best": sum(current), "nodes": 0}
    path: list[int] = [0] * depth
    found: list[tuple[int, ...]] = []

    def descend(k: int, units: list[int], total: int, weighted: list[int]) -> None:
        options = open_issues[k][1]
        following = k + 1
        need, need_weighted, more = needs[following], needs_weighted[following], reach_total[following]
        for option in options:
            state["nodes"] += 1
            if state["nodes"] > budget:
                raise _OutOfBudget
            if total + option.total + more <= state["best"]:
                break  # the options come in decreasing total: none after this one can beat the best either
            now = [a + b for a, b in zip(units, option.units, strict=True)]
            if any(a < b for a, b in zip(now, need, strict=True)):
                continue
            now_weighted = [a + b for a, b in zip(weighted, option.weighted, strict=True)]
            if any(a < b for a, b in zip(now_weighted, need_weighted, strict=True)):
                continue
            path[k] = option.index
            if following == depth:
                state["best"] = total + option.total
                found.append(tuple(path))
            else:
                descend(following, now, total + option.total, now_weighted)

    complete = True
    if not depth:  # one package is left, made of the options that dominate the rest
        if all(a >= b for a, b in zip(base, current, strict=True)) and sum(base) > state["best"]:
            found.append(())
    else:
        try:
            descend(0, base, sum(base), [_dot(w, base) for w in vectors])
        except _OutOfBudget:
            complete = False
    best = None
    if found:
        picks = dict(fixed)
        picks.update((open_issues[k][0], j) for k, j in enumerate(found[-1]))
        best = tuple(picks[i] for i in range(len(contributions)))
    return Search(best, complete, min(state["nodes"], budget))
