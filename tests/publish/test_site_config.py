"""The derived mkdocs configuration: a menu that scales and keeps the tool's pages apart; the owner's look kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sites import make_project

from mga_tools.errors import UsageError
from mga_tools.publish import site_assets
from mga_tools.publish.docs_tree import TreeWriter
from mga_tools.publish.offline import SHIM
from mga_tools.publish.site_config import mkdocs_config


def _settings(project: Path) -> dict:
    return yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))


def _save(project: Path, settings: dict) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")


def test_the_navigation_is_the_portfolio_the_tags_and_one_documentation_section(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    config = mkdocs_config(project, tmp_path / "docs")
    handwritten = [e for e in _settings(project)["nav"] if e != {"Home": "index.md"}]
    assert len(handwritten) == len(_settings(project)["nav"]) - 1
    assert config["nav"] == [
        {"Agreements": "index.md"},
        {"Tags": "tags.md"},
        {"mga-tools documentation": [*handwritten, {"Schema reference": "schema.md"}]},
    ]
    # No agreement is listed: every page would render every entry. They are out of the navigation by design.
    assert "agreements/" not in str(config["nav"])
    assert config["not_in_nav"] == "/agreements/*.md"
    features = config["theme"]["features"]
    assert features[: len(_settings(project)["theme"]["features"])] == _settings(project)["theme"]["features"]
    assert {"navigation.tabs", "navigation.prune"} <= set(features)


def test_the_documentation_section_is_called_documentation_unless_named(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    settings = _settings(project)
    del settings["extra"]
    settings["nav"] = [{"Home": "index.md"}, {"Help": [{"Home again": "index.md"}, "guide.md"]}]
    settings["not_in_nav"] = "/drafts/"
    _save(project, settings)
    config = mkdocs_config(project, tmp_path / "docs")
    assert config["nav"][2] == {"Documentation": [{"Help": ["guide.md"]}, {"Schema reference": "schema.md"}]}
    assert config["not_in_nav"] == "/drafts/\n/agreements/*.md"  # the owner's patterns are kept


@pytest.mark.parametrize("label", ["", "  ", 3, ["a"]])
def test_a_documentation_section_without_a_label_is_refused(tmp_path: Path, label: object) -> None:
    project = make_project(tmp_path / "project")
    settings = _settings(project)
    settings["extra"]["mga"]["docs_section"] = label
    _save(project, settings)
    with pytest.raises(UsageError, match=r"extra\.mga\.docs_section must be a non-empty text$"):
        mkdocs_config(project, tmp_path / "docs")


def test_without_a_nav_every_handwritten_page_goes_into_the_section(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    settings = _settings(project)
    del settings["nav"]
    _save(project, settings)
    (project / "docs" / "more").mkdir()
    (project / "docs" / "more" / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    section = mkdocs_config(project, tmp_path / "docs")["nav"][2]["mga-tools documentation"]
    pages = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md"))
    assert section == [*(p for p in pages if p != "index.md"), {"Schema reference": "schema.md"}]
    assert "more/faq.md" in section


def test_a_project_without_mkdocs_yml_or_docs_gets_the_schema_reference_alone(tmp_path: Path) -> None:
    (tmp_path / "bare").mkdir()
    config = mkdocs_config(tmp_path / "bare", tmp_path / "docs")
    assert config["site_name"] == "bare"
    assert config["nav"][2] == {"Documentation": [{"Schema reference": "schema.md"}]}


def test_the_owners_name_logo_favicon_and_colours_are_kept(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    config = mkdocs_config(project, tmp_path / "docs")
    assert config["site_name"] == "Example agreements"
    theme = config["theme"]
    assert theme["logo"] == theme["favicon"] == "assets/logo.svg"
    assert theme["palette"] == {"scheme": "default", "primary": "indigo", "accent": "amber"}
    assert (project / "docs" / "assets" / "logo.svg").is_file()  # copied with the handwritten pages


def test_the_extensions_the_pages_need_are_enabled_once(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    settings = _settings(project)
    settings["markdown_extensions"].append("md_in_html")
    _save(project, settings)
    extensions = mkdocs_config(project, tmp_path / "docs")["markdown_extensions"]
    names = [next(iter(e)) if isinstance(e, dict) else e for e in extensions]
    assert {"attr_list", "admonition", "tables", "md_in_html", "toc"} <= set(names)
    assert len(names) == len(set(names))


def test_every_shipped_asset_is_written_and_linked_in_name_order(tmp_path: Path, monkeypatch) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    for name in ("b.js", "a.js", "z.css", "m.css", "picture.svg", "iframe-worker.js"):
        (assets / name).write_text(f"/* {name} */", encoding="utf-8")
    monkeypatch.setattr(site_assets, "FOLDER", assets)
    project = make_project(tmp_path / "project")
    settings = _settings(project)
    settings["extra_css"] = ["mine.css"]
    _save(project, settings)
    config = mkdocs_config(project, tmp_path / "docs")
    assert config["extra_css"] == ["mine.css", "assets/mga/m.css", "assets/mga/z.css"]
    assert config["extra_javascript"] == ["assets/mga/a.js", "assets/mga/b.js"]
    writer = TreeWriter(tmp_path / "docs")
    site_assets.write_assets(writer)
    assert sorted(writer.files) == [f"assets/mga/{n}" for n in ("a.js", "b.js", "m.css", "picture.svg", "z.css")]
    assert (tmp_path / "docs" / "assets" / "mga" / "b.js").read_text(encoding="utf-8") == "/* b.js */"
    assert config["extra"]["polyfills"] == [SHIM]  # the shim keeps its own place


def test_the_package_ships_its_assets_folder() -> None:
    names = {p.name for p in site_assets.FOLDER.iterdir()}
    assert "iframe-worker.js" in names
    assert all(not p.name.startswith("iframe-worker") for p in site_assets.shipped())
