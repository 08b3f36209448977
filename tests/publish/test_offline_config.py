"""The derived mkdocs configuration fetches nothing at view time and works from disk."""

from __future__ import annotations

from pathlib import Path

import yaml
from sites import make_project

from mga_tools.publish.mkdocs_internals.site_reuse import safe_plugins
from mga_tools.publish.offline import SHIM, make_offline, shim
from mga_tools.publish.site_config import mkdocs_config


def test_the_site_configuration_is_offline(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    config = mkdocs_config(project, tmp_path / "docs")
    assert config["theme"]["font"] is False
    assert "offline" in config["plugins"] and config["use_directory_urls"] is False
    assert config["extra"]["polyfills"] == [SHIM]
    assert not [e for e in config["markdown_extensions"] if "pymdownx.superfences" in str(e)]
    assert safe_plugins(config, [])  # the offline plugin keeps the links to the previous site


def test_fonts_named_by_the_site_owner_are_kept(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    settings = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["theme"]["font"] = {"text": "Inter"}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    assert mkdocs_config(project, tmp_path / "docs")["theme"]["font"] == {"text": "Inter"}


def test_a_shim_from_the_network_gives_way_to_the_shipped_one() -> None:
    config = make_offline(
        {
            "theme": "material",
            "plugins": ["material/offline"],
            "extra": {"polyfills": ["https://unpkg.com/iframe-worker/shim", "x.js"]},
        }
    )
    assert config["theme"] == {"name": "material", "font": False}
    assert config["plugins"] == ["material/offline"]
    assert config["extra"]["polyfills"] == ["x.js", SHIM]
    assert "iframe-worker" in SHIM and shim().rstrip().endswith(b"})();")
