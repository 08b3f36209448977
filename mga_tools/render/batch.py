"""Render many agreements at once: in parallel, with a content-addressed cache.

A cache entry is keyed by everything that decides the output bytes: the
agreement's fingerprint, the templates, the versions of pandoc, Typst and
mga-tools, and the timestamp written into the files. An unchanged agreement
is copied from the cache instead of being rendered again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mga_tools import __version__
from mga_tools.diagnostics import Diagnostic
from mga_tools.errors import RenderError
from mga_tools.load import load
from mga_tools.model import Agreement
from mga_tools.outputs import write_atomic
from mga_tools.render import convert, ladder
from mga_tools.render.document import build, header_fields, source_epoch
from mga_tools.validate.checked import Checked, check_agreement
from mga_tools.validate.policy import Policy

FORMATS = ("pdf", "docx")
# Up to this many documents to render, threads beat worker processes (see render_documents).
FEW = len(FORMATS)


def render(agreement: Agreement, fmt: str, out: Path, *, source: bytes | None = None) -> Path:
    """Write ``agreement`` as ``fmt`` (``pdf``, ``docx`` or ``md``) to ``out``.

    ``source`` is the agreement's YAML exactly as read from its file: the PDF
    carries it as an attachment (none without it).
    """
    if fmt not in (*FORMATS, "md"):
        raise ValueError(f"unknown format {fmt!r}")
    ast = build(agreement)
    if fmt == "md":
        return write_atomic(out, convert.to_markdown(ast).encode("utf-8"))
    fields, epoch, files = header_fields(agreement), source_epoch(agreement), ladder.figures(agreement)
    if fmt == "pdf":
        return convert.to_pdf(ast, out, header_fields=fields, epoch=epoch, files=files, source=source)
    return convert.to_docx(ast, out, header_fields=fields, epoch=epoch, files=files)


def cache_key(agreement: Agreement, templates: str | None = None, source: bytes | None = None) -> str:
    """What decides the bytes of an agreement's documents, hashed (``templates``: a known templates hash).

    The figures are drawn from the agreement's data, which its fingerprint
    covers; the attached ``source`` is its text, which may differ (comments,
    layout) under one fingerprint, so it counts on its own.
    """
    parts = [
        header_fields(agreement)["fingerprint"],
        hashlib.sha256(source).hexdigest() if source is not None else "no source",
        # The titles of the other agreements it names: they are printed in it.
        json.dumps(sorted(agreement.others.items())),
        templates or convert.templates_hash(),
        convert.tool_versions(),
        __version__,
        str(source_epoch(agreement)),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


Job = tuple[dict[str, object], dict[str, str], str, str, bytes | None]  # data, titles of others, format, out, source


def _job(job: Job) -> str:
    data, others, fmt, out, source = job
    return str(render(Agreement(data, others), fmt, Path(out), source=source))


def _named(data: dict[str, Any], folder: Path) -> Agreement:
    """``data`` as an :class:`Agreement` that knows the titles of the agreements in ``folder`` it names."""
    agreement = Agreement(data)
    for ident in agreement.referenced_agreements:
        other = load(folder / f"{ident}.yaml").data if (folder / f"{ident}.yaml").is_file() else None
        if isinstance(other, dict) and isinstance(other.get("title"), str):
            agreement.others[ident] = other["title"]
    return agreement


def _source(path: Path) -> bytes | None:
    """The bytes of an agreement's file, to attach to its PDF; ``None`` when it cannot be read (no attachment)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def render_documents(
    agreements: list[tuple[Agreement, Path]],
    out_dir: Path,
    *,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    link: bool = False,
    placed: Callable[[], None] | None = None,
) -> dict[str, dict[str, Path]]:
    """Write ``ID.pdf`` and ``ID.docx`` for each agreement into ``out_dir``; returns id -> format -> path.

    ``agreements`` pairs each (validated) agreement with its source file.
    Documents are rendered on ``jobs`` processes (default: all cores); with
    ``cache_dir``, documents already rendered for the same cache key are
    copied from there, or, with ``link``, linked to from there (for a caller
    that copies the files on, as mkdocs does). Raises
    :class:`mga_tools.errors.RenderError` when pandoc or Typst fails, and
    before anything is written when two agreements share an id.
    ``placed`` is called once every document has its place in ``out_dir``: with
    ``link``, before rendering (a link may point at a document still to come);
    else, or where links cannot be made, once the files are there.
    """
    sources: dict[str, Path] = {}
    for agreement, source in agreements:
        earlier = sources.setdefault(agreement.id, source)
        if earlier != source:
            # Validation refuses this (AGREEMENT-ID-DUPLICATE); a caller that skipped it must not lose a document.
            raise RenderError(
                f"{agreement.id}.pdf and {agreement.id}.docx would be written twice: from {earlier} and from "
                f"{source}; every agreement id names one file only"
            )
    out_dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, dict[str, Path]] = {}
    work: list[Job] = []
    copies: list[tuple[Path, Path]] = []
    templates = convert.templates_hash()
    for agreement, path in agreements:
        raw = _source(path)
        where = cache_dir / cache_key(agreement, templates, raw) if cache_dir is not None else out_dir
        result[agreement.id] = {}
        for fmt in FORMATS:
            target = out_dir / f"{agreement.id}.{fmt}"
            rendered = where / f"{agreement.id}.{fmt}"
            result[agreement.id][fmt] = target
            if cache_dir is None or not rendered.is_file():
                work.append((agreement.data, agreement.others, fmt, str(rendered), raw if fmt == "pdf" else None))
            if cache_dir is not None:
                copies.append((rendered, target))
    if link:
        # Links go in first, even to documents not rendered yet: a caller may start reading
        # the folder's listing meanwhile (mkdocs does) and copy the files once this returns.
        copies = [(rendered, target) for rendered, target in copies if not _link(rendered, target)]
    if placed is not None and link and cache_dir is not None and not copies:
        placed()  # every document has its link
        placed = None
    workers = min(jobs or os.cpu_count() or 1, len(work))
    if workers > 1 and len(work) <= FEW:
        # A handful of documents (a rebuild after one edit): starting processes would cost more than the
        # conversions, which spend their time in pandoc's own process anyway; threads run them side by side.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as threads:
            list(threads.map(_job, work))
    elif workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Workers are started from a clean server process, not forked from this
        # one: Typst may already run threads here, and a fork would copy their locks.
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_yield_cpu) as pool:
            list(pool.map(_job, work))
    else:
        for job in work:
            _job(job)
    for rendered, target in copies:
        target.unlink(missing_ok=True)
        shutil.copyfile(rendered, target)
    if placed is not None:
        placed()  # some documents are copies (no links here, or no cache): in place only now
    return result


