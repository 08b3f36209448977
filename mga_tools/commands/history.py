"""``mga history``: every committed version of an agreement."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, write
from mga_tools.errors import EXIT_OK

NAME = "history"
HELP = "list the versions of an agreement in git"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="List each committed version of an agreement, newest first: commit, date, author, message, "
        "status and fingerprint at that version, and what changed.",
    )
    parser.add_argument("id", metavar="ID", help="id of the agreement")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    add_folder(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.records.history import history
    from mga_tools.records.history_report import HISTORY_REPORTERS

    write(HISTORY_REPORTERS[args.format](history(Path.cwd(), args.id, folder=args.dir)))
    return EXIT_OK
