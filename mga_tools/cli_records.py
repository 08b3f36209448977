"""The ``mga`` commands for agreements as versioned records: parsers and handlers.

:mod:`mga_tools.cli` adds these parsers and dispatches to :data:`HANDLERS`;
like it, this module parses, calls the library and prints.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]
HANDLERS: dict[str, Handler] = {}


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the record commands to ``mga``'s sub-command parser."""
