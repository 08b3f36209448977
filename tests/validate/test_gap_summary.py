"""``mga validate`` counts the facts each agreement records as not known, in text and in JSON."""

from __future__ import annotations

import json
from pathlib import Path

from mga_tools.report import REPORTERS
from mga_tools.validate import default_policy, validate_paths

CASES = Path(__file__).parent / "cases"
RECORDED = CASES / "invalid" / "FACT-GAP" / "recorded-gaps-signed.yaml"
CLEAN = CASES / "valid" / "FACT-GAP" / "facts-settled.yaml"


def test_text_report_has_a_gap_line_per_file_with_gaps() -> None:
    report = validate_paths([str(RECORDED), str(CLEAN)], default_policy(CASES), jobs=1)
    assert report.gaps == {str(RECORDED): {"text": 1, "time_limit": 1, "channel": 1, "owner": 1, "date": 1}}
    lines = REPORTERS["text"](report).splitlines()
    assert lines[-2] == (
        f"{RECORDED}: 5 facts not recorded (1 justification, 1 time limit, 1 channel, 1 owner, 1 date)"
    )
    assert not any(line.startswith(f"{CLEAN}:") and "not recorded" in line for line in lines)


def test_json_report_carries_the_counts() -> None:
    report = validate_paths([str(RECORDED), str(CLEAN)], default_policy(CASES), jobs=1)
    document = json.loads(REPORTERS["json"](report))
    assert document["gaps"] == [
        {
            "path": str(RECORDED),
            "count": 5,
            "fields": {"text": 1, "time_limit": 1, "channel": 1, "owner": 1, "date": 1},
        }
    ]
    assert set(document["summary"]) == {"files", "errors", "warnings"}
