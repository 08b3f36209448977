"""``mga validate``: check agreements against the schema and the rules."""

from __future__ import annotations

import argparse
import os

from mga_tools.commands._common import DEFAULT_FOLDER, Subparsers, add_policy, policy, write
from mga_tools.diagnostics import Diagnostic

NAME = "validate"
HELP = "check agreements against the schema and the rules"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Check agreements against the schema and the semantic rules; report every problem.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help=f"files or folders (default: {DEFAULT_FOLDER}/)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        help="output format (default: text; github when GITHUB_ACTIONS=true)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    add_policy(parser)
    parser.add_argument(
        "--base", metavar="REV", help="also check that agreements signed at git revision REV changed only by amendment"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mga_tools.report import REPORTERS
    from mga_tools.validate import exit_code, validate_paths

    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    paths = args.paths or [DEFAULT_FOLDER]
    base, removed = None, list[Diagnostic]()  # filled by --base
    if args.base:
        from mga_tools.records.guard import baseline

        base, removed = baseline(Path.cwd(), args.base, paths)
    report = validate_paths(paths, policy(args), base=base)
    # The light module: allowed_signers is read as text here, with nothing of git imported.
    from mga_tools.records.allowed_signers import findings

    removed += findings(Path.cwd(), paths)  # allowed_signers is no agreement: the rules on files do not see it
    report.diagnostics = sorted(report.diagnostics + removed)
    report.files += sorted({d.path for d in removed})
    write(REPORTERS[fmt](report), commands=fmt == "github")  # its annotations are workflow commands
    return exit_code(report, strict=args.strict)
