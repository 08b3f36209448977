"""Finding an agreement file by its id."""

from __future__ import annotations

import re
from pathlib import Path

from mga_tools.errors import UsageError
from mga_tools.load.confined import MESSAGE, outside
from mga_tools.terminal import quoted_path

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80


def is_agreement_id(ident: str) -> bool:
    """Whether ``ident`` can name an agreement file: lower-case words joined by hyphens, not too long."""
    return _ID.match(ident) is not None and len(ident) <= MAX_ID_LENGTH


def agreement_file(ident: str, folder: Path) -> Path:
    """``folder/ID.yaml`` (or ``.yml``); a :class:`UsageError` for a malformed or unknown id."""
    if not is_agreement_id(ident):
        raise UsageError(f"{ident}: not an agreement id (lower-case words joined by hyphens)")
    path = next((p for p in (folder / f"{ident}.yaml", folder / f"{ident}.yml") if p.is_file()), None)
    if path is None:
        raise UsageError(f"{quoted_path((folder / ident).as_posix() + '.yaml')}: no such agreement")
    if outside(path):
        # Sealing would read it and echo what it holds; signing and rendering would publish it.
        raise UsageError(f"{quoted_path(path.as_posix())}: {MESSAGE}")
    return path
