"""``mga verify``: check the seal and each signatory's SSH signature over it."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, write
from mga_tools.errors import EXIT_FINDINGS, EXIT_OK
from mga_tools.terminal import escaped

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mga_tools.records.signatures import SealState

NAME = "verify"
HELP = "check each signatory's signature over the seal"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Check that DIR/ID.yaml matches its seal and that every signatory signed that seal.",
    )
    parser.add_argument("id", metavar="ID", help="id of the agreement")
    add_folder(parser)
    parser.add_argument(
        "--base",
        metavar="REV",
        help="trust the keys of DIR/allowed_signers as it was at git revision REV, not as it is in the working tree",
    )
    return parser


def _seal_line(state: SealState, ident: str) -> str:
    if state.sealed is None:
        return f"not sealed: run 'mga seal {ident}'"
    if state.matches:
        return f"seal sha256:{state.sealed} matches the content (sealed {state.date}, {state.amendments} amendment(s))"
    return (
        f"seal sha256:{state.sealed} does not match the content (sha256:{state.content}): restore the sealed "
        f"content, or record the change as an amendment and run 'mga seal {ident}'"
    )


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from mga_tools.load.lookup import agreement_file
    from mga_tools.records.signatures import ALLOWED_SIGNERS, INVALID, SUPERSEDED, UNSIGNED, VALID, seal_state, verify
    from mga_tools.records.signers import trusted

    path = agreement_file(args.id, Path(args.dir))
    state = seal_state(path)
    if args.base is None:
        used = (path.parent / ALLOWED_SIGNERS).as_posix()
        checks = verify(path)
    else:
        with trusted(path.parent, args.base) as (copy, used):
            # The reasons name the file ssh-keygen read; the reader needs to know where it came from.
            checks = [replace(c, reason=c.reason.replace(copy.as_posix(), used)) for c in verify(path, allowed=copy)]
    lines = [_seal_line(state, args.id), f"keys trusted from {used}"]
    for check in checks:
        signed = f"sha256:{check.fingerprint[:12]}" if check.fingerprint else "-"
        who = f"<{check.principal}>" if check.principal else "(no principal)"
        why = f": {check.reason}" if check.state in (INVALID, SUPERSEDED) else ""
        lines.append(f"{check.state:<10}  {signed:<19}  {check.party}  {check.name} {who}{why}")
    tally = {state: sum(1 for c in checks if c.state == state) for state in (VALID, SUPERSEDED, INVALID, UNSIGNED)}
    counted = ", ".join(f"{n} {state}" for state, n in tally.items() if n)
    lines.append(f"{len(checks)} signatories: {counted or 'none'}")
    # Names, principals and reasons are anyone's text: each line stays one line.
    write("\n".join(escaped(line) for line in lines) + "\n")
    return EXIT_OK if state.matches and checks and tally[VALID] == len(checks) else EXIT_FINDINGS
