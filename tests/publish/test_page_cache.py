"""The page cache: a rebuild reuses the HTML of unchanged pages and gives the same site as a cold build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sites import make_project

from mga_tools.publish.build import build_site, generate_tree
from mga_tools.publish.mkdocs_process import run_mkdocs
from mga_tools.publish.page_cache import USED, PageCache
from mga_tools.publish.site_config import dump_config, mkdocs_config

EDITED = "agreements/three-firm-battery-recycling-jv.yaml"
# The tests that build compare two or three whole builds (seconds each): they are marked slow.


@pytest.fixture(autouse=True)
def _fixed_build_date(monkeypatch):
    # The sitemap carries the build date; pin it so that two builds can be compared byte for byte.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _entries(cache: Path) -> set[str]:
    return {p.name for p in (cache / "pages").rglob("*.json")}


def _build(project: Path, out: Path, cache: Path) -> None:
    result = build_site(project, out, documents=False, cache_dir=cache)
    assert result.ok


def _edit(project: Path, old: str, new: str) -> None:
    path = project / EDITED
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_term_text(project: Path) -> str:
    lines = (project / EDITED).read_text(encoding="utf-8").splitlines()
    start = lines.index("terms:")
    return next(line.split("text:", 1)[1].strip() for line in lines[start:] if "text:" in line and len(line) > 20)


@pytest.mark.slow
def test_rebuild_after_an_edit_builds_one_page_and_matches_a_cold_build(tmp_path):
    warm, cold = make_project(tmp_path / "warm"), make_project(tmp_path / "cold")
    _build(warm, tmp_path / "site-warm", tmp_path / "cache-warm")
    first = _entries(tmp_path / "cache-warm")
    pages = {p for p in _site(tmp_path / "site-warm") if p.endswith(".html") and p != "404.html"}
    assert len(first) == len(pages)  # every page, the tags listing too

    term = _first_term_text(warm)
    for project in (warm, cold):
        _edit(project, term, "The parties now agree to something else entirely.")
    _build(warm, tmp_path / "site-warm", tmp_path / "cache-warm")
    _build(cold, tmp_path / "site-cold", tmp_path / "cache-cold")

    assert _site(tmp_path / "site-warm") == _site(tmp_path / "site-cold")
    after = _entries(tmp_path / "cache-warm")
    assert len(after - first) == 1  # the edited agreement's page, nothing else
    assert len(first - after) == 1  # its previous entry is dropped
    page = tmp_path / "site-warm/agreements/three-firm-battery-recycling-jv.html"
    assert "something else entirely" in page.read_text(encoding="utf-8")
    search = json.loads((tmp_path / "site-warm/search/search_index.json").read_text())
    assert any("something else entirely" in doc["text"] for doc in search["docs"])


@pytest.mark.slow
def test_a_changed_tag_builds_the_tags_listing_again(tmp_path):
    warm, cold = make_project(tmp_path / "warm"), make_project(tmp_path / "cold")
    _build(warm, tmp_path / "site-warm", tmp_path / "cache-warm")
    first = _entries(tmp_path / "cache-warm")
    for project in (warm, cold):
        _edit(project, "\nstatus: proposed\n", "\nstatus: draft\n")  # the status is one of the page's tags
    _build(warm, tmp_path / "site-warm", tmp_path / "cache-warm")
    _build(cold, tmp_path / "site-cold", tmp_path / "cache-cold")

    assert _site(tmp_path / "site-warm") == _site(tmp_path / "site-cold")
    # The edited page, the portfolio (it shows each status) and the tags listing.
    assert len(_entries(tmp_path / "cache-warm") - first) == 3
    listing = (tmp_path / "site-warm/tags.html").read_text(encoding="utf-8")
    assert "draft" in listing


@pytest.mark.slow
def test_a_new_title_changes_every_page(tmp_path):
    warm, cold = make_project(tmp_path / "warm"), make_project(tmp_path / "cold")
    _build(warm, tmp_path / "site-warm", tmp_path / "cache-warm")
    first = _entries(tmp_path / "cache-warm")
    for project in (warm, cold):
        text = (project / EDITED).read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        _edit(project, title, "title: A Renamed Joint Venture")
    _build(warm, tmp_path / "site-warm", tmp_path / "cache-warm")
    _build(cold, tmp_path / "site-cold", tmp_path / "cache-cold")

    assert _site(tmp_path / "site-warm") == _site(tmp_path / "site-cold")
    # The navigation of every page shows the title: no page may come from the cache.
    assert not (_entries(tmp_path / "cache-warm") & first)


@pytest.mark.slow
def test_a_damaged_entry_is_built_again(tmp_path):
    project = make_project(tmp_path / "project")
    _build(project, tmp_path / "site", tmp_path / "cache")
    good = _site(tmp_path / "site")
    for entry in (tmp_path / "cache" / "pages").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    _build(project, tmp_path / "site", tmp_path / "cache")
    assert _site(tmp_path / "site") == good
    for entry in (tmp_path / "cache" / "pages").rglob("*.json"):
        assert set(json.loads(entry.read_text(encoding="utf-8"))) == {"output", "search"}


def test_commit_without_a_finished_build_changes_nothing(tmp_path):
    cache = PageCache(tmp_path / "cache", tmp_path / "project", tmp_path / "work")
    cache.folder.mkdir(parents=True)
    (cache.folder / "kept.json").write_text("{}", encoding="utf-8")
    cache.pending.mkdir(parents=True)
    (cache.pending / "new.json").write_text("{}", encoding="utf-8")
    cache.commit()  # no list of used entries: mkdocs did not finish
    assert sorted(p.name for p in cache.folder.iterdir()) == ["kept.json"]

    (cache.pending / USED).write_text(json.dumps(["new"]), encoding="utf-8")
    cache.commit()
    assert sorted(p.name for p in cache.folder.iterdir()) == ["new.json"]
    assert not cache.pending.exists()


@pytest.mark.slow
def test_the_hooks_do_nothing_in_a_plain_mkdocs_build(tmp_path, monkeypatch):
    monkeypatch.delenv("MGA_PAGE_CACHE", raising=False)
    project = make_project(tmp_path / "project")
    tree = generate_tree(project, tmp_path / "docs")
    assert tree.ok
    config = mkdocs_config(project, tmp_path / "docs", hooks=True)
    run_mkdocs(dump_config(config, tmp_path / "mkdocs.yml"), tmp_path / "site")
    page = (tmp_path / "site/agreements/three-firm-battery-recycling-jv.html").read_text(encoding="utf-8")
    assert "Follow-through" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml", "project", "site"]


@pytest.mark.slow
def test_an_unchanged_rebuild_reuses_validation_pages_and_documents(tmp_path, monkeypatch):
    from mga_tools import validate
    from mga_tools.publish import build
    from mga_tools.render import batch

    project = make_project(tmp_path / "project")
    assert build_site(project, tmp_path / "site", cache_dir=tmp_path / "cache").ok
    first = _site(tmp_path / "site")
    downloads = [p for p in (tmp_path / "site" / "downloads").iterdir()]
    assert {p.suffix for p in downloads} == {".pdf", ".docx", ".yaml"}
    # The docs tree links to the rendered documents in the cache; the site holds copies.
    assert not any(p.is_symlink() for p in downloads)

    def refuse(*args, **kwargs):
        raise AssertionError("computed again although nothing changed")

    monkeypatch.setattr(validate, "_check_one", refuse)
    monkeypatch.setattr(build, "agreement_page", refuse)
    monkeypatch.setattr(batch, "_job", refuse)
    assert build_site(project, tmp_path / "site", cache_dir=tmp_path / "cache").ok
    assert _site(tmp_path / "site") == first

    # An edited agreement alone is validated, generated and rendered again.
    calls: list[str] = []
    check_one = validate._check_one
    monkeypatch.setattr(validate, "_check_one", lambda job: calls.append(job[1]) or check_one(job))
    term = _first_term_text(project)
    _edit(project, term, "The parties now agree to something else entirely.")
    with pytest.raises(AssertionError, match="computed again"):
        build_site(project, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert calls == [EDITED]
    assert _site(tmp_path / "site") == first  # the failed build left the last good site


def test_the_shape_counts_a_link_whether_or_not_its_document_is_rendered_yet(tmp_path):
    from mga_tools.publish.page_cache import shape

    docs = tmp_path / "docs"
    (docs / "downloads").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    target = tmp_path / "cache" / "a.pdf"
    (docs / "downloads" / "a.pdf").symlink_to(target)
    before = shape({"site_name": "t"}, docs)
    target.parent.mkdir()
    target.write_bytes(b"%PDF")
    assert shape({"site_name": "t"}, docs) == before
    (docs / "downloads" / "a.pdf").unlink()
    assert shape({"site_name": "t"}, docs) != before
