#!/usr/bin/env python3
"""Benchmark ``mga validate`` against ``check-jsonschema``, side by side in one run.

What it does:

1. Generates N synthetic agreements (default 1,000, about 300 lines each, with
   scores and adopted packages like the real ones, a third of them in score files) with
   ``benchmarks/generate.py`` into ``benchmarks/out/clean/`` (git-ignored), and
   the same agreements with a share of realistic findings (default 10%) into
   ``benchmarks/out/mixed/``. It checks that ``mga validate`` finds no problem
   at all in the clean set and that ``check-jsonschema`` accepts it.
2. Bulk: runs, alternating and each ``--repeats`` times,
   ``check-jsonschema --schemafile schema/agreement.schema.json <files>`` and
   ``mga validate <folder>`` on the clean set, then both on the mixed set.
3. Single file (the commit-hook case): ``mga validate <one file>`` on a synthetic
   scored agreement and on every agreement in ``agreements/``, and the floor
   ``python -c pass``, ``--single-runs`` times each, wall clock including the
   interpreter start, in three environments: this shell as it is; bytecode
   caching allowed (warmed once); and a fresh CI checkout with
   PYTHONDONTWRITEBYTECODE=1, where the package is compiled on every start.
4. Prints a table and writes the results as Markdown between the markers in
   ``docs/performance.md`` (the file is created if missing; text outside the
   markers is kept), plus ``benchmarks/out/results.json``.

Every command runs as a subprocess with the executables next to
``sys.executable``, so run the script with the virtualenv's Python::

    .venv/bin/python benchmarks/bench_validate.py            # full run (about 10-15 minutes)
    .venv/bin/python benchmarks/bench_validate.py --quick    # 100 files, 1 repeat, no doc update
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)
from machine import facts  # noqa: E402  (benchmarks/machine.py)
from results import executable, publish, rel  # noqa: E402  (benchmarks/results.py)

SCHEMA = Path("schema") / "agreement.schema.json"
REAL = Path("agreements")  # the repository's own agreements, timed one by one
# Libraries that validating a file must never import (tests/validate/test_light_imports.py checks it too).
HEAVY = {"numpy", "scipy", "numba", "matplotlib", "mkdocs", "pypandoc", "typst"}
BULK_TARGET = 0.15  # mga / check-jsonschema, wall clock
SINGLE_TARGET = 0.25  # seconds, wall clock, interpreter start included
START = "<!-- bench_validate:start -->"
END = "<!-- bench_validate:end -->"


# ---------------------------------------------------------------------------
# Running and timing
# ---------------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float  # user + sys of the process and the children it waited for
    rc: int


@dataclass
class Series:
    label: str
    command: str
    runs: list[Run] = field(default_factory=list)

    @property
    def walls(self) -> list[float]:
        return sorted(r.wall for r in self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def best(self) -> float:
        return self.walls[0]

    @property
    def p90(self) -> float:
        walls = self.walls
        return walls[max(0, math.ceil(0.9 * len(walls)) - 1)]

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[Run, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, proc.returncode), proc.stdout


def yaml_loader_of(cj: str) -> str:
    """Which YAML loader check-jsonschema uses: ruamel.yaml's C loader (ruamel.yaml.clib) or pure Python."""
    try:
        first = Path(cj).read_text(encoding="utf-8", errors="replace").splitlines()[0]
    except (OSError, IndexError):
        return "unknown"
    python = first[2:].strip() if first.startswith("#!") else ""
    if not python or " " in python:
        return "unknown"
    probe = "from ruamel.yaml import YAML; print(YAML(typ='safe', pure=False).Parser.__module__)"
    proc = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=False)
    module = proc.stdout.strip()
    if proc.returncode != 0 or not module:
        return "unknown"
    if "clib" in module or module.startswith("_ruamel"):
        return "C (ruamel.yaml.clib)"
    return "pure Python (ruamel.yaml.clib not installed)"


# ---------------------------------------------------------------------------
# Environments for the single-file case
# ---------------------------------------------------------------------------


def package_bytecode() -> tuple[int, int]:
    """How many modules of mga_tools have up-to-date bytecode in their __pycache__ (for this shell's figure)."""
    package = ROOT / "mga_tools"
    fresh = total = 0
    for source in package.rglob("*.py"):
        total += 1
        cached = Path(importlib.util.cache_from_source(str(source)))
        try:
            header = cached.read_bytes()[:16]
        except OSError:
            continue
        stat = source.stat()
        if (
            len(header) == 16
            and int.from_bytes(header[4:8], "little") == 0  # timestamp-based pyc
            and int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF
            and int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF
        ):
            fresh += 1
    return fresh, total


