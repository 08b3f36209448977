"""``mga serve``: preview the website, regenerated as agreements change."""

from __future__ import annotations

import argparse
from pathlib import Path

from mga_tools.commands._common import Subparsers, add_policy, policy, progress
from mga_tools.commands.build import build_day

NAME = "serve"
# The optional part of the package this command needs (mga_tools.extras).
EXTRA = "site"
HELP = "preview the website, regenerated when agreements change"


def add_parser(commands: Subparsers) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        NAME,
        help=HELP,
        description="Serve the site locally, for the people who write the agreements: pages show the "
        "validator's warnings and are regenerated when agreements/*.yaml change.",
    )
    parser.add_argument(
        "--addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address (default: 127.0.0.1:8000)"
    )
    parser.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this host name (repeatable, or a comma list); "
        "by default only localhost, 127.0.0.1, [::1] and the --addr host",
    )
    add_policy(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from mga_tools.publish.serve import serve

    hosts = [name.strip() for value in args.host for name in value.split(",") if name.strip()]
    return serve(Path.cwd(), address=args.addr, hosts=hosts, policy=policy(args), progress=progress, today=build_day())
