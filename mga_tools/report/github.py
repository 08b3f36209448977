"""GitHub Actions annotations, followed by the plain report.

Actions shows at most 50 annotations per job, so the plain report follows
the annotations: nothing is lost from the log.
"""

from __future__ import annotations

from mga_tools.diagnostics import Report
from mga_tools.report.text import text
from mga_tools.terminal import escaped


def _escape_data(value: str) -> str:
    # The runner's own escapes first, so that it decodes the value as written; then the terminal's
    # for every other control character (a line break cannot remain to start a command line).
    return escaped(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report) -> str:
    """``::error file=…,line=…,col=…,title=RULE::message`` lines, then the text report."""
    lines = [
        f"::{d.severity.value} file={_escape_property(d.path)},line={d.line},col={d.col},"
        f"title={_escape_property(d.rule)}::{_escape_data(d.message)}"
        for d in report.diagnostics
    ]
    return "\n".join(lines) + ("\n" if lines else "") + text(report)
