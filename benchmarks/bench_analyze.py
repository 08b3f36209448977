#!/usr/bin/env python3
"""Benchmark the negotiation analytics: exact frontier, zone of agreement and fair points vs brute force.

What it does, for each problem size (issues x options x parties):

1. Generates a realistic problem with the seeded generator below.
2. Times ``pareto_frontier`` (the Pareto frontier) and ``pareto_frontier(...,
   individually_rational=True)`` (the zone of possible agreement, ZOPA), and
   each fair point, ``--repeats`` times; the median is reported.
3. Times the brute force of :mod:`mga_tools.analyze.brute_force` in the same
   run. Where the whole product space takes under ``--brute-limit`` packages
   it is enumerated and the results are checked to be identical. Beyond that
   the brute force runs on a uniform random sample of ``--sample`` packages
   and its time is extrapolated to the whole product space, linearly. That
   extrapolation is a lower bound: a sample's running frontier is smaller
   than the real one, and the brute force compares every package with it.
4. Computes the frontier of the largest size once in a fresh interpreter per
   seed: that time includes loading numba and the compiled k-d tree. It also
   gives the peak memory (RSS), and, with an empty numba cache, the time of
   the very first use after installation, compilation included.
5. Times the whole analysis as ``mga analyze`` runs it (after reading the
   files), with the text and the JSON report.
6. Times the two dominance filters (numpy's divide and conquer, the compiled
   k-d tree) on the same large set, and checks that they agree.
7. Prints the machine, the results as Markdown tables (ready for
   ``docs/performance.md``) and whether the targets are met.

The generator (``generate``) models a scoring sheet in Raiffa's style:

- Each issue's options lie on an axis (say, from "low" to "high"). Each party
  prefers one end of it (45 % the low end, 45 % the high end) or a point in
  between (10 %), so parties agree on some issues and conflict on others.
  A party's score falls with the distance from its ideal, plus noise of 5
  points, rescaled so that its best option scores 100 and its worst 0, and
  rounded to steps of 5.
- Each party's weights are drawn from a flat Dirichlet distribution: some
  issues matter a lot to a party, others little.
- Each party's reservation value is a random 30-50 % of its best possible
  utility (100), capped at 90 % of what it gets in the package with the
  largest total, so that a zone of agreement exists.

Run::

    python benchmarks/bench_analyze.py               # full run (a few minutes)
    python benchmarks/bench_analyze.py --repeats 3   # median of 3 runs per figure
    python benchmarks/bench_analyze.py --quick       # small sizes only
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from machine import facts  # noqa: E402  (benchmarks/machine.py)

from mga_tools.analyze import Problem, _nondominated, pareto_frontier  # noqa: E402
from mga_tools.analyze.brute_force import brute_force_frontier, frontier_of  # noqa: E402
from mga_tools.analyze.fair_points import (  # noqa: E402
    egalitarian_point,
    kalai_smorodinsky_point,
    max_welfare_point,
    nash_point,
)

SIZES = [(6, 6, 3), (8, 6, 3), (12, 6, 3), (6, 6, 5), (7, 6, 5), (12, 6, 5)]
QUICK_SIZES = [(6, 6, 3), (6, 6, 5), (8, 5, 4)]
FAIR_POINTS: dict[str, Callable[[Problem], Any]] = {
    "max-welfare": max_welfare_point,
    "egalitarian": egalitarian_point,
    "kalai-smorodinsky": kalai_smorodinsky_point,
    "nash": nash_point,
}
# Targets (seconds, on two cores).
FRONTIER_TARGETS = {(12, 6, 3): 0.5, (12, 6, 5): 10.0}
FAIR_POINT_TARGET = 1.0
FAIR_POINT_TARGET_SIZE = (12, 6, 5)


def generate(n_issues: int, n_options: int, n_parties: int, seed: int) -> Problem:
    """A realistic scored negotiation (see the module's notes), reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.ones(n_issues), size=n_parties)
    position = np.linspace(0.0, 1.0, n_options)
    scores = []
    for _ in range(n_issues):
        stance = rng.random(n_parties)
        ideal = np.where(stance < 0.45, 0.0, np.where(stance < 0.9, 1.0, rng.uniform(0.2, 0.8, n_parties)))
        distance = np.abs(position[:, None] - ideal[None, :])
        raw = 1.0 - distance / distance.max(axis=0) + rng.normal(0.0, 0.05, size=distance.shape)
        raw = (raw - raw.min(axis=0)) / (raw.max(axis=0) - raw.min(axis=0))
        scores.append(np.round(raw * 20.0) * 5.0)
    # What each party gets in the package with the largest total (additive: the best option issue by issue).
    welfare_best = sum(weights[:, i] * s[int(np.argmax(s @ weights[:, i]))] for i, s in enumerate(scores))
    fraction = rng.uniform(0.3, 0.5, n_parties)
    reservation = np.minimum(100.0 * fraction, 0.9 * welfare_best)
    return Problem.from_scores(weights, scores, reservation)


def timed(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Median wall time over ``repeats`` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def sample_chunks(problem: Problem, total: int, seed: int, chunk: int = 1 << 10) -> Iterator[np.ndarray]:
    """``total`` packages drawn uniformly from the product space, ``chunk`` at a time."""
    rng = np.random.default_rng(seed)
    for start in range(0, total, chunk):
        size = min(chunk, total - start)
        yield np.stack([rng.integers(0, n, size) for n in problem.n_options], axis=1)


def brute_force(problem: Problem, *, ir: bool, limit: int, sample: int) -> dict[str, Any]:
    """The brute force's time, measured whole or extrapolated from a random sample."""
    if problem.n_packages <= limit:
        start = time.perf_counter()
        found = brute_force_frontier(problem, individually_rational=ir)
        return {"seconds": time.perf_counter() - start, "extrapolated": False, "result": found}
    start = time.perf_counter()
    frontier_of(problem, sample_chunks(problem, sample, seed=1), individually_rational=ir)
    seconds = (time.perf_counter() - start) * problem.n_packages / sample
    return {"seconds": seconds, "extrapolated": True, "result": None}


def measure(size: tuple[int, int, int], seed: int, repeats: int, limit: int, sample: int) -> dict[str, Any]:
    """All figures for one size."""
    problem = generate(*size, seed=seed)
    row: dict[str, Any] = {"size": size, "seed": seed, "packages": problem.n_packages}
    row["frontier_s"], frontier = timed(lambda: pareto_frontier(problem), repeats)
    row["zopa_s"], zopa = timed(lambda: pareto_frontier(problem, individually_rational=True), repeats)
    row["frontier"], row["zopa"] = len(frontier), len(zopa)
    for name, compute in FAIR_POINTS.items():
        row[name], point = timed(lambda compute=compute: compute(problem), repeats)
        if point is not None and tuple(point.choice) not in {tuple(c) for c in zopa.choices}:
            raise SystemExit(f"{size}: the {name} point is not in the zone of agreement")
    for key, ir, mine in (("brute_frontier", False, frontier), ("brute_zopa", True, zopa)):
        brute = brute_force(problem, ir=ir, limit=limit, sample=sample)
        row[key + "_s"], row[key + "_extrapolated"] = brute["seconds"], brute["extrapolated"]
        if brute["result"] is not None and not np.array_equal(brute["result"].choices, mine.choices):
            raise SystemExit(f"{size}: the frontier differs from the brute force's")
    return row


def kernel_comparison(size: tuple[int, int, int], seed: int, repeats: int) -> dict[str, Any]:
    """The two dominance filters side by side on one large set of the kind the frontier filters.

    The set is the last step of a frontier: the frontier of all issues but the
    last, plus each option of the last issue (distinct vectors only). numpy's
    divide and conquer runs as it does for the sets below the compiled tree's
    threshold; the tree runs on every core, as it does above it.
    """
    # Imported here: the fresh processes of fresh_run import this module, and must load numba themselves.
    from mga_tools.analyze import _kdtree

    problem = generate(*size, seed=seed)
    *rest, last = problem.contributions
    head = pareto_frontier(Problem(tuple(rest), problem.reservation))
    points = np.unique((head.utilities[:, None, :] + last[None, :, :]).reshape(-1, problem.n_parties), axis=0)
    numpy_s, by_numpy = timed(lambda: _numpy_filter(points), repeats)
    _kdtree.nondominated(points[:1000], 1)  # numba loads the compiled code once per process
    tree_s, by_tree = timed(lambda: _kdtree.nondominated(points, os.cpu_count() or 1), repeats)
    if not np.array_equal(by_numpy, by_tree):
        raise SystemExit("the two dominance filters disagree")
    return {"points": len(points), "kept": int(by_tree.sum()), "numpy_s": numpy_s, "tree_s": tree_s}


def _numpy_filter(points: np.ndarray) -> np.ndarray:
    columns = np.ascontiguousarray((points - points.min(axis=0)).T)
    return _nondominated._nondominated(columns, tuple(range(points.shape[1])))


def whole_analysis(size: tuple[int, int, int], seed: int) -> dict[str, dict[str, float]]:
    """What ``mga analyze`` does after reading the files, per output format: analyse, list, report.

    The scores come from the generator, with made-up ids for parties, issues
    and options. Text and Markdown leave out the package listings; JSON lists
    every package of the frontier and the zone.
    """
    from mga_tools.analyze.analysis import analysis_json, analyze
    from mga_tools.analyze.report import REPORTERS
    from mga_tools.analyze.scoring import Scoring

    problem = generate(*size, seed=seed)
    n_issues, n_options, n_parties = size
    found = Scoring(
        agreement="synthetic",
        parties=tuple(f"party-{p}" for p in range(n_parties)),
        names=tuple(f"Party {p}" for p in range(n_parties)),
        issues=tuple(f"issue-{i}" for i in range(n_issues)),
        options=tuple(tuple(f"issue-{i}-option-{o}" for o in range(n_options)) for i in range(n_issues)),
        problem=problem,
        reservation_given=(True,) * n_parties,
        adopted=None,
        adopted_choice=None,
        notes=(),
    )
    start = time.perf_counter()
    analysis = analyze(found)
    analysed = time.perf_counter() - start
    results = {}
    for fmt in ("text", "json"):
        start = time.perf_counter()
        report = REPORTERS[fmt](analysis_json(analysis, packages=fmt == "json"))
        results[fmt] = {"analyse_s": analysed, "report_s": time.perf_counter() - start, "mb": len(report) / 1e6}
    return results


def fresh_run(size: tuple[int, int, int], seed: int, cache: str | None = None) -> dict[str, float]:
    """The frontier of ``size`` computed once in a fresh interpreter: its time and the peak RSS (MiB).

    That time includes loading numba and the compiled k-d tree, which a
    benchmark repeating the computation in one process pays only once. With
    ``cache`` (an empty folder for numba's cache) it includes compiling the
    tree too, as on the first use after installation. The peak memory is read
    from ``VmHWM`` in /proc (the peak of this very process; ``ru_maxrss``
    would report the parent's peak inherited across fork).
    """
    code = (
        "import json, sys, time; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
        "from bench_analyze import generate, high_water; from mga_tools.analyze import pareto_frontier;"
        "p = generate(*map(int, sys.argv[3:6]), seed=int(sys.argv[6]));"
        "before = high_water(); start = time.perf_counter(); f = pareto_frontier(p);"
        "print(json.dumps([before, high_water(), time.perf_counter() - start, len(f)]))"
    )
    args = [sys.executable, "-c", code, str(HERE), str(ROOT), *map(str, size), str(seed)]
    env = dict(os.environ, NUMBA_CACHE_DIR=cache) if cache else None
    run = subprocess.run(args, capture_output=True, text=True, check=True, env=env)
    before, after, spent, _ = json.loads(run.stdout)
    return {"before_mib": before, "peak_mib": after, "seconds": spent}


def high_water() -> float:
    """This process's peak resident memory so far, in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def seconds(value: float) -> str:
    """Seconds with a sensible number of digits."""
    if value >= 100:
        return f"{value:,.0f} s"
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


def label(size: tuple[int, ...] | list[int]) -> str:
    """``12 x 6 x 5``."""
    return " x ".join(map(str, size))


def table(rows: list[dict[str, Any]]) -> str:
    """Sizes, times and speed-ups as Markdown."""
    lines = [
        "| issues x options x parties | packages | frontier | ZOPA | frontier time | ZOPA time "
        "| brute force, frontier | speed-up | brute force, ZOPA | speed-up |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        cells = [label(row["size"]), f"{row['packages']:,}", f"{row['frontier']:,}", f"{row['zopa']:,}"]
        cells += [seconds(row["frontier_s"]), seconds(row["zopa_s"])]
        for kind in ("frontier", "zopa"):
            brute = row[f"brute_{kind}_s"]
            mark = " *extrapolated*" if row[f"brute_{kind}_extrapolated"] else ""
            cells += [seconds(brute) + mark, f"{brute / row[f'{kind}_s']:,.0f}x"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def fair_table(rows: list[dict[str, Any]], first: str) -> str:
    """Fair point times as Markdown; ``first`` names the first column."""
    lines = [f"| {first} | " + " | ".join(FAIR_POINTS) + " |", "|---|" + "---:|" * len(FAIR_POINTS)]
    for row in rows:
        key = label(row["size"]) if first == "size" else str(row["seed"])
        lines.append(f"| {key} | " + " | ".join(seconds(row[name]) for name in FAIR_POINTS) + " |")
    return "\n".join(lines)


def seed_table(rows: list[dict[str, Any]]) -> str:
    """The largest size over several seeds, as Markdown."""
    lines = [
        "| seed | frontier | ZOPA | frontier time | frontier, fresh process | ZOPA time | "
        + " | ".join(FAIR_POINTS)
        + " |",
        "|---:|---:|---:|---:|---:|---:|" + "---:|" * len(FAIR_POINTS),
    ]
    for row in rows:
        cells = [str(row["seed"]), f"{row['frontier']:,}", f"{row['zopa']:,}", seconds(row["frontier_s"])]
        cells += [seconds(row["cold_s"]), seconds(row["zopa_s"])] + [seconds(row[n]) for n in FAIR_POINTS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdicts(rows: list[dict[str, Any]]) -> list[str]:
    """Each target, met or not, with the worst figure over the seeds measured."""

    def verdict(what: str, size: tuple[int, ...], key: str, target: float) -> str:
        found = [r for r in rows if tuple(r["size"]) == size]
        if key == "frontier_s":
            # The slower of the repeated runs' median and the fresh process's single run, where measured.
            found = [{**r, key: max(r[key], r.get("cold_s", 0.0))} for r in found]
        worst = max(found, key=lambda r: r[key])
        figures = ", ".join(f"{seconds(r[key])} (seed {r['seed']})" for r in found)
        met = "met" if worst[key] <= target else "NOT met"
        return f"- {what} of {label(size)} under {target:g} s: **{met}**; {figures}"

    lines = []
    sizes = {tuple(r["size"]) for r in rows}
    for size, target in FRONTIER_TARGETS.items():
        if size in sizes:
            lines.append(verdict("frontier", size, "frontier_s", target))
    if FAIR_POINT_TARGET_SIZE in sizes:
        for name in FAIR_POINTS:
            lines.append(verdict(f"{name} point", FAIR_POINT_TARGET_SIZE, name, FAIR_POINT_TARGET))
    return lines


def measure_only_ours(size: tuple[int, int, int], seed: int, repeats: int) -> dict[str, Any]:
    """Frontier, zone and fair points for one seed, without the brute force."""
    problem = generate(*size, seed=seed)
    row: dict[str, Any] = {"size": size, "seed": seed}
    row["frontier_s"], frontier = timed(lambda: pareto_frontier(problem), repeats)
    row["zopa_s"], zopa = timed(lambda: pareto_frontier(problem, individually_rational=True), repeats)
    row["frontier"], row["zopa"] = len(frontier), len(zopa)
    for name, compute in FAIR_POINTS.items():
        row[name], _ = timed(lambda compute=compute: compute(problem), repeats)
    return row


def main() -> None:
    """Run the benchmark and print the Markdown."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--repeats", type=int, default=1, help="runs per timing; the median is reported")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator")
    parser.add_argument("--more-seeds", type=int, default=3, help="extra seeds for the largest size")
    parser.add_argument("--brute-limit", type=int, default=2_000_000, help="enumerate product spaces up to this size")
    parser.add_argument("--sample", type=int, default=1 << 16, help="packages timed for the extrapolation")
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    args = parser.parse_args()
    sizes = QUICK_SIZES if args.quick else SIZES
    largest = max(sizes, key=lambda s: (s[1] ** s[0], s[2]))
    rows = []
    for size in sizes:
        print(f"measuring {label(size)} ...", file=sys.stderr, flush=True)
        rows.append(measure(size, args.seed, args.repeats, args.brute_limit, args.sample))
    spread = []
    for seed in range(args.seed + 1, args.seed + 1 + args.more_seeds):
        print(f"measuring {label(largest)}, seed {seed} ...", file=sys.stderr, flush=True)
        spread.append(measure_only_ours(largest, seed, args.repeats))
    for row in rows + spread:
        if tuple(row["size"]) == largest:
            note = f"measuring {label(largest)}, seed {row['seed']}, in a fresh process ..."
            print(note, file=sys.stderr, flush=True)
            row["cold_s"] = fresh_run(largest, row["seed"])["seconds"]
    print(f"timing the whole analysis of {label(largest)} ...", file=sys.stderr, flush=True)
    whole = whole_analysis(largest, 2 if args.more_seeds else args.seed)
    print(f"comparing the dominance filters on {label(largest)} ...", file=sys.stderr, flush=True)
    kernels = kernel_comparison(largest, args.seed, args.repeats)
    memory = fresh_run(largest, args.seed)
    with tempfile.TemporaryDirectory() as cache:
        compiling = fresh_run(largest, args.seed, cache)["seconds"]
    machine = facts(("numpy", "scipy", "numba"))
    command = "python benchmarks/bench_analyze.py" + (f" --repeats {args.repeats}" if args.repeats != 1 else "")
    print(f"## Negotiation analytics: results of {machine['date']}\n")
    print(
        f"- Machine: {machine['usable_cpus']} usable CPUs, {machine['cpu']}, {machine['memory']} RAM; {machine['os']}"
    )
    versions = machine["versions"]
    print(f"- {machine['python']}; numpy {versions['numpy']}, scipy {versions['scipy']}, numba {versions['numba']}")
    print(f"- Command: `{command}`; generator seed {args.seed}; median of {args.repeats} run(s) per timing")
    print(
        f"- Brute force (`mga_tools.analyze.brute_force`): every package enumerated up to {args.brute_limit:,} "
        "packages, with results checked identical to ours; beyond that, timed on a uniform random sample of "
        f"{args.sample:,} packages and extrapolated linearly to the whole product space (*extrapolated*). The "
        "extrapolation is a lower bound: a sample's running frontier is smaller than the real one, and the brute "
        "force compares every package with it. Speed-up = brute-force time / our time."
    )
    print()
    print(table(rows))
    print()
    print("Fair points (each computed on its own, model building included):\n")
    print(fair_table(rows, "size"))
    print()
    if spread:
        print(f"{label(largest)} with other seeds of the generator (frontier sizes vary a lot with the weights):\n")
        print(seed_table([r for r in rows if tuple(r["size"]) == largest] + spread))
        print()
    print(
        f"Peak memory (RSS) computing the frontier of {label(largest)} (seed {args.seed}) in a fresh interpreter: "
        f"{memory['peak_mib']:.0f} MiB, of which {memory['before_mib']:.0f} MiB before the computation "
        "(interpreter, numpy, scipy, the problem)."
    )
    print()
    print(
        f"*Frontier, fresh process* is one computation in a new interpreter, loading numba and the compiled "
        f"k-d tree from numba's cache included. On the very first use after installation numba compiles the "
        f"tree first: the frontier of {label(largest)} (seed {args.seed}) then took {seconds(compiling)} "
        "(measured with an empty cache)."
    )
    print()
    print(
        f"The two dominance filters on one large set (the last step of the frontier of {label(largest)}, seed "
        f"{args.seed}: {kernels['points']:,} distinct candidate vectors, {kernels['kept']:,} nondominated), "
        "same run, identical results:\n"
    )
    print("| numpy divide and conquer, one thread | compiled k-d tree, every core | ratio |")
    print("|---:|---:|---:|")
    ratio = kernels["numpy_s"] / kernels["tree_s"]
    print(f"| {seconds(kernels['numpy_s'])} | {seconds(kernels['tree_s'])} | {ratio:.1f}x |")
    print()
    print(
        f"The whole of `mga analyze` after reading the files, on {label(largest)} seed "
        f"{2 if args.more_seeds else args.seed} (frontier, zone, four fair points, then the report): "
        "text leaves out the package listings, JSON lists every package.\n"
    )
    print("| format | analysis | listing and report | output |")
    print("|---|---:|---:|---:|")
    for fmt, row in whole.items():
        print(f"| {fmt} | {seconds(row['analyse_s'])} | {seconds(row['report_s'])} | {row['mb']:.1f} MB |")
    print()
    print("Targets:\n")
    print("\n".join(verdicts(rows + spread)) or "(none of the targets' sizes was measured)")


if __name__ == "__main__":
    main()
