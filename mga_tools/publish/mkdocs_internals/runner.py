"""A mkdocs process started ahead of time: it loads mkdocs, reads the configuration, then builds.

``python -m mga_tools.publish.mkdocs_internals.runner`` imports mkdocs, Material's
plugins and the Markdown extensions a site usually needs, then reads two lines
from standard input, each a JSON object:

1. ``{"config": FILE, "site": FOLDER}``: it loads the configuration as
   ``mkdocs build --strict -f FILE -d FOLDER`` does;
2. ``{"env": {...}}``: it sets these variables and builds.

It exits with mkdocs' status: 0 for a site built, 1 with mkdocs' messages on
standard error otherwise. End of input before a line exits with 0 at once.
The two steps mirror mkdocs' own ``build`` command (logging, warnings, the
``on_startup`` and ``on_shutdown`` events); they are apart so that loading
mkdocs and its configuration (about 0.6 s) happens while ``mga build`` is
still generating the pages (see :mod:`mga_tools.publish.mkdocs_process`).
Splitting the command relies on mkdocs internals (see this package's
docstring); with the speed-ups off, ``mga build`` runs ``mkdocs build``
itself instead.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import sys
import traceback
from typing import IO, Any, NoReturn

# What a build of a Material site imports; a missing one is imported (or reported) by mkdocs itself later.
PRELOAD = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "mkdocs.structure.pages",
    "material.plugins.search.plugin",
    "material.plugins.tags.plugin",
    "material.plugins.offline.plugin",
    "markdown.extensions.toc",
    "markdown.extensions.tables",
    "markdown.extensions.admonition",
    "markdown.extensions.attr_list",
    "markdown.extensions.md_in_html",
    "markdown.extensions.codehilite",
    "markdown.extensions.fenced_code",
    "pymdownx.superfences",
    "pymdownx.highlight",
    "pygments.formatters.html",
    "pygments.lexers",
    "colorama",
    "difflib",
    "mga_tools.publish.mkdocs_hooks",
    "mga_tools.publish.mkdocs_internals.material",
    "mga_tools.publish.mkdocs_internals.pages",
    "mga_tools.publish.mkdocs_internals.site_reuse",
    "mga_tools.publish.mkdocs_internals.theme",
)


def _request(requests: IO[str]) -> dict[str, Any] | None:
    line = requests.readline()
    return json.loads(line) if line.strip() else None


def _logging() -> object:
    """mkdocs' command line logging: its formatter on standard error, level INFO."""
    try:
        from mkdocs.__main__ import State, _enable_warnings
    except ImportError:  # another mkdocs: plain messages
        logging.basicConfig(format="%(levelname)-8s-  %(message)s", level=logging.INFO)
        return None
    _enable_warnings()
    return State()  # keeps its handler while referenced


def main(requests: IO[str] | None = None) -> int:
    """Preload, then serve the two requests read from ``requests`` (standard input by default)."""
    requests = requests or sys.stdin
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    prepare = _request(requests)
    if prepare is None:
        return 0
    from click import ClickException
    from mkdocs.commands import build
    from mkdocs.config import load_config

    state = _logging()
    try:
        config = load_config(config_file=prepare["config"], site_dir=prepare["site"], strict=True)
        config.plugins.on_startup(command="build", dirty=False)
    except ClickException as error:
        error.show()
        return error.exit_code
    try:
        run = _request(requests)
        if run is None:
            return 0
        os.environ.update(run["env"])
        build.build(config, dirty=False)
    except ClickException as error:  # mkdocs' Abort, BuildError and ConfigurationError among them
        error.show()
        return error.exit_code
    finally:
        config.plugins.on_shutdown()
    del state
    return 0


def _exit(code: int) -> NoReturn:
    """Flush and end the process at once.

    mkdocs has closed every file it wrote; tearing down the interpreter's
    thousands of objects would only delay the caller (about 0.2 s).
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def run_forked(requests: int, other_end: int, out: int, err: int) -> NoReturn:
    """The runner in a child forked from ``mga build``: read requests from file descriptor ``requests``.

    Standard output and error go to ``out`` and ``err``; ``other_end`` (the
    parent's end of the request pipe) is closed here, so that the child sees
    the end of input when the parent closes its end. Never returns.
    """
    code = 1
    try:
        os.close(other_end)
        nothing = os.open(os.devnull, os.O_RDONLY)
        for source, target in ((nothing, 0), (out, 1), (err, 2)):
            os.dup2(source, target)
        os.close(nothing)
        # New streams on the new descriptors: the inherited ones may be the parent's own objects
        # (a test runner's capture, say), which would keep what mkdocs says in this process.
        sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        with os.fdopen(requests, "r", encoding="utf-8") as lines:
            code = main(lines)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # the parent reads standard error when the status is not 0
        traceback.print_exc()
    finally:
        _exit(code)


if __name__ == "__main__":
    _exit(main())
