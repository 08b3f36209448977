"""The speed-ups that rely on mkdocs internals change nothing in the site: builds with them on and off compare equal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sites import make_project

from mga_tools.publish import mkdocs_internals
from mga_tools.publish.build import build_site
from mga_tools.publish.mkdocs_process import MkdocsProcess


@pytest.fixture(autouse=True)
def _fixed_build_date(monkeypatch):
    # The only legitimate difference between two builds: mkdocs writes the build date into the
    # sitemap (and the gzip header of its compressed copy). Pinned, so that every byte must match.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    only = sorted(set(one) ^ set(other))
    changed = sorted(name for name in set(one) & set(other) if one[name] != other[name])
    return [f"only in one site: {name}" for name in only] + [f"different bytes: {name}" for name in changed]


@pytest.mark.parametrize("value", ["0", "off", "False", " no "])
def test_the_switch_reads_the_usual_words_for_off(monkeypatch, value):
    monkeypatch.setenv(mkdocs_internals.ENV, value)
    assert not mkdocs_internals.enabled()


@pytest.mark.parametrize("value", [None, "", "1", "on"])
def test_the_speed_ups_are_on_by_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv(mkdocs_internals.ENV, raising=False)
    else:
        monkeypatch.setenv(mkdocs_internals.ENV, value)
    assert mkdocs_internals.enabled()


@pytest.mark.slow
def test_the_site_is_the_same_with_the_speed_hooks_on_and_off(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    fast_cache, plain_cache = tmp_path / "cache-fast", tmp_path / "cache-plain"

    monkeypatch.delenv(mkdocs_internals.ENV, raising=False)
    assert build_site(project, tmp_path / "fast", cache_dir=fast_cache).ok
    cold = _site(tmp_path / "fast")
    # Again into the same folder: every page from the page cache, unchanged files linked to the previous site.
    assert build_site(project, tmp_path / "fast", cache_dir=fast_cache).ok
    warm = _site(tmp_path / "fast")
    assert any(fast_cache.glob("templates/theme-files-*.json"))
    assert any(fast_cache.glob("pages/*/*.json"))

    monkeypatch.setenv(mkdocs_internals.ENV, "0")
    # The rendered documents are mga-tools' own cache, not a speed-up over mkdocs: share them to save time.
    shutil.copytree(fast_cache / "documents", plain_cache / "documents")
    with MkdocsProcess() as process:
        assert process._process is None  # nothing forked or started ahead: mkdocs runs as its command
        assert build_site(project, tmp_path / "plain", cache_dir=plain_cache, mkdocs=process).ok
    plain = _site(tmp_path / "plain")
    # Nothing of the speed-ups ran: no page cache, no theme listing, no compiled templates.
    assert not (plain_cache / "pages").exists()
    assert not (plain_cache / "templates").exists()

    assert {name.split("/")[0] for name in plain} >= {"agreements", "downloads", "search", "tags.html", "index.html"}
    assert any(name.endswith(".pdf") for name in plain) and any(name.endswith(".docx") for name in plain)
    assert _differences(cold, plain) == []
    assert _differences(warm, plain) == []
