"""Exact nondominated filtering of large point sets: a k-d tree, compiled with numba.

A point is dominated when some other point is at least as high in every
coordinate (the points are pairwise distinct). Every point asks a static k-d
tree over all the points whether such a point exists. The tree is a complete
binary tree over median splits, stored in heap order (the children of node
``v`` are ``2v + 1`` and ``2v + 2``); each node knows its bounding box and the
largest coordinate sum under it. A query skips a node whose box cannot reach
the point (or whose sums cannot exceed the point's: a dominating point has a
larger sum) and stops at the first node whose box lies wholly above the point.

Domination is transitive, so a point dominated by a dominated point is
dominated too: the tree holds every point, not only the survivors, and the
queries are independent. They run on several threads (the compiled code
releases the interpreter lock), and so does the lower part of the build.

Compared with the numpy divide and conquer of :mod:`._nondominated`, this
makes the same decisions with integer comparisons only, so the results are
identical; it pays off for large sets, where it is several times faster.
numba compiles these functions on first use and caches them on disk.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Final

import numba
import numpy as np

# Points per leaf, at most (2 or more): measured on the benchmark's 5-party sets, 8-32 come within 10 %.
LEAF: Final = 16
# Query chunks per thread: the cost of a query varies a lot over the space, small chunks balance the threads.
_CHUNKS_PER_THREAD: Final = 32

_INT32_MAX: Final = 2**31 - 1

_compiled = numba.njit(cache=True, nogil=True)


@_compiled
def _select(rows: np.ndarray, lo: int, hi: int, k: int, column: int) -> None:
    """Reorder ``rows[lo:hi]`` so that row ``k`` holds the ``k``-th smallest ``column`` (Hoare's selection)."""
    width = rows.shape[1]
    while hi - lo > 1:
        a, b, c = rows[lo, column], rows[(lo + hi) // 2, column], rows[hi - 1, column]
        pivot = max(min(a, b), min(max(a, b), c))
        i, j = lo, hi - 1
        while i <= j:
            while rows[i, column] < pivot:
                i += 1
            while rows[j, column] > pivot:
                j -= 1
            if i <= j:
                for t in range(width):
                    swap = rows[i, t]
                    rows[i, t] = rows[j, t]
                    rows[j, t] = swap
                i += 1
                j -= 1
        if k <= j:
            hi = j + 1
        elif k >= i:
            lo = i
        else:
            return


@_compiled
def _split_levels(rows: np.ndarray, dims: int, first: int, last: int, part: int, parts: int) -> None:
    """Split the nodes of levels ``first``..``last - 1`` that belong to ``part`` of ``parts`` equal shares.

    Node ``j`` of level ``t`` holds rows ``[j * n >> t, (j + 1) * n >> t)`` and
    splits them at its middle on its widest coordinate.
    """
    n = rows.shape[0]
    for level in range(first, last):
        width = 1 << level
        for j in range(width * part // parts, width * (part + 1) // parts):
            start, end = (j * n) >> level, ((j + 1) * n) >> level
            middle = ((2 * j + 1) * n) >> (level + 1)
            widest, spread = 0, -1
            for k in range(dims):
                low = high = rows[start, k]
                for r in range(start + 1, end):
                    value = rows[r, k]
                    low = min(low, value)
                    high = max(high, value)
                if high - low > spread:
                    widest, spread = k, high - low
            _select(rows, start, end, middle, widest)


def _boxes(coords: np.ndarray, sums: np.ndarray, depth: int) -> tuple[np.ndarray, ...]:
    """Per node, in heap order: first row, row count, lowest and highest coordinates, highest sum.

    Plain numpy, leaves up (one reduction per level): compiling it would add
    a second to the first use, and it takes milliseconds.
    """
    n = coords.shape[0]
    bounds = (np.arange((1 << depth) + 1, dtype=np.int64) * n) >> depth
    starts = bounds[:-1]  # every leaf holds a row: the depth leaves at least LEAF / 2 >= 1 rows per leaf
    level = (
        starts,
        np.diff(bounds),
        np.minimum.reduceat(coords, starts, axis=0),
        np.maximum.reduceat(coords, starts, axis=0),
        np.maximum.reduceat(sums, starts),
    )
    levels = [level]
    for _ in range(depth):
        first, size, low, high, top_sum = level
        level = (
            first[0::2],
            size[0::2] + size[1::2],
            np.minimum(low[0::2], low[1::2]),
            np.maximum(high[0::2], high[1::2]),
            np.maximum(top_sum[0::2], top_sum[1::2]),
        )
        levels.append(level)
    # Heap order is the root's level first.
    return tuple(np.concatenate(parts) for parts in zip(*reversed(levels), strict=True))


@_compiled
def _covers(coords: np.ndarray, r: int, i: int, dims: int) -> bool:
    """Row ``r`` is >= row ``i`` in every coordinate."""
    # A plain loop: numba compiles it to straight comparisons, a generator passed to all() it may not.
    for k in range(dims):  # noqa: SIM110
        if coords[r, k] < coords[i, k]:
            return False
    return True


@_compiled
def _dominator(i: int, tree: tuple, depth: int, stack: np.ndarray) -> int:
    """The row of some point dominating row ``i``, or -1.

    ``tree`` is (coordinates, sums, then the five arrays of :func:`_boxes`).
    """
    coords, sums, first, size, low, high, top_sum = tree
    dims = coords.shape[1]
    inner = (1 << depth) - 1
    stack[0] = 0
    height = 1
    while height:
        height -= 1
        v = stack[height]
        if top_sum[v] <= sums[i]:
            continue
        reaches, above = True, True
        for k in range(dims):
            if high[v, k] < coords[i, k]:
                reaches = False
                break
            if low[v, k] < coords[i, k]:
                above = False
        if not reaches:
            continue
        if above:
            # Every point under v is >= row i everywhere; any of them but i itself dominates it.
            if first[v] != i:
                return first[v]
            if size[v] > 1:
                return first[v] + 1
            continue
        if v >= inner:
            for r in range(first[v], first[v] + size[v]):
                if sums[r] > sums[i] and _covers(coords, r, i, dims):
                    return r
        else:
            # The upper child (higher values on the split coordinate) is searched first.
            stack[height] = 2 * v + 1
            stack[height + 1] = 2 * v + 2
            height += 2
    return -1


@_compiled
def _query(start: int, end: int, dominated: np.ndarray, tree: tuple, depth: int) -> None:
    """Decide rows ``start``..``end - 1``; neighbouring rows are often dominated by the same point, tried first."""
    coords, sums = tree[0], tree[1]
    dims = coords.shape[1]
    stack = np.empty(2 * depth + 2, np.int64)
    last = -1
    for i in range(start, end):
        if last >= 0 and sums[last] > sums[i] and _covers(coords, last, i, dims):
            dominated[i] = True
            continue
        found = _dominator(i, tree, depth, stack)
        if found >= 0:
            dominated[i] = True
            last = found


def nondominated(points: np.ndarray, threads: int) -> np.ndarray:
    """Mask of the rows of ``points`` (integers, shape (n, d), pairwise distinct) that no other row dominates."""
    n, dims = points.shape
    # Row layout: the coordinates, then the row's original position (carried along by the selections).
    shifted = points - points.min(axis=0)
    # int32 halves the memory the queries walk through; ranges that do not fit stay int64.
    dtype = np.int32 if max(int(shifted.max()), n) < _INT32_MAX else np.int64
    rows = np.empty((n, dims + 1), dtype=dtype)
    rows[:, :dims] = shifted
    rows[:, dims] = np.arange(n)
    depth = int(np.ceil(np.log2(n / LEAF))) if n > LEAF else 0
    with ThreadPoolExecutor(max_workers=threads) as pool:
        # Level 0 has one node; below it the halves are independent.
        _split_levels(rows, dims, 0, min(depth, 1), 0, 1)
        parts = min(threads, 2) if depth > 1 else 1
        list(pool.map(lambda part: _split_levels(rows, dims, 1, depth, part, parts), range(parts)))
        coords = np.ascontiguousarray(rows[:, :dims])
        sums = coords.sum(axis=1, dtype=np.int64)
        tree = (coords, sums, *_boxes(coords, sums, depth))
        dominated = np.zeros(n, dtype=np.bool_)
        chunks = max(1, threads * _CHUNKS_PER_THREAD)
        bounds = [n * c // chunks for c in range(chunks + 1)]
        list(pool.map(lambda c: _query(bounds[c], bounds[c + 1], dominated, tree, depth), range(chunks)))
    keep = np.zeros(n, dtype=bool)
    keep[rows[~dominated, dims]] = True
    return keep
