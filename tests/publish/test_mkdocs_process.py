"""mkdocs in a process started ahead of the build; documents rendered beside the pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sites import make_project

import mga_tools.render
from mga_tools.errors import RenderError
from mga_tools.load.companion import is_companion_file
from mga_tools.publish import mkdocs_internals
from mga_tools.publish.build import build_site
from mga_tools.publish.mkdocs_process import BuildError, MkdocsProcess, _Forked


def _config(folder: Path, page: str) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(page, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: t\ntheme:\n  name: material\n", encoding="utf-8")
    return config


@pytest.fixture(params=["fork", "spawn", "command"])
def start(request, monkeypatch):
    """The ways of running mkdocs.

    The runner forked from this process (Linux, one thread) or in a new
    interpreter; with the speed-ups off, mkdocs' own command line, run at the build.
    """
    if request.param == "fork" and not _Forked.usable():
        pytest.skip("forking is used only on Linux, from a process with a single thread")
    monkeypatch.setattr(_Forked, "usable", staticmethod(lambda: request.param == "fork"))
    if request.param == "command":
        monkeypatch.setenv(mkdocs_internals.ENV, "0")
    return request.param


# The process started ahead of the build; with the speed-ups off there is none.
started_early = pytest.mark.parametrize("start", ["fork", "spawn"], indirect=True)


def test_a_build_runs_in_the_waiting_process(tmp_path, start):
    config = _config(tmp_path, "# Hello\n")
    with MkdocsProcess() as process:
        assert isinstance(process._process, _Forked) == (start == "fork")
        assert (process._process is None) == (start == "command")
        process.prepare(config, tmp_path / "site")
        process.build()
    assert "Hello" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@started_early
def test_a_process_told_nothing_ends_with_status_0(tmp_path, start):
    with MkdocsProcess() as process:
        stdin = process._process.stdin
        assert stdin is not None
        stdin.close()
        assert process._process.wait() == 0


def test_a_refused_build_raises_with_mkdocs_messages(tmp_path, start):
    config = _config(tmp_path, "[broken](missing.md)\n")  # a warning, and the build is strict
    with MkdocsProcess() as process, pytest.raises(BuildError) as raised:
        process.prepare(config, tmp_path / "site")
        process.build()
    assert str(raised.value).startswith("mkdocs build failed:\n")
    assert "missing.md" in str(raised.value)


def test_a_refused_configuration_raises_at_the_build(tmp_path, start):
    config = _config(tmp_path, "# Hello\n")
    config.write_text("site_name: t\ntheme:\n  name: no-such-theme\n", encoding="utf-8")
    with MkdocsProcess() as process, pytest.raises(BuildError) as raised:
        process.prepare(config, tmp_path / "site")
        process.build()
    assert "no-such-theme" in str(raised.value)
    assert not (tmp_path / "site").exists()


@started_early
def test_an_unused_process_is_ended(tmp_path, start):
    with MkdocsProcess() as process:
        pass
    assert process._process.returncode is not None


@pytest.mark.slow  # two whole builds, the second with documents
def test_a_rendering_error_stops_the_build_and_keeps_the_last_site(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    out = tmp_path / "site"
    assert build_site(project, out, documents=False, cache_dir=tmp_path / "cache").ok
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))

    def fail(*args: object, **kwargs: object) -> None:
        raise RenderError("pandoc failed: simulated")

    monkeypatch.setattr(mga_tools.render, "render_documents", fail)
    with pytest.raises(RenderError, match="simulated"):
        build_site(project, out, documents=True, cache_dir=tmp_path / "cache")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


# A whole build with documents, rendered one at a time, each held back a second.
@pytest.mark.slow
def test_without_links_the_documents_are_copied_before_mkdocs_lists_them(tmp_path, monkeypatch):
    from mga_tools.render import batch

    project = make_project(tmp_path / "project")

    def no_links(self: Path, target: object, target_is_directory: bool = False) -> None:
        raise OSError("symbolic links are not supported here")

    render = batch._job

    def slow(job: object) -> None:
        time.sleep(1.0)  # the pages are ready long before the documents
        render(job)

    monkeypatch.setattr(Path, "symlink_to", no_links)
    monkeypatch.setattr(batch, "_job", slow)
    assert build_site(project, tmp_path / "site", cache_dir=tmp_path / "cache", jobs=1).ok
    downloads = {p.name for p in (tmp_path / "site" / "downloads").iterdir()}
    assert {
        f"{p.stem}.{fmt}"
        for p in (project / "agreements").glob("*.yaml")
        if not is_companion_file(p.name)
        for fmt in ("pdf", "docx")
    } <= downloads
