"""mkdocs hooks that reuse the finished HTML of pages whose inputs did not change.

``mga build`` lists this file under ``hooks:`` in the configuration it
generates and describes the cache in the ``MGA_PAGE_CACHE`` environment
variable (see :mod:`mga_tools.publish.page_cache`). Without that variable the
hooks do nothing, so a plain ``mkdocs build`` of the same configuration is an
ordinary full build.

A page's output depends on its own Markdown and front matter and on the
*shape* of the site: the configuration, the tool versions and every page's
path and title (the navigation and the previous/next links show them). The
parent computes the shape; every page gets the key ``sha256(shape, path,
front matter, Markdown)``, and a page with a tags listing, which shows every
page's tags, also a digest of every page's front matter. On a hit the page's Markdown
is replaced by nothing (so Python-Markdown has no work), its template by an
empty one (so Jinja has none), its search-index entries are taken from the
cache instead of being parsed out of the HTML, and the cached HTML is written.
On a miss the page is built as usual and its HTML and search entries are
written to a pending folder, which the parent moves into the cache only if
the whole strict build succeeds: a build with warnings never feeds the cache.

These hooks use public mkdocs events only. What the cache needs beyond them
(skipping the converter, routing the search index, the theme's listing, links
to the previous site) is in :mod:`mga_tools.publish.mkdocs_internals`, used
only while its switch is on; with it off, the hooks only wait for the
documents.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from mga_tools.publish import mkdocs_internals
from mga_tools.publish.documents import ENV as DOCUMENTS
from mga_tools.publish.documents import wait_for
from mga_tools.publish.page_cache import ENV, USED

if TYPE_CHECKING:
    from mga_tools.publish.mkdocs_internals.site_reuse import SiteReuse

TEMPLATE = "mga-cached-page.html"
# What turns Markdown into HTML: module -> its distribution, should the module not say its version.
_TOOLS = {
    "mkdocs": "mkdocs",
    "material": "mkdocs-material",
    "markdown": "markdown",
    "pymdownx": "pymdown-extensions",
    "jinja2": "jinja2",
    "pygments": "pygments",
}


def _tool_versions() -> list[str]:
    """The versions of the tools behind every page's HTML, from the modules mkdocs runs with."""
    found = []
    for name, distribution in _TOOLS.items():
        try:
            version = getattr(importlib.import_module(name), "__version__", None) or metadata.version(distribution)
        except (ImportError, metadata.PackageNotFoundError):
            version = "none"
        found.append(f"{name}={version}")
    return found


class _State:
    """What this build knows about the cache (module state: mkdocs loads hooks once per build)."""

    def __init__(self, settings: dict[str, Any], site: str) -> None:
        self.cache = Path(settings["dir"])
        self.pending = Path(settings["pending"])
        self.templates = Path(settings["templates"])
        self.shape = hashlib.sha256(json.dumps([settings["shape"], _tool_versions()]).encode("utf-8")).hexdigest()
        self.listings: dict[str, str] = settings["listings"]
        self.hits: dict[str, dict[str, Any]] = {}
        self.misses: dict[str, dict[str, Any]] = {}
        self.used: list[str] = []
        self.reuse: SiteReuse | None = None
        previous = settings.get("previous")
        if previous:
            from mga_tools.publish.mkdocs_internals.site_reuse import SiteReuse

            self.reuse = SiteReuse(Path(previous), Path(site))


_state: _State | None = None


def _key(state: _State, page: Any, markdown: str) -> str:
    listing = state.listings.get(page.file.src_uri, "")  # every page's front matter, for a tags listing
    blob = json.dumps([state.shape, listing, page.file.src_uri, page.meta, markdown], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@event_priority(100)
def on_config(config: Any) -> None:
    """Read the cache settings; make the theme's environments reuse compiled templates and the file listing.

    This runs before the plugins' own ``on_config`` because Material's search
    plugin renders theme templates there.
    """
    global _state
    raw = os.environ.get(ENV)
    _state = None
    if not raw or not mkdocs_internals.enabled():
        return
    from mga_tools.publish.mkdocs_internals.theme import reuse_theme

    _state = _State(json.loads(raw), config.site_dir)
    reuse_theme(config.theme, _state.templates)
    if _state.reuse is not None:
        _state.reuse.install()


@event_priority(-100)
def on_pre_build(config: Any) -> None:
    """Route the search plugin's indexing through the cache (its index exists once every ``on_config`` ran)."""
    global _state
    state = _state
    if state is None:
        return
    from mga_tools.publish.mkdocs_internals.material import route_search

    # Without the search index's known interface the cache could not keep the index
    # complete; build every page instead.
    if not route_search(config, state.hits, state.misses):
        if state.reuse is not None:
            state.reuse.uninstall()
        _state = None


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    """Wait for the documents mkdocs is about to copy; offer the empty template that cached pages are rendered with.

    mkdocs copies the static files (the documents among them) right after this event.
    """
    flag = os.environ.get(DOCUMENTS)
    if flag:
        parent = os.getppid()
        if not wait_for(Path(flag), lambda: os.getppid() == parent):
            raise PluginError("the documents could not be rendered")
    if _state is not None:
        empty = DictLoader({TEMPLATE: ""})
        env.loader = ChoiceLoader([empty, env.loader] if env.loader else [empty])
    return env


@event_priority(-100)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Look the page up; on a hit there is no Markdown left to convert."""
    state = _state
    if state is None:
        return markdown
    from mga_tools.publish.mkdocs_internals.pages import skip_conversion

    key = _key(state, page, markdown)
    state.used.append(key)
    entry = state.cache / f"{key}.json"
    if entry.is_file():
        try:
            state.hits[page.file.src_uri] = json.loads(entry.read_text(encoding="utf-8"))
            skip_conversion(page)
            return ""
        except (OSError, ValueError):
            pass  # an unreadable entry is a miss; the build writes a fresh one
    state.misses[page.file.src_uri] = {"key": key}
    return markdown


@event_priority(-100)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if _state is not None and page.file.src_uri in _state.hits:
        page.meta["template"] = TEMPLATE
    return html


@event_priority(-100)
def on_post_page(output: str, page: Any, config: Any) -> str:
    """Write cached pages' HTML; keep freshly built pages for the cache."""
    state = _state
    if state is None:
        return output
    hit = state.hits.get(page.file.src_uri)
    if hit is not None:
        return str(hit["output"])
    miss = state.misses.get(page.file.src_uri)
    if miss is not None and "search" in miss:
        state.pending.mkdir(parents=True, exist_ok=True)
        entry = {"output": output, "search": miss["search"]}
        (state.pending / f"{miss['key']}.json").write_text(json.dumps(entry), encoding="utf-8")
    return output


@event_priority(-100)
def on_post_build(config: Any) -> None:
    """Record which entries this build used, so the parent can drop the others."""
    if _state is not None:
        if _state.reuse is not None:
            _state.reuse.uninstall()
        _state.pending.mkdir(parents=True, exist_ok=True)
        (_state.pending / USED).write_text(json.dumps(sorted(set(_state.used))), encoding="utf-8")


def on_build_error(error: Exception) -> None:
    """Put mkdocs' file functions back when the build stops."""
    if _state is not None and _state.reuse is not None:
        _state.reuse.uninstall()
