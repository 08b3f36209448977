#!/usr/bin/env python3
"""Benchmark ``mga build`` at portfolio scale: many agreements, and one agreement with many parties.

All in one run, each build a subprocess with a fresh, empty cache (``MGA_CACHE_DIR``
pointing at a new temporary folder) and a fresh output folder:

(a) Many agreements. ``mga build --no-documents`` (the site; the signable
    documents are measured by ``benchmarks/bench_build.py``) of 100 and 1,000
    clean synthetic agreements (``benchmarks/generate.py``, the first N of one
    sequence), each in a project folder with a copy of the repository's
    ``docs/``, ``schema/`` and ``mkdocs.yml``. Recorded: wall clock, CPU time,
    peak resident memory (the largest ``ru_maxrss`` of the build and the
    processes it started, read in a small wrapper process that runs only the
    build) and the bytes of the output folder. Target: building stays linear
    in the number of agreements, i.e. time and bytes per agreement at 1,000 are
    no higher than at 100: the ratio of the per-agreement figures is at most
    :data:`LINEAR_TOLERANCE` (1.10, a 10 % allowance for the noise of a shared
    machine).
(b) Many parties. ``mga build --no-documents`` of a project whose only
    agreement has 5,000 parties (target: under :data:`PARTIES_TARGET` s), and
    2,500 for comparison (``benchmarks/synthetic/many_parties.py``).
(c) Baseline. With ``--baseline REV`` (the default of a full run:
    :data:`BASELINE`, the code before the portfolio-scale work) the code of that
    revision is checked out into a temporary ``git worktree`` under the system's
    temporary folder and runs the same builds of the smaller set and of the
    2,500-party agreement (``PYTHONPATH`` puts its ``mga_tools`` first), each
    project with that revision's ``docs/``, ``schema/`` and ``mkdocs.yml``. That
    gives the same-run ratio of today's cost per agreement to the baseline's.
    The worktree is removed at the end (``git worktree remove --force`` and
    ``git worktree prune``), whatever happens; no branch is created or changed.

Every timed process runs with Python's bytecode cache on and compiled
beforehand, as an installed tool does. Prints a table, writes
``benchmarks/out/scale/results.json`` and, for a full run, the section between
``<!-- bench_scale:start -->`` and ``<!-- bench_scale:end -->`` in
``docs/performance.md``. Run it with the virtualenv's Python::

    .venv/bin/python benchmarks/bench_scale.py            # full run (tens of minutes on two cores)
    .venv/bin/python benchmarks/bench_scale.py --quick    # 20 and 60 agreements, 500 parties; page untouched
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)
from machine import facts  # noqa: E402  (benchmarks/machine.py)
from results import executable, publish  # noqa: E402  (benchmarks/results.py)

START = "<!-- bench_scale:start -->"
END = "<!-- bench_scale:end -->"
BASELINE = "a73734c"  # the code before the portfolio-scale work: "today's" cost in the targets
LINEAR_TOLERANCE = 1.10  # per-agreement time and bytes at the large size / at the small size, at most
PARTIES_TARGET = 20.0  # seconds for one agreement with the most parties
# Runs one command, then prints its exit code, wall clock, CPU and peak memory as JSON. RUSAGE_CHILDREN of
# this process covers the build and every process it started and waited for, and nothing else.
WRAPPER = """
import json, os, resource, subprocess, sys, time
log, timeout, command = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
with open(log, "wb") as out:
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()
        rc = None
    wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kib": usage.ru_maxrss}))
