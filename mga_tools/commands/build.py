"""``mga build``: validate, then publish the agreements as a website."""

from __future__ import annotations

import argparse
import datetime
import os
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_policy, policy, progress, write
from mga_tools.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from mga_tools.terminal import quoted_path

NAME = "build"
# The optional part of the package this command needs (mga_tools.extras).
EXTRA = "site"
HELP = "publish the agreements as a website"
# Measured on this command only: tearing down the interpreter after a build (its many
# thousands of objects) takes 60-100 ms that nobody waits for; see mga_tools.cli.run.
HARD_EXIT = True
# The day the pages count deadlines from, if not today (YYYY-MM-DD): for reproducible builds and tests.
TODAY = "MGA_TODAY"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Validate, then build the agreements and the docs into a static mkdocs-material site.",
    )
    parser.add_argument(
        "--out", default="site", metavar="DIR", help="output folder, replaced on success (default: site/)"
    )
    parser.add_argument("--no-documents", action="store_true", help="skip the signable PDF/DOCX downloads")
    parser.add_argument(
        "--editor",
        action="store_true",
        help="a site for the people who write the agreements: each page shows the validator's warnings "
        "(never publish it; the default build shows none)",
    )
    add_policy(parser)
    return parser


def build_day() -> datetime.date | None:
    """The day set by ``MGA_TODAY`` (``YYYY-MM-DD``), or None for the day of the build."""
    value = os.environ.get(TODAY, "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{TODAY}={value}: expected a date as YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    from mga_tools.publish.mkdocs_process import MkdocsProcess

    today = build_day()
    # Started first, so that mkdocs loads while the rest of the build is imported and runs.
    with MkdocsProcess() as mkdocs:
        from mga_tools.publish import build_site
        from mga_tools.report import REPORTERS

        result = build_site(
            Path.cwd(),
            Path(args.out),
            documents=not args.no_documents,
            policy=policy(args),
            progress=progress,
            mkdocs=mkdocs,
            editor=args.editor,
            today=today,
        )
    if not result.ok:
        write(REPORTERS["text"](result.report))
        progress(f"not published: {quoted_path(args.out)} is unchanged")
        return EXIT_FINDINGS
    write(f"built {len(result.pages)} agreement(s) into {quoted_path(args.out + '/')} in {result.seconds:.1f} s\n")
    return EXIT_OK
