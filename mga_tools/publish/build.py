"""Build the site: validate, generate the pages, run a strict mkdocs build, swap the output in.

The steps are separate functions so that ``mga serve`` reuses them:
:func:`generate_tree` validates and writes the docs tree (handwritten pages
plus generated ones), :func:`~mga_tools.publish.site_config.write_config`
derives a mkdocs configuration from the repository's ``mkdocs.yml`` (its
navigation and audiences are described there), and :func:`build_site` runs both, then
mkdocs, into a temporary folder that replaces the output only on success.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from mga_tools.analyze.solver import pareto_solver
from mga_tools.diagnostics import Report, Severity
from mga_tools.errors import UsageError
from mga_tools.load.companion import scores_file
from mga_tools.memo import Memo
from mga_tools.memo import key as memo_key
from mga_tools.model import Agreement
from mga_tools.model.agreement import linked
from mga_tools.publish import mkdocs_internals
from mga_tools.publish.analysis import published, score_sheet
from mga_tools.publish.docs_tree import TreeWriter
from mga_tools.publish.documents import ENV as DOCUMENTS_FLAG
from mga_tools.publish.documents import BackgroundDocuments, Progress
from mga_tools.publish.mkdocs_internals.site_reuse import safe_plugins
from mga_tools.publish.mkdocs_process import BuildError, MkdocsProcess
from mga_tools.publish.offline import SHIM, shim
from mga_tools.publish.output_folder import check_output_place
from mga_tools.publish.page_cache import HOOKS, PageCache
from mga_tools.publish.records import gather
from mga_tools.publish.site_assets import write_assets
from mga_tools.publish.site_config import SCHEMA_PAGE, TAGS_PAGE, docs_dir, dump_config, mkdocs_config, write_config
from mga_tools.publish.site_swap import MARKER, clean_stale, new_folder, remove, reports_full_disk, swap
from mga_tools.render.portfolio import portfolio_page
from mga_tools.render.schema_reference import schema_page
from mga_tools.render.site import DOWNLOAD_DIR, PAGE_DIR, agreement_page, page_path
from mga_tools.render.site_analysis import plot_name
from mga_tools.render.site_records import PageRecords
from mga_tools.resources import agreement_schema, scores_schema
from mga_tools.validate import default_policy, validate_paths
from mga_tools.validate.policy import Policy

__all__ = [
    "BuildError",
    "BuildResult",
    "Progress",
    "Tree",
    "build_site",
    "default_cache_dir",
    "generate_tree",
    "mkdocs_config",
    "write_config",
]

GUIDE_PAGE = "guide.md"  # linked from the portfolio when the handwritten docs have it


@dataclass
class Tree:
    """A generated docs tree: what was validated, and the agreements it shows."""

    report: Report
    agreements: list[tuple[Agreement, Path]] = field(default_factory=list)
    memos: list[Memo] = field(default_factory=list)
    files: set[str] = field(default_factory=set)  # what was written, relative to the docs folder

    @property
    def ok(self) -> bool:
        return self.report.errors == 0


@dataclass
class BuildResult:
    """The outcome of :func:`build_site`. ``ok`` is false when validation found errors."""

    report: Report
    out: Path
    pages: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.report.errors == 0


def _quiet(_: str) -> None:
    pass


def generate_tree(
    project: Path,
    docs_out: Path,
    *,
    agreements_dir: str = "agreements",
    documents: bool = False,
    policy: Policy | None = None,
    progress: Progress = _quiet,
    cache_dir: Path | None = None,
    validated: Callable[[list[tuple[Agreement, Path]]], None] | None = None,
    editor: bool = False,
    today: datetime.date | None = None,
) -> Tree:
    """Validate the agreements and, if none has errors, write the docs tree into ``docs_out``.

    ``docs_out`` (new, or a tree generated before, as ``mga serve`` keeps; only
    files whose content changed are written, and the returned tree's ``files``
    lists every file of this generation) receives the handwritten pages of the repository's docs folder,
    the portfolio as ``index.md``, one page per agreement, the schema
    reference, the tags page, each agreement's YAML source under
    ``downloads/``, the script search needs from ``file://`` and the package's
    stylesheets and scripts (:mod:`mga_tools.publish.site_assets`). Nothing is
    written when validation finds errors. With ``cache_dir``, validation results and
    generated pages are memoized there (see :mod:`mga_tools.memo`); the
    returned tree's ``memos`` are to be pruned once the build has succeeded.
    ``validated`` is called with the agreements as soon as they passed
    validation, before the pages are written.

    With ``editor``, each agreement page shows the validator's findings on it
    (a build for the people who write the agreements); without, no page
    does (the published site). ``today`` (default: the day of the build) is
    the day the pages' next deadlines and open amendments are counted from.
    """
    today = today or datetime.date.today()
    progress(f"validating {agreements_dir}/")
    policy = policy or default_policy(project)
    checked, written = (Memo(cache_dir, project, kind) if cache_dir else None for kind in ("validate", "pages"))
    cwd = Path.cwd()
    try:
        os.chdir(project)  # displayed paths are relative to the project, as with ``mga validate``
        report = validate_paths([agreements_dir], policy, keep_data=True, memo=checked, solver=pareto_solver)
    finally:
        os.chdir(cwd)
    tree = Tree(report=report, memos=[m for m in (checked, written) if m is not None])
    if not tree.ok:
        return tree
    writer = TreeWriter(docs_out)
    handwritten = project / docs_dir(project)
    if handwritten.is_dir():
        writer.copy_folder(handwritten)
    # Validation read each file and found no error, so its data is a mapping.
    datas = [cast(dict[str, Any], report.data[d]) for d in report.files]
    tree.agreements = [(a, project / d) for a, d in zip(linked(datas), report.files, strict=True)]
    if validated is not None:
        validated(tree.agreements)
    progress("history and signatures")
    records = gather(project, agreements_dir, tree.agreements)
    for display, (agreement, source) in zip(report.files, tree.agreements, strict=True):
        progress(f"page {display}")
        # The published site never shows findings, whatever the page would do with them.
        warnings = (
            [d for d in report.diagnostics if d.path == display and d.severity is Severity.WARNING] if editor else []
        )
        raw = source.read_bytes()
        extra = scores_file(source)
        sheet_raw = extra.read_bytes() if extra is not None else b""
        # Everything the page is made of; the records and warnings are data classes with a stable repr.
        # The audience and the day count too: they decide what the page shows.
        entry = memo_key(
            "page",
            display,
            raw,
            sheet_raw,
            repr(warnings),
            repr(records[agreement.id]),
            str(documents),
            str(editor),
            today.isoformat(),
        )
        made = written.get(entry) if written else None
        if made is None:
            sheet = score_sheet(sheet_raw, extra, policy.max_file_bytes) if extra is not None else None
            made = _page(agreement, warnings, records[agreement.id], sheet, written, documents, editor, today)
            if written:
                written.put(entry, made)
        page, plot = made
        writer.write(page_path(agreement), page, source=display)
        if plot is not None:
            writer.write(f"{PAGE_DIR}/{plot_name(agreement)}", plot, source=display)
        writer.write(f"{DOWNLOAD_DIR}/{agreement.id}.yaml", raw, source=display)
    progress("portfolio")
    guide = GUIDE_PAGE if GUIDE_PAGE in writer.files else None  # a project made by mga new has none
    shown = [a for a, _ in tree.agreements]
    writer.write("index.md", portfolio_page(shown, records=records, today=today, editor=editor, guide=guide))
    writer.write(TAGS_PAGE, '---\ntitle: "Tags"\n---\n\n# Tags\n\n<!-- material/tags -->\n')
    writer.write(SCHEMA_PAGE, schema_page(agreement_schema(), scores_schema()))
    writer.write(SHIM, shim())
    write_assets(writer)
    tree.files = writer.files
    return tree


def _page(
    agreement: Agreement,
    warnings: list[Any],
    records: PageRecords,
    sheet: dict[str, Any] | None,
    memo: Memo | None,
    documents: bool,
    editor: bool,
    today: datetime.date,
) -> tuple[str, bytes | None]:
    """An agreement's page and, when its analysis is published, the SVG of its frontier plot."""
    shown = published(agreement.data, sheet, memo)
    scores, plot = shown if shown is not None else (None, None)
    name = plot_name(agreement) if plot is not None else None
    page = agreement_page(
        agreement,
        warnings,
        documents=documents,
        records=records,
        scores=scores,
        plot=name,
        editor=editor,
        today=today,
    )
    return page, plot


