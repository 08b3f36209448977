"""``mga new``: start a new agreement from a commented template."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import DEFAULT_FOLDER, Subparsers, write
from mga_tools.errors import EXIT_OK, UsageError
from mga_tools.terminal import quoted_path

NAME = "new"
HELP = "start a new agreement (or its observations or disputes file) from a commented template"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description=(
            "Write agreements/SLUG.yaml: a commented draft that walks through the four phases. With --observations"
            " or --disputes, write the records file beside the existing agreement SLUG instead."
        ),
    )
    parser.add_argument("slug", metavar="SLUG", help="id of the agreement, e.g. harbour-access")
    parser.add_argument("--title", help="title of the agreement")
    parser.add_argument(
        "--dir", default=DEFAULT_FOLDER, metavar="DIR", help=f"folder to write to (default: {DEFAULT_FOLDER}/)"
    )
    records = parser.add_mutually_exclusive_group()
    records.add_argument(
        "--observations",
        dest="records",
        action="store_const",
        const="observations",
        help="write SLUG.observations.yaml beside the agreement SLUG: the values reported for its metrics",
    )
    records.add_argument(
        "--disputes",
        dest="records",
        action="store_const",
        const="disputes",
        help="write SLUG.disputes.yaml beside the agreement SLUG: the disputes raised under it",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.scaffold import scaffold, scaffold_records

    if args.records is not None:
        if args.title is not None:
            raise UsageError("--title names a new agreement; it does not go with --observations or --disputes")
        path = scaffold_records(args.slug, Path(args.dir), args.records)
        shown = quoted_path(path.as_posix())
        write(f"wrote {shown}: add the {args.records} there, then run 'mga validate {shown}'\n")
        return EXIT_OK
    path = scaffold(args.slug, Path(args.dir), title=args.title)
    shown = quoted_path(path.as_posix())
    write(f"wrote {shown}: fill it in phase by phase, then run 'mga validate {shown}'\n")
    return EXIT_OK
