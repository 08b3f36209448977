"""A loaded YAML document: plain data plus where each node was written."""

from __future__ import annotations

from pathlib import Path

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.load.limits import clipped

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

Pointer = tuple[str | int, ...]
Position = tuple[int, int]


class Document:
    """One YAML file as plain Python data, with a source position for every node.

    ``data`` holds only ``dict``, ``list``, ``str``, ``int``, ``float``, ``bool``
    and ``None``; it is ``None`` with ``parsed`` false when the file could not be
    read as YAML. ``spans`` maps a node's pointer (the keys and indexes leading
    to it) to the 1-based ``(line, col)`` of the node; ``key_spans`` does the
    same for the key of a mapping entry. ``plain`` keeps the source text of
    unquoted scalars that were read as numbers, booleans or null, so that
    messages can show what the author actually wrote. ``refinable`` is true
    when libyaml read the file although the precise reader could afford to:
    reading it again precisely may word a finding differently. ``source`` is
    the decoded text itself.
    """

    __slots__ = (
        "data",
        "diagnostics",
        "display",
        "key_spans",
        "parsed",
        "path",
        "plain",
        "refinable",
        "source",
        "spans",
    )

    def __init__(
        self,
        path: Path,
        display: str,
        data: Any = None,
        parsed: bool = False,
        spans: dict[Pointer, Position] | None = None,
        key_spans: dict[Pointer, Position] | None = None,
        plain: dict[Pointer, str] | None = None,
        diagnostics: list[Diagnostic] | None = None,
    ) -> None:
        self.path = path
        self.display = display
        self.data = data
        self.parsed = parsed
        self.spans: dict[Pointer, Position] = {} if spans is None else spans
        self.key_spans: dict[Pointer, Position] = {} if key_spans is None else key_spans
        self.plain: dict[Pointer, str] = {} if plain is None else plain
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self.refinable = False
        # The decoded text the data was read from (None until it is decoded): a rule that looks for characters
        # can search it once instead of every value.
        self.source: str | None = None

    def position(self, pointer: Pointer, *, key: bool = False) -> Position:
        """Where ``pointer`` was written; the closest located ancestor otherwise."""
        if key and pointer in self.key_spans:
            return self.key_spans[pointer]
        while pointer:
            found = self.spans.get(pointer)
            if found is not None:
                return found
            pointer = pointer[:-1]
        return self.spans.get((), (1, 1))

    def diagnostic(
        self,
        pointer: Pointer,
        rule: str,
        severity: Severity,
        message: str,
        *,
        key: bool = False,
    ) -> Diagnostic:
        """A diagnostic located at ``pointer`` (at its key with ``key=True``)."""
        line, col = self.position(pointer, key=key)
        return Diagnostic(self.display, line, col, rule, severity, clipped(message))

    def add(self, line: int, col: int, rule: str, severity: Severity, message: str) -> None:
        """Record a diagnostic at an explicit position (used while loading)."""
        self.diagnostics.append(Diagnostic(self.display, line, col, rule, severity, clipped(message)))
