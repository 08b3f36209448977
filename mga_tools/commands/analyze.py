"""``mga analyze``: the efficient packages and the fair points of a scored agreement."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, add_policy, policy, print_findings, write
from mga_tools.errors import EXIT_FINDINGS, EXIT_OK
from mga_tools.terminal import escaped

NAME = "analyze"
# The optional part of the package this command needs (mga_tools.extras).
EXTRA = "analysis"
HELP = "find the efficient packages and the fair points of a scored agreement"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Validate DIR/ID.yaml with its score file and analyse its scores: the exact Pareto frontier, "
        "the zone of possible agreement, the fair points (best total gain, fairest split, balanced gains and "
        "proportional gains), "
        "and whether the adopted package beats every BATNA and leaves no value on the table.",
    )
    parser.add_argument("id", metavar="ID", help="id of the agreement, e.g. three-firm-battery-recycling-jv")
    parser.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text", help="output format (default: text)"
    )
    add_folder(parser)
    add_policy(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.analyze.report import REPORTERS as ANALYSIS
    from mga_tools.analyze.run import analyze_file

    # Only JSON lists every package; the other reports show counts and a few packages.
    outcome = analyze_file(args.id, Path(args.dir), policy(args), packages=args.format == "json")
    if outcome.data is None:
        print_findings(outcome.diagnostics)
        for reason in outcome.reasons:
            write(f"cannot analyse {args.id}: {escaped(reason)}\n")
        return EXIT_FINDINGS
    write(ANALYSIS[args.format](outcome.data))
    return EXIT_OK
