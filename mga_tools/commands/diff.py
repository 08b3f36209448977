"""``mga diff``: what changed in the agreements' substance between two revisions."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, write
from mga_tools.errors import EXIT_OK

NAME = "diff"
HELP = "what changed in the agreements' substance between two revisions"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Compare the agreements of two git revisions item by item: parties, interests, options, "
        "terms, failure scenarios and their safeguards, signatories, amendments. Renamed and moved files are "
        "followed.",
    )
    parser.add_argument(
        "base", nargs="?", metavar="BASE", help="base revision (default: where HEAD branched from the main branch)"
    )
    parser.add_argument("head", nargs="?", metavar="HEAD", help="head revision (default: the working tree)")
    parser.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format (default: text)"
    )
    add_folder(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.records.diff_report import REPORTERS
    from mga_tools.records.revisions import diff_revisions

    write(REPORTERS[args.format](diff_revisions(Path.cwd(), args.base, args.head, folder=args.dir)))
    return EXIT_OK
