"""Give the new site hard links to the files of the previous site that come out the same.

Creating a file is the slowest thing a rebuild does once pages and documents
come from the caches: on the disks measured, creating a file or folder costs
0.4-1.1 ms, adding a second name to an existing file (a hard link) 0.03 ms.
After one agreement changed, most of the ~160 files mkdocs writes (theme
assets, downloads, the HTML of unchanged pages) have exactly the bytes they
had in the previous site. For those, the new site gets a hard link to the
previous site's file instead of a fresh copy.

Why this never changes the previous site, even if the build fails:

- the new site is built in a fresh folder beside the old one, and a link is
  made only after comparing the bytes mkdocs is about to write with the old
  file's, byte for byte;
- only mkdocs' own ``copy_file`` and ``write_file`` are routed here; should
  mkdocs write a path it has written before, a link made here is removed
  first, so nothing is ever written *through* a link into the old site;
- :func:`safe_plugins` keeps this off when a plugin or hook that might write
  into the site by other means is configured.

Once the new site replaces the old one, the old folder is deleted, and each
file belongs to the new site alone.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mga_tools.outputs import file_mode

# Plugins known to write into the site only through mkdocs' file functions, or (Material's offline
# plugin: ``search/search_index.js``, after every other write) only files that nothing here links.
_SAFE_PLUGINS = frozenset({"search", "tags", "offline", "material/search", "material/tags", "material/offline"})


def safe_plugins(config: dict[str, Any], own_hooks: Iterable[str]) -> bool:
    """True if every plugin and hook of ``config`` (a mkdocs configuration) is known to be safe here."""
    for plugin in config.get("plugins") or []:
        name = next(iter(plugin)) if isinstance(plugin, dict) else str(plugin)
        if name not in _SAFE_PLUGINS:
            return False
    return set(map(str, config.get("hooks") or [])) <= set(own_hooks)


def _regular_size(path: Path | str, *, follow: bool) -> int | None:
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _read(path: Path | str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:
        return None


class SiteReuse:
    """Routes mkdocs' file writes into ``site`` through links to ``previous`` where the bytes match.

    :meth:`install` replaces ``mkdocs.utils.copy_file`` and ``write_file``;
    :meth:`uninstall` puts them back. ``linked`` counts the links made.
    """

    def __init__(self, previous: Path, site: Path) -> None:
        self.previous = previous
        self.site = site
        self.linked = 0
        self._mode = file_mode()  # a file of the previous site made under another umask is written afresh
        self._made: set[str] = set()
        self._restore: Callable[[], None] | None = None

    def _old(self, output: str) -> Path | None:
        try:
            relative = Path(output).relative_to(self.site)
        except ValueError:
            return None
        return self.previous / relative

    def _link(self, old: Path, output: str) -> bool:
        self._forget(output)
        try:
            if stat.S_IMODE(old.stat().st_mode) != self._mode:
                return False
            os.link(old, output)
        except OSError:  # another file system, or no hard links here: write as usual
            return False
        self._made.add(output)
        self.linked += 1
        return True

    def _forget(self, output: str) -> None:
        """Remove a link made here before the path is written again (never write through it)."""
        if output in self._made:
            self._made.discard(output)
            os.unlink(output)

    def _same_as_old(self, output: str, size: int, content: Callable[[], bytes | None]) -> Path | None:
        old = self._old(output)
        if old is None or _regular_size(old, follow=False) != size:
            return None
        new, previous = content(), _read(old)
        return old if new is not None and new == previous else None

    def _place(self, output: str, old: Path | None, write: Callable[[], None]) -> None:
        """Link ``output`` to ``old`` if given and possible, else ``write`` it (never through a link)."""
        os.makedirs(os.path.dirname(output), exist_ok=True)
        if old is None or not self._link(old, output):
            self._forget(output)
            write()

    def install(self) -> None:
        """Replace mkdocs' two file functions; idempotent."""
        if self._restore is not None:
            return
        from mkdocs import utils

        copy_file, write_file = utils.copy_file, utils.write_file

        def reusing_copy_file(source_path: str, output_path: str) -> None:
            output_path = os.path.abspath(output_path)
            if os.path.isdir(output_path):
                output_path = os.path.join(output_path, os.path.basename(source_path))
            size = _regular_size(source_path, follow=True)
            old = self._same_as_old(output_path, size, lambda: _read(source_path)) if size is not None else None
            self._place(output_path, old, lambda: copy_file(source_path, output_path))

        def reusing_write_file(content: bytes, output_path: str) -> None:
            output_path = os.path.abspath(output_path)
            old = self._same_as_old(output_path, len(content), lambda: content)
            self._place(output_path, old, lambda: write_file(content, output_path))

        utils.copy_file, utils.write_file = reusing_copy_file, reusing_write_file

        def restore() -> None:
            utils.copy_file, utils.write_file = copy_file, write_file

        self._restore = restore

    def uninstall(self) -> None:
        """Put mkdocs' own file functions back."""
        if self._restore is not None:
            self._restore()
            self._restore = None
