"""``mga seal``: record the fingerprint of a signed agreement in it."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, add_policy, policy, print_findings, progress, write
from mga_tools.errors import EXIT_FINDINGS, EXIT_OK
from mga_tools.terminal import quoted_path

NAME = "seal"
HELP = "record the fingerprint of a signed agreement in it"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Write the seal of DIR/ID.yaml: the fingerprint of its content, the date and the number of "
        "amendments. After an amendment, seal it again: its status becomes amended.",
    )
    parser.add_argument("id", metavar="ID", help="id of the agreement, e.g. river-basin-water-sharing")
    add_folder(parser)
    add_policy(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from mga_tools.load.lookup import agreement_file
    from mga_tools.records.seal import REFUSED, RESEALED, UNCHANGED, seal

    path = agreement_file(args.id, Path(args.dir))
    result = seal(path, today=date.today(), policy=policy(args))
    shown, sign = quoted_path(path.as_posix()), f"'mga sign {args.id} --key KEY'"
    if result.outcome == REFUSED:
        print_findings(list(result.diagnostics))
        progress(f"not sealed: {shown} has errors")
        return EXIT_FINDINGS
    if result.outcome == UNCHANGED:
        line = f"{shown} is already sealed ({result.date}): sha256:{result.fingerprint}; nothing written"
    elif result.outcome == RESEALED:
        line = (
            f"sealed {shown} again after its amendment: status {result.status}, sha256:{result.fingerprint}, "
            f"{result.amendments} amendment(s); earlier signatures are superseded: each signatory runs {sign}"
        )
    else:
        line = (
            f"sealed {shown}: sha256:{result.fingerprint}, {result.amendments} amendment(s); "
            f"each signatory can now run {sign}"
        )
    write(line + "\n")
    return EXIT_OK
