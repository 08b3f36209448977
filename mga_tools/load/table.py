"""Read an observations CSV export as a document, with the line and column of every cell.

``agreements/ID.observations.csv`` holds the same records as
``ID.observations.yaml``, one row per metric and period, under a header row
naming the columns (any order, each at most once)::

    metric,period,value,unit,reported_by,reported_on,evidence,verified_by,note

The file is read as a :class:`~mga_tools.load.document.Document` whose data
has the shape of an observations YAML file (``{agreement: ID, observations:
[...]}``, the agreement's id taken from the file name), so that the schema
and the rules check both alike and locate their findings at the cell
(``file:line:col``). The standard ``csv`` module keeps no positions, so cells
are split here, by RFC 4180 (commas, double quotes, quotes doubled inside a
quoted cell, line breaks inside quotes).

Cells are text, never evaluated: a cell that looks like a spreadsheet formula
(``=SUM(A1:A3)``) stays that text. Only these cells are read further:

- ``value``: a decimal number becomes a number; ``clear`` and ``triggered``
  stay text; an empty cell is a value not known (a gap, its reason taken
  from ``note``), ``gap:KIND`` a gap of that kind (``withheld``...).
- ``evidence``: an ``http(s)://`` address becomes ``{url}``; ``sha256:HEX FILE``
  becomes ``{sha256, file}``; anything else stays text.
- any other empty cell is left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from mga_tools.diagnostics import Severity
from mga_tools.load import confined
from mga_tools.load.document import Document
from mga_tools.load.limits import MAX_BYTES

RULE = "CSV-FORMAT"
# What the table reader reports, by rule id (documented in docs/rules.md, like the YAML loader's rules).
TABLE_RULES = {RULE: "An observations CSV file is UTF-8, with a header of known columns and rows as wide as it."}

COLUMNS = ("metric", "period", "value", "unit", "reported_by", "reported_on", "evidence", "verified_by", "note")
REQUIRED = ("metric", "period", "value", "reported_by", "reported_on")
SUFFIX = ".observations.csv"

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_HASHED = re.compile(r"sha256:([0-9a-f]{64}) +(\S.*)")
_GAP_KINDS = ("unknown", "not-in-sources", "withheld", "conflicting")

Cell = tuple[str, int, int]  # text, 1-based line, 1-based column
Row = list[Cell]


class _Broken(Exception):
    """The text cannot be split into cells (an unterminated quote...): where and why."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def split_rows(text: str) -> list[Row]:
    """The rows of ``text``, each a list of cells with their positions; blank lines are skipped."""
    rows: list[Row] = []
    row: Row = []
    i, line, col, size = 0, 1, 1, len(text)
    while i < size:
        if text[i] in "\r\n" and not row:  # a blank line
            step = 2 if text.startswith("\r\n", i) else 1
            i, line, col = i + step, line + 1, 1
            continue
        start_line, start_col = line, col
        if text[i] == '"':
            parts: list[str] = []
            i, col = i + 1, col + 1
            while True:
                if i >= size:
                    raise _Broken(start_line, start_col, "a quoted cell is never closed; add the closing quote")
                char = text[i]
                if char == '"':
                    if text.startswith('""', i):
                        parts.append('"')
                        i, col = i + 2, col + 2
                        continue
                    i, col = i + 1, col + 1
                    break
                parts.append(char)
                if char == "\n":
                    line, col = line + 1, 1
                else:
                    col += 1
                i += 1
            if i < size and text[i] not in ",\r\n":
                raise _Broken(line, col, "text after a quoted cell's closing quote; quote the whole cell")
            cell = "".join(parts).replace("\r\n", "\n")
        else:
            end = i
            while end < size and text[end] not in ",\r\n":
                end += 1
            cell = text[i:end]
            col += end - i
            i = end
        row.append((cell, start_line, start_col))
        if i < size and text[i] == ",":
            i, col = i + 1, col + 1
            if i < size and text[i] not in "\r\n":
                continue
            row.append(("", line, col))  # a comma at the end of a line: the row ends with an empty cell
        rows.append(row)
        row = []
        if i < size:
            step = 2 if text.startswith("\r\n", i) else 1
            i, line, col = i + step, line + 1, 1
    if row:
        rows.append(row)
    return rows


