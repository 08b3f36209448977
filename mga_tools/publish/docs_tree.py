"""Writing the generated docs tree: only files whose content changed, and nothing stale left behind.

``mga serve`` keeps one docs tree for the whole session and regenerates it on
every change; mkdocs' live reload then rebuilds only the pages whose files
changed. :class:`TreeWriter` writes a file only when its bytes differ and
remembers every file of the generation; :func:`prune` then removes what an
earlier generation wrote and this one did not (the page of an agreement
that was removed), which leaves exactly the tree a fresh generation gives.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Collection
from pathlib import Path

from mga_tools.errors import EXIT_INTERNAL, MgaError


class OutputClash(MgaError):
    """Two sources would write the same file of the tree: the second would silently replace the first.

    Validation refuses agreements that share an id (AGREEMENT-ID-DUPLICATE)
    before anything is written, so this is a defence in depth, never a finding.
    """

    exit_code = EXIT_INTERNAL


class TreeWriter:
    """Writes files under ``root`` when their content differs, and remembers every file it was given."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: set[str] = set()  # paths relative to root, with forward slashes
        self.sources: dict[str, str] = {}  # path -> what it was written from, for the files that name one

    def write(self, relative: str, content: str | bytes, source: str | None = None) -> None:
        """Make ``root/relative`` hold ``content`` (text is written as UTF-8).

        With ``source`` (the file it is made from), a path another source
        already wrote in this generation raises :class:`OutputClash`, naming both.
        """
        if source is not None:
            earlier = self.sources.setdefault(relative, source)
            if earlier != source:
                raise OutputClash(
                    f"{relative} would be written twice in one build: from {earlier} and from {source}; "
                    "every output path has one source (see AGREEMENT-ID-DUPLICATE)"
                )
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files.add(relative)
        path = self.root / relative
        try:
            if not path.is_symlink() and path.read_bytes() == data:
                return
        except OSError:
            pass  # not there yet (or unreadable): written below
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)  # a link in the way is replaced, never written through
        path.write_bytes(data)

    def copy_folder(self, source: Path) -> None:
        """Write every file under ``source`` at the same place under ``root``."""
        for path in sorted(source.rglob("*")):
            if path.is_file():
                self.write(path.relative_to(source).as_posix(), path.read_bytes())


def prune(root: Path, keep: Collection[str]) -> None:
    """Remove every file and link under ``root`` not named in ``keep``, then the folders left empty."""
    folders = []
    for current, dirs, files in os.walk(root):
        base = Path(current)
        folders.append(base)
        for name in files:
            path = base / name
            if path.relative_to(root).as_posix() not in keep:
                path.unlink(missing_ok=True)
        for name in dirs:
            path = base / name
            if path.is_symlink() and path.relative_to(root).as_posix() not in keep:
                path.unlink()
    for folder in reversed(folders):  # deepest first
        if folder != root:
            with contextlib.suppress(OSError):  # not empty: it holds files of this build
                folder.rmdir()
