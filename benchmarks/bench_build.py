#!/usr/bin/env python3
"""Benchmark ``mga build`` against the bare tool calls it is made of, side by side in one run.

For each size N (default 25, 50 and 100 agreements):

1. Generates N clean synthetic agreements with ``benchmarks/generate.py`` into a
   fresh project folder under ``benchmarks/out/build/`` (git-ignored), with a copy
   of the repository's ``docs/``, ``schema/`` and ``mkdocs.yml`` (as
   ``tests/publish/sites.py`` does).
2. (a) Full build, cold cache: ``mga build --out SITE`` as a subprocess, with
   ``MGA_CACHE_DIR`` pointing at a fresh, empty folder (the document cache of
   ``mga build``). Wall clock from start to exit; the progress lines on stderr
   are time-stamped to split it into phases, and the CPU time of the build
   process and its reaped children is read from ``/proc`` at each phase
   boundary, which gives the CPU used while the documents were rendered.
3. (b) The bare tool calls for the same content, run alone:
   - ``python -m mkdocs build --strict`` of exactly the tree and configuration
     the build generated: the tree is written again with the build's own
     functions (``generate_tree``, ``write_config``) and gets the PDF/DOCX files
     of the built site, so mkdocs sees the same input;
   - the pandoc -> Typst -> PDF and pandoc -> DOCX conversions of the same
     documents, in a process pool with one worker per core, calling
     ``mga_tools.render.convert.to_pdf`` / ``to_docx`` (the one module that runs
     pandoc and Typst) on pandoc ASTs built beforehand, and matplotlib drawing
     each frontier plot the pages show (``plots.frontier_svg`` on analyses
     computed beforehand), in the same pool. Building the ASTs and computing
     the analyses from the agreements is Python work of mga-tools, not a tool
     call, so it is excluded; the Typst module and the pandoc path are loaded before the pool
     starts. The documents written are checked to be byte-identical to the
     build's.
   The overhead ratio is (a) / (mkdocs + conversions and plots), target < 1.3.
4. (c) Rebuild after editing one agreement (one term's text changed, still
   valid), same cache and output folder. The documents rendered again are
   counted from the cache folder (files created or rewritten during the
   rebuild) and cross-checked against the site's downloads whose bytes changed.
   Target: exactly 1 PDF + 1 DOCX, and (c) / (a) <= 0.15.
5. (d) Linearity over the sizes (time per agreement, t(2N) / t(N), a
   least-squares line) and the CPU utilisation of the rendering phase
   (busy CPU time of the machine / wall, against the number of cores).

Every timed process runs with Python's bytecode cache on, as an installed tool
does (the variable ``PYTHONDONTWRITEBYTECODE`` is removed from the environment).

Prints a table, writes ``benchmarks/out/build/results.json`` and, for a full
run, the Markdown section between ``<!-- bench_build:start -->`` and
``<!-- bench_build:end -->`` in ``docs/performance.md`` (text outside the
markers is kept). Run it with the virtualenv's Python::

    .venv/bin/python benchmarks/bench_build.py            # full run (several minutes on two cores)
    .venv/bin/python benchmarks/bench_build.py --quick    # 5 and 10 agreements, no doc update
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)
from machine import cores, facts  # noqa: E402  (benchmarks/machine.py)
from results import executable, publish  # noqa: E402  (benchmarks/results.py)

START = "<!-- bench_build:start -->"
END = "<!-- bench_build:end -->"
OVERHEAD_TARGET = 1.3  # full build / bare tool calls
REBUILD_TARGET = 0.15  # rebuild after one edit / full build
LINEAR_TOLERANCE = 2.1  # t(2N) / t(N) at most this (2.0 is exactly proportional)
PARALLEL_SHARE = 0.75  # rendering CPU / wall at least this share of the usable cores
TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------
# Machine
# ---------------------------------------------------------------------------


def machine() -> dict[str, object]:
    from mga_tools.render import convert

    pandoc = convert.tool_versions().split(";")[0].replace("pandoc", "").strip()
    return facts(("mga-tools", "mkdocs", "mkdocs-material", "pypandoc_binary", "typst"), {"pandoc": pandoc})


# ---------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------


def make_project(target: Path, count: int, seed: int) -> list[generate.Generated]:
    """A fresh project: the repository's docs, schema and mkdocs.yml, plus ``count`` clean agreements."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("docs", "schema"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copyfile(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return generate.generate(target / "agreements", count, seed=seed)


