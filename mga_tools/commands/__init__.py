"""The ``mga`` commands: one module each, as thin as a command can be.

Every module here declares ``NAME``, ``HELP``, ``add_parser(commands)`` and
``run(args) -> int``: it parses arguments, builds the objects the library
needs, calls the library, prints what comes back and returns the exit code.
The library never prints and never exits; :mod:`mga_tools.cli` maps fatal
conditions to exit codes in one place.
"""

from __future__ import annotations

from mga_tools.commands import (
    analyze,
    build,
    diff,
    history,
    monitor,
    new,
    rename,
    render,
    seal,
    serve,
    sign,
    validate,
    verify,
)

# In the order ``mga --help`` lists them.
COMMANDS = (validate, monitor, new, rename, build, serve, render, analyze, diff, history, seal, sign, verify)
