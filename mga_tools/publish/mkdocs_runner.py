"""A mkdocs process started ahead of time: it loads mkdocs, reads the configuration, then builds.

``python -m mga_tools.publish.mkdocs_runner`` imports mkdocs, Material's
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
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import sys
from typing import Any

# What a build of a Material site imports; a missing one is imported (or reported) by mkdocs itself later.
PRELOAD = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "mkdocs.structure.pages",
    "material.plugins.search.plugin",
    "material.plugins.tags.plugin",
    "markdown.extensions.toc",
    "markdown.extensions.tables",
    "markdown.extensions.admonition",
    "markdown.extensions.attr_list",
    "markdown.extensions.codehilite",
    "markdown.extensions.fenced_code",
    "pymdownx.superfences",
    "pymdownx.highlight",
    "pygments.formatters.html",
    "pygments.lexers",
    "colorama",
    "difflib",
    "mga_tools.publish.mkdocs_hooks",
)


def _request() -> dict[str, Any] | None:
    line = sys.stdin.readline()
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


def main() -> int:
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    prepare = _request()
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
        run = _request()
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


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # mkdocs has closed every file it wrote; tearing down the interpreter's
    # thousands of objects would only delay the caller (about 0.2 s).
    os._exit(code)
