"""Minimal edits of an agreement's YAML text: one scalar value replaced where the document says it is.

Sealing sets the status and renaming sets the id by changing only the
characters of that value, in its own quoting; comments, key order, quoting
and line endings stay exactly as the authors wrote them.
"""

from __future__ import annotations

import re

from mga_tools.errors import RecordError
from mga_tools.load import Document, Pointer


def lines_of(text: str) -> list[str]:
    """The lines of ``text``, each with its line break (``\\n`` or ``\\r\\n``)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def replace_scalar(text: str, doc: Document, pointer: Pointer, old: str, new: str) -> str:
    """``text`` with the scalar ``old`` at ``pointer`` replaced by ``new``, in the same quoting.

    Raises :class:`RecordError` when the value is not written where ``doc``
    says, as ``old`` (a layout the edit cannot handle without touching more).
    """
    line_no, col = doc.spans[pointer]
    lines = lines_of(text)
    line = lines[line_no - 1]
    at = col - 1
    quote = line[at] if line[at : at + 1] in ("'", '"') else ""
    start = at + len(quote)
    stop = start + len(old)
    rest = line[stop:]
    closed = rest.startswith(quote) if quote else re.match(r"(\s|#|$)", rest) is not None
    if line[start:stop] != old or not closed:
        raise RecordError(f"{doc.display}:{line_no}:{col}: cannot find '{old}' to set it to '{new}': edit it by hand")
    lines[line_no - 1] = line[:start] + new + rest
    return "".join(lines)
