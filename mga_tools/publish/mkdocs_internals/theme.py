"""Make mkdocs' theme environments cheaper to set up, build after build.

Two things cost a rebuild time that does not depend on what changed:

- Jinja compiles the theme's templates again in every process. A
  ``FileSystemBytecodeCache`` keeps the compiled code; Jinja checks each entry
  against its template's source before using it.
- mkdocs lists every file of the theme to find its static assets. Material
  ships about 14,000 files (mostly icons), and listing and filtering them takes
  about half a second. The filtered listing of a folder that belongs to an
  installed package (Material's, mkdocs' own) is kept in a file named after the
  versions of mkdocs and Material, the folder and the settings that decide the
  filter. Other theme folders (a project's ``custom_dir``) are listed afresh
  every time, since they are edited in place.

Used by the mkdocs hooks of the page cache (``mga_tools/publish/mkdocs_hooks.py``),
only while ``mga build`` switches them on. The internals this relies on are
listed in this package's docstring.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Collection
from importlib import metadata
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader

_PACKAGES = ("mkdocs", "material")  # import names of the packages whose theme folders never change in place
_DISTRIBUTIONS = ("mkdocs", "mkdocs-material")


def reuse_theme(theme: Any, folder: Path) -> None:
    """Wrap ``theme.get_env`` so that its environments keep compiled templates and listings in ``folder``."""
    original = theme.get_env

    def get_env() -> Environment:
        env: Environment = original()
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        plain = env.list_templates

        def list_templates(
            extensions: Collection[str] | None = None, filter_func: Callable[[str], bool] | None = None
        ) -> list[str]:
            if extensions is not None or filter_func is None:
                return plain(extensions=extensions, filter_func=filter_func)
            return listing([str(d) for d in theme.dirs], filter_func, folder, _settings(theme))

        cast(Any, env).list_templates = list_templates  # replaces the method on this one environment
        return env

    theme.get_env = get_env


def _settings(theme: Any) -> list[Any]:
    """What mkdocs' filter of theme files depends on besides its own version."""
    from mkdocs import utils

    return [sorted(theme.static_templates), sorted(utils.markdown_extensions)]


def _package_roots() -> list[Path]:
    import importlib

    return [Path(importlib.import_module(name).__file__ or "").resolve().parent for name in _PACKAGES]


def _packaged(folder: str, roots: list[Path]) -> bool:
    resolved = Path(folder).resolve()
    return any(resolved.is_relative_to(root) for root in roots)


def listing(dirs: list[str], keep: Callable[[str], bool], folder: Path, settings: list[Any]) -> list[str]:
    """The theme's file names that ``keep`` accepts, as Jinja's ``list_templates`` gives them (sorted, unique)."""
    roots = _package_roots()
    packaged = [d for d in dirs if _packaged(d, roots)]
    others = [d for d in dirs if d not in packaged]
    names = set(_cached(packaged, keep, folder, settings)) if packaged else set()
    if others:
        names.update(name for name in FileSystemLoader(others).list_templates() if keep(name))
    return sorted(names)


def _cached(dirs: list[str], keep: Callable[[str], bool], folder: Path, settings: list[Any]) -> list[str]:
    versions = [metadata.version(name) for name in _DISTRIBUTIONS]
    blob = json.dumps([versions, dirs, settings], sort_keys=True)
    path = folder / f"theme-files-{hashlib.sha256(blob.encode('utf-8')).hexdigest()[:32]}.json"
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(names, list) and all(isinstance(n, str) for n in names):
            return names
    except (OSError, ValueError):
        pass  # missing or damaged: list again
    names = [name for name in FileSystemLoader(dirs).list_templates() if keep(name)]
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".theme-files-")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(names, stream)
    os.replace(temporary, path)  # atomic: concurrent builds see a whole listing or none
    return names