def edit_one(path: Path) -> str:
    """Change the text of the first term of ``path`` (a folded scalar), keeping the agreement valid."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("terms:\n")
    for i in range(start, len(lines)):
        if lines[i].lstrip().startswith("text:"):
            head = lines[i]
            if head.rstrip().endswith((">-", ">", "|", "|-")):
                body = lines[i + 1]
                indent = body[: len(body) - len(body.lstrip())]
                lines[i + 1] = f"{indent}As amended by the benchmark, {body.lstrip()}"
            else:
                lines[i] = head.rstrip("\n") + " As amended by the benchmark.\n"
            path.write_text("".join(lines), encoding="utf-8")
            return path.name
    raise SystemExit(f"bench_build: no term text in {path}")


def snapshot(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def downloads_bytes(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (site / "downloads").glob("*") if p.suffix in (".pdf", ".docx")}


# ---------------------------------------------------------------------------
# (a) and (c): mga build as a subprocess, with phases
# ---------------------------------------------------------------------------


@dataclass
class BuildRun:
    wall: float
    cpu: float  # user + sys of mga build and every child it waited for
    rc: int
    phases: dict[str, float] = field(default_factory=dict)  # name -> seconds of wall clock
    render_cpu: float = 0.0  # busy CPU time of the machine while the build rendered documents
    output: str = ""


def _busy_cpu(_pid: int) -> float | None:
    """CPU seconds the whole machine has spent busy (user, nice, system, irq, softirq, steal).

    The documents are rendered by workers that a forkserver starts, which are
    not children of the build process, so the busy time of the machine is
    measured instead; the machine is otherwise idle during the benchmark (the
    load average is recorded with the results).
    """
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / TICKS


def mga_build(mga: str, project: Path, site: Path, cache: Path) -> BuildRun:
    env = {**os.environ, "MGA_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    marks: list[tuple[str, float, float | None]] = []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [mga, "build", "--out", str(site)], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert proc.stderr is not None and proc.stdout is not None
    err: list[str] = []
    for line in proc.stderr:
        marks.append((line.strip(), time.perf_counter() - start, _busy_cpu(proc.pid)))
        err.append(line)
    out = proc.stdout.read()
    rc = proc.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    run = BuildRun(wall, cpu, rc, output=out + "".join(err))
    at = {name: (t, c) for name, t, c in marks}

    def mark(prefix: str) -> tuple[float, float | None]:
        return next((v for k, v in at.items() if k.startswith(f"mga: {prefix}")), (float("nan"), None))

    # The documents render on a thread from the end of validation on, while the pages are
    # generated and while mkdocs starts (it waits for them before copying static files).
    t_docs, c_docs = mark("documents for")
    t_ready, c_ready = mark("documents ready")
    t_mkdocs, _ = mark("mkdocs build")
    run.phases = {
        "start, validate": t_docs,
        "documents": t_ready - t_docs,
        "mkdocs": wall - t_mkdocs,
    }
    if c_docs is not None and c_ready is not None:
        run.render_cpu = c_ready - c_docs
    return run


# ---------------------------------------------------------------------------
# (b): the bare tool calls
# ---------------------------------------------------------------------------


def _convert_job(job: tuple) -> str:
    from mga_tools.render import convert

    if job[0] == "plot":  # matplotlib drawing a frontier plot from the analysis computed beforehand
        from mga_tools.render.plots import frontier_svg

        _, result, frontier, cloud, out = job
        Path(out).write_bytes(frontier_svg(result, frontier, cloud))
        return out
    ast, fields, epoch, files, source, fmt, out = job
    if fmt == "pdf":
        convert.to_pdf(ast, Path(out), header_fields=fields, epoch=epoch, files=files, source=source)
    else:
        convert.to_docx(ast, Path(out), header_fields=fields, epoch=epoch, files=files)
    return out


@dataclass
class Bare:
    mkdocs_wall: float
    mkdocs_cpu: float
    convert_wall: float
    convert_cpu: float
    documents: int
    identical_documents: int
    site_files: int
    same_site_files: bool
    plots: int

    @property
    def total(self) -> float:
        return self.mkdocs_wall + self.convert_wall


def bare_tools(project: Path, work: Path, site: Path) -> Bare:
    """mkdocs alone on the build's tree, and the conversions alone on pre-built ASTs."""
    import typst  # noqa: F401  (loaded before the pool forks, as a tool would be)

    from mga_tools.load.companion import scores_file
    from mga_tools.publish.analysis import plotted, score_sheet
    from mga_tools.publish.build import generate_tree, write_config
    from mga_tools.render import convert, ladder
    from mga_tools.render.document import build, header_fields, source_epoch
    from mga_tools.render.site import DOWNLOAD_DIR

    if work.exists():
        shutil.rmtree(work)
    docs = work / "docs"
    tree = generate_tree(project, docs, documents=True)
    if not tree.ok:
        raise SystemExit("bench_build: the generated agreements do not validate")
    agreements = tree.agreements

    # Conversions alone: ASTs built first (not timed), then one worker per core.
    convert.pandoc_path()
    rendered = work / "rendered"
    rendered.mkdir()
    jobs: list[tuple] = []
    plots: list[tuple] = []
    for agreement, path in agreements:
        ast, fields, epoch = build(agreement), header_fields(agreement), source_epoch(agreement)
        # The figures and the attached source are inputs of the conversion, prepared beforehand like the AST.
        files, source = ladder.figures(agreement), path.read_bytes()
        for fmt in ("pdf", "docx"):
            jobs.append((ast, fields, epoch, files, source, fmt, str(rendered / f"{agreement.id}.{fmt}")))
        # The frontier plot, where the page shows one: the analysis is mga-tools' work (not timed), the
        # drawing is matplotlib's, a tool call like pandoc's.
        extra = scores_file(path)
        sheet = score_sheet(extra.read_bytes(), extra, 1 << 30) if extra is not None else None
        drawn = plotted(agreement.data, sheet)
        if drawn is not None:
            plots.append(("plot", *drawn, str(work / "plots" / f"{agreement.id}.svg")))
    (work / "plots").mkdir()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=min(cores(), len(jobs))) as pool:
        list(pool.map(_convert_job, plots + jobs))
    convert_wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    convert_cpu = sum(
        (a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime) for a, b in ((after, before), (self_after, self_before))
    )
    built = downloads_bytes(site)
    identical = sum(1 for p in rendered.iterdir() if built.get(p.name) == p.read_bytes())

    # mkdocs alone: the build's tree, with the build's documents in downloads/.
    for name in built:
        shutil.copyfile(site / "downloads" / name, docs / DOWNLOAD_DIR / name)
    config = write_config(project, docs, work / "mkdocs.yml")
    out = work / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    mkdocs_wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"bench_build: bare mkdocs build failed:\n{proc.stderr}")
    mkdocs_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    ours = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    theirs = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {".mga-site"}
    return Bare(
        mkdocs_wall, mkdocs_cpu, convert_wall, convert_cpu, len(jobs), identical, len(ours), ours == theirs, len(plots)
    )