"""


# ---------------------------------------------------------------------------
# Code under test and projects
# ---------------------------------------------------------------------------


def git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


@contextmanager
def worktree(rev: str) -> Iterator[tuple[Path, str]]:
    """The code at ``rev`` in a temporary, detached worktree; removed on the way out, whatever happens."""
    commit = git("rev-parse", "--short", f"{rev}^{{commit}}").stdout.strip()
    if not commit:
        raise SystemExit(f"bench_scale: unknown revision {rev!r}")
    place = Path(tempfile.mkdtemp(prefix="mga-bench-scale-")) / "code"
    try:
        made = git("worktree", "add", "--detach", str(place), commit)
        if made.returncode != 0:
            raise SystemExit(f"bench_scale: git worktree add failed:\n{made.stderr}")
        yield place, commit
    finally:
        git("worktree", "remove", "--force", str(place))
        git("worktree", "prune")
        shutil.rmtree(place.parent, ignore_errors=True)


def code_env(code: Path) -> dict[str, str]:
    """The environment of a build that runs the ``mga_tools`` of ``code``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("PYTHONDONTWRITEBYTECODE", "SOURCE_DATE_EPOCH", "MGA_CACHE_DIR"):
        env.pop(name, None)
    if code != ROOT:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(code), os.environ.get("PYTHONPATH"))))
    found = subprocess.run(
        [sys.executable, "-c", "import mga_tools; print(mga_tools.__file__)"], env=env, capture_output=True,
        text=True, check=False, cwd=tempfile.gettempdir(),
    )  # fmt: skip
    if not found.stdout.strip().startswith(str(code)):
        raise SystemExit(f"bench_scale: mga_tools does not come from {code}: {found.stdout or found.stderr}")
    # Compiled beforehand, as in an installed package: no build pays for compiling the code.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "mga_tools")], env=env, check=False)
    return env


