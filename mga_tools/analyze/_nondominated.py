"""Exact nondominated filtering of integer point sets, vectorised with numpy.

The kernel is the multidimensional divide and conquer of Kung, Luccio and
Preparata (1975) and Bentley (1980): split the points at the median of one
coordinate; the nondominated points of the upper half survive; a point of the
lower half survives if it is nondominated in its half and no survivor of the
upper half dominates it in the *other* coordinates (the split coordinate is
already settled). That cross test is a "filter" that recurses the same way,
one coordinate fewer on every cross branch, down to a sort-and-sweep in two
coordinates. Small subproblems are compared all-against-all by broadcasting.

Points are columns of a (coordinates, n) array, so that every coordinate is a
contiguous vector. All comparisons are on integers, hence exact.

Large sets go to the compiled k-d tree of :mod:`._kdtree` instead, which
decides the same thing several times faster and on every core; this kernel
keeps small and medium sets free of numba's start-up cost.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Final

import numpy as np

# All-against-all comparison below these sizes: numpy's per-call overhead makes
# recursing further slower than brute force (measured on the benchmark's 5-party frontiers).
_BASE_NONDOMINATED: Final = 256
_BASE_FILTER: Final = 1 << 17
# Sets this large go to the compiled k-d tree (:mod:`._kdtree`), several times faster there. Loading
# numba and its compiled code costs about 0.8 s once per process, which smaller sets would not recover;
# once it is loaded, the tree is the faster of the two from a few thousand points (measured: 3.5x at 5,800).
_COMPILED_MIN: Final = 100_000
_COMPILED_MIN_LOADED: Final = 5_000
_COMPILED_MODULE: Final = "mga_tools.analyze._kdtree"

# Random odd 64-bit multipliers of the linear row hash, fixed by a seed so that runs are reproducible.
_HASH_SEED: Final = 20_231_113


def _multipliers(n: int) -> np.ndarray:
    draws = np.random.default_rng(_HASH_SEED).integers(0, 2**63, size=n, dtype=np.uint64)
    return draws * np.uint64(2) + np.uint64(1)


def row_hashes(points: np.ndarray) -> np.ndarray:
    """A linear hash of each row, modulo 2**64: ``hash(a + b) == hash(a) + hash(b)``.

    Linearity lets the frontier hash the sums of two sets from the hashes of
    their members. Equal rows have equal hashes; :func:`group_rows` checks the
    converse, so collisions cost time, never correctness.
    """
    rows = np.ascontiguousarray(points, dtype=np.int64).view(np.uint64)
    multipliers = _multipliers(rows.shape[1])
    total = np.zeros(rows.shape[0], dtype=np.uint64)
    for column in range(rows.shape[1]):
        total += rows[:, column] * multipliers[column]
    return total


def group_rows(points: np.ndarray, hashes: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Group equal rows: ``(order, starts)`` with equal rows of ``points[order]`` adjacent.

    Group ``g`` is ``order[starts[g]:starts[g + 1]]`` (the last one runs to the
    end). Rows are sorted by their hash (one key instead of a lexicographic
    sort on every column); if two different rows share a hash,
    the grouping falls back to a lexicographic sort.
    """
    n = points.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    keys = row_hashes(points) if hashes is None else hashes
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    same_key = sorted_keys[1:] == sorted_keys[:-1]
    rows = points[order]
    same_row = np.all(rows[1:] == rows[:-1], axis=1)
    if np.array_equal(same_key, same_row):
        return order, np.flatnonzero(np.concatenate(([True], ~same_row)))
    order = np.lexsort(points.T[::-1])
    rows = points[order]
    same_row = np.all(rows[1:] == rows[:-1], axis=1)
    return order, np.flatnonzero(np.concatenate(([True], ~same_row)))


@dataclass(frozen=True)
class Options:
    """An issue reduced to its distinct nondominated option vectors, each with the options that give it.

    Vector ``v`` (row ``v`` of ``vectors``) is what the options
    ``members[offsets[v]:offsets[v + 1]]`` contribute, in ascending order.
    """

    vectors: np.ndarray
    members: np.ndarray
    offsets: np.ndarray


def reduce_options(contribution: np.ndarray) -> Options:
    """Merge identical options and drop dominated ones: swapping to a dominating option helps everybody."""
    grouping, starts = group_rows(contribution)
    distinct = contribution[grouping[starts]]
    keep = np.flatnonzero(nondominated(distinct))
    sizes = np.diff(np.append(starts, contribution.shape[0]))
    members = grouping[ranges(starts[keep], sizes[keep])]
    return Options(distinct[keep], members, np.concatenate(([0], np.cumsum(sizes[keep]))))


def ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(s, s + n)`` for every start ``s`` and size ``n``."""
    total = int(sizes.sum())
    if total == 0:
        return np.zeros(0, dtype=np.intp)
    offsets = np.cumsum(sizes) - sizes
    return np.repeat(starts - offsets, sizes) + np.arange(total)


def nondominated(points: np.ndarray, *, threads: int | None = None) -> np.ndarray:
    """Mask of the rows that no other row dominates (>= everywhere; rows must be pairwise distinct).

    ``points`` is an integer array of shape (n, d). Because the rows are
    distinct, a row that is >= another everywhere is also > somewhere. Large
    sets go to the compiled k-d tree, on ``threads`` threads (default: the
    cores of the machine).
    """
    n, d = points.shape
    if n <= 1:
        return np.ones(n, dtype=bool)
    if n >= _COMPILED_MIN or (n >= _COMPILED_MIN_LOADED and _COMPILED_MODULE in sys.modules):
        from mga_tools.analyze import _kdtree  # numba: imported only when a large set needs it

        return _kdtree.nondominated(points, threads or os.cpu_count() or 1)
    shifted = points - points.min(axis=0)
    # int32 halves the memory traffic of every comparison; ranges that do not fit stay int64.
    dtype = np.int32 if int(shifted.max()) < _INT32_MAX else np.int64
    columns = np.ascontiguousarray(shifted.T, dtype=dtype)
    return _nondominated(columns, tuple(range(d)))


# The reductions as ufunc methods: the ndarray methods add a Python-level wrapper to every call,
# and the recursion makes hundreds of thousands of small calls.
_max = np.maximum.reduce
_min = np.minimum.reduce
_all = np.logical_and.reduce
_any = np.logical_or.reduce
_INT32_MAX: Final = 2**31 - 1


def _nondominated(points: np.ndarray, dims: tuple[int, ...]) -> np.ndarray:
    """The divide and conquer."""
    n = points.shape[1]
    if n <= 1:
        return np.ones(n, dtype=bool)
    if len(dims) == 1:
        values = points[dims[0]]
        return values == _max(values)
    if len(dims) == 2:
        return _sweep_nondominated(points[dims[0]], points[dims[1]])
    if n <= _BASE_NONDOMINATED:
        dominated = _dominance_matrix(points, points, dims)
        np.fill_diagonal(dominated, False)
        return ~_any(dominated, axis=1)
    split = dims[0]
    values = points[split]
    cut = _cut(values)
    if cut is None:
        # Everybody ties on this coordinate: it cannot tell any two points apart.
        return _nondominated(points, dims[1:])
    is_upper = values >= cut
    upper = is_upper.nonzero()[0]
    lower = (~is_upper).nonzero()[0]
    # Rotate the coordinates so that the halves split on another one: balanced
    # splits in every direction prune far more in the filters (measured: about 30 %).
    rotated = (*dims[1:], dims[0])
    upper_points = points[:, upper]
    lower_points = points[:, lower]
    keep_upper = _nondominated(upper_points, rotated)
    keep_lower = _nondominated(lower_points, rotated).nonzero()[0]
    dominated = _filter(lower_points[:, keep_lower], upper_points[:, keep_upper], dims[1:])
    keep = np.zeros(n, dtype=bool)
    keep[upper[keep_upper]] = True
    keep[lower[keep_lower[~dominated]]] = True
    return keep


def _cut(values: np.ndarray) -> int | None:
    """A value splitting ``values`` into two non-empty parts ``>= cut`` and ``< cut``, near the median."""
    low = _min(values)
    middle = len(values) // 2
    cut = np.partition(values, middle)[middle]
    if cut == low:
        above = values[values > low]
        if above.size == 0:
            return None
        cut = _min(above)
    return int(cut)


def _sweep_nondominated(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Two coordinates: sort by the first descending; a point survives if it beats every earlier second value."""
    order = np.lexsort((-second.astype(np.int64), -first.astype(np.int64)))
    ranked = second[order]
    best_before = np.maximum.accumulate(ranked)
    keep = np.ones(len(order), dtype=bool)
    keep[1:] = ranked[1:] > best_before[:-1]
    mask = np.zeros(len(order), dtype=bool)
    mask[order[keep]] = True
    return mask