# ---------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------


def steal() -> tuple[int, int]:
    """(steal, total) jiffies of all CPUs from /proc/stat: time a virtual machine's CPUs were taken away."""
    try:
        values = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    return (values[7] if len(values) > 7 else 0), sum(values[:8])


def measure(mga: str, count: int, seed: int, workdir: Path, repeats: int) -> dict:
    base = workdir / f"n{count}"
    project, site, cache = base / "project", base / "site", base / "cache"
    generated = make_project(project, count, seed)
    print(f"[{count}] project ready ({sum(g.lines for g in generated) // count} lines per agreement on average)")
    # A sealed agreement may not change without an amendment: edit one that is not sealed.
    editable = sorted(g.path for g in generated if g.status not in ("signed", "amended"))
    edited = editable[len(editable) // 2]
    original = edited.read_bytes()
    runs = []
    for repeat in range(repeats):
        tag = f"[{count} #{repeat + 1}]"
        edited.write_bytes(original)
        for folder in (cache, site):
            if folder.exists():
                shutil.rmtree(folder)
        cache.mkdir(parents=True)
        assert not any(cache.iterdir())  # cold: the build's document cache starts empty
        steal_before = steal()

        full = mga_build(mga, project, site, cache)
        if full.rc != 0:
            raise SystemExit(f"bench_build: mga build failed ({full.rc}):\n{full.output}")
        cached_after_full = len(snapshot(cache / "documents"))
        pages_after_full = snapshot(cache / "pages")
        print(f"{tag} (a) full build {full.wall:.2f} s, {cached_after_full} documents in the cache")

        bare = bare_tools(project, base / "bare", site)
        print(f"{tag} (b) bare mkdocs {bare.mkdocs_wall:.2f} s + conversions {bare.convert_wall:.2f} s")

        name = edit_one(edited)
        downloads_before = downloads_bytes(site)
        cache_before = snapshot(cache / "documents")
        time.sleep(0.01)  # mtimes of rewritten files differ
        rebuild = mga_build(mga, project, site, cache)
        if rebuild.rc != 0:
            raise SystemExit(f"bench_build: rebuild failed ({rebuild.rc}):\n{rebuild.output}")
        cache_after = snapshot(cache / "documents")
        rerendered = sorted(Path(k).name for k, v in cache_after.items() if cache_before.get(k) != v)
        pages_rebuilt = len(set(snapshot(cache / "pages")) - set(pages_after_full))
        downloads_after = downloads_bytes(site)
        changed = sorted(k for k, v in downloads_after.items() if downloads_before.get(k) != v)
        steal_after = steal()
        stolen = (steal_after[0] - steal_before[0]) / max(1, steal_after[1] - steal_before[1])
        print(
            f"{tag} (c) rebuild {rebuild.wall:.2f} s, re-rendered {rerendered}, "
            f"{pages_rebuilt} page(s) built again; CPU steal {stolen:.0%}"
        )
        runs.append({
            "full": asdict(full) | {"output": ""},
            "bare": asdict(bare) | {"total": bare.total},
            "rebuild": asdict(rebuild) | {"output": ""},
            "edited": name,
            "rerendered": rerendered,
            "changed_downloads": changed,
            "cached_after_full": cached_after_full,
            "pages_cached_after_full": len(pages_after_full),
            "pages_rebuilt": pages_rebuilt,
            "steal": stolen,
        })  # fmt: skip
    edited.write_bytes(original)
    return {"count": count, "lines_mean": sum(g.lines for g in generated) / count, "runs": runs}


# ---------------------------------------------------------------------------
# Figures and report
# ---------------------------------------------------------------------------


def fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares ``y = a + b x``; returns a, b and R²."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return a, b, (1 - ss_res / ss_tot) if ss_tot else 1.0


def aggregate(size: dict) -> dict:
    """The runs of one size folded into one: the median of every time, the worst of every check."""
    runs = size["runs"]

    def med(key: str, sub: str) -> float:
        return statistics.median(r[key][sub] for r in runs)

    def build(key: str) -> dict:
        return {
            "wall": med(key, "wall"), "cpu": med(key, "cpu"), "render_cpu": med(key, "render_cpu"),
            "walls": sorted(r[key]["wall"] for r in runs),
            "phases": {p: statistics.median(r[key]["phases"][p] for r in runs) for p in runs[0][key]["phases"]},
        }  # fmt: skip

    bare = {k: med("bare", k) for k in ("mkdocs_wall", "mkdocs_cpu", "convert_wall", "convert_cpu", "total")}
    bare["walls"] = sorted(r["bare"]["total"] for r in runs)
    bare["documents"] = runs[0]["bare"]["documents"]
    bare["identical_documents"] = min(r["bare"]["identical_documents"] for r in runs)
    bare["site_files"] = runs[0]["bare"]["site_files"]
    bare["plots"] = runs[0]["bare"].get("plots", 0)
    bare["same_site_files"] = all(r["bare"]["same_site_files"] for r in runs)
    worst = max(runs, key=lambda r: len(r["rerendered"]))
    return {
        "count": size["count"], "lines_mean": size["lines_mean"], "repeats": len(runs),
        "full": build("full"), "rebuild": build("rebuild"), "bare": bare,
        "rerendered": worst["rerendered"], "changed_downloads": worst["changed_downloads"],
        "all_rerendered": [r["rerendered"] for r in runs],
        "pages_rebuilt": max(r.get("pages_rebuilt", 0) for r in runs),
        "pages_cached": runs[0].get("pages_cached_after_full", 0),
        "steal": statistics.median(r["steal"] for r in runs),
    }  # fmt: skip


def figures(res: dict) -> dict:
    sizes = [aggregate(s) for s in res["sizes"]]
    ncores = res["machine"]["usable_cpus"]
    rows = []
    for s in sizes:
        full, bare, rebuild = s["full"], s["bare"], s["rebuild"]
        render_wall = full["phases"]["documents"]
        rows.append({
            "count": s["count"],
            "full": full["wall"],
            "per_agreement": full["wall"] / s["count"],
            "bare": bare["total"],
            "overhead": full["wall"] / bare["total"],
            "rebuild": rebuild["wall"],
            "rebuild_ratio": rebuild["wall"] / full["wall"],
            "rerendered": s["rerendered"],
            "rerender_ok": all(
                sorted(Path(x).suffix for x in again) == [".docx", ".pdf"] and len({Path(x).stem for x in again}) == 1
                for again in s["all_rerendered"]
            ),
            "render_wall": render_wall,
            "render_cpu": full["render_cpu"],
            "render_util": full["render_cpu"] / render_wall if render_wall > 0 else float("nan"),
            "bare_util": bare["convert_cpu"] / bare["convert_wall"],
        })  # fmt: skip
    ratios = []
    by_count = {r["count"]: r for r in rows}
    for r in rows:
        double = by_count.get(r["count"] * 2)
        if double:
            ratios.append({"from": r["count"], "to": double["count"], "ratio": double["full"] / r["full"],
                           "render_ratio": double["render_wall"] / r["render_wall"]})  # fmt: skip
    a, b, r2 = fit([r["count"] for r in rows], [r["full"] for r in rows]) if len(rows) > 1 else (0, 0, 1)
    fitted = {"intercept": a, "slope": b, "r2": r2}
    return {"rows": rows, "doublings": ratios, "fit": fitted, "cores": ncores, "sizes": sizes}


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def summary_table(res: dict) -> str:
    f = figures(res)
    head = (
        f"{'N':>4} {'full (a)':>9} {'s/agr':>6} {'bare (b)':>9} {'a/b':>5} {'rebuild (c)':>11} {'c/a':>5} "
        f"{'re-rendered':>11} {'render wall':>11} {'CPU/wall':>8}"
    )
    lines = [head, "-" * len(head)]
    for r in f["rows"]:
        lines.append(
            f"{r['count']:>4} {r['full']:>8.2f}s {r['per_agreement']:>6.3f} {r['bare']:>8.2f}s {r['overhead']:>5.2f} "
            f"{r['rebuild']:>10.2f}s {r['rebuild_ratio']:>5.2f} {len(r['rerendered']):>11} "
            f"{r['render_wall']:>10.2f}s {r['render_util']:>8.2f}"
        )
    for d in f["doublings"]:
        lines.append(f"t{d['to']}/t{d['from']} = {d['ratio']:.2f} (documents phase {d['render_ratio']:.2f})")
    fit_ = f["fit"]
    lines.append(f"fit: t = {fit_['intercept']:.2f} s + {fit_['slope']:.3f} s x N (R² {fit_['r2']:.4f})")
    return "\n".join(lines)


def markdown(res: dict) -> str:
    m, f = res["machine"], figures(res)
    v, sizes = m["versions"], f["sizes"]
    rows, ncores = f["rows"], f["cores"]
    out = [
        START,
        "<!-- Generated by benchmarks/bench_build.py; edit outside the markers. -->",
        "",
        f"## Build results of {m['date']}",
        "",
        f"- Machine: {m['usable_cpus']} CPUs usable ({m['nproc']} in all), {m['cpu']}, {m['memory']} RAM; {m['os']}",
        f"- Load average before / after the run: {res['load_before']} / {res['load_after']}; CPU time stolen from "
        "this virtual machine by its host during the runs (`steal` in `/proc/stat`, median per size): "
        + ", ".join(f"N={s['count']} {s['steal']:.0%}" for s in sizes),
        f"- {res['repeats']} runs of (a), (b) and (c) per size, alternating; every time below is the median "
        "of the runs (each full build with an emptied cache and output folder, the edited agreement restored)",
        f"- {m['python']}",
        f"- mga-tools {v['mga-tools']} at commit {m['commit']}; pandoc {v['pandoc']} (pypandoc_binary "
        f"{v['pypandoc_binary']}), typst-py {v['typst']}, mkdocs {v['mkdocs']}, mkdocs-material {v['mkdocs-material']}",
        f"- Command: `{res['command']}`",
        "",
        "### Data",
        "",
        "For each size, a fresh project folder with a copy of the repository's `docs/`, `schema/` and `mkdocs.yml` "
        f"and N clean synthetic agreements from `benchmarks/generate.py --seed {res['seed']}` "
        f"(the first N of the same sequence; "
        + ", ".join(f"{s['count']}: {s['lines_mean']:.0f} lines on average" for s in sizes)
        + "). Every build produces one page, one PDF and one DOCX per agreement.",
        "",
        "### Full build, bare tool calls and rebuild",
        "",
        "(a) `mga build --out SITE`, a subprocess, wall clock from start to exit, with an empty document cache "
        "(`MGA_CACHE_DIR` set to a fresh folder). (b) The same work done by the tools alone: "
        "`python -m mkdocs build --strict` of the very tree and configuration the build generates "
        "(written by the build's own `generate_tree` and `write_config`, with the build's PDF/DOCX files in "
        "`downloads/`), plus the pandoc -> Typst -> PDF and pandoc -> DOCX conversions of the same documents "
        "(`convert.to_pdf` / `convert.to_docx`, with the ladder figures and the attached source) and matplotlib "
        "drawing the frontier plot of each agreement whose page shows one ("
        + ", ".join(f"N={s['count']}: {s['bare']['plots']} plots" for s in sizes)
        + "; "
        "`plots.frontier_svg`), together in a pool of "
        f"{ncores} worker processes, on pandoc ASTs and analyses computed beforehand: building the ASTs and "
        "computing the analyses is mga-tools' own Python work, so it counts as build overhead, not as a "
        "tool call. (c) `mga build` again after changing the text of one term of one agreement, same cache "
        "and output folder; the documents rendered again are the files the rebuild wrote into the cache, and "
        "the pages built again are the entries it added to the page cache (every other page's HTML and search "
        "entries come from the cache; the tags page, which lists every page's tags, is built again when a tag "
        "changed).",
        "",
        "| N | full build (a) | per agreement | mkdocs alone | conversions and plots alone | bare (b) | (a) / (b) | "
        "target < 1.3 | rebuild (c) | (c) / (a) | target ≤ 0.15 | rendered again | target: 1 PDF + 1 DOCX |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|---|",
    ]
    for s, r in zip(sizes, rows, strict=True):
        b = s["bare"]
        again = ", ".join(f"`{x}`" for x in r["rerendered"]) or "none"
        out.append(
            f"| {r['count']} | {r['full']:.2f} s | {r['per_agreement']:.3f} s | {b['mkdocs_wall']:.2f} s | "
            f"{b['convert_wall']:.2f} s | {r['bare']:.2f} s | **{r['overhead']:.2f}** | "
            f"{verdict(r['overhead'] < OVERHEAD_TARGET)} | {r['rebuild']:.2f} s | **{r['rebuild_ratio']:.3f}** | "
            f"{verdict(r['rebuild_ratio'] <= REBUILD_TARGET)} | {again} | {verdict(r['rerender_ok'])} |"
        )
    out += [
        "",
        "Checks: the documents of the bare conversions are byte-identical to the build's ("
        + ", ".join(f"{s['bare']['identical_documents']} of {s['bare']['documents']}" for s in sizes)
        + "); the bare mkdocs build writes the same set of files as the build ("
        + ", ".join(f"{s['bare']['site_files']} files: {'same' if s['bare']['same_site_files'] else 'DIFFERENT'}"
                    for s in sizes)
        + "); pages built again by the rebuild: "
        + ", ".join(f"{s['pages_rebuilt']} of {s['pages_cached'] + 1}" for s in sizes)
        + "; in each rebuild the site's downloads whose bytes changed are "
        + "; ".join(", ".join(f"`{x}`" for x in s["changed_downloads"]) or "none" for s in sizes)
        + ".",
        "",
        "### Where the time of a build goes",
        "",
        "Phases of (a) and (c) from the time-stamped progress lines of `mga build`. The documents render on a "
        "thread from the end of validation on, while the pages are generated and while mkdocs loads the "
        "configuration and reads the pages (it waits for the documents before copying them), so the phases "
        "overlap. CPU of the documents phase is the busy time of the whole machine, read from `/proc` at the "
        "phase boundaries.",
        "",
        "| N | run | start, validate | documents (beside pages and mkdocs) | mkdocs (+ swap) | total | total CPU |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    for s in sizes:
        for label, key in (("full (a)", "full"), ("rebuild (c)", "rebuild")):
            p = s[key]["phases"]
            out.append(
                f"| {s['count']} | {label} | {p['start, validate']:.2f} s | {p['documents']:.2f} s | "
                f"{p['mkdocs']:.2f} s | {s[key]['wall']:.2f} s | {s[key]['cpu']:.2f} s |"
            )
    out += [
        "",
        "### Linearity and parallel rendering",
        "",
        f"Parallel target: the documents phase keeps the {ncores} cores busy, CPU / wall ≥ "
        f"{PARALLEL_SHARE:.0%} of the cores ({PARALLEL_SHARE * ncores:.2f}). Linearity target: doubling the "
        f"number of agreements at most doubles the time (t(2N) / t(N) ≤ {LINEAR_TOLERANCE}; a fixed start-up "
        "cost makes it less than 2) and a straight line fits the times.",
        "",
        "| N | full build per agreement | documents phase | documents CPU | CPU / wall | bare conversions CPU / wall "
        "| target |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['count']} | {r['per_agreement']:.3f} s | {r['render_wall']:.2f} s | {r['render_cpu']:.2f} s | "
            f"**{r['render_util']:.2f}** | {r['bare_util']:.2f} | "
            f"{verdict(r['render_util'] >= PARALLEL_SHARE * ncores)} |"
        )
    out.append("")
    for d in f["doublings"]:
        out.append(
            f"- t{d['to']} / t{d['from']} = **{d['ratio']:.2f}** (documents phase alone {d['render_ratio']:.2f}): "
            f"{verdict(d['ratio'] <= LINEAR_TOLERANCE)}"
        )
    fit_ = f["fit"]
    out.append(
        f"- Least-squares line: t = {fit_['intercept']:.2f} s + {fit_['slope']:.3f} s × N, R² = {fit_['r2']:.4f}: "
        f"{verdict(fit_['r2'] >= 0.99)} (R² ≥ 0.99)"
    )
    out += ["", END]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100], metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=2, help="runs of (a), (b), (c) per size; medians reported")
    parser.add_argument("--quick", action="store_true", help="5 and 10 agreements; docs/performance.md untouched")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--workdir", type=Path, default=HERE / "out" / "build")
    args = parser.parse_args(argv)
    # Every process timed here keeps Python's bytecode cache, as an installed tool does: an
    # environment that turns it off (PYTHONDONTWRITEBYTECODE) would compile mga-tools anew in
    # each process, a cost no user of an installed package pays.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sizes = [5, 10] if args.quick else sorted(set(args.sizes))
    if args.quick:
        args.repeats = 1
    doc = None if (args.quick or args.no_doc) else ROOT / "docs" / "performance.md"
    mga = executable("mga", "bench_build")
    args.workdir.mkdir(parents=True, exist_ok=True)
    load_before = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    res: dict = {"machine": machine(), "seed": args.seed, "load_before": load_before}
    arguments = " ".join(argv if argv is not None else sys.argv[1:])
    res["command"] = f"python benchmarks/bench_build.py {arguments}".strip()
    res["repeats"] = args.repeats
    res["sizes"] = [measure(mga, n, args.seed, args.workdir, args.repeats) for n in sizes]
    res["load_after"] = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    section = markdown(res) if doc is not None else None
    publish(res, args.workdir / "results.json", summary_table(res), doc, section, (START, END))
    return 0


if __name__ == "__main__":
    sys.exit(main())
