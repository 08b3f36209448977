"""A rebuild links the files that come out the same to the previous site, and never changes that site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs import utils
from sites import make_project

from mga_tools.publish.build import build_site
from mga_tools.publish.mkdocs_internals.site_reuse import SiteReuse, safe_plugins
from mga_tools.publish.mkdocs_process import BuildError

HOOKS = "/somewhere/mkdocs_hooks.py"


@pytest.fixture
def sites(tmp_path: Path) -> tuple[Path, Path]:
    previous, new = tmp_path / "old", tmp_path / "new"
    (previous / "assets").mkdir(parents=True)
    (previous / "assets" / "main.css").write_bytes(b"body {}\n")
    (previous / "index.html").write_bytes(b"<p>old</p>\n")
    new.mkdir()
    return previous, new


@pytest.fixture
def reuse(sites: tuple[Path, Path]):
    previous, new = sites
    reuse = SiteReuse(previous, new)
    reuse.install()
    yield reuse
    reuse.uninstall()


def test_a_copy_with_the_same_bytes_becomes_a_link(sites, reuse, tmp_path):
    previous, new = sites
    source = tmp_path / "main.css"
    source.write_bytes(b"body {}\n")
    utils.copy_file(str(source), str(new / "assets" / "main.css"))
    assert os.path.samefile(new / "assets" / "main.css", previous / "assets" / "main.css")
    assert reuse.linked == 1


def test_different_bytes_are_written_as_usual(sites, reuse, tmp_path):
    previous, new = sites
    source = tmp_path / "main.css"
    source.write_bytes(b"body { color: red }\n")
    utils.copy_file(str(source), str(new / "assets" / "main.css"))
    utils.write_file(b"<p>new</p>\n", str(new / "index.html"))
    assert not os.path.samefile(new / "assets" / "main.css", previous / "assets" / "main.css")
    assert (new / "index.html").read_bytes() == b"<p>new</p>\n"
    assert (previous / "index.html").read_bytes() == b"<p>old</p>\n"
    assert reuse.linked == 0


def test_a_file_without_a_counterpart_is_written_as_usual(sites, reuse):
    _, new = sites
    utils.write_file(b"{}", str(new / "search" / "search_index.json"))
    assert (new / "search" / "search_index.json").read_bytes() == b"{}"
    assert reuse.linked == 0


def test_writing_a_linked_path_again_never_writes_through_to_the_old_site(sites, reuse):
    previous, new = sites
    utils.write_file(b"<p>old</p>\n", str(new / "index.html"))
    assert reuse.linked == 1
    utils.write_file(b"<p>changed</p>\n", str(new / "index.html"))
    assert (new / "index.html").read_bytes() == b"<p>changed</p>\n"
    assert (previous / "index.html").read_bytes() == b"<p>old</p>\n"


def test_a_symbolic_link_in_the_old_site_is_not_reused(sites, reuse, tmp_path):
    previous, new = sites
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(b"<p>x</p>\n")
    (previous / "linked.html").symlink_to(elsewhere)
    utils.write_file(b"<p>x</p>\n", str(new / "linked.html"))
    assert not (new / "linked.html").is_symlink()
    assert not os.path.samefile(new / "linked.html", elsewhere)
    assert reuse.linked == 0


def test_uninstall_restores_mkdocs_functions(sites):
    copy_file, write_file = utils.copy_file, utils.write_file
    reuse = SiteReuse(*sites)
    reuse.install()
    assert utils.copy_file is not copy_file
    reuse.uninstall()
    assert (utils.copy_file, utils.write_file) == (copy_file, write_file)


@pytest.mark.parametrize(
    ("config", "safe"),
    [
        ({"plugins": ["search", "tags"], "hooks": [HOOKS]}, True),
        ({"plugins": [{"material/search": {"lang": "en"}}, "material/tags"]}, True),
        ({"plugins": ["search", "social"]}, False),
        ({"plugins": [{"minify": {"minify_html": True}}]}, False),
        ({"plugins": ["search"], "hooks": [HOOKS, "project_hooks.py"]}, False),
        ({}, True),
    ],
)
def test_only_known_plugins_and_hooks_allow_links(config, safe):
    assert safe_plugins(config, [HOOKS]) is safe


def _files(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_ino) for p in site.rglob("*") if p.is_file()}


@pytest.mark.slow  # two whole builds
def test_a_rebuild_keeps_the_unchanged_files_of_the_site(tmp_path):
    project = make_project(tmp_path / "project")
    out, cache = tmp_path / "site", tmp_path / "cache"
    assert build_site(project, out, documents=False, cache_dir=cache).ok
    before = _files(out)
    handwritten = project / "docs" / "guide.md"
    handwritten.write_text(handwritten.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build_site(project, out, documents=False, cache_dir=cache).ok
    after = _files(out)
    # The same inode under the same name: the file was linked, not written again.
    kept = {name for name, (data, inode) in after.items() if before.get(name) == (data, inode)}
    assert "assets/stylesheets/" + next(n for n in os.listdir(out / "assets" / "stylesheets")) in kept
    assert "downloads/three-firm-battery-recycling-jv.yaml" in kept
    assert after["guide.html"][1] != before["guide.html"][1]
    assert len(kept) > len(after) // 2


@pytest.mark.slow  # two whole builds
def test_a_failed_rebuild_leaves_every_file_of_the_last_site_as_it_was(tmp_path):
    project = make_project(tmp_path / "project")
    out, cache = tmp_path / "site", tmp_path / "cache"
    assert build_site(project, out, documents=False, cache_dir=cache).ok
    before = _files(out)
    # A broken link is a warning, and a strict build stops at the end, after every file was written.
    (project / "docs" / "broken.md").write_text("# Broken\n\n[missing](missing.md)\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"missing\.md"):
        build_site(project, out, documents=False, cache_dir=cache)
    assert _files(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
