"""What several commands share: default folder, the policy option, printing a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mga_tools.diagnostics import Diagnostic, Report
from mga_tools.terminal import safe_lines

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from mga_tools.validate.policy import Policy

DEFAULT_FOLDER = "agreements"
FOLDER_HELP = f"folder of the agreements (default: {DEFAULT_FOLDER}/)"
Subparsers = argparse._SubParsersAction  # the type argparse gives ``add_subparsers``


def add_policy(parser: argparse.ArgumentParser) -> None:
    """The ``--policy FILE`` option of every command that validates."""
    parser.add_argument("--policy", metavar="FILE", help="policy file (default: schema/policy.yaml)")


def add_folder(parser: argparse.ArgumentParser) -> None:
    """The ``--dir DIR`` option of the commands that find an agreement by id."""
    parser.add_argument("--dir", default=DEFAULT_FOLDER, metavar="DIR", help=FOLDER_HELP)


def policy(args: argparse.Namespace) -> Policy:
    """The policy named by ``--policy``, or the repository's own."""
    from mga_tools.validate import default_policy
    from mga_tools.validate.policy import load_policy
    from mga_tools.validate.registry import RULES

    return load_policy(Path(args.policy), set(RULES)) if args.policy else default_policy()


def write(text: str, *, commands: bool = False) -> None:
    """Print ``text`` (it carries its own line breaks), any other control character escaped.

    The net under every report, which escape the values they quote already: no line starts
    a CI workflow command, unless ``commands`` says that ``text`` holds the tool's own.
    """
    sys.stdout.write(safe_lines(text, commands=commands))


def progress(line: str) -> None:
    """One line of progress, on standard error."""
    sys.stderr.write(safe_lines(f"mga: {line}\n"))


def print_findings(diagnostics: list[Diagnostic]) -> None:
    """The findings that stopped a command, as ``mga validate`` prints them."""
    from mga_tools.report import REPORTERS

    write(REPORTERS["text"](Report(sorted({d.path for d in diagnostics}), diagnostics)))
