"""``mga verify``: check the seal and each signatory's SSH signature over it, or a signed PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, write
from mga_tools.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from mga_tools.terminal import escaped

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mga_tools.records.pdf_verify import FieldCheck, PdfReport
    from mga_tools.records.signatures import SealState

NAME = "verify"
HELP = "check each signatory's signature over the seal, or the signatures of a PDF"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Check that DIR/ID.yaml matches its seal and that every signatory signed that seal. Given "
        "FILE.pdf instead, check the agreement attached to the PDF against its seal (and DIR/ID.yaml) and every "
        "signature field of the PDF.",
    )
    parser.add_argument("id", metavar="ID", help="id of the agreement, or a signed PDF (FILE.pdf)")
    add_folder(parser)
    parser.add_argument(
        "--base",
        metavar="REV",
        help="trust the keys of DIR/allowed_signers as it was at git revision REV, not as it is in the working tree",
    )
    parser.add_argument(
        "--trust",
        action="append",
        metavar="CA.pem",
        help="for a PDF: a certificate (PEM or DER) whose holder's signatures are trusted; may be repeated",
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
    if args.id.lower().endswith(".pdf") and Path(args.id).is_file():
        if args.base is not None:
            raise UsageError("--base names the SSH signers to trust; for a PDF name the certificates with --trust")
        return _run_pdf(Path(args.id), [Path(p) for p in args.trust or []], Path(args.dir))
    if args.trust:
        raise UsageError("--trust goes with a PDF: mga verify FILE.pdf --trust CA.pem")
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


def _source_lines(report: PdfReport, folder: Path) -> list[str]:
    source = report.source
    if source is None:
        return ["no agreement attached: the PDF carries no ID.yaml to check its fingerprint against"]
    if source.sealed is None:
        lines = [f"attached {source.name} is not sealed (content sha256:{source.content})"]
    elif source.sealed == source.content:
        lines = [f"seal sha256:{source.sealed} matches the attached {source.name}"]
    else:
        lines = [f"seal sha256:{source.sealed} does not match the attached {source.name} (sha256:{source.content})"]
    if report.repository is None:
        lines.append(f"no {(folder / source.name).as_posix()} to compare with")
    elif report.repository_content == source.content:
        lines.append(f"{report.repository.as_posix()} has the same content")
    else:
        lines.append(
            f"{report.repository.as_posix()} has other content (sha256:{report.repository_content}): "
            "the PDF is not of the agreement as recorded"
        )
    return lines


def _state(check: FieldCheck) -> str:
    if not check.signed:
        return "unsigned"
    return "valid" if check.ok else "changed" if not check.intact else "untrusted"


def _field_line(check: FieldCheck) -> str:
    state = _state(check)
    if not check.signed:
        return f"{state:<9}  {check.name}"
    trust = {None: "trust not checked", True: "trusted", False: "untrusted"}[check.trusted]
    why = f": {check.reason}" if check.reason else ""
    intact = "intact" if check.intact else "not intact"
    return f"{state:<9}  {check.name}  {check.signer}  {check.time}  {intact}  {trust}{why}"


def _run_pdf(pdf: Path, trust: list[Path], folder: Path) -> int:
    from mga_tools.extras import require

    require("documents", command="mga verify FILE.pdf")
    from mga_tools.records.pdf_verify import verify_pdf

    report = verify_pdf(pdf, trust=trust, folder=folder)
    lines = _source_lines(report, folder)
    if trust:
        lines.append(f"certificates trusted from {', '.join(p.as_posix() for p in trust)}")
    else:
        lines.append("trust not checked: name the certificates to trust with --trust CA.pem")
    lines += [_field_line(check) for check in report.fields]
    states = [_state(check) for check in report.fields]
    tally = {state: states.count(state) for state in ("valid", "untrusted", "changed", "unsigned")}
    counted = ", ".join(f"{n} {state}" for state, n in tally.items() if n)
    lines.append(f"{len(report.fields)} signature fields: {counted or 'none'}")
    # Names and reasons come from certificates and files anyone can make: each line stays one line.
    write("\n".join(escaped(line) for line in lines) + "\n")
    return EXIT_OK if report.ok else EXIT_FINDINGS
