"""``mga monitor``: report an agreement's follow-through as of a date."""

from __future__ import annotations

import argparse
import datetime
import os

from mga_tools.commands._common import DEFAULT_FOLDER, Subparsers, write

NAME = "monitor"
HELP = "report breaches, overdue reports and deadlines as of a date"


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}")
    return int(text)


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Evaluate agreements as of a date: levels crossed, reports overdue, deadlines missed or near.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="ID|PATH", help=f"agreement ids, files or folders (default: {DEFAULT_FOLDER}/)"
    )
    parser.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help="the date to evaluate as of (default: today)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown", "github"),
        help="output format (default: text; github when GITHUB_ACTIONS=true)",
    )
    parser.add_argument(
        "--within", type=_days, default=30, metavar="DAYS", help="report deadlines due within DAYS (default: 30)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.records.monitor import as_markdown, monitor_paths
    from mga_tools.report import REPORTERS

    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    as_of = args.as_of or datetime.date.today()
    report = monitor_paths(args.paths or [DEFAULT_FOLDER], as_of, args.within)
    write(as_markdown(report) if fmt == "markdown" else REPORTERS[fmt](report), commands=fmt == "github")
    return 1 if report.errors else 0
