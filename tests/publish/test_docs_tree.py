"""The generated docs tree: unchanged files stay, stale ones go."""

from __future__ import annotations

from pathlib import Path

import pytest
from sites import make_project

from mga_tools.publish.build import build_site
from mga_tools.publish.docs_tree import TreeWriter, prune
from mga_tools.publish.serve import Preview

REMOVED = "agreements/three-firm-battery-recycling-jv.yaml"


@pytest.fixture(autouse=True)
def _fixed_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the sitemap's date, for byte-for-byte comparisons


def test_the_same_content_is_not_written_again(tmp_path):
    writer = TreeWriter(tmp_path)
    writer.write("a/page.md", "# Page\n")
    before = (tmp_path / "a" / "page.md").stat()
    TreeWriter(tmp_path).write("a/page.md", "# Page\n")
    after = (tmp_path / "a" / "page.md").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    TreeWriter(tmp_path).write("a/page.md", "# Changed\n")
    assert (tmp_path / "a" / "page.md").read_text(encoding="utf-8") == "# Changed\n"
    assert writer.files == {"a/page.md"}


def test_a_link_in_the_way_is_replaced_not_written_through(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "page.md").symlink_to(outside)
    TreeWriter(tmp_path / "tree").write("page.md", "keep me\n")
    assert not (tmp_path / "tree" / "page.md").is_symlink()
    assert outside.read_text(encoding="utf-8") == "keep me\n"


def test_copy_folder_writes_every_file(tmp_path):
    (tmp_path / "src" / "img").mkdir(parents=True)
    (tmp_path / "src" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "src" / "img" / "logo.png").write_bytes(b"\x89PNG")
    writer = TreeWriter(tmp_path / "out")
    writer.copy_folder(tmp_path / "src")
    assert writer.files == {"index.md", "img/logo.png"}
    assert (tmp_path / "out" / "img" / "logo.png").read_bytes() == b"\x89PNG"


def test_prune_keeps_only_what_is_listed(tmp_path):
    for name in ("keep.md", "old.md", "sub/old.md", "sub2/keep.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "nowhere.pdf")
    prune(tmp_path, {"keep.md", "sub2/keep.md"})
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert left == ["keep.md", "sub2", "sub2/keep.md"]


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# Three whole builds.
@pytest.mark.slow
def test_a_removed_agreement_leaves_no_page_behind(tmp_path):
    warm, cold = make_project(tmp_path / "warm"), make_project(tmp_path / "cold")
    assert build_site(warm, tmp_path / "site-warm", documents=False, cache_dir=tmp_path / "cache").ok
    for project in (warm, cold):
        (project / REMOVED).unlink()
    assert build_site(warm, tmp_path / "site-warm", documents=False, cache_dir=tmp_path / "cache").ok
    assert build_site(cold, tmp_path / "site-cold", documents=False, cache_dir=tmp_path / "cache-cold").ok
    warm_site = _site(tmp_path / "site-warm")
    assert not any("three-firm-battery-recycling-jv" in name for name in warm_site)
    assert warm_site == _site(tmp_path / "site-cold")


@pytest.mark.slow  # two generations of the preview's tree
def test_the_preview_drops_the_page_of_a_removed_agreement(tmp_path):
    project = make_project(tmp_path / "project")
    preview = Preview(project, tmp_path / "work")
    assert preview.regenerate().ok
    page = preview.docs / "agreements" / "three-firm-battery-recycling-jv.md"
    assert page.is_file()
    (project / REMOVED).unlink()
    assert preview.regenerate().ok
    assert not page.exists()
