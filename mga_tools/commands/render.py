"""``mga render``: write one agreement as a signable PDF or DOCX, or as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, add_policy, policy, print_findings, write
from mga_tools.errors import EXIT_FINDINGS, EXIT_OK
from mga_tools.terminal import quoted_path

NAME = "render"
# The optional part of the package this command needs (mga_tools.extras).
EXTRA = "documents"
HELP = "write one agreement as a signable PDF or DOCX, or as Markdown"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME, help=HELP, description="Validate DIR/ID.yaml and, if it has no error, write it as a signable document."
    )
    parser.add_argument("id", metavar="ID", help="id of the agreement, e.g. river-basin-water-sharing")
    parser.add_argument("--format", choices=("pdf", "docx", "md"), default="pdf", help="output format (default: pdf)")
    parser.add_argument("-o", "--output", metavar="FILE", help="file to write (default: ID.FORMAT here)")
    add_folder(parser)
    add_policy(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.render import render_file

    out = Path(args.output) if args.output else Path(f"{args.id}.{args.format}")
    diagnostics, written = render_file(args.id, Path(args.dir), args.format, out, policy(args))
    if written is None:
        print_findings(diagnostics)
        return EXIT_FINDINGS
    write(f"wrote {quoted_path(written.as_posix())}\n")
    return EXIT_OK
