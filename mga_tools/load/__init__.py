"""Load: read an agreement file into plain data with source positions.

This is the one module that reads YAML. :func:`load` never raises for
problems in the file; it records them on the returned :class:`Document`.
"""

from __future__ import annotations

from pathlib import Path

from mga_tools.diagnostics import Severity
from mga_tools.load import confined
from mga_tools.load.document import Document, Pointer, Position
from mga_tools.load.events import (
    SyntaxProblem,
    TooCostly,
    TooDeep,
    libyaml_agrees,
    libyaml_available,
    libyaml_events,
    ruamel_events,
)
from mga_tools.load.limits import MAX_BYTES, MAX_DEPTH, PRECISE_MAX_CHARS, PRECISE_MAX_EVENTS
from mga_tools.load.text import decode
from mga_tools.load.tree import build

__all__ = ["FAST", "LOADER_RULES", "PRECISE", "Document", "Pointer", "Position", "fast_available", "load", "load_text"]

# What the loader itself reports, by rule id (documented in docs/rules.md).
LOADER_RULES: dict[str, str] = {
    "YAML-SYNTAX": "The file is well-formed YAML.",
    "YAML-DUPLICATE-KEY": "No mapping repeats a key.",
    "YAML-ALIAS": "No anchors or aliases.",
    "YAML-TAG": "No explicit tags other than the core ones that match the value.",
    "YAML-KEY": "Mapping keys are plain text.",
    "YAML-ENCODING": "The file is UTF-8.",
    "YAML-BOM": "The file has no byte-order mark.",
    "YAML-TAB": "No tab characters.",
    "YAML-AMBIGUOUS": "No plain scalar that YAML 1.1 would read differently.",
    "YAML-NUMBER": "Numbers are finite and at most 100 characters long.",
    "YAML-SIZE": "The file is under the policy's size limit and holds at most 50,000 keys and values.",
    "YAML-DEPTH": "Nesting stays under 64 levels.",
    "YAML-DOCUMENTS": "The file holds exactly one YAML document.",
    "YAML-VERSION": "No %YAML directive other than 1.2.",
    confined.RULE: "No link leads outside the repository.",
}

FAST = "fast"
PRECISE = "precise"
DEFAULT_MAX_BYTES = MAX_BYTES


def fast_available() -> bool:
    """Whether the libyaml reader can be used."""
    return libyaml_available()


def load(
    path: Path, display: str | None = None, *, reader: str = PRECISE, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read ``path``; ``reader`` is :data:`PRECISE` (ruamel.yaml) or :data:`FAST` (libyaml)."""
    doc = Document(path=path, display=display if display is not None else str(path))
    if confined.outside(path):
        # Not even its size: what lies outside the repository is none of the findings' business.
        doc.add(1, 1, confined.RULE, Severity.ERROR, confined.MESSAGE)
        return doc
    try:
        size = path.stat().st_size
        if size > max_bytes:
            doc.add(1, 1, "YAML-SIZE", Severity.ERROR, f"file is {size} bytes, over the limit of {max_bytes}; split it")
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc.add(1, 1, "YAML-SYNTAX", Severity.ERROR, f"cannot read the file: {exc.strerror or exc}")
        return doc
    if len(raw) > max_bytes:  # the file grew between stat and read
        doc.add(1, 1, "YAML-SIZE", Severity.ERROR, f"file is over the limit of {max_bytes} bytes; split it")
        return doc
    return _parse(raw, doc, reader)


def load_text(raw: bytes, display: str, *, reader: str = PRECISE, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read YAML from bytes (content held in memory: git blobs, tests), with the same limits as :func:`load`."""
    doc = Document(path=Path(display), display=display)
    if len(raw) > max_bytes:
        doc.add(1, 1, "YAML-SIZE", Severity.ERROR, f"file is {len(raw)} bytes, over the limit of {max_bytes}; split it")
        return doc
    return _parse(raw, doc, reader)


def _parse(raw: bytes, doc: Document, reader: str) -> Document:
    text = decode(raw, doc)
    if text is None:
        return doc
    doc.source = text
    kept = len(doc.diagnostics)  # what the checks on the text found; the parsers add to it
    if not libyaml_available():
        _build(text, doc, precise=True)
        return doc
    if (reader == FAST and libyaml_agrees(text)) or len(text) > PRECISE_MAX_CHARS:
        # Past its budget, the precise reader would take seconds: libyaml reads the text instead.
        events = _libyaml(text, doc, kept)
        doc.refinable = len(text) <= PRECISE_MAX_CHARS and events <= PRECISE_MAX_EVENTS
        return doc
    try:
        _build(text, doc, precise=True, max_events=PRECISE_MAX_EVENTS)
    except TooCostly:
        _reset(doc, kept)
        _libyaml(text, doc, kept)
    return doc


def _libyaml(text: str, doc: Document, kept: int) -> int:
    """Build ``doc`` with libyaml; returns how many events were read."""
    try:
        return _build(text, doc, precise=False)
    except TooDeep as problem:
        # libyaml looked ahead through hundreds of brackets and gave up before the builder saw the
        # first node too deep. The text up to where it gave up, read again, holds that node.
        _reset(doc, kept)
        events = _build(text[: _offset(text, problem.line, problem.col)], doc, precise=False)
        if not any(d.rule == "YAML-DEPTH" for d in doc.diagnostics[kept:]):
            message = f"nesting deeper than {MAX_DEPTH} levels is not read"
            doc.add(problem.line, problem.col, "YAML-DEPTH", Severity.ERROR, message)
        doc.data, doc.parsed = None, False
        return events


def _reset(doc: Document, kept: int) -> None:
    """Forget what a parser built, keeping the findings of the checks on the text."""
    del doc.diagnostics[kept:]
    for table in (doc.spans, doc.key_spans, doc.plain):
        table.clear()
    doc.data, doc.parsed = None, False


def _offset(text: str, line: int, col: int) -> int:
    """The index in ``text`` of a 1-based line and column."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
    return min(len(text), start + col - 1)


def _build(text: str, doc: Document, *, precise: bool, max_events: int | None = None) -> int:
    """Build ``doc`` from one reader's events; returns how many events were read.

    :class:`TooDeep` and :class:`TooCostly` propagate: the caller reads the text another way.
    """
    counted = [0]
    events = ruamel_events(text, max_events) if precise else libyaml_events(text)
    try:
        build(events, doc, counted)
    except TooDeep:
        raise
    except SyntaxProblem as problem:
        # A tab the parser trips over is already reported, more clearly, as YAML-TAB.
        if not any(d.rule == "YAML-TAB" and (d.line, d.col) == (problem.line, problem.col) for d in doc.diagnostics):
            doc.add(problem.line, problem.col, "YAML-SYNTAX", Severity.ERROR, problem.message)
        doc.data = None
        doc.parsed = False
    finally:
        events.close()  # the builder may stop early; the parser is released now
    return counted[0]
