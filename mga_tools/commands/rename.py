"""``mga rename``: give an agreement a new id, renaming its files with it."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, add_policy, policy, print_findings, write
from mga_tools.errors import EXIT_FINDINGS, EXIT_OK
from mga_tools.terminal import quoted_path

NAME = "rename"
HELP = "give an agreement a new id, and its files the new name"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Change the id of DIR/OLD.yaml to NEW (only the id value is edited; comments and quoting "
        "stay) and rename the file, its score file and its signature folder to match. A signed or sealed "
        "agreement keeps its id.",
    )
    parser.add_argument("old", metavar="OLD", help="id of the agreement now")
    parser.add_argument("new", metavar="NEW", help="its new id")
    add_folder(parser)
    add_policy(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.records.rename import rename

    result = rename(args.old, args.new, Path(args.dir), policy(args))
    for source, destination in result.moves:
        write(f"renamed {quoted_path(source.as_posix())} -> {quoted_path(destination.as_posix())}\n")
    if result.diagnostics:
        print_findings(list(result.diagnostics))
    return EXIT_FINDINGS if result.errors else EXIT_OK
