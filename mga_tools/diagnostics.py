"""Diagnostics are data: every finding about a document is a frozen record."""

from __future__ import annotations

import enum
from collections import namedtuple

from mga_tools.terminal import escaped, quoted_path


class Severity(enum.StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"


# A named tuple rather than a dataclass: it is immutable, hashable and ordered
# by position, and it keeps ``dataclasses`` out of the commit-hook start-up.
class Diagnostic(namedtuple("Diagnostic", "path line col rule severity message")):
    """One finding, located at a 1-based line and column of a file.

    Fields: ``path``, ``line``, ``col``, ``rule``, ``severity``, ``message``.
    Diagnostics sort by path, then position, then rule.
    """

    __slots__ = ()

    def format(self) -> str:
        """The one-line text form: ``path:line:col: severity RULE-ID message``.

        Path and message may quote what a file's author wrote: control characters are escaped
        (:mod:`mga_tools.terminal`), so that the form stays one line and drives no terminal.
        """
        return f"{quoted_path(self.path)}:{self.line}:{self.col}: {self.severity} {self.rule} {escaped(self.message)}"


def count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """Return ``(errors, warnings)``."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return errors, len(diagnostics) - errors


class Report:
    """The outcome of validating a set of files: the files, then every diagnostic."""

    def __init__(self, files: list[str] | None = None, diagnostics: list[Diagnostic] | None = None) -> None:
        self.files: list[str] = files if files is not None else []
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        # The loaded data of each file that could be parsed, when asked for with ``keep_data``.
        self.data: dict[str, object] = {}
        # Facts each agreement records as not known (gaps): file -> field name -> how many.
        self.gaps: dict[str, dict[str, int]] = {}

    @property
    def errors(self) -> int:
        return count(self.diagnostics)[0]

    @property
    def warnings(self) -> int:
        return count(self.diagnostics)[1]
