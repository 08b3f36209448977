"""The build's side of the page cache: the site's shape, the settings for the hooks, the commit.

The hooks in ``mkdocs_hooks.py`` (beside this module) run inside mkdocs and reuse
the HTML of pages whose inputs did not change. Everything outside a
page that can change its HTML goes into the *shape* computed here: the
configuration (without the temporary ``docs_dir``), the source of the hooks and of
:mod:`mga_tools.publish.mkdocs_internals`, and the path of every
file in the docs tree with the title of every page; the hooks add the versions
of the tools that turn Markdown into HTML, as loaded by mkdocs. Any change to the shape
(an agreement added, a title edited, a theme upgraded) makes every page a miss.

Each project has its own folder under the cache root, holding only the entries
its last successful build used.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from mga_tools.memo import project_key
from mga_tools.publish import mkdocs_internals
from mga_tools.publish.mkdocs_internals.material import is_tags_listing

HOOKS = Path(__file__).with_name("mkdocs_hooks.py").resolve()
ENV = "MGA_PAGE_CACHE"  # how the hooks learn the settings of one build
USED = "_used.json"  # the hooks' list of the entries a build used
_FRONT_TITLE = re.compile(r"^title:\s*(.*)$", re.MULTILINE)
_HEADING = re.compile(r"^#\s+(.*)$", re.MULTILINE)


def _title(text: str) -> str:
    """The page's title as mkdocs may show it: the front matter's, else the first heading."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        match = _FRONT_TITLE.search(text, 0, end if end > 0 else len(text))
        if match:
            return match.group(1)
    heading = _HEADING.search(text)
    return heading.group(1) if heading else ""


def _front_matter(text: str) -> str:
    if not text.startswith("---"):
        return ""
    end = text.find("\n---", 3)
    return text[: end if end > 0 else len(text)]


def shape(config: dict[str, Any], docs: Path) -> tuple[str, dict[str, str]]:
    """Everything outside a page's own source that decides its HTML, as a SHA-256.

    Also returns the pages with a tags listing, whose HTML shows every other
    page's tags, each with a digest of every page's front matter (where the
    tags are): such a page is built again whenever a tag changes anywhere.
    """
    digest = hashlib.sha256()
    stable = {k: v for k, v in config.items() if k != "docs_dir"}
    digest.update(json.dumps(stable, sort_keys=True, default=str).encode("utf-8"))
    for source in (HOOKS, *mkdocs_internals.sources()):
        digest.update(source.read_bytes())
    listed: list[str] = []
    fronts = hashlib.sha256()
    # Links count as files even before their target exists: the documents are links placed before
    # they are rendered, and whether rendering has finished by now must not change the shape.
    for path in sorted(p for p in docs.rglob("*") if p.is_file() or p.is_symlink()):
        relative = path.relative_to(docs).as_posix()
        title = ""
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8", errors="replace")
            title = _title(text)
            if is_tags_listing(text):
                listed.append(relative)
            fronts.update(json.dumps([relative, _front_matter(text)]).encode("utf-8"))
        digest.update(json.dumps([relative, title]).encode("utf-8"))
    return digest.hexdigest(), dict.fromkeys(listed, fronts.hexdigest())


class PageCache:
    """One project's page cache under the cache root.

    ``folder`` (``pages/<project>``) holds the entries, ``pending`` a build's
    new ones, and ``templates`` the compiled Jinja templates of the theme
    (Jinja checks each against its source before use).
    """

    def __init__(self, root: Path, project: Path, work: Path) -> None:
        self.folder = root / "pages" / project_key(project)
        self.templates = root / "templates"
        self.pending = work / "page-cache-pending"

    def environment(self, config: dict[str, Any], docs: Path, previous: Path | None = None) -> dict[str, str]:
        """The environment variable that switches the hooks on for one build.

        With ``previous`` (the site this build replaces), files that come out the
        same are hard links to it (see :mod:`mga_tools.publish.mkdocs_internals.site_reuse`).
        """
        digest, listings = shape(config, docs)
        self.templates.mkdir(parents=True, exist_ok=True)
        settings = {
            "dir": str(self.folder),
            "pending": str(self.pending),
            "templates": str(self.templates),
            "shape": digest,
            "listings": listings,
        }
        if previous is not None:
            settings["previous"] = str(previous.resolve())
        return {ENV: json.dumps(settings)}

    def commit(self) -> None:
        """After a successful build: add its new entries, drop those it did not use."""
        used_file = self.pending / USED
        if not used_file.is_file():
            return
        used = set(json.loads(used_file.read_text(encoding="utf-8")))
        self.folder.mkdir(parents=True, exist_ok=True)
        for entry in self.pending.glob("*.json"):
            if entry.name != USED:
                os.replace(entry, self.folder / entry.name)  # atomic: a reader sees the whole entry or none
        for entry in self.folder.glob("*.json"):
            if entry.stem not in used:
                entry.unlink(missing_ok=True)
        shutil.rmtree(self.pending, ignore_errors=True)
