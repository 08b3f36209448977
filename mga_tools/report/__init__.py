"""Report: output formats, as a name -> reporter map. Reporters return text; they never print."""

from __future__ import annotations

from collections.abc import Callable

from mga_tools.diagnostics import Report
from mga_tools.report.github import github
from mga_tools.report.json import as_json
from mga_tools.report.text import text

Reporter = Callable[[Report], str]

REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github}

__all__ = ["REPORTERS", "Reporter"]
