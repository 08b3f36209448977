"""Batch rendering: every agreement in parallel, and unchanged agreements come from the cache."""

from __future__ import annotations

import copy
import os
import shutil

import pytest
from conftest import ROOT
from render_helpers import EXAMPLES, agreement

from mga_tools import markdown as md
from mga_tools.errors import RenderError
from mga_tools.load import load
from mga_tools.model import Agreement
from mga_tools.model.agreement import linked
from mga_tools.render import batch, convert, render_documents
from mga_tools.render.site import agreement_page
from mga_tools.validate.policy import load_policy
from mga_tools.validate.registry import RULES


def _refuse(*args, **kwargs):
    raise AssertionError("rendered although the cache holds the document")


def test_second_run_renders_nothing(tmp_path, monkeypatch):
    items = [(agreement(path), path) for path in EXAMPLES]
    cache = tmp_path / "cache"
    first = render_documents(items, tmp_path / "one", jobs=2, cache_dir=cache)
    assert sorted(first) == sorted(a.id for a, _ in items)
    for ident, files in first.items():
        assert files == {"pdf": tmp_path / "one" / f"{ident}.pdf", "docx": tmp_path / "one" / f"{ident}.docx"}
        assert all(path.stat().st_size > 0 for path in files.values())
    cached = {path: path.stat().st_mtime_ns for path in cache.rglob("*") if path.is_file()}
    assert len(cached) == 2 * len(items)

    # In-process (jobs=1), any rendering would call the converters: forbid them.
    monkeypatch.setattr(convert, "to_pdf", _refuse)
    monkeypatch.setattr(convert, "to_docx", _refuse)
    second = render_documents(items, tmp_path / "two", jobs=1, cache_dir=cache)
    for ident, files in second.items():
        for fmt, path in files.items():
            assert path.read_bytes() == first[ident][fmt].read_bytes()
    assert {path: path.stat().st_mtime_ns for path in cache.rglob("*") if path.is_file()} == cached


def test_a_changed_agreement_alone_is_rendered_again(tmp_path, monkeypatch):
    items = [(agreement(path), path) for path in EXAMPLES[:2]]
    cache = tmp_path / "cache"
    render_documents(items, tmp_path / "out", jobs=1, cache_dir=cache)
    changed = copy.deepcopy(items[0][0].data)
    changed["title"] += " (amended)"
    calls: list[str] = []
    real = batch.render

    def counting(item, fmt, out, *, source=None):
        calls.append(f"{item.id}.{fmt}")
        return real(item, fmt, out, source=source)

    monkeypatch.setattr(batch, "render", counting)
    render_documents([(Agreement(changed), items[0][1]), items[1]], tmp_path / "out", jobs=1, cache_dir=cache)
    assert sorted(calls) == [f"{items[0][0].id}.docx", f"{items[0][0].id}.pdf"]


def test_the_agreement_text_counts_in_the_cache_key(tmp_path):
    # The PDF carries the agreement's file as it is: a new comment changes the PDF, not the fingerprint.
    item = agreement(EXAMPLES[0])
    text = EXAMPLES[0].read_bytes()
    keys = {batch.cache_key(item, "t", source) for source in (text, text + b"# a comment\n", None)}
    assert len(keys) == 3


def test_without_cache_writes_straight_to_the_output(tmp_path):
    item = agreement(EXAMPLES[0])
    result = render_documents([(item, EXAMPLES[0])], tmp_path, jobs=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{item.id}.docx", f"{item.id}.pdf"]
    assert result[item.id]["pdf"].read_bytes().startswith(b"%PDF-")


def test_pandoc_failure_is_a_render_error(tmp_path):
    with pytest.raises(RenderError, match="pandoc failed"):
        convert.to_docx({"blocks": "not a document"}, tmp_path / "x.docx", header_fields={}, epoch=0)


def test_few_documents_run_on_threads_and_can_be_linked(tmp_path, monkeypatch):
    import concurrent.futures

    item = (agreement(EXAMPLES[0]), EXAMPLES[0])
    alone = render_documents([item], tmp_path / "alone", jobs=1)

    def no_processes(*args, **kwargs):
        raise AssertionError("worker processes started for two documents")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_processes)
    cache = tmp_path / "cache"
    linked = render_documents([item], tmp_path / "linked", jobs=2, cache_dir=cache, link=True)
    ident = item[0].id
    for fmt in batch.FORMATS:
        path = linked[ident][fmt]
        assert path.is_symlink() and path.resolve().is_relative_to(cache.resolve())
        assert path.read_bytes() == alone[ident][fmt].read_bytes()


def test_only_plain_file_names_are_placed_beside_the_document(tmp_path):
    for name in ("../x.svg", "sub/x.svg", ".hidden.svg", "agreement.typ"):
        with pytest.raises(RenderError, match="not a plain file name"):
            convert.to_docx({"blocks": []}, tmp_path / "x.docx", header_fields={}, epoch=0, files={name: b"<svg/>"})
    assert not (tmp_path / "x.docx").exists()


def test_the_attached_source_is_named_by_a_slug_only():
    assert '#pdf.attach("harbour-access.yaml", relationship: "source"' in convert._attachment("harbour-access")
    with pytest.raises(RenderError, match="an agreement id is a slug"):
        convert._attachment('x", evil: "')


CASES = ROOT / "tests" / "validate" / "cases" / "valid" / "REF-UNRESOLVED"


def test_another_agreement_is_named_by_its_title(tmp_path):
    """A related agreement in the same folder reads by its title, in the document and on the site alike."""
    shutil.copy(CASES / "related-agreement-exists.yaml", tmp_path)
    other = "Dredging <and> berth schedule"
    text = (CASES / "all-resolved.yaml").read_text(encoding="utf-8")
    (tmp_path / "all-resolved.yaml").write_text(text.replace('title: "Harbour \\"access\\" <b>"', f"title: {other}"))
    assert load(tmp_path / "all-resolved.yaml").data["title"] == other
    policy = load_policy(ROOT / "schema" / "policy.yaml", set(RULES))
    _, out = batch.render_file("related-agreement-exists", tmp_path, "md", tmp_path / "doc.md", policy)
    assert out is not None
    text = out.read_text(encoding="utf-8")
    assert "**Depends on:** Dredging \\<and\\> berth schedule" in text and "all-resolved" not in text
    first, second = linked([load(tmp_path / f"{n}.yaml").data for n in ("related-agreement-exists", "all-resolved")])
    assert (first.others, second.others) == ({"all-resolved": other}, {})
    assert md.text(other) in agreement_page(first)
    # The titles of the agreements it names decide its documents too.
    assert batch.cache_key(first) != batch.cache_key(Agreement(first.data))


def _niceness_after_yield(queue) -> None:
    batch._yield_cpu()
    queue.put(os.nice(0))


def test_rendering_workers_run_below_the_building_process():
    """The pages and mkdocs, the build's critical path, get the CPU first; documents take the rest."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    queue = context.Queue()
    child = context.Process(target=_niceness_after_yield, args=(queue,))
    child.start()
    child.join(timeout=60)
    assert queue.get(timeout=5) == min(19, os.nice(0) + batch.WORKER_NICENESS)
