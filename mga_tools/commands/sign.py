"""``mga sign``: sign the seal of an agreement with an SSH key."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, write
from mga_tools.errors import EXIT_OK
from mga_tools.terminal import escaped, quoted_path

NAME = "sign"
HELP = "sign the seal of an agreement with an SSH key"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Sign the seal of DIR/ID.yaml with an SSH key that DIR/allowed_signers lists for a signatory; "
        "writes DIR/ID.signatures/PRINCIPAL.sig.",
    )
    parser.add_argument("id", metavar="ID", help="id of the agreement")
    parser.add_argument(
        "--key", required=True, metavar="KEY", help="SSH private key (or a public key held by ssh-agent)"
    )
    parser.add_argument("--principal", metavar="P", help="the signatory's principal (default: found from the key)")
    add_folder(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.load.lookup import agreement_file
    from mga_tools.records.signatures import seal_state, sign

    path = agreement_file(args.id, Path(args.dir))
    written = sign(path, Path(args.key), principal=args.principal)
    shown = quoted_path(written.as_posix())
    write(f"signed {args.id} as {escaped(written.stem)}: {shown} (sha256:{seal_state(path).sealed})\n")
    return EXIT_OK
