"""The ``mga`` command: parse arguments, dispatch to a command, map fatal conditions to exit codes.

Each command lives in a module of :mod:`mga_tools.commands`; this module only
assembles their parsers, checks that the optional part of the package a
command declares (``EXTRA``) is installed, and is the one place where an
exception becomes an exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from mga_tools import __version__
from mga_tools.commands import COMMANDS
from mga_tools.errors import EXIT_INTERNAL, MgaError
from mga_tools.extras import require
from mga_tools.terminal import safe_lines


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mga", description="Negotiated agreements as code, following the Mutual Gains Approach."
    )
    parser.add_argument("--version", action="version", version=f"mga {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def _dispatch(argv: Sequence[str] | None) -> tuple[int, ModuleType]:
    args = _parser().parse_args(argv)
    command = next(c for c in COMMANDS if args.command == c.NAME)
    try:
        extra = getattr(command, "EXTRA", None)
        if extra is not None:
            require(extra, command=f"mga {command.NAME}")
        return command.run(args), command
    except MgaError as exc:
        # Messages may name a path or quote a value; whatever they hold, they drive no terminal.
        sys.stderr.write(safe_lines(f"mga: {exc}\n"))
        return exc.exit_code, command
    except Exception as exc:
        sys.stderr.write(safe_lines(f"mga: internal error, please report it: {type(exc).__name__}: {exc}\n"))
        return EXIT_INTERNAL, command


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mga``; returns the exit code."""
    return _dispatch(argv)[0]


def run() -> NoReturn:
    """The ``mga`` command: run it, then exit.

    A command that declares ``HARD_EXIT`` (``mga build``, where it was
    measured) ends with :func:`os._exit` once the streams are flushed, as
    mypy does: by then every file it wrote is closed and every process it
    started has ended, so tearing down the interpreter would only keep the
    caller waiting. Every other command exits normally.
    """
    code, command = _dispatch(None)
    if not getattr(command, "HARD_EXIT", False):
        sys.exit(code)
    with contextlib.suppress(OSError, ValueError):  # a closed pipe (``mga build | head``) or stream
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)