def make_project(target: Path, code: Path, agreements: list[Path]) -> None:
    """A fresh project: ``code``'s docs, schema and mkdocs.yml, and copies of ``agreements``."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("docs", "schema"):
        shutil.copytree(code / name, target / name)
    shutil.copyfile(code / "mkdocs.yml", target / "mkdocs.yml")
    (target / "agreements").mkdir()
    for path in agreements:
        shutil.copyfile(path, target / "agreements" / path.name)


def folder_bytes(folder: Path) -> tuple[int, int]:
    """Bytes and number of the files under ``folder``."""
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


# ---------------------------------------------------------------------------
# One build
# ---------------------------------------------------------------------------


def build(mga: str, env: dict[str, str], project: Path, timeout: float) -> dict:
    """``mga build --no-documents`` of ``project`` with a fresh cache and output folder; its figures."""
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="mga-bench-cache-") as cache:
        log = project / "build.log"
        command = [sys.executable, "-c", WRAPPER, str(log), str(timeout), mga, "build", "--no-documents"]
        command += ["--out", str(site)]
        done = subprocess.run(
            command, cwd=project, env={**env, "MGA_CACHE_DIR": cache}, capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        raise SystemExit(f"bench_scale: the wrapper failed:\n{done.stderr}")
    run = json.loads(done.stdout.strip().splitlines()[-1])
    run["ok"] = run["rc"] == 0
    run["bytes"], run["files"] = folder_bytes(site) if run["ok"] and site.is_dir() else (0, 0)
    if not run["ok"]:
        run["error"] = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    shutil.rmtree(site, ignore_errors=True)  # a large site is hundreds of megabytes
    return run


def measure(
    tag: str, kind: str, mga: str, env: dict[str, str], project: Path, count: int, repeats: int, timeout: float
) -> dict:
    """``repeats`` builds of ``project`` (``count`` agreements or parties, as ``kind`` says); the medians."""
    label = f"{tag} {count} {kind}"
    runs = []
    for n in range(repeats):
        run = build(mga, env, project, timeout)
        state = (
            "ok" if run["ok"] else ("stopped after the time limit" if run["rc"] is None else f"failed ({run['rc']})")
        )
        print(
            f"[{label} #{n + 1}] {run['wall']:.2f} s, CPU {run['cpu']:.2f} s, "
            f"peak RSS {run['rss_kib'] / 1024:.0f} MiB, "
            f"{run['bytes'] / 1e6:.1f} MB in {run['files']} files: {state}",
            flush=True,
        )
        if not run["ok"]:
            print("  " + "\n  ".join(run["error"].strip().splitlines()[-3:]), flush=True)
        runs.append(run)
    ok = [r for r in runs if r["ok"]]
    med = {k: statistics.median(r[k] for r in ok) if ok else float("nan") for k in ("wall", "cpu", "rss_kib", "bytes")}
    return {"label": label, "tag": tag, "kind": kind, "count": count, "runs": runs, "ok": len(ok) == len(runs), **med,
            "files": ok[0]["files"] if ok else 0, "stopped": any(r["rc"] is None for r in runs)}  # fmt: skip


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def run_all(args: argparse.Namespace, sizes: list[int], parties: list[int], baseline: str | None) -> dict:
    mga = executable("mga", "bench_scale")
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    source = work / "agreements"
    shutil.rmtree(source, ignore_errors=True)
    generated = generate.generate(source, max(sizes), seed=args.seed)
    files = [[p for p in (g.path, g.scores) if p is not None] for g in generated]
    lines = {n: sum(g.lines for g in generated[:n]) / n for n in sizes}
    print(f"generated {len(generated)} agreements into {source}", flush=True)
    compacts = {n: generate.generate_many_parties(work / f"parties-{n}", n, seed=args.seed) for n in parties}
    for n, compact in compacts.items():
        print(f"generated {compact.path.name}: {n} parties, {compact.lines} lines, status {compact.status}", flush=True)

    def suite(code: Path, tag: str, counts: list[int], party_counts: list[int]) -> tuple[list[dict], list[dict]]:
        env = code_env(code)
        many = []
        for n in counts:
            project = work / f"{tag}-n{n}"
            make_project(project, code, [p for group in files[:n] for p in group])
            many.append(measure(tag, "agreements", mga, env, project, n, args.repeats, args.timeout))
            shutil.rmtree(project)
        one = []
        for n in party_counts:
            project = work / f"{tag}-p{n}"
            make_project(project, code, [compacts[n].path])
            one.append(measure(tag, "parties", mga, env, project, n, args.repeats, args.timeout))
            shutil.rmtree(project)
        return many, one

    res: dict = {"seed": args.seed, "repeats": args.repeats, "timeout": args.timeout, "lines": lines,
                 "compacts": {n: {"lines": c.lines, "status": c.status, "bytes": c.path.stat().st_size}
                              for n, c in compacts.items()}}  # fmt: skip
    res["many"], res["parties"] = suite(ROOT, "current", sizes, parties)
    res["baseline"] = None
    if baseline is not None:
        base_sizes = sizes if args.baseline_all else sizes[:1]
        base_parties = [n for n in parties if n <= args.baseline_parties]
        with worktree(baseline) as (code, commit):
            many, one = suite(code, "baseline", base_sizes, base_parties)
        res["baseline"] = {"rev": baseline, "commit": commit, "many": many, "parties": one}
    return res


# ---------------------------------------------------------------------------
# Figures and report
# ---------------------------------------------------------------------------


def figures(res: dict) -> dict:
    """Per-agreement figures, the ratios large / small and against the baseline, and the verdicts."""
    many = res["many"]
    for m in many:
        m["s_per"] = m["wall"] / m["count"]
        m["b_per"] = m["bytes"] / m["count"]
    small, large = many[0], many[-1]
    out: dict = {"small": small, "large": large}
    out["time_ratio"] = large["s_per"] / small["s_per"]
    out["bytes_ratio"] = large["b_per"] / small["b_per"]
    # The cost of each agreement added between the sizes, without the fixed cost that both builds pay.
    extra = large["count"] - small["count"]
    out["time_marginal"] = (large["wall"] - small["wall"]) / extra / small["s_per"]
    out["bytes_marginal"] = (large["bytes"] - small["bytes"]) / extra / small["b_per"]
    out["linear"] = large["ok"] and small["ok"] and max(out["time_ratio"], out["bytes_ratio"]) <= LINEAR_TOLERANCE
    most = res["parties"][-1]
    out["most"] = most
    out["parties_ok"] = most["ok"] and most["wall"] < PARTIES_TARGET
    out["against"] = []
    base = res.get("baseline")
    if base:
        mine = {m["count"]: m for m in many}
        for b in base["many"]:
            b["s_per"], b["b_per"] = b["wall"] / b["count"], b["bytes"] / b["count"]
            m = mine[b["count"]]
            out["against"].append({"what": f"{b['count']} agreements", "base": b, "now": m,
                                   "time": m["s_per"] / b["s_per"] if b["ok"] else float("nan"),
                                   "bytes": m["b_per"] / b["b_per"] if b["ok"] else float("nan")})  # fmt: skip
        mine_p = {p["count"]: p for p in res["parties"]}
        for b in base["parties"]:
            m = mine_p[b["count"]]
            out["against"].append({"what": f"one agreement of {b['count']} parties", "base": b, "now": m,
                                   "time": m["wall"] / b["wall"] if b["ok"] else float("nan"),
                                   "bytes": m["bytes"] / b["bytes"] if b["ok"] else float("nan")})  # fmt: skip
    return out


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def state(run: dict) -> str:
    if run["ok"]:
        return f"{run['wall']:.2f} s"
    return "stopped at the time limit" if run["stopped"] else "failed"


def summary_table(res: dict) -> str:
    f = figures(res)
    lines = [f"{'build':<34} {'wall':>9} {'CPU':>8} {'peak RSS':>9} {'output':>9} {'s/agr':>7} {'kB/agr':>8}"]
    lines.append("-" * len(lines[0]))
    base = res.get("baseline") or {"many": [], "parties": []}
    for m in res["many"] + res["parties"] + base["many"] + base["parties"]:
        per = (
            f"{m['wall'] / m['count']:>7.3f} {m['bytes'] / m['count'] / 1e3:>8.1f}" if m["kind"] == "agreements" else ""
        )
        lines.append(
            f"{m['label']:<34} {state(m):>9} {m['cpu']:>7.2f}s {m['rss_kib'] / 1024:>7.0f}MiB "
            f"{m['bytes'] / 1e6:>7.1f}MB {per}"
        )
    lines.append(
        f"per agreement, {f['large']['count']} / {f['small']['count']}: time {f['time_ratio']:.2f}, "
        f"bytes {f['bytes_ratio']:.2f} (target <= {LINEAR_TOLERANCE}): {'met' if f['linear'] else 'NOT met'}"
    )
    lines.append(
        f"{f['most']['count']} parties: {state(f['most'])} (target < {PARTIES_TARGET:.0f} s): "
        f"{'met' if f['parties_ok'] else 'NOT met'}"
    )
    for a in f["against"]:
        lines.append(f"against {base['commit']}, {a['what']}: time {a['time']:.2f}, bytes {a['bytes']:.2f}")
    return "\n".join(lines)


def markdown(res: dict) -> str:
    m, f = res["machine"], figures(res)
    v = m["versions"]
    base = res.get("baseline")
    small, large = f["small"], f["large"]
    out = [
        START,
        "<!-- Generated by benchmarks/bench_scale.py; edit outside the markers. -->",
        "",
        f"## Scale results of {m['date']}",
        "",
        f"- Machine: {m['usable_cpus']} CPUs usable ({m['nproc']} in all), {m['cpu']}, {m['memory']} RAM; {m['os']}",
        f"- Load average before / after the run: {res['load_before']} / {res['load_after']}",
        f"- {m['python']}",
        f"- mga-tools {v['mga-tools']} at commit {m['commit']}; mkdocs {v['mkdocs']}, mkdocs-material "
        f"{v['mkdocs-material']}" + (f"; baseline: the code of commit {base['commit']}" if base else ""),
        f"- Command: `{res['command']}`; {res['repeats']} build(s) of each, the median shown; a build is stopped "
        f"after {res['timeout']:.0f} s",
        "",
        "Agreements: the first N of `benchmarks/generate.py --seed "
        f"{res['seed']}` (" + ", ".join(f"{n}: {x:.0f} lines on average" for n, x in res["lines"].items())
        + "); many parties: `benchmarks/generate.py --parties N` ("
        + ", ".join(f"{n} parties: {c['lines']:,} lines, {c['bytes'] / 1e3:.0f} kB, {c['status']}"
                    for n, c in res["compacts"].items())
        + ").",
        "",
        "| Build (`mga build --no-documents`, empty cache) | Wall clock | CPU | Peak RSS | Output | Files "
        "| Per agreement | Output per agreement |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    rows = res["many"] + res["parties"] + ((base["many"] + base["parties"]) if base else [])
    for r in rows:
        who = f"{r['count']:,} {r['kind']}" if r["kind"] == "agreements" else f"one agreement of {r['count']:,} parties"
        if r["tag"] == "baseline" and base:
            who = f"baseline ({base['commit']}): {who}"
        many = r["kind"] == "agreements" and r["ok"]
        per = f"{r['wall'] / r['count']:.3f} s | {r['bytes'] / r['count'] / 1e3:.0f} kB" if many else " | "
        out.append(
            f"| {who} | {state(r)} | {r['cpu']:.1f} s | {r['rss_kib'] / 1024:.0f} MiB | {r['bytes'] / 1e6:.1f} MB "
            f"| {r['files']:,} | {per} |"
        )
    out += [
        "",
        f"- Linear in the number of agreements, per agreement at {large['count']} / at {small['count']}: "
        f"time **{f['time_ratio']:.2f}**, output **{f['bytes_ratio']:.2f}** (target ≤ {LINEAR_TOLERANCE:.2f}): "
        f"{verdict(f['linear'])}. Both builds pay a fixed cost (starting Python and mkdocs, the handwritten "
        f"pages), which favours the larger set; each agreement added between the two sizes cost "
        f"{f['time_marginal']:.2f} × the time and {f['bytes_marginal']:.2f} × the output per agreement at "
        f"{small['count']}",
        f"- One agreement of {f['most']['count']} parties: **{state(f['most'])}** (target < {PARTIES_TARGET:.0f} s): "
        f"{verdict(f['parties_ok'])}",
    ]
    for a in f["against"]:
        out.append(
            f"- Against the baseline, {a['what']}: time **{a['time']:.2f}**, output **{a['bytes']:.2f}** of the "
            f"baseline's ({state(a['base'])}, {a['base']['bytes'] / 1e6:.1f} MB)"
        )
    out += ["", END]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[100, 1000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--parties", type=int, nargs="+", default=[2500, 5000], metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=1, help="builds of each; medians reported")
    parser.add_argument("--timeout", type=float, default=900, help="seconds after which a build is stopped")
    parser.add_argument("--baseline", metavar="REV", help=f"also build with the code of REV (full run: {BASELINE})")
    parser.add_argument("--no-baseline", action="store_true", help="no baseline builds")
    parser.add_argument("--baseline-all", action="store_true", help="baseline builds of the larger set too")
    parser.add_argument(
        "--baseline-parties", type=int, default=2500, metavar="N", help="baseline builds of up to N parties"
    )
    parser.add_argument("--quick", action="store_true", help="20 and 60 agreements, 500 parties; page untouched")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--workdir", type=Path, default=HERE / "out" / "scale")
    args = parser.parse_args(argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sizes, parties = sorted(args.sizes), sorted(set(args.parties))
    baseline = None if args.no_baseline else (args.baseline or (None if args.quick else BASELINE))
    if args.quick:
        sizes, parties, args.repeats, args.baseline_parties = [20, 60], [500], 1, 500
    doc = None if (args.quick or args.no_doc) else ROOT / "docs" / "performance.md"
    load_before = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    res: dict = {"machine": facts(("mga-tools", "mkdocs", "mkdocs-material"))}
    arguments = " ".join(argv if argv is not None else sys.argv[1:])
    res["command"] = f"python benchmarks/bench_scale.py {arguments}".strip()
    res |= run_all(args, sizes, parties, baseline)
    res["load_before"], res["load_after"] = load_before, "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    section = markdown(res) if doc is not None else None
    publish(res, args.workdir / "results.json", summary_table(res), doc, section, (START, END))
    return 0


if __name__ == "__main__":
    sys.exit(main())