def _dominance_matrix(lower: np.ndarray, upper: np.ndarray, dims: tuple[int, ...]) -> np.ndarray:
    """``m[a, b]``: column ``b`` of ``upper`` is >= column ``a`` of ``lower`` on ``dims``."""
    first = dims[0]
    matrix = upper[first][None, :] >= lower[first][:, None]
    for k in dims[1:]:
        matrix &= upper[k][None, :] >= lower[k][:, None]
    return matrix


def _filter(lower: np.ndarray, upper: np.ndarray, dims: tuple[int, ...]) -> np.ndarray:
    """Mask of the columns of ``lower`` that some column of ``upper`` weakly dominates on ``dims``.

    The coordinates outside ``dims`` are settled: there, every upper point is
    at least as high as every lower point.
    """
    n_lower, n_upper = lower.shape[1], upper.shape[1]
    if n_lower == 0 or n_upper == 0:
        return np.zeros(n_lower, dtype=bool)
    if not dims:
        return np.ones(n_lower, dtype=bool)
    if len(dims) == 1:
        return lower[dims[0]] <= _max(upper[dims[0]])
    # Bounding boxes: an upper point below the lower set's minimum in some
    # coordinate helps nobody, and a lower point above the upper set's maximum is safe.
    top = _max(upper, axis=1)
    bottom = _min(lower, axis=1)
    if len(dims) < lower.shape[0]:
        settled = [k for k in range(lower.shape[0]) if k not in dims]
        top[settled] = np.iinfo(lower.dtype).max
        bottom[settled] = np.iinfo(lower.dtype).min
    useful = _all(upper >= bottom[:, None], axis=0)
    n_useful = np.count_nonzero(useful)
    if n_useful == 0:
        return np.zeros(n_lower, dtype=bool)
    if n_useful < n_upper:
        upper = upper[:, useful]
    reachable = _all(lower <= top[:, None], axis=0)
    n_reachable = np.count_nonzero(reachable)
    if n_reachable == n_lower:
        return _filter_boxed(lower, upper, dims)
    dominated = np.zeros(n_lower, dtype=bool)
    if n_reachable:
        candidates = reachable.nonzero()[0]
        dominated[candidates] = _filter_boxed(lower[:, candidates], upper, dims)
    return dominated


def _filter_boxed(lower: np.ndarray, upper: np.ndarray, dims: tuple[int, ...]) -> np.ndarray:
    """:func:`_filter` once the bounding boxes have pruned both sets."""
    n_lower, n_upper = lower.shape[1], upper.shape[1]
    if len(dims) == 2:
        return _sweep_filter(lower, upper, dims[0], dims[1])
    if n_lower * n_upper <= _BASE_FILTER:
        return _any(_dominance_matrix(lower, upper, dims), axis=1)
    split = dims[0]
    cut = _cut(np.concatenate((lower[split], upper[split])))
    if cut is None:
        return _filter(lower, upper, dims[1:])
    rotated = (*dims[1:], dims[0])
    lower_is_high = lower[split] >= cut
    upper_is_high = upper[split] >= cut
    lower_high = lower_is_high.nonzero()[0]
    lower_low = (~lower_is_high).nonzero()[0]
    upper_high = upper[:, upper_is_high]
    dominated = np.zeros(n_lower, dtype=bool)
    if lower_high.size:
        # High lower points can only be dominated by high upper points, on all coordinates.
        dominated[lower_high] = _filter(lower[:, lower_high], upper_high, rotated)
    if lower_low.size:
        low_points = lower[:, lower_low]
        # Against the high upper points the split coordinate is settled.
        hit = _filter(low_points, upper_high, dims[1:])
        rest = (~hit).nonzero()[0]
        if rest.size:
            hit[rest] = _filter(low_points[:, rest], upper[:, ~upper_is_high], rotated)
        dominated[lower_low] = hit
    return dominated


def _sweep_filter(lower: np.ndarray, upper: np.ndarray, a: int, b: int) -> np.ndarray:
    """Two coordinates: a lower point is dominated if the upper points with ``a`` >= its own reach its ``b``."""
    order = np.argsort(upper[a], kind="stable")
    upper_a = upper[a][order]
    best_b_from = np.maximum.accumulate(upper[b][order][::-1])[::-1]
    first = np.searchsorted(upper_a, lower[a], side="left")
    dominated = np.zeros(lower.shape[1], dtype=bool)
    inside = first < upper_a.size
    dominated[inside] = best_b_from[first[inside]] >= lower[b][inside]
    return dominated
