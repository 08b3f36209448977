"""A site that needs no network: opened from disk, or served on a network cut off from the internet.

Three things in a plain Material site would fetch from the internet at view
time, each settled here in the configuration the build derives:

- the theme's web fonts, fetched from a public font service on every page:
  turned off (``theme.font: false``; the system's fonts are used) unless the
  repository's ``mkdocs.yml`` names fonts itself;
- search, whose worker browsers refuse to start from ``file://``: Material's
  ``offline`` plugin inlines the search index into a script and turns off
  directory URLs, so that a link opens ``page.html`` rather than a folder;
- the plugin's Web Worker shim, which it would load from a public CDN: the
  package ships it (``assets/iframe-worker.js``), the build writes it into
  the docs tree, and the plugin, finding a polyfill by that name, adds no
  other.

Escalation ladders are drawn at build time as SVG (see
:mod:`mga_tools.render.ladder`), so no diagram script is loaded either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Where the Web Worker shim goes in the docs tree; its name must contain
# "iframe-worker", which is how the offline plugin recognises a shim already present.
SHIM = "assets/iframe-worker.js"
_SHIM_SOURCE = Path(__file__).resolve().parent / "assets" / "iframe-worker.js"
_PLUGIN = "offline"


def shim() -> bytes:
    """The Web Worker shim that lets search run from ``file://`` (iframe-worker, MIT licence)."""
    return _SHIM_SOURCE.read_bytes()


def _names(entries: list[Any]) -> set[str]:
    return {next(iter(e)) if isinstance(e, dict) else str(e) for e in entries}


def make_offline(config: dict[str, Any]) -> dict[str, Any]:
    """``config`` (a mkdocs configuration, changed in place and returned) set up to fetch nothing at view time."""
    theme = config.get("theme") or {"name": "material"}
    theme = dict(theme) if isinstance(theme, dict) else {"name": str(theme)}
    if "font" not in theme:  # fonts named in mkdocs.yml are the site owner's explicit choice
        theme["font"] = False
    config["theme"] = theme
    plugins = list(config.get("plugins") or [])
    if not _names(plugins) & {_PLUGIN, f"material/{_PLUGIN}"}:
        plugins.append(_PLUGIN)
    config["plugins"] = plugins
    # The offline plugin sets this too; said here as well, so that the page cache's shape and
    # anyone reading the generated configuration see the URLs the site really has.
    config["use_directory_urls"] = False
    extra = dict(config.get("extra") or {})
    # Any other copy of the shim (the CDN's, say) gives way to the one shipped.
    polyfills = [p for p in extra.get("polyfills") or [] if "iframe-worker" not in str(p)]
    extra["polyfills"] = [*polyfills, SHIM]
    config["extra"] = extra
    return config
