"""Checks on the raw bytes and characters, before any YAML parsing."""

from __future__ import annotations

from mga_tools.diagnostics import Severity
from mga_tools.load.document import Document

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = {
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\xfe\xff": "UTF-16",
    b"\xff\xfe": "UTF-16",
}
# One message per offending line is useful; thousands are not.
_MAX_TAB_REPORTS = 20


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return line, col


def decode(raw: bytes, doc: Document) -> str | None:
    """Decode ``raw`` as UTF-8, recording encoding problems on ``doc``.

    Returns the text to parse, or ``None`` when the file cannot be read as
    text at all. Invalid bytes are replaced so that the rest of the file is
    still checked; the file on disk is never changed.
    """
    for bom, name in _OTHER_BOMS.items():
        if raw.startswith(bom):
            doc.add(1, 1, "YAML-ENCODING", Severity.ERROR, f"file is encoded as {name}; save it as UTF-8")
            return None
    if raw.startswith(_UTF8_BOM):
        doc.add(1, 1, "YAML-BOM", Severity.ERROR, "file starts with a byte-order mark; save it as UTF-8 without BOM")
        raw = raw[len(_UTF8_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        bad = raw[exc.start : exc.end].hex(" ")
        doc.add(line, col, "YAML-ENCODING", Severity.ERROR, f"invalid UTF-8 byte(s) {bad}; save the file as UTF-8")
        text = raw.decode("utf-8", "replace")
    if "\t" in text:
        _report_tabs(text, doc)
    return text


def _report_tabs(text: str, doc: Document) -> None:
    reported = 0
    for number, line in enumerate(text.split("\n"), start=1):
        col = line.find("\t")
        if col < 0:
            continue
        if reported == _MAX_TAB_REPORTS:
            doc.add(number, col + 1, "YAML-TAB", Severity.ERROR, "more tab characters follow; not listed")
            return
        doc.add(
            number,
            col + 1,
            "YAML-TAB",
            Severity.ERROR,
            "tab character; indent with spaces (inside text, write \\t in a double-quoted string)",
        )
        reported += 1