WORKER_NICENESS = 10


def _yield_cpu() -> None:
    """Run this rendering worker at a lower priority than the process that started it.

    The documents are the bulk of a build, but not its critical path: the
    pages, then mkdocs, run meanwhile in the calling process and its mkdocs
    process, and mkdocs waits for the documents only when it copies them. At a
    lower priority the workers take whatever CPU those leave, instead of
    holding them back for a share of it.
    """
    with contextlib.suppress(OSError):  # a platform without nice: the default priority
        os.nice(WORKER_NICENESS)


def _link(rendered: Path, target: Path) -> bool:
    """Link ``target`` to ``rendered``; false where the file system has no symbolic links (copy then)."""
    target.unlink(missing_ok=True)
    try:
        target.symlink_to(rendered.resolve())
    except OSError:
        return False
    return True


def render_file(ident: str, folder: Path, fmt: str, out: Path, policy: Policy) -> tuple[list[Diagnostic], Path | None]:
    """Validate ``folder/ID.yaml`` under ``policy`` and, if it has no error, render it as ``fmt`` to ``out``.

    Returns the diagnostics and the path written (``None`` when the agreement
    has errors and nothing was rendered). Raises
    :class:`mga_tools.errors.UsageError` for an unknown agreement.
    """
    checked = check_agreement(ident, folder, policy)
    if checked.data is None or checked.blocked():
        return checked.diagnostics, None
    named = _named(checked.data, checked.path.parent)
    return checked.diagnostics, render(named, fmt, out, source=_source(checked.path))


def signing_copy(ident: str, folder: Path, policy: Policy) -> tuple[Checked, Path | None, bool]:
    """Validate ``folder/ID.yaml`` and find, or render, the PDF that collects its signatures.

    Returns what validation found, the PDF's path (``None`` when the
    agreement has errors: nothing is rendered then) and whether it was
    rendered now. Raises :class:`mga_tools.errors.RecordError` when the
    agreement is not sealed over its content. The PDF is ``ID.signatures/ID.pdf`` beside the agreement
    (:func:`mga_tools.records.pdf_agreement.signed_pdf`); one already there is
    left as it is, since it may hold signatures.
    """
    from mga_tools.records.pdf_agreement import sealed_state, signed_pdf

    checked = check_agreement(ident, folder, policy)
    if checked.data is None or checked.blocked():
        return checked, None, False
    sealed_state(checked.path, checked.data)  # signatures are made over a seal, as with SSH keys
    target = signed_pdf(checked.path)
    if target.is_file():
        return checked, target, False
    target.parent.mkdir(exist_ok=True)
    render(_named(checked.data, checked.path.parent), "pdf", target, source=_source(checked.path))
    return checked, target, True
