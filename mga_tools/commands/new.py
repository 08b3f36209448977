"""``mga new``: start a new agreement from a commented template."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import DEFAULT_FOLDER, Subparsers, write
from mga_tools.errors import EXIT_OK
from mga_tools.terminal import quoted_path

NAME = "new"
HELP = "start a new agreement from a commented template"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Write agreements/SLUG.yaml: a commented draft that walks through the four phases.",
    )
    parser.add_argument("slug", metavar="SLUG", help="id of the agreement, e.g. harbour-access")
    parser.add_argument("--title", help="title of the agreement")
    parser.add_argument(
        "--dir", default=DEFAULT_FOLDER, metavar="DIR", help=f"folder to write to (default: {DEFAULT_FOLDER}/)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.scaffold import scaffold

    path = scaffold(args.slug, Path(args.dir), title=args.title)
    shown = quoted_path(path.as_posix())
    write(f"wrote {shown}: fill it in phase by phase, then run 'mga validate {shown}'\n")
    return EXIT_OK
