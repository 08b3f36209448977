"""Replacing files so that no reader ever sees half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

# Files that did not exist before (signatures) get the usual permissions of a checked-out file.
_NEW_FILE_MODE = 0o644


def write_atomic(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` through a temporary file beside it and :func:`os.replace`.

    A crash or a full disk leaves either the old file or the new one, never a
    mix; an existing file keeps its permissions.
    """
    mode = path.stat().st_mode & 0o7777 if path.exists() else _NEW_FILE_MODE
    # A leading dot keeps the temporary file out of folder scans (mga validate skips hidden files).
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
