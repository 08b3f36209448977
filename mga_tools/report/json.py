"""The JSON report: a documented, stable structure (version 1).

{
  "version": 1,
  "files": ["agreements/a.yaml", ...],
  "summary": {"files": 1, "errors": 0, "warnings": 0},
  "diagnostics": [
    {"path": ..., "line": 1, "column": 1, "severity": "error", "rule": "SCHEMA", "message": ...}
  ],
  "gaps": [
    {"path": "agreements/a.yaml", "count": 4, "fields": {"time_limit": 3, "owner": 1}}
  ]
}

``gaps`` lists the agreements that record facts as not known, with how many, by field name.
"""

from __future__ import annotations

import json

from mga_tools.diagnostics import Report

FORMAT_VERSION = 1


def as_json(report: Report) -> str:
    """The report as JSON (UTF-8 text, keys in a fixed order)."""
    document = {
        "version": FORMAT_VERSION,
        "files": report.files,
        "summary": {"files": len(report.files), "errors": report.errors, "warnings": report.warnings},
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "column": d.col,
                "severity": d.severity.value,
                "rule": d.rule,
                "message": d.message,
            }
            for d in report.diagnostics
        ],
        "gaps": [
            {"path": path, "count": sum(report.gaps[path].values()), "fields": report.gaps[path]}
            for path in report.files
            if report.gaps.get(path)
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
