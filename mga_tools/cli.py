"""The ``mga`` command: parse arguments, call the library, print, return an exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mga_tools import __version__
from mga_tools.errors import EXIT_INTERNAL, EXIT_OK, MgaError

DEFAULT_FOLDER = "agreements"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mga", description="Negotiated agreements as code, following the Mutual Gains Approach."
    )
    parser.add_argument("--version", action="version", version=f"mga {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check agreements against the schema and the rules",
        description="Check agreements against the schema and the semantic rules; report every problem.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help=f"files or folders (default: {DEFAULT_FOLDER}/)")
    validate.add_argument(
        "--format",
        choices=("text", "json", "github"),
        help="output format (default: text; github when GITHUB_ACTIONS=true)",
    )
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument("--policy", metavar="FILE", help="policy file (default: schema/policy.yaml)")

    new = commands.add_parser(
        "new",
        help="start a new agreement from a commented template",
        description="Write agreements/SLUG.yaml: a commented draft that walks through the four phases.",
    )
    new.add_argument("slug", metavar="SLUG", help="id of the agreement, e.g. harbour-access")
    new.add_argument("--title", help="title of the agreement")
    new.add_argument(
        "--dir", default=DEFAULT_FOLDER, metavar="DIR", help=f"folder to write to (default: {DEFAULT_FOLDER}/)"
    )
    return parser


def _validate(args: argparse.Namespace) -> int:
    from mga_tools.report import REPORTERS
    from mga_tools.validate import default_policy, exit_code, validate_paths
    from mga_tools.validate.policy import load_policy
    from mga_tools.validate.registry import RULES

    policy = load_policy(Path(args.policy), set(RULES)) if args.policy else default_policy()
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    report = validate_paths(args.paths or [DEFAULT_FOLDER], policy)
    sys.stdout.write(REPORTERS[fmt](report))
    return exit_code(report, strict=args.strict)


def _new(args: argparse.Namespace) -> int:
    from mga_tools.scaffold import scaffold

    path = scaffold(args.slug, Path(args.dir), title=args.title)
    sys.stdout.write(f"wrote {path.as_posix()}: fill it in phase by phase, then run 'mga validate {path.as_posix()}'\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mga``; returns the exit code."""
    args = _parser().parse_args(argv)
    handlers = {"validate": _validate, "new": _new}
    try:
        return handlers[args.command](args)
    except MgaError as exc:
        sys.stderr.write(f"mga: {exc}\n")
        return exc.exit_code
    except Exception as exc:
        sys.stderr.write(f"mga: internal error, please report it: {type(exc).__name__}: {exc}\n")
        return EXIT_INTERNAL
