"""The ``mga`` command: parse arguments, call the library, print, return an exit code."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from mga_tools import __version__, cli_records
from mga_tools.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, MgaError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mga_tools.validate.policy import Policy

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
    validate.add_argument(
        "--base", metavar="REV", help="also check that agreements signed at git revision REV changed only by amendment"
    )

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
    _publish_parsers(commands)
    _render_parser(commands)
    _analyze_parser(commands)
    cli_records.add_parsers(commands)
    return parser


def _publish_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser(
        "build",
        help="publish the agreements as a website",
        description="Validate, then build the agreements and the docs into a static mkdocs-material site.",
    )
    build.add_argument(
        "--out", default="site", metavar="DIR", help="output folder, replaced on success (default: site/)"
    )
    build.add_argument("--no-documents", action="store_true", help="skip the signable PDF/DOCX downloads")
    build.add_argument("--policy", metavar="FILE", help="policy file (default: schema/policy.yaml)")
    serve = commands.add_parser(
        "serve",
        help="preview the website, regenerated when agreements change",
        description="Serve the site locally; pages are regenerated when agreements/*.yaml change.",
    )
    serve.add_argument(
        "--addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address (default: 127.0.0.1:8000)"
    )
    serve.add_argument("--policy", metavar="FILE", help="policy file (default: schema/policy.yaml)")


def _policy(args: argparse.Namespace) -> Policy:
    from mga_tools.validate import default_policy
    from mga_tools.validate.policy import load_policy
    from mga_tools.validate.registry import RULES

    return load_policy(Path(args.policy), set(RULES)) if args.policy else default_policy()


def _progress(line: str) -> None:
    sys.stderr.write(f"mga: {line}\n")


def _build(args: argparse.Namespace) -> int:
    from mga_tools.publish.mkdocs_process import MkdocsProcess

    # Started first, so that mkdocs loads while the rest of the build is imported and runs.
    with MkdocsProcess() as mkdocs:
        from mga_tools.publish import build_site
        from mga_tools.report import REPORTERS

        result = build_site(
            Path.cwd(),
            Path(args.out),
            documents=not args.no_documents,
            policy=_policy(args),
            progress=_progress,
            mkdocs=mkdocs,
        )
    if not result.ok:
        sys.stdout.write(REPORTERS["text"](result.report))
        sys.stderr.write(f"mga: not published: {args.out} is unchanged\n")
        return EXIT_FINDINGS
    sys.stdout.write(f"built {len(result.pages)} agreement(s) into {args.out}/ in {result.seconds:.1f} s\n")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from mga_tools.publish.serve import serve

    return serve(Path.cwd(), address=args.addr, policy=_policy(args), progress=_progress)


def _render_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    render = commands.add_parser(
        "render",
        help="write one agreement as a signable PDF or DOCX, or as Markdown",
        description="Validate DIR/ID.yaml and, if it has no error, write it as a signable document.",
    )
    render.add_argument("id", metavar="ID", help="id of the agreement, e.g. river-basin-water-sharing")
    render.add_argument("--format", choices=("pdf", "docx", "md"), default="pdf", help="output format (default: pdf)")
    render.add_argument("-o", "--output", metavar="FILE", help="file to write (default: ID.FORMAT here)")
    render.add_argument(
        "--dir", default=DEFAULT_FOLDER, metavar="DIR", help=f"folder of the agreements (default: {DEFAULT_FOLDER}/)"
    )


def _render(args: argparse.Namespace) -> int:
    from mga_tools.render import render_file
    from mga_tools.report import REPORTERS
    from mga_tools.validate import Report

    out = Path(args.output) if args.output else Path(f"{args.id}.{args.format}")
    diagnostics, written = render_file(args.id, Path(args.dir), args.format, out)
    if written is None:
        sys.stdout.write(REPORTERS["text"](Report(sorted({d.path for d in diagnostics}), diagnostics)))
        return EXIT_FINDINGS
    sys.stdout.write(f"wrote {written.as_posix()}\n")
    return EXIT_OK


def _analyze_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyze = commands.add_parser(
        "analyze",
        help="find the efficient packages and the fair points of a scored agreement",
        description="Validate DIR/ID.yaml with its score file and analyse its scores: the exact Pareto frontier, "
        "the zone of possible agreement, the Nash, Kalai-Smorodinsky, egalitarian and maximum-welfare points, "
        "and whether the adopted package beats every BATNA and leaves no value on the table.",
    )
    analyze.add_argument("id", metavar="ID", help="id of the agreement, e.g. three-firm-battery-recycling-jv")
    analyze.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text", help="output format (default: text)"
    )
    analyze.add_argument(
        "--dir", default=DEFAULT_FOLDER, metavar="DIR", help=f"folder of the agreements (default: {DEFAULT_FOLDER}/)"
    )


def _analyze(args: argparse.Namespace) -> int:
    from mga_tools.analyze.report import REPORTERS as ANALYSIS
    from mga_tools.analyze.run import analyze_file
    from mga_tools.report import REPORTERS
    from mga_tools.validate import Report, default_policy

    # Only JSON lists every package; the other reports show counts and a few packages.
    outcome = analyze_file(args.id, Path(args.dir), default_policy(), packages=args.format == "json")
    if outcome.data is None:
        diagnostics = outcome.diagnostics
        sys.stdout.write(REPORTERS["text"](Report(sorted({d.path for d in diagnostics}), diagnostics)))
        for reason in outcome.reasons:
            sys.stdout.write(f"cannot analyse {args.id}: {reason}\n")
        return EXIT_FINDINGS
    sys.stdout.write(ANALYSIS[args.format](outcome.data))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from mga_tools.diagnostics import Diagnostic
    from mga_tools.report import REPORTERS
    from mga_tools.validate import default_policy, exit_code, validate_paths
    from mga_tools.validate.policy import load_policy
    from mga_tools.validate.registry import RULES

    policy = load_policy(Path(args.policy), set(RULES)) if args.policy else default_policy()
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    paths = args.paths or [DEFAULT_FOLDER]
    base, removed = None, list[Diagnostic]()  # filled by --base
    if args.base:
        from mga_tools.records.guard import baseline

        base, removed = baseline(Path.cwd(), args.base, paths)
    report = validate_paths(paths, policy, base=base)
    report.diagnostics = sorted(report.diagnostics + removed)
    report.files += sorted({d.path for d in removed})
    sys.stdout.write(REPORTERS[fmt](report))
    return exit_code(report, strict=args.strict)


def _new(args: argparse.Namespace) -> int:
    from mga_tools.scaffold import scaffold

    path = scaffold(args.slug, Path(args.dir), title=args.title)
    sys.stdout.write(f"wrote {path.as_posix()}: fill it in phase by phase, then run 'mga validate {path.as_posix()}'\n")
    return EXIT_OK


def run() -> NoReturn:
    """The ``mga`` command: :func:`main`, then a hard exit.

    By the time :func:`main` returns, every file a command wrote is closed and
    every process it started has ended, so tearing down the interpreter (its
    many thousands of objects: 60-100 ms after a build, measured) would only
    keep the caller waiting. As mypy does, the streams are flushed and the
    process ends at once.
    """
    code = main()
    with contextlib.suppress(OSError, ValueError):  # a closed pipe (``mga validate | head``) or stream
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mga``; returns the exit code."""
    args = _parser().parse_args(argv)
    handlers = {
        "validate": _validate,
        "new": _new,
        "build": _build,
        "serve": _serve,
        "render": _render,
        "analyze": _analyze,
    }
    handlers.update(cli_records.HANDLERS)
    try:
        return handlers[args.command](args)
    except MgaError as exc:
        sys.stderr.write(f"mga: {exc}\n")
        return exc.exit_code
    except Exception as exc:
        sys.stderr.write(f"mga: internal error, please report it: {type(exc).__name__}: {exc}\n")
        return EXIT_INTERNAL
