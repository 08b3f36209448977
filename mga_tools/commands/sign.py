"""``mga sign``: sign the seal of an agreement with an SSH key, or its PDF with a certificate."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_folder, add_policy, policy, print_findings, write
from mga_tools.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from mga_tools.terminal import escaped, quoted_path

NAME = "sign"
HELP = "sign the seal of an agreement with an SSH key, or its PDF with a certificate (--pdf)"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Sign the seal of DIR/ID.yaml with an SSH key that DIR/allowed_signers lists for a signatory; "
        "writes DIR/ID.signatures/PRINCIPAL.sig. With --pdf, sign the signatory's field of the PDF "
        "DIR/ID.signatures/ID.pdf (rendered first if absent) with a PKCS#12 certificate and key.",
    )
    parser.add_argument("id", metavar="ID", help="id of the agreement")
    parser.add_argument(
        "--key",
        required=True,
        metavar="KEY",
        help="SSH private key (or a public key held by ssh-agent); with --pdf, a PKCS#12 file (.p12, .pfx)",
    )
    parser.add_argument("--principal", metavar="P", help="the signatory's principal (default: found from the key)")
    parser.add_argument(
        "--pdf", action="store_true", help="sign the agreement's PDF (a PAdES signature) instead of its seal"
    )
    parser.add_argument(
        "--party", metavar="PARTY", help="with --pdf: the party whose field to sign (default: found from the key)"
    )
    parser.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="with --pdf: the environment variable holding the PKCS#12 passphrase (default: none)",
    )
    add_folder(parser)
    add_policy(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.pdf:
        return _run_pdf(args)
    if args.party is not None or args.passphrase_env is not None:
        raise UsageError("--party and --passphrase-env go with --pdf")
    from mga_tools.load.lookup import agreement_file
    from mga_tools.records.signatures import seal_state, sign

    path = agreement_file(args.id, Path(args.dir))
    written = sign(path, Path(args.key), principal=args.principal)
    shown = quoted_path(written.as_posix())
    write(f"signed {args.id} as {escaped(written.stem)}: {shown} (sha256:{seal_state(path).sealed})\n")
    return EXIT_OK


def _passphrase(variable: str | None) -> bytes | None:
    if variable is None:
        return None
    value = os.environ.get(variable)
    if value is None:
        raise UsageError(f"--passphrase-env names {variable}, which is not set")
    return value.encode("utf-8")


def _run_pdf(args: argparse.Namespace) -> int:
    from mga_tools.extras import require

    if args.principal is not None:
        raise UsageError("--principal names an SSH signer; with --pdf the certificate names the signatory")
    require("documents", command="mga sign --pdf")
    from mga_tools.records.pdf_agreement import sign_agreement
    from mga_tools.render.batch import signing_copy

    passphrase = _passphrase(args.passphrase_env)
    checked, pdf, rendered = signing_copy(args.id, Path(args.dir), policy(args))
    if pdf is None or checked.data is None:
        print_findings(checked.diagnostics)
        return EXIT_FINDINGS
    if rendered:
        write(f"rendered {quoted_path(pdf.as_posix())}\n")
    signed = sign_agreement(checked.path, checked.data, Path(args.key), passphrase=passphrase, party=args.party)
    whose = signed.slot.name or f"a signatory of {signed.slot.party}"
    write(
        f"signed {signed.slot.field} ({escaped(whose)}) of {args.id} as {escaped(signed.signer)}: "
        f"{quoted_path(signed.path.as_posix())}\n"
    )
    return EXIT_OK
