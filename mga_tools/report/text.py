"""The plain report: one line per finding, then a summary line."""

from __future__ import annotations

from mga_tools.diagnostics import Report


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report: Report) -> str:
    """``3 files checked: 2 errors, 1 warning`` (or ``no problems``)."""
    files = _plural(len(report.files), "file")
    if not report.diagnostics:
        return f"{files} checked: no problems"
    return f"{files} checked: {_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"


def text(report: Report) -> str:
    """Every diagnostic as ``path:line:col: severity RULE-ID message``, then the summary."""
    lines = [d.format() for d in report.diagnostics]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
