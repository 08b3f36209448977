"""Load: read an agreement file into plain data with source positions.

This is the one module that reads YAML. :func:`load` never raises for
problems in the file; it records them on the returned :class:`Document`.
"""

from __future__ import annotations

from pathlib import Path

from mga_tools.diagnostics import Severity
from mga_tools.load.document import Document, Pointer, Position
from mga_tools.load.events import (
    SyntaxProblem,
    libyaml_agrees,
    libyaml_available,
    libyaml_events,
    ruamel_events,
)
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
    "YAML-NUMBER": "Numbers are finite.",
    "YAML-SIZE": "The file is under the policy's size limit.",
    "YAML-DEPTH": "Nesting stays under 64 levels.",
    "YAML-DOCUMENTS": "The file holds exactly one YAML document.",
    "YAML-VERSION": "No %YAML directive other than 1.2.",
}

FAST = "fast"
PRECISE = "precise"
DEFAULT_MAX_BYTES = 1024 * 1024


def fast_available() -> bool:
    """Whether the libyaml reader can be used."""
    return libyaml_available()


def load(
    path: Path, display: str | None = None, *, reader: str = PRECISE, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read ``path``; ``reader`` is :data:`PRECISE` (ruamel.yaml) or :data:`FAST` (libyaml)."""
    doc = Document(path=path, display=display if display is not None else str(path))
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


def load_text(raw: bytes, display: str, *, reader: str = PRECISE) -> Document:
    """Read YAML from bytes (for tests and tools that hold content in memory)."""
    return _parse(raw, Document(path=Path(display), display=display), reader)


def _parse(raw: bytes, doc: Document, reader: str) -> Document:
    text = decode(raw, doc)
    if text is None:
        return doc
    fast = reader == FAST and libyaml_agrees(text)
    events = libyaml_events(text) if fast else ruamel_events(text)
    try:
        build(events, doc)
    except SyntaxProblem as problem:
        # A tab the parser trips over is already reported, more clearly, as YAML-TAB.
        if not any(d.rule == "YAML-TAB" and (d.line, d.col) == (problem.line, problem.col) for d in doc.diagnostics):
            doc.add(problem.line, problem.col, "YAML-SYNTAX", Severity.ERROR, problem.message)
        doc.data = None
        doc.parsed = False
    return doc
