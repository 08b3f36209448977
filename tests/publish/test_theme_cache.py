"""The theme's environments: the cached file listing equals mkdocs' own, and a project's custom folder stays live."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest
from jinja2 import FileSystemLoader
from mkdocs.config import load_config

from mga_tools.publish.mkdocs_internals.theme import listing, reuse_theme


def _keep(name: str) -> bool:
    # The same kind of filter mkdocs applies: no dot files, no templates, no theme configuration.
    return not any(fnmatch.fnmatch(name.lower(), p) for p in (".*", "*/.*", "*.html", "*.py", "mkdocs_theme.yml"))


def _plain(dirs: list[str]) -> list[str]:
    return [name for name in FileSystemLoader(dirs).list_templates() if _keep(name)]


@pytest.fixture
def theme_dirs(tmp_path: Path) -> list[str]:
    custom = tmp_path / "overrides"
    (custom / "assets").mkdir(parents=True)
    (custom / "assets" / "extra.css").write_text("body {}", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ntheme:\n  name: material\n  custom_dir: {custom}\n", encoding="utf-8")
    return [str(d) for d in load_config(str(config)).theme.dirs]


def test_the_cached_listing_is_mkdocs_listing(tmp_path, theme_dirs):
    cache = tmp_path / "cache"
    first = listing(theme_dirs, _keep, cache, ["settings"])
    assert len(list(cache.glob("theme-files-*.json"))) == 1
    second = listing(theme_dirs, _keep, cache, ["settings"])
    assert first == second == sorted(set(_plain(theme_dirs)))
    assert "assets/extra.css" in first
    assert any(name.startswith("assets/stylesheets/main.") for name in first)  # Material's own assets


def test_a_custom_folder_is_listed_afresh(tmp_path, theme_dirs):
    cache = tmp_path / "cache"
    listing(theme_dirs, _keep, cache, ["settings"])
    (Path(theme_dirs[0]) / "assets" / "added.js").write_text("", encoding="utf-8")
    assert "assets/added.js" in listing(theme_dirs, _keep, cache, ["settings"])


def test_other_settings_make_another_listing(tmp_path, theme_dirs):
    cache = tmp_path / "cache"
    listing(theme_dirs, _keep, cache, ["one"])
    listing(theme_dirs, _keep, cache, ["two"])
    assert len(list(cache.glob("theme-files-*.json"))) == 2


def test_a_damaged_listing_is_made_again(tmp_path, theme_dirs):
    cache = tmp_path / "cache"
    expected = listing(theme_dirs, _keep, cache, ["settings"])
    (entry,) = cache.glob("theme-files-*.json")
    entry.write_text('{"not": "a list"', encoding="utf-8")
    assert listing(theme_dirs, _keep, cache, ["settings"]) == expected


def test_environments_keep_compiled_templates_and_list_through_the_cache(tmp_path):
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ntheme:\n  name: material\n", encoding="utf-8")
    theme = load_config(str(config)).theme
    plain = theme.get_env().list_templates(filter_func=_keep)
    reuse_theme(theme, tmp_path / "cache")
    env = theme.get_env()
    assert env.list_templates(filter_func=_keep) == plain
    env.get_template("main.html")
    assert list((tmp_path / "cache").glob("__jinja2_*.cache"))  # compiled code kept for the next build
