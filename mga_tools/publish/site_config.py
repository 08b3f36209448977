"""The mkdocs configuration of the site, derived from the repository's ``mkdocs.yml``.

What the repository says is kept: the site's name, its theme with logo,
favicon, palette and fonts, its plugins, Markdown extensions and ``extra``.
The build changes what the generated pages need, and the navigation:

- The navigation has three top-level entries, shown as tabs: the portfolio
  (``index.md``, labelled "Agreements"), the tags page, and one section with
  the repository's handwritten pages and the schema reference, labelled by
  ``extra.mga.docs_section`` (default "Documentation"). Readers of the
  agreements never find the tool's documentation mixed with them.
- Agreement pages are not listed in the navigation: the portfolio and the
  tags lead to them, and search indexes them. Every page renders the whole
  navigation, so listing a thousand agreements made each page carry a
  thousand entries, and the site grew with the square of their number.
  mkdocs reports pages left out of the navigation at INFO level only (the
  strict build accepts them); the agreement pages are listed in
  ``not_in_nav``, so it does not list them at all.
- Material's ``navigation.tabs`` and ``navigation.prune`` features are on:
  sections become tabs, and a page carries only its own section's entries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mga_tools.errors import UsageError
from mga_tools.publish.offline import make_offline
from mga_tools.publish.page_cache import HOOKS
from mga_tools.publish.site_assets import stylesheets_and_scripts
from mga_tools.render.site import PAGE_DIR

__all__ = [
    "DOCS_SECTION",
    "PORTFOLIO_LABEL",
    "docs_dir",
    "dump_config",
    "mkdocs_config",
    "navigation",
    "root_config",
    "write_config",
]

PORTFOLIO_PAGE = "index.md"
PORTFOLIO_LABEL = "Agreements"
TAGS_PAGE = "tags.md"
SCHEMA_PAGE = "schema.md"
DOCS_SECTION = "Documentation"  # the label of the handwritten pages' section, unless mkdocs.yml names one
FEATURES = ("navigation.tabs", "navigation.prune")
PLUGINS = ("search", "tags")
# attr_list for stable anchors, md_in_html for the folding sections (<details markdown="1">).
EXTENSIONS = ("attr_list", "admonition", "tables", "md_in_html")


def root_config(project: Path) -> dict[str, Any]:
    """The repository's ``mkdocs.yml`` as read, or a minimal one named after the project's folder."""
    import yaml

    path = project / "mkdocs.yml"
    if not path.is_file():
        return {"site_name": project.resolve().name, "theme": {"name": "material"}}
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as problem:  # e.g. saved half-edited: said as such, not as a crash
        raise UsageError(f"{path}: not valid YAML: {problem}") from None
    if not isinstance(loaded, dict):
        raise UsageError(f"{path}: not a mkdocs configuration")
    return loaded


def docs_dir(project: Path) -> str:
    """The repository's folder of handwritten pages, relative to it."""
    return str(root_config(project).get("docs_dir", "docs"))


def _names(entries: list[Any]) -> set[str]:
    return {next(iter(e)) if isinstance(e, dict) else str(e) for e in entries}


def _docs_section(config: dict[str, Any], project: Path) -> str:
    extra = config.get("extra") or {}
    settings = extra.get("mga") if isinstance(extra, dict) else None
    label = settings.get("docs_section", DOCS_SECTION) if isinstance(settings, dict) else DOCS_SECTION
    if not isinstance(label, str) or not label.strip():
        raise UsageError(f"{project / 'mkdocs.yml'}: extra.mga.docs_section must be a non-empty text")
    return label.strip()


def _without_home(entries: list[Any]) -> list[Any]:
    """The handwritten navigation minus the home page, whose place the portfolio takes."""
    kept: list[Any] = []
    for entry in entries:
        target = next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry
        if target == PORTFOLIO_PAGE:
            continue
        if isinstance(entry, dict) and len(entry) == 1 and isinstance(target, list):
            entry = {next(iter(entry)): _without_home(target)}
        kept.append(entry)
    return kept


def _handwritten_pages(project: Path, config: dict[str, Any]) -> list[Any]:
    """The handwritten pages to list: the repository's own navigation, else every page of its docs folder."""
    if config.get("nav"):
        return _without_home(list(config["nav"]))
    folder = project / str(config.get("docs_dir", "docs"))
    if not folder.is_dir():
        return []
    pages = (p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
    # mkdocs lists a folder without nav in path order; it would show the same pages.
    return sorted(p for p in pages if p not in (PORTFOLIO_PAGE, TAGS_PAGE, SCHEMA_PAGE))


def navigation(project: Path, config: dict[str, Any]) -> list[Any]:
    """The site's navigation: the portfolio, the tags, and the documentation in a section of its own."""
    documentation = [*_handwritten_pages(project, config), {"Schema reference": SCHEMA_PAGE}]
    return [
        {PORTFOLIO_LABEL: PORTFOLIO_PAGE},
        {"Tags": TAGS_PAGE},
        {_docs_section(config, project): documentation},
    ]


def _theme(config: dict[str, Any]) -> dict[str, Any]:
    """The repository's theme (logo, favicon, palette and the rest kept) with the features the site needs."""
    theme = config.get("theme") or {"name": "material"}
    theme = dict(theme) if isinstance(theme, dict) else {"name": str(theme)}
    features = list(theme.get("features") or [])
    theme["features"] = features + [f for f in FEATURES if f not in features]
    return theme


def mkdocs_config(project: Path, docs: Path, *, hooks: bool = False) -> dict[str, Any]:
    """A mkdocs configuration derived from the repository's ``mkdocs.yml``, for the tree in ``docs``.

    The docs folder becomes ``docs``; the navigation is :func:`navigation`'s;
    the ``search`` and ``tags`` plugins and the Markdown extensions of
    ``EXTENSIONS`` are enabled; the package's stylesheets and scripts are
    linked; builds are strict; the site fetches nothing at view time and
    works from disk (see :mod:`mga_tools.publish.offline`). With ``hooks``,
    the page cache's mkdocs hooks are listed (they stay inactive unless the
    build switches them on).
    """
    config = dict(root_config(project))
    config["nav"] = navigation(project, config)
    # gitignore-style patterns, one a line: the agreement pages are out of the navigation by design.
    omitted = str(config.get("not_in_nav") or "").strip()
    config["not_in_nav"] = "\n".join(p for p in (omitted, f"/{PAGE_DIR}/*.md") if p)
    config["docs_dir"] = str(docs.resolve())
    config["strict"] = True
    config["theme"] = _theme(config)
    plugins = list(config.get("plugins") or [])
    config["plugins"] = plugins + [p for p in PLUGINS if p not in _names(plugins)]
    extensions = list(config.get("markdown_extensions") or [])
    config["markdown_extensions"] = extensions + [e for e in EXTENSIONS if e not in _names(extensions)]
    stylesheets, scripts = stylesheets_and_scripts()
    for key, added in (("extra_css", stylesheets), ("extra_javascript", scripts)):
        listed = list(config.get(key) or [])
        config[key] = listed + [a for a in added if a not in listed]
    make_offline(config)
    if hooks:
        config["hooks"] = [*list(config.get("hooks") or []), str(HOOKS)]
    return config


def write_config(project: Path, docs: Path, config_path: Path) -> Path:
    """Write the configuration of :func:`mkdocs_config` (without the page cache) to ``config_path``."""
    return dump_config(mkdocs_config(project, docs), config_path)


def dump_config(config: dict[str, Any], config_path: Path) -> Path:
    """Write ``config`` as YAML to ``config_path``; returns the path."""
    import yaml

    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_path
