"""A mkdocs process started ahead of time: it loads mkdocs, then waits for the build to run.

``python -m mga_tools.publish.mkdocs_runner`` imports mkdocs, Material's
plugins and the Markdown extensions a site usually needs, then reads one line
from standard input: a JSON object with ``args`` (the mkdocs command line) and
``env`` (variables to set first). It runs mkdocs' own command line with them
and exits with its status. End of input without a line exits with 0 at once.

Loading those packages takes about half a second, which :mod:`mkdocs_process`
spends while ``mga build`` validates and renders (see there).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys

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
    "pymdownx.superfences",
    "mga_tools.publish.mkdocs_hooks",
)


def main() -> int:
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    request = json.loads(line)
    os.environ.update(request["env"])
    from mkdocs.__main__ import cli

    try:
        cli.main(args=request["args"], prog_name="mkdocs", standalone_mode=True)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # mkdocs has closed every file it wrote; tearing down the interpreter's
    # thousands of objects would only delay the caller (about 0.2 s).
    os._exit(code)