def default_cache_dir() -> Path:
    """Where ``mga build`` keeps what it can reuse between builds.

    ``MGA_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/mga-tools``
    (``~/.cache/mga-tools``). Rendered documents go in ``documents/``, keyed by
    content; the HTML of pages in ``pages/``, one folder per project; validation
    results and generated Markdown in ``memo/`` (see :mod:`mga_tools.memo`); the
    theme's compiled templates and file listing in ``templates/``. Without a cache every build
    renders everything again, even when a single agreement changed.
    """
    explicit = os.environ.get("MGA_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "mga-tools"


def _check_output(out: Path, project: Path, shown: Path) -> None:
    """Refuse outputs that are not a previous site: the swap deletes the old folder."""
    resolved = out.resolve()
    if resolved == project.resolve() or resolved in project.resolve().parents:
        raise UsageError(f"{shown}: the output folder cannot contain the project")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise UsageError(f"{shown}: exists and is not a site built by mga build; choose another --out or remove it")


@reports_full_disk
def build_site(
    project: Path,
    out: Path,
    *,
    agreements_dir: str = "agreements",
    documents: bool = True,
    policy: Policy | None = None,
    progress: Progress = _quiet,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    mkdocs: MkdocsProcess | None = None,
    editor: bool = False,
    today: datetime.date | None = None,
) -> BuildResult:
    """Validate, generate and build the site into ``out``; ``out`` is replaced only on success.

    Returns a result whose ``ok`` is false (and ``out`` untouched) when any
    agreement has errors; raises :class:`BuildError` when mkdocs fails.
    Rendered documents and pages are cached under ``cache_dir``
    (default: :func:`default_cache_dir`), so a rebuild renders only what changed.
    mkdocs runs in ``mkdocs`` if given (a process the caller started early), else in
    a process started here. With ``MGA_BUILD_SPEED_HOOKS=0`` the page cache and
    every other speed-up of :mod:`mga_tools.publish.mkdocs_internals` are off,
    and mkdocs runs as its ``mkdocs build`` command; the site is the same.
    ``editor`` and ``today`` are :func:`generate_tree`'s: with ``editor`` the
    pages show the validator's findings, for the people who write the agreements.
    """
    started = time.perf_counter()
    cache_root = cache_dir or default_cache_dir()
    project, shown = project.resolve(), out
    out = out if out.is_absolute() else Path.cwd() / out
    check_output_place(out, project, {"docs folder": docs_dir(project), "agreements folder": agreements_dir}, shown)
    _check_output(out, project, shown)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(out)  # what a killed build of this output left behind
    # mkdocs loads in its own process meanwhile; it runs once the tree and the documents are ready.
    with (
        contextlib.nullcontext(mkdocs) if mkdocs else MkdocsProcess() as process,
        tempfile.TemporaryDirectory(prefix="mga-build-") as work_name,
    ):
        work = Path(work_name)
        docs, config_path = work / "docs", work / "mkdocs.yml"
        rendering = BackgroundDocuments(
            docs / DOWNLOAD_DIR, cache_root / "documents", jobs, progress, work / "documents-flag"
        )
        new = new_folder(out)
        configs: list[dict[str, Any]] = []

        def validated(agreements: list[tuple[Agreement, Path]]) -> None:
            if documents:
                rendering.start(agreements)
            # mkdocs reads its configuration while the pages are generated.
            configs.append(mkdocs_config(project, docs, hooks=True))
            process.prepare(dump_config(configs[0], config_path), new)

        try:
            try:
                tree = generate_tree(
                    project,
                    docs,
                    agreements_dir=agreements_dir,
                    documents=documents,
                    policy=policy,
                    progress=progress,
                    cache_dir=cache_root,
                    validated=validated,
                    editor=editor,
                    today=today,
                )
            except BaseException:
                rendering.wait()
                raise
            result = BuildResult(report=tree.report, out=shown)
            if not tree.ok:
                return result
            # mkdocs lists the tree's files when it builds, and so does the page cache's shape:
            # every document must have its place (a link, maybe not rendered yet) by then.
            rendering.wait_placed()
            # The page cache and the links to the previous site need mkdocs internals: only with the speed-ups on.
            pages = PageCache(cache_root, project, work) if mkdocs_internals.enabled() else None
            page_env: dict[str, str] = {}
            if pages is not None:
                previous = out if (out / MARKER).is_file() and safe_plugins(configs[0], [str(HOOKS)]) else None
                page_env = pages.environment(configs[0], docs, previous)
            if rendering.started:
                # mkdocs waits for the documents only when it is about to copy them.
                page_env[DOCUMENTS_FLAG] = str(rendering.flag)
            progress("mkdocs build --strict")
            try:
                process.build(page_env)
            finally:
                rendering.wait()
                rendering.check()  # a rendering error is the reason, should mkdocs have stopped too
            swap(new, out)
            if pages is not None:
                pages.commit()
            for memo in tree.memos:
                memo.prune()
        finally:
            if new.exists():
                remove(new)
        result.pages = [page_path(a) for a, _ in tree.agreements]
    result.seconds = time.perf_counter() - started
    return result
