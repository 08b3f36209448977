"""The build's speed-ups that rely on mkdocs, Material and Jinja internals, fenced in one place.

Everything in ``mga_tools.publish`` that touches an API which mkdocs,
mkdocs-material or Jinja do not document as public (plugin events, hook
functions, the ``mkdocs`` command line, Jinja's documented classes) lives in
this package; the rest of ``publish`` uses only public behaviour. Each
internal below was checked against **mkdocs 1.6.1, mkdocs-material 9.8.2 and
Jinja 3.1.6**. Upgrading any of them means re-reading this list and running
``tests/publish/test_speed_hooks.py``, which builds the site with the
speed-ups on and off and requires the same bytes.

The switch: ``MGA_BUILD_SPEED_HOOKS=0`` (also ``false``, ``no``, ``off``)
turns every speed-up here off. ``mga build`` then runs the public command
``python -m mkdocs build --strict`` in a subprocess, without page cache,
theme cache or site reuse, and its hooks only wait for the documents (the
public ``on_env`` event). The site is the same, only slower: use it to tell
whether a wrong page comes from these speed-ups.

The internals, by module:

:mod:`.runner` (the mkdocs process started ahead of the build; on Linux a fork of ``mga build``)
    - Splits ``mkdocs build`` into loading the configuration and building,
      with what ``mkdocs.__main__.build_command`` does in between:
      ``mkdocs.config.load_config``, ``config.plugins.on_startup``,
      ``mkdocs.commands.build.build(config, dirty=False)``,
      ``config.plugins.on_shutdown``. If mkdocs' command adds a step, the
      build misses it (a difference the on/off test shows).
    - Sets up mkdocs' logging with the private ``mkdocs.__main__._enable_warnings``
      and ``State``; without them (ImportError) it falls back to plain
      logging, and only the format of messages changes.
    - Preloads module paths of mkdocs and Material
      (``material.plugins.search.plugin`` ...); a renamed module is skipped,
      and only the overlap is lost.
    - Assumes mkdocs and Material start no thread and hold no lock at import,
      so that a fork of a single-threaded ``mga build`` may run them, and that
      every file mkdocs writes is closed when ``build`` returns, since the
      process ends with ``os._exit`` (no interpreter teardown).

:mod:`.theme` (theme file listing and compiled templates, per build)
    - Wraps ``mkdocs.theme.Theme.get_env`` on the configuration's theme; the
      build and Material's search plugin must get their environments from it.
    - Replaces ``list_templates`` on those environments, relying on
      ``mkdocs.commands.build.build`` calling ``Files.add_files_from_theme``,
      which lists the theme's static files through
      ``env.list_templates(filter_func=...)`` with a filter that depends only
      on mkdocs' version, ``Theme.static_templates`` and the private
      ``mkdocs.utils.markdown_extensions``. If mkdocs filters by anything
      else, the cached listing (named after those) would be stale: a theme
      asset missing from, or extra in, the site.
    - Sets Jinja's ``bytecode_cache`` on an environment already created
      (Jinja reads the attribute on each load; documented only as a
      constructor argument).

:mod:`.pages` (cached pages skip the Markdown converter)
    - Replaces ``Page.render`` on a cached page and sets what mkdocs'
      ``render`` would have set for empty Markdown: ``content``, ``toc``
      (``mkdocs.structure.toc.get_toc``), the private ``_title_from_render``,
      ``present_anchor_ids`` and ``links_to_anchors`` (left ``None`` at
      DEBUG level, as mkdocs does, to validate anchors). If the page lacks
      one of these attributes the page is converted as usual; if mkdocs
      starts reading another field set by ``render``, a cached page may lose
      its title or break anchor validation.

:mod:`.material` (Material's search index and tags listings)
    - Wraps ``SearchIndex.add_entry_from_context`` of the plugin
      ``material/search`` (attribute ``search_index``, list ``entries``), so
      that a cached page adds its cached entries and a built page's entries
      are kept. Without that interface the page cache is off for the build;
      if the entries change meaning, the search index of a warm build
      differs from a cold one.
    - Takes a page whose Markdown holds ``<!-- material/tags`` (the tags
      plugin's default ``listings_directive``) for a tags listing, whose
      HTML depends on every page's front matter and on nothing else beyond
      the site's shape. Another directive name in ``mkdocs.yml``, or a
      listing that shows other data, would serve a stale listing.

:mod:`.site_reuse` (unchanged files are hard links to the previous site)
    - Replaces the module attributes ``mkdocs.utils.copy_file`` and
      ``mkdocs.utils.write_file`` for the build; mkdocs must write every
      file of the site through them, looked up at call time. A plugin
      writing by other means is why only ``search``, ``tags`` and
      ``offline`` allow it (``offline`` writes ``search/search_index.js``
      itself, with ``open``, after mkdocs' last write: a file no link was
      made for, in the new site's own folder).
      If mkdocs writes another way, the new site could miss a file (the
      on/off test compares every file).

Nothing here is imported until a build needs it; this module itself only
reads the switch, so that ``mga build`` may ask before importing mkdocs.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "MGA_BUILD_SPEED_HOOKS"
_OFF = frozenset({"0", "false", "no", "off"})
FOLDER = Path(__file__).resolve().parent


def enabled() -> bool:
    """Whether the speed-ups of this package may be used (``MGA_BUILD_SPEED_HOOKS`` is not ``0``)."""
    return os.environ.get(ENV, "").strip().lower() not in _OFF


def sources() -> list[Path]:
    """This package's modules: their code decides the HTML of cached pages, so it is part of the site's shape."""
    return sorted(FOLDER.glob("*.py"))
