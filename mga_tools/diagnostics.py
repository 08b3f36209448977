"""Diagnostics are data: every finding about a document is a frozen record."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding, located at a 1-based line and column of a file."""

    path: str
    line: int
    col: int
    rule: str
    severity: Severity
    message: str

    def format(self) -> str:
        """The one-line text form: ``path:line:col: severity RULE-ID message``."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity} {self.rule} {self.message}"


def count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """Return ``(errors, warnings)``."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return errors, len(diagnostics) - errors