def environments(workdir: Path, mga: str, sample: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """The environments the single-file case is timed in: key -> (description, env)."""
    shell = dict(os.environ)
    fresh, total = package_bytecode()
    dont_write = shell.get("PYTHONDONTWRITEBYTECODE")
    as_is = (
        f"this shell as it is (PYTHONDONTWRITEBYTECODE={'1' if dont_write else 'unset'}; "
        f"{fresh} of {total} mga_tools modules had up-to-date bytecode in mga_tools/__pycache__)"
    )

    cached_prefix = workdir / "pycache-warm"
    cached = {k: v for k, v in shell.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(cached_prefix)

    # A fresh CI checkout with PYTHONDONTWRITEBYTECODE=1: the standard library and the
    # installed dependencies come with bytecode, the editable package has none and is
    # compiled on every start. Emulated with a cache prefix warmed once, minus the package.
    ci_prefix = workdir / "pycache-ci"
    warm_ci = {k: v for k, v in shell.items() if k != "PYTHONDONTWRITEBYTECODE"}
    warm_ci["PYTHONPYCACHEPREFIX"] = str(ci_prefix)
    run([mga, "validate", str(sample)], warm_ci)
    run([sys.executable, "-c", "pass"], warm_ci)
    shutil.rmtree(ci_prefix / str(ROOT / "mga_tools").lstrip(os.sep), ignore_errors=True)
    ci = dict(warm_ci, PYTHONDONTWRITEBYTECODE="1")

    return {
        "ci": ("fresh CI checkout: PYTHONDONTWRITEBYTECODE=1, package compiled on every start", ci),
        "shell": (as_is, shell),
        "cached": ("bytecode caching allowed (PYTHONDONTWRITEBYTECODE unset), after one warm-up run", cached),
    }


# ---------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------


def machine() -> dict[str, object]:
    try:
        import yaml

        libyaml = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    except ImportError:
        libyaml = "no"
    return facts(("mga-tools", "check-jsonschema", "jsonschema", "ruamel.yaml", "PyYAML"), {"libyaml": libyaml})


def describe_set(files: list[generate.Generated]) -> dict[str, object]:
    lines = [g.lines for g in files]
    return {
        "files": len(files),
        "lines_mean": round(statistics.mean(lines)),
        "lines_min": min(lines),
        "lines_max": max(lines),
        "bytes_total": sum(g.path.stat().st_size for g in files),
        "score_files": sum(g.scores is not None for g in files),
        "score_bytes": sum(g.scores.stat().st_size for g in files if g.scores is not None),
        "statuses": dict(Counter(g.status for g in files).most_common()),
        "mutations": dict(Counter(g.mutation for g in files if g.mutation).most_common()),
    }


def bulk(
    args: argparse.Namespace, cj: str, mga: str, folder: Path, files: list[Path], expect_rc: set[int]
) -> list[Series]:
    cj_cmd = [cj, "--schemafile", str(SCHEMA), *map(str, files)]
    mga_cmd = [mga, "validate", str(folder)]
    series = [
        Series("check-jsonschema", f"check-jsonschema --schemafile {SCHEMA} {rel(folder)}/*.yaml"),
        Series("mga validate", f"mga validate {rel(folder)}"),
    ]
    commands = [cj_cmd, mga_cmd]
    for repeat in range(args.repeats):
        order = (0, 1) if repeat % 2 == 0 else (1, 0)  # alternate who goes first
        for i in order:
            result, output = run(commands[i])
            if result.rc not in expect_rc:
                sys.exit(
                    f"bench_validate: {series[i].label} on {rel(folder)} exited {result.rc}, expected {expect_rc}:\n"
                    + output[-3000:]
                )
            series[i].runs.append(result)
            print(f"  {series[i].label:18} {rel(folder):22} run {repeat + 1}: {result.wall:7.2f} s wall, "
                  f"{result.cpu:7.2f} s cpu")  # fmt: skip
    return series


def single(
    args: argparse.Namespace, envs: dict, mga: str, cj: str, sample: Path, real: list[Path]
) -> tuple[dict[str, list[Series]], dict[str, dict[str, Series]]]:
    """Time one file in every environment, round-robin, so that a burst of load hits them all alike.

    The synthetic ``sample`` and each of the ``real`` agreements (with their scores and adopted
    packages) are timed in turn, each followed by the floor ``python -c pass``.
    """
    results = {
        key: [Series("mga validate FILE", f"mga validate {rel(sample)}"), Series("python -c pass", "python -c pass")]
        for key in envs
    }
    reals = {key: {rel(p): Series(f"mga validate {rel(p)}", f"mga validate {rel(p)}") for p in real} for key in envs}
    run([mga, "validate", str(sample)], envs["cached"][1])  # the one warm-up run that writes the cache
    run([sys.executable, "-c", "pass"], envs["cached"][1])
    for path in real:
        run([mga, "validate", str(path)], envs["cached"][1])
    for _ in range(args.single_runs):
        for key, (_, env) in envs.items():
            for path, series in [(sample, results[key][0]), *((p, reals[key][rel(p)]) for p in real)]:
                result, output = run([mga, "validate", str(path)], env)
                # Warnings are allowed: an agreement recorded after the fact lists its gaps as warnings.
                if result.rc != 0 or not ("no problems" in output or "checked: 0 errors," in output):
                    sys.exit(f"bench_validate: mga validate {path} failed:\n{output}")
                series.runs.append(result)
            results[key][1].runs.append(run([sys.executable, "-c", "pass"], env)[0])
    for key, (mga_series, floor) in results.items():
        print(f"  single file [{key:6}]: mga median {mga_series.median:.3f} s, p90 {mga_series.p90:.3f} s; "
              f"python -c pass median {floor.median:.3f} s")  # fmt: skip
        for name, series in reals[key].items():
            print(f"  single file [{key:6}]: {name}: median {series.median:.3f} s, p90 {series.p90:.3f} s")
    cj_series = Series("check-jsonschema FILE", f"check-jsonschema --schemafile {SCHEMA} {rel(sample)}")
    for _ in range(max(3, args.single_runs // 4)):
        result, _ = run([cj, "--schemafile", str(SCHEMA), str(sample)], envs["shell"][1])
        cj_series.runs.append(result)
    results["shell"].append(cj_series)
    print(f"  single file [shell ]: check-jsonschema median {cj_series.median:.3f} s")
    return results, reals


def import_profile(mga: str, sample: Path, env: dict[str, str], top: int = 12) -> dict[str, object]:
    """Where the start-up time of ``mga validate FILE`` goes, from ``python -X importtime``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", mga, "validate", str(sample)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    by_package: Counter[str] = Counter()
    for self_us, _, _, name in rows:
        by_package[name.split(".")[0]] += self_us
    imported = {name for *_, name in rows}
    heavy = sorted({n.split(".")[0] for n in imported} & HEAVY)
    return {
        "heavy_imported": heavy,
        "total_self_ms": round(sum(r[0] for r in rows) / 1000, 1),
        "by_package_ms": {k: round(v / 1000, 1) for k, v in by_package.most_common(top)},
        "jsonschema_imported": any(n == "jsonschema" or n.startswith("jsonschema.") for n in imported),
        "ruamel_imported": any(n.startswith("ruamel") for n in imported),
        "modules": len(rows),
    }


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def markdown(res: dict) -> str:
    m = res["machine"]
    v = m["versions"]
    clean, mixed = res["sets"]["clean"], res["sets"]["mixed"]
    out = [
        START,
        "<!-- Generated by benchmarks/bench_validate.py; edit outside the markers. -->",
        "",
        f"## Results of {m['date']}",
        "",
        f"- Machine: {m['nproc']} CPUs ({m['usable_cpus']} usable), {m['cpu']}, {m['memory']} RAM; {m['os']}",
        f"- Load average before / after the run: {res['load_before']} / {res['load_after']} "
        "(other processes on the machine compete for the same cores)",
        f"- {m['python']}",
        f"- mga-tools {v['mga-tools']} at commit {m['commit']}; check-jsonschema {v['check-jsonschema']}, "
        f"jsonschema {v['jsonschema']}, ruamel.yaml {v['ruamel.yaml']}, PyYAML {v['PyYAML']} "
        f"(libyaml: {v['libyaml']}); check-jsonschema `{res['check_jsonschema']}` reads YAML with "
        f"{res['check_jsonschema_loader']}",
        f"- Command: `{res['command']}`",
        "",
        "### Data",
        "",
        f"{clean['files']} synthetic agreements from `benchmarks/generate.py --seed {res['seed']}`: "
        f"{clean['lines_mean']} lines on average ({clean['lines_min']}-{clean['lines_max']}), "
        f"{clean['bytes_total'] / 1e6:.1f} MB in all; statuses "
        + ", ".join(f"{k} {n}" for k, n in clean["statuses"].items())
        + f". Like the agreements in `agreements/`, every one has score sheets for its parties, and those "
        "past `negotiating` an adopted package that is efficient and above every BATNA; the scores of "
        f"{clean['score_files']} are in a score file `ID.scores.yaml` beside the agreement "
        f"({clean['score_bytes'] / 1e6:.1f} MB), the others in the agreement. `check-jsonschema` checks "
        "the agreement files against the agreement schema; `mga validate` checks them with their score files. "
        "The clean set passes both tools with no finding at all (mga: `no problems`). The mixed set is "
        f"the same agreements with one realistic finding in {sum(mixed['mutations'].values())} of them ("
        + ", ".join(f"{k} {n}" for k, n in mixed["mutations"].items())
        + ").",
        "",
        f"### Many files: `mga validate FOLDER` vs `check-jsonschema` ({res['repeats']} runs each, alternating)",
        "",
        "Wall clock of the whole command, interpreter start included; CPU is user + system time of the "
        "process and its workers. Both commands run in this shell's environment.",
        "",
        "| set | command | median wall | best wall | median CPU | mga / check-jsonschema (median) | target |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for name in ("clean", "mixed"):
        cj, mga = res["bulk"][name]
        ratio = mga["median"] / cj["median"]
        out.append(
            f"| {name} | `{cj['command']}` | {cj['median']:.2f} s | {cj['best']:.2f} s | {cj['cpu']:.2f} s | | |"
        )
        out.append(
            f"| {name} | `{mga['command']}` | {mga['median']:.2f} s | {mga['best']:.2f} s | {mga['cpu']:.2f} s "
            f"| **{ratio:.3f}** (best {mga['best'] / cj['best']:.3f}) "
            f"| ≤ {BULK_TARGET}: {verdict(ratio <= BULK_TARGET)} |"
        )
    out += [
        "",
        "The mixed row is the slow path: a file whose YAML or schema has a problem is read again by ruamel.yaml "
        "and checked by jsonschema so that every finding is located and explained (findings of the rules alone, "
        "such as the gaps of a recorded agreement, are reported from the fast reading); the target applies to "
        "the clean set.",
        "",
        f"### One file (commit hook): `mga validate FILE`, {res['single_runs']} runs per environment, round-robin",
        "",
        f"`{res['sample']}` ({res['sample_lines']} lines, scores {res['sample_scores']}, an adopted package), "
        "then each agreement of `agreements/`. Wall clock from `subprocess.run` start to exit, "
        "interpreter start included; `python -c pass` is the floor of starting the same interpreter.",
        "",
        "| environment | mga median | mga p90 | mga best | `python -c pass` median | mga − floor | target < "
        f"{SINGLE_TARGET} s (median) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for key in ("ci", "shell", "cached"):
        mga, floor = res["single"][key][:2]
        out.append(
            f"| {res['environments'][key]} | {mga['median']:.3f} s | {mga['p90']:.3f} s | {mga['best']:.3f} s "
            f"| {floor['median']:.3f} s | {mga['median'] - floor['median']:.3f} s "
            f"| {verdict(mga['median'] < SINGLE_TARGET)} |"
        )
    out += [
        "",
        "The repository's own agreements (scores and adopted packages included), same runs:",
        "",
        f"| agreement | environment | mga median | mga p90 | mga best | mga − floor | target < {SINGLE_TARGET} s |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for name in res["single_real"]["shell"]:
        for key in ("ci", "shell", "cached"):
            mga, floor = res["single_real"][key][name], res["single"][key][1]
            out.append(
                f"| `{name}` | {key} | {mga['median']:.3f} s | {mga['p90']:.3f} s | {mga['best']:.3f} s "
                f"| {mga['median'] - floor['median']:.3f} s | {verdict(mga['median'] < SINGLE_TARGET)} |"
            )
    cj_single = res["single"]["shell"][2]
    out += [
        "",
        f"For comparison, `check-jsonschema` on the same single file: median {cj_single['median']:.3f} s "
        f"({len(cj_single['walls'])} runs, this shell).",
        "",
        "### Start-up imports of `mga validate FILE` (`python -X importtime`, bytecode cached)",
        "",
        f"{res['imports']['modules']} modules imported, {res['imports']['total_self_ms']} ms of import time in all; "
        f"jsonschema imported: {'yes' if res['imports']['jsonschema_imported'] else 'no'}, "
        f"ruamel.yaml imported: {'yes' if res['imports']['ruamel_imported'] else 'no'}; "
        f"heavy libraries ({', '.join(sorted(HEAVY))}) imported: "
        f"{', '.join(res['imports']['heavy_imported']) or 'none'}.",
        "",
        "| top-level package | import time (self, summed) |",
        "|---|---:|",
    ]
    for name, ms in res["imports"]["by_package_ms"].items():
        out.append(f"| `{name}` | {ms} ms |")
    out += ["", END]
    return "\n".join(out)


DOC_HEADER = """# Performance

How fast `mga validate` is, measured by `benchmarks/bench_validate.py`. The
targets: validating 1,000 agreements of about 300 lines, with scores and
adopted packages like the real ones, takes at most 0.15 of the time of
`check-jsonschema --schemafile schema/agreement.schema.json` on the same
files, although `mga validate` also runs the semantic rules (the analysis
ones included) and locates every finding; validating one file (the
commit-hook case) takes under 0.25 s wall clock, interpreter start-up
included, for every agreement in `agreements/` as for a synthetic one.

Re-run with `python benchmarks/bench_validate.py` (about 10-15 minutes on two
cores; `--quick` for a smoke run that does not touch this page). The section
between the markers below is rewritten by the script; everything else is kept.

"""


def summary_table(res: dict) -> str:
    lines = [f"{'measurement':58} {'median':>9} {'best':>9} {'ratio':>7}  target"]
    for name in ("clean", "mixed"):
        cj, mga = res["bulk"][name]
        ratio = mga["median"] / cj["median"]
        lines.append(f"{'check-jsonschema, ' + name + ' set':58} {cj['median']:8.2f}s {cj['best']:8.2f}s")
        lines.append(
            f"{'mga validate, ' + name + ' set':58} {mga['median']:8.2f}s {mga['best']:8.2f}s {ratio:7.3f}  "
            f"<= {BULK_TARGET}: {'met' if ratio <= BULK_TARGET else 'NOT met'}"
            + ("" if name == "clean" else " (slow path; informative)")
        )
    for key in ("ci", "shell", "cached"):
        mga, floor = res["single"][key][:2]
        lines.append(
            f"{'mga validate FILE [' + key + '] (p90 ' + format(mga['p90'], '.3f') + 's)':58} {mga['median']:8.3f}s "
            f"{mga['best']:8.3f}s {'':7}  < {SINGLE_TARGET}s: {'met' if mga['median'] < SINGLE_TARGET else 'NOT met'}"
        )
        lines.append(f"{'python -c pass [' + key + ']':58} {floor['median']:8.3f}s {floor['best']:8.3f}s")
        for name, series in res["single_real"][key].items():
            label = f"mga validate {Path(name).name} [{key}]"
            lines.append(
                f"{label[:58]:58} {series['median']:8.3f}s {series['best']:8.3f}s {'':7}  < {SINGLE_TARGET}s: "
                f"{'met' if series['median'] < SINGLE_TARGET else 'NOT met'}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 files, 1 repeat, 5 single runs, no doc")
    parser.add_argument("--files", type=int, help="number of agreements (default 1000; 100 with --quick)")
    parser.add_argument("--repeats", type=int, help="runs of each bulk command (default 3; 1 with --quick)")
    parser.add_argument("--single-runs", type=int, help="runs of each single-file command (default 20; 5 with --quick)")
    parser.add_argument(
        "--invalid-fraction", type=float, default=0.1, help="share of files with a finding in the mixed set"
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--workdir", type=Path, default=HERE / "out", help="where to generate (default benchmarks/out)")
    parser.add_argument(
        "--doc", type=Path, help="Markdown file to write (default docs/performance.md; none with --quick)"
    )
    parser.add_argument("--no-doc", action="store_true", help="do not write the Markdown file")
    parser.add_argument(
        "--check-jsonschema", type=Path, metavar="EXE", help="check-jsonschema to compare with (default: the venv's)"
    )
    args = parser.parse_args(argv)  # fmt: skip
    args.files = args.files or (100 if args.quick else 1000)
    args.repeats = args.repeats or (1 if args.quick else 3)
    args.single_runs = args.single_runs or (5 if args.quick else 20)
    doc = None if args.no_doc else (args.doc or (None if args.quick else ROOT / "docs" / "performance.md"))

    mga = executable("mga", "bench_validate")
    cj = str(args.check_jsonschema) if args.check_jsonschema else executable("check-jsonschema", "bench_validate")
    workdir = args.workdir.resolve()
    clean_dir, mixed_dir = workdir / "clean", workdir / "mixed"
    for folder in (clean_dir, mixed_dir, workdir / "pycache-warm", workdir / "pycache-ci"):
        shutil.rmtree(folder, ignore_errors=True)
    load_before = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())

    print(f"generating {args.files} agreements (seed {args.seed}) into {rel(workdir)}/ ...")
    started = time.perf_counter()
    clean = generate.generate(clean_dir, args.files, seed=args.seed)
    mixed = generate.generate(mixed_dir, args.files, seed=args.seed, invalid_fraction=args.invalid_fraction)
    print(f"  done in {time.perf_counter() - started:.1f} s")

    print("checking the clean set ...")
    result, output = run([mga, "validate", str(clean_dir)])
    if result.rc != 0 or "no problems" not in output:
        sys.exit(f"bench_validate: the generated clean set is not clean under mga validate:\n{output[-5000:]}")
    print(f"  mga validate: {output.strip().splitlines()[-1]}")

    print("bulk: clean set")
    clean_series = bulk(args, cj, mga, clean_dir, [g.path for g in clean], expect_rc={0})
    print("bulk: mixed set")
    # 1 when a finding is an error; a draft's finding may be only a warning, and some findings are not schema errors.
    mixed_series = bulk(args, cj, mga, mixed_dir, [g.path for g in mixed], expect_rc={0, 1})

    by_lines = sorted(clean, key=lambda g: (g.lines, g.path.name))
    # The commit-hook case with scores and an adopted package to check, as the real agreements have.
    adopting = [g for g in by_lines if g.status not in ("draft", "negotiating")]
    sample = adopting[len(adopting) // 2]
    real = sorted(REAL.glob("*.yaml"))
    print(f"single file: {rel(sample.path)} ({sample.lines} lines)")
    envs = environments(workdir, mga, sample.path)
    single_series, real_series = single(args, envs, mga, cj, sample.path, [ROOT / p for p in real])
    imports = import_profile(mga, sample.path, envs["cached"][1])
    load_after = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())

    def dump(s: Series) -> dict:
        return {
            "label": s.label, "command": s.command, "median": s.median, "best": s.best, "p90": s.p90,
            "cpu": s.cpu, "walls": s.walls, "runs": [asdict(r) for r in s.runs],
        }  # fmt: skip

    res = {
        "machine": machine(),
        "command": "python benchmarks/bench_validate.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "seed": args.seed,
        "check_jsonschema": cj,
        "check_jsonschema_loader": yaml_loader_of(cj),
        "repeats": args.repeats,
        "single_runs": args.single_runs,
        "load_before": load_before,
        "load_after": load_after,
        "sets": {"clean": describe_set(clean), "mixed": describe_set(mixed)},
        "bulk": {"clean": [dump(s) for s in clean_series], "mixed": [dump(s) for s in mixed_series]},
        "sample": rel(sample.path),
        "sample_lines": sample.lines,
        "environments": {k: d for k, (d, _) in envs.items()},
        "single": {k: [dump(s) for s in v] for k, v in single_series.items()},
        "single_real": {k: {name: dump(s) for name, s in v.items()} for k, v in real_series.items()},
        "sample_scores": "score file" if sample.scores is not None else "in the agreement",
        "imports": imports,
    }
    res["command"] = res["command"].strip()
    section = markdown(res) if doc is not None else None
    publish(res, workdir / "results.json", summary_table(res), doc, section, (START, END), header=DOC_HEADER)
    return 0


if __name__ == "__main__":
    sys.exit(main())
