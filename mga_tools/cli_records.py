"""The ``mga`` commands for agreements as versioned records: parsers and handlers.

:mod:`mga_tools.cli` adds these parsers and dispatches to :data:`HANDLERS`;
like it, this module parses, calls the library and prints.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from mga_tools.errors import EXIT_FINDINGS, EXIT_OK

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mga_tools.records.signatures import SealState

Handler = Callable[[argparse.Namespace], int]
HANDLERS: dict[str, Handler] = {}


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the record commands to ``mga``'s sub-command parser."""
    _history_parsers(commands)
    _signing_parsers(commands)


DEFAULT_FOLDER = "agreements"
FOLDER_HELP = f"folder of the agreements (default: {DEFAULT_FOLDER}/)"


def _history_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser(
        "diff",
        help="what changed in the agreements' substance between two revisions",
        description="Compare the agreements of two git revisions item by item: parties, interests, options, "
        "terms, failure scenarios and their safeguards, signatories, amendments. Renamed and moved files are "
        "followed.",
    )
    diff.add_argument(
        "base", nargs="?", metavar="BASE", help="base revision (default: where HEAD branched from the main branch)"
    )
    diff.add_argument("head", nargs="?", metavar="HEAD", help="head revision (default: the working tree)")
    diff.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format (default: text)"
    )
    diff.add_argument("--dir", default=DEFAULT_FOLDER, metavar="DIR", help=FOLDER_HELP)
    history = commands.add_parser(
        "history",
        help="list the versions of an agreement in git",
        description="List each committed version of an agreement, newest first: commit, date, author, message, "
        "status and fingerprint at that version, and what changed.",
    )
    history.add_argument("id", metavar="ID", help="id of the agreement")
    history.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    history.add_argument("--dir", default=DEFAULT_FOLDER, metavar="DIR", help=FOLDER_HELP)


def _diff(args: argparse.Namespace) -> int:
    from mga_tools.records.diff_report import REPORTERS
    from mga_tools.records.revisions import diff_revisions

    diffs = diff_revisions(Path.cwd(), args.base, args.head, folder=args.dir)
    sys.stdout.write(REPORTERS[args.format](diffs))
    return EXIT_OK


def _history(args: argparse.Namespace) -> int:
    from mga_tools.records.history import history
    from mga_tools.records.history_report import HISTORY_REPORTERS

    sys.stdout.write(HISTORY_REPORTERS[args.format](history(Path.cwd(), args.id, folder=args.dir)))
    return EXIT_OK


def _signing_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    seal = commands.add_parser(
        "seal",
        help="record the fingerprint of a signed agreement in it",
        description="Write the seal of DIR/ID.yaml: the fingerprint of its content, the date and the number of "
        "amendments. After an amendment, seal it again: its status becomes amended.",
    )
    seal.add_argument("id", metavar="ID", help="id of the agreement, e.g. river-basin-water-sharing")
    seal.add_argument("--dir", default=DEFAULT_FOLDER, metavar="DIR", help=FOLDER_HELP)
    sign = commands.add_parser(
        "sign",
        help="sign the seal of an agreement with an SSH key",
        description="Sign the seal of DIR/ID.yaml with an SSH key that DIR/allowed_signers lists for a signatory; "
        "writes DIR/ID.signatures/PRINCIPAL.sig.",
    )
    sign.add_argument("id", metavar="ID", help="id of the agreement")
    sign.add_argument("--key", required=True, metavar="KEY", help="SSH private key (or a public key held by ssh-agent)")
    sign.add_argument("--principal", metavar="P", help="the signatory's principal (default: found from the key)")
    sign.add_argument("--dir", default=DEFAULT_FOLDER, metavar="DIR", help=FOLDER_HELP)
    verify = commands.add_parser(
        "verify",
        help="check each signatory's signature over the seal",
        description="Check that DIR/ID.yaml matches its seal and that every signatory signed that seal.",
    )
    verify.add_argument("id", metavar="ID", help="id of the agreement")
    verify.add_argument("--dir", default=DEFAULT_FOLDER, metavar="DIR", help=FOLDER_HELP)


def _seal(args: argparse.Namespace) -> int:
    from datetime import date

    from mga_tools.records.files import agreement_file
    from mga_tools.records.seal import REFUSED, RESEALED, UNCHANGED, seal
    from mga_tools.report import REPORTERS
    from mga_tools.validate import Report

    path = agreement_file(args.id, Path(args.dir))
    result = seal(path, today=date.today())
    shown, sign = path.as_posix(), f"'mga sign {args.id} --key KEY'"
    if result.outcome == REFUSED:
        sys.stdout.write(REPORTERS["text"](Report([shown], list(result.diagnostics))))
        sys.stderr.write(f"mga: not sealed: {shown} has errors\n")
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
    sys.stdout.write(line + "\n")
    return EXIT_OK


def _sign(args: argparse.Namespace) -> int:
    from mga_tools.records.files import agreement_file
    from mga_tools.records.signatures import seal_state, sign

    path = agreement_file(args.id, Path(args.dir))
    written = sign(path, Path(args.key), principal=args.principal)
    sys.stdout.write(f"signed {args.id} as {written.stem}: {written.as_posix()} (sha256:{seal_state(path).sealed})\n")
    return EXIT_OK


def _seal_line(state: SealState, ident: str) -> str:
    if state.sealed is None:
        return f"not sealed: run 'mga seal {ident}'"
    if state.matches:
        return f"seal sha256:{state.sealed} matches the content (sealed {state.date}, {state.amendments} amendment(s))"
    return (
        f"seal sha256:{state.sealed} does not match the content (sha256:{state.content}): restore the sealed "
        f"content, or record the change as an amendment and run 'mga seal {ident}'"
    )


def _verify(args: argparse.Namespace) -> int:
    from mga_tools.records.files import agreement_file
    from mga_tools.records.signatures import INVALID, SUPERSEDED, UNSIGNED, VALID, seal_state, verify

    path = agreement_file(args.id, Path(args.dir))
    state, checks = seal_state(path), verify(path)
    lines = [_seal_line(state, args.id)]
    for check in checks:
        signed = f"sha256:{check.fingerprint[:12]}" if check.fingerprint else "-"
        who = f"<{check.principal}>" if check.principal else "(no principal)"
        why = f": {check.reason}" if check.state in (INVALID, SUPERSEDED) else ""
        lines.append(f"{check.state:<10}  {signed:<19}  {check.party}  {check.name} {who}{why}")
    tally = {state: sum(1 for c in checks if c.state == state) for state in (VALID, SUPERSEDED, INVALID, UNSIGNED)}
    counted = ", ".join(f"{n} {state}" for state, n in tally.items() if n)
    lines.append(f"{len(checks)} signatories: {counted or 'none'}")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK if state.matches and checks and tally[VALID] == len(checks) else EXIT_FINDINGS


HANDLERS.update({"diff": _diff, "history": _history, "seal": _seal, "sign": _sign, "verify": _verify})