def load_table(path: Path, display: str | None = None, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read an observations CSV file; like :func:`mga_tools.load.load`, never raises for its content."""
    doc = Document(path=path, display=display if display is not None else str(path))
    if confined.outside(path):
        doc.add(1, 1, confined.RULE, Severity.ERROR, confined.MESSAGE)
        return doc
    try:
        if path.stat().st_size > max_bytes:
            doc.add(1, 1, RULE, Severity.ERROR, f"file is over the limit of {max_bytes} bytes; split it")
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc.add(1, 1, RULE, Severity.ERROR, f"cannot read the file: {exc.strerror or exc}")
        return doc
    return read_table(raw, doc, agreement=path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else "")


def read_table(raw: bytes, doc: Document, agreement: str) -> Document:
    """Fill ``doc`` from the bytes of an observations CSV file of the agreement ``agreement``."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.add(1, 1, RULE, Severity.ERROR, "file is encoded as UTF-16; save it as UTF-8")
        return doc
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # spreadsheets write a byte-order mark before UTF-8: it says nothing more
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        bad = raw[exc.start : exc.end].hex(" ")
        doc.add(line, col, RULE, Severity.ERROR, f"invalid UTF-8 byte(s) {bad}; save the file as UTF-8")
        return doc
    doc.source = text
    if "\x00" in text:
        before = text[: text.index("\x00")]
        doc.add(before.count("\n") + 1, len(before) - before.rfind("\n"), RULE, Severity.ERROR, "NUL character")
        return doc
    try:
        rows = split_rows(text)
    except _Broken as broken:
        doc.add(broken.line, broken.col, RULE, Severity.ERROR, broken.message)
        return doc
    if not rows:
        doc.add(1, 1, RULE, Severity.ERROR, f"no header row; the first line names the columns: {','.join(COLUMNS)}")
        return doc
    header = rows[0]
    names = [name.strip() for name, _, _ in header]
    problems = len(doc.diagnostics)
    seen: set[str] = set()
    for (name, line, col), clean in zip(header, names, strict=True):
        if clean not in COLUMNS:
            doc.add(line, col, RULE, Severity.ERROR, f"unknown column '{name}'; the columns are {', '.join(COLUMNS)}")
        elif clean in seen:
            doc.add(line, col, RULE, Severity.ERROR, f"column '{clean}' is named twice")
        seen.add(clean)
    for name in REQUIRED:
        if name not in names:
            doc.add(header[0][1], 1, RULE, Severity.ERROR, f"the header lacks the column '{name}'")
    if len(doc.diagnostics) > problems:
        return doc
    doc.spans[()] = (1, 1)
    doc.spans[("agreement",)] = (1, 1)
    doc.spans[("observations",)] = (rows[1][0][1], 1) if len(rows) > 1 else (1, 1)
    observations: list[dict] = []
    for row in rows[1:]:
        if len(row) != len(names):
            # At the first cell too many, or at the last cell of a short row.
            line, col = row[len(names)][1:] if len(row) > len(names) else row[-1][1:]
            doc.add(line, col, RULE, Severity.ERROR, f"a row of {len(row)} cells under a header of {len(names)}")
            continue
        observations.append(_record(doc, len(observations), dict(zip(names, row, strict=True))))
    doc.data = {"agreement": agreement, "observations": observations}
    doc.parsed = True
    return doc


def _record(doc: Document, index: int, cells: dict[str, Cell]) -> dict:
    """One row as an observation, its cells' positions recorded under its pointer."""
    pointer = ("observations", index)
    doc.spans[pointer] = cells[next(iter(cells))][1:]
    record: dict = {}
    for name in COLUMNS:
        if name not in cells:
            continue
        text, line, col = cells[name]
        where = (*pointer, name)
        if name == "value":
            record[name] = _value(doc, where, text, cells.get("note"))
        elif not text:
            continue
        elif name == "evidence":
            record[name] = _evidence(doc, where, text, (line, col))
        else:
            record[name] = text
        doc.spans[where] = (line, col)
    if isinstance(record.get("value"), dict):
        record.pop("note", None)  # the note is the gap's reason
    return record


def _value(doc: Document, where: tuple, text: str, note: Cell | None) -> object:
    if _NUMBER.fullmatch(text):
        doc.plain[where] = text
        return float(text) if any(c in text for c in ".eE") else int(text)
    kind = "unknown" if not text else text[4:] if text.startswith("gap:") else None
    if kind not in _GAP_KINDS:
        return text
    gap: dict = {"gap": kind}
    if note is not None and note[0]:
        gap["reason"] = note[0]
        doc.spans[(*where, "reason")] = note[1:]
    return gap


def _evidence(doc: Document, where: tuple, text: str, at: tuple[int, int]) -> object:
    if text.startswith(("http://", "https://")):
        doc.spans[(*where, "url")] = at
        return {"url": text}
    hashed = _HASHED.fullmatch(text)
    if hashed:
        doc.spans[(*where, "sha256")] = doc.spans[(*where, "file")] = at
        return {"sha256": hashed.group(1), "file": hashed.group(2)}
    return text
