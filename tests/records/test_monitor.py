"""``mga monitor``: each finding on a small agreement written here, exact; the ministry example as of a date."""

from __future__ import annotations

import datetime
import textwrap

import pytest
from conftest import ROOT

from mga_tools.cli import main
from mga_tools.records.monitor import RULES, monitor_agreement
from mga_tools.records.monitor_deadlines import limit_days

AGREEMENT = """\
id: tiny
title: Tiny
effective: {effective}
terms:
  - id: deliver
    title: Delivery
    due: 2025-06-30
follow_through:
  metrics:
    - id: flow
      title: River flow
      unit: m3/s
      threshold: {{comparator: "<", value: 10, warning: 12}}
      reporting: {{every: quarter, due_days: 30}}
    - id: spills
      title: Spills
      threshold:
        comparator: ">"
        cases:
          - {{when: dry year, value: 2, warning: 1}}
          - {{when: wet year, value: 5}}
      reporting: {{every: year, due_days: 60}}
  protocols:
    - {{id: notice, title: Notice of low flow}}
  dispute_mechanisms:
    - id: ladder
      title: Escalation ladder
      steps:
        - {{kind: negotiation, time_limit: within 30 days}}
        - {{kind: mediation, time_limit: 10 business days}}
  failure_scenarios:
    - {{id: drought, title: Drought, metrics: [flow], dispute_mechanisms: [ladder], protocols: [notice]}}
    - {{id: pollution, title: Pollution, metrics: [spills]}}
"""

OBSERVATIONS = """\
agreement: tiny
observations:
  - {{metric: flow, period: 2025-Q1, value: 13, reported_by: x, reported_on: 2025-04-10}}
  - {{metric: flow, period: 2025-Q2, value: {flow}, reported_by: x, reported_on: 2025-07-10}}
"""


def _write(tmp_path, effective="2025-01-01", flow=None, spills=None, disputes=None):
    (tmp_path / "tiny.yaml").write_text(AGREEMENT.format(effective=effective), encoding="utf-8")
    if flow is not None:
        text = OBSERVATIONS.format(flow=flow)
        if spills is not None:
            text += (
                f"  - {{metric: spills, period: '2025', value: {spills}, reported_by: x, reported_on: 2026-01-05}}\n"
            )
        (tmp_path / "tiny.observations.yaml").write_text(text, encoding="utf-8")
    if disputes is not None:
        (tmp_path / "tiny.disputes.yaml").write_text(textwrap.dedent(disputes), encoding="utf-8")
    return tmp_path / "tiny.yaml"


def _lines(path, day, within=30):
    found = monitor_agreement(path, "tiny.yaml", datetime.date.fromisoformat(day), within)
    return [d.format() for d in found]


def test_breach_names_scenarios_mechanisms_and_protocols(tmp_path):
    path = _write(tmp_path, flow=9.5)
    assert _lines(path, "2025-08-01") == [
        "tiny.observations.yaml:4:5: error MONITOR-BREACH River flow ('flow') was 9.5 m3/s in 2025-Q2, beyond its"
        " breach level < 10; failure scenario: 'Drought' (use: Escalation ladder; Notice of low flow)",
        "tiny.yaml:33:7: warning MONITOR-UNOBSERVED failure scenario 'pollution': none of its metrics (spills) has an"
        " observation since the agreement took effect on 2025-01-01",
    ]


def test_warning_is_the_latest_observation_between_the_levels(tmp_path):
    path = _write(tmp_path, flow=11)
    assert _lines(path, "2025-07-15", within=0) == [
        "tiny.observations.yaml:4:5: warning MONITOR-WARNING River flow ('flow') was 11 m3/s in 2025-Q2,"
        " beyond its warning level < 12",
        "tiny.yaml:33:7: warning MONITOR-UNOBSERVED failure scenario 'pollution': none of its metrics (spills) has an"
        " observation since the agreement took effect on 2025-01-01",
    ]


def test_cases_use_the_strictest_level_and_say_so(tmp_path):
    path = _write(tmp_path, flow=20, spills=3)
    lines = _lines(path, "2026-01-10")
    assert lines[0] == (
        "tiny.observations.yaml:5:5: error MONITOR-BREACH Spills ('spills') was 3 in 2025, beyond its breach level"
        " > 2, case 'dry year' (the strictest: the observation does not say which case applies);"
        " failure scenario: 'Pollution'"
    )


def test_overdue_and_unobserved(tmp_path):
    path = _write(tmp_path, effective="2025-02-10")
    assert _lines(path, "2025-05-02", within=60) == [
        "tiny.yaml:5:5: warning MONITOR-DEADLINE-SOON Delivery is due: due on 2025-06-30, in 59 days",
        "tiny.yaml:10:7: error MONITOR-OVERDUE metric 'flow': the report for 2025-Q1 was due on 2025-04-30;"
        " none is recorded",
        "tiny.yaml:32:7: warning MONITOR-UNOBSERVED failure scenario 'drought': none of its metrics (flow) has an"
        " observation since the agreement took effect on 2025-02-10",
        "tiny.yaml:33:7: warning MONITOR-UNOBSERVED failure scenario 'pollution': none of its metrics (spills) has an"
        " observation since the agreement took effect on 2025-02-10",
    ]


def test_an_agreement_not_in_effect_gets_deadline_findings_only(tmp_path):
    path = _write(tmp_path, effective="2025-09-01", flow=9.5)
    # No overdue report and no unobserved scenario before it takes effect; its deadlines still come.
    assert _lines(path, "2025-06-20") == [
        "tiny.yaml:5:5: warning MONITOR-DEADLINE-SOON Delivery is due: due on 2025-06-30, in 10 days",
    ]
    # A term's date that has passed is not called missed: the record says nothing of its delivery.
    assert _lines(path, "2025-08-01") == []


DISPUTE = """\
    agreement: tiny
    disputes:
      - id: low-flow
        scenario: drought
        parties: [a, b]
        opened: 2025-03-01
        steps:
          - {step: 1, started: 2025-03-03}
"""


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (
            "2025-03-20",
            "warning MONITOR-DEADLINE-SOON dispute 'low-flow', step 1 of Escalation ladder"
            " (within 30 days, started 2025-03-03): due on 2025-04-02, in 13 days",
        ),
        (
            "2025-04-02",
            "warning MONITOR-DEADLINE-SOON dispute 'low-flow', step 1 of Escalation ladder"
            " (within 30 days, started 2025-03-03): due on 2025-04-02, today",
        ),
        (
            "2025-04-05",
            "error MONITOR-DEADLINE-MISSED dispute 'low-flow', step 1 of Escalation ladder"
            " (within 30 days, started 2025-03-03): due on 2025-04-02, missed by 3 days",
        ),
    ],
)
def test_a_dispute_step_deadline_as_the_date_moves(tmp_path, day, expected):
    path = _write(tmp_path, effective="2025-09-01", disputes=DISPUTE)
    assert _lines(path, day, within=20) == [f"tiny.disputes.yaml:3:5: {expected}"]


def test_a_step_in_words_that_are_no_simple_limit_gives_no_date(tmp_path):
    ended = DISPUTE.replace("started: 2025-03-03}", "started: 2025-03-03, ended: 2025-03-10}\n")
    ended += "          - {step: 2, started: 2025-03-11}\n"
    path = _write(tmp_path, effective="2025-09-01", disputes=ended)
    assert _lines(path, "2025-06-01", within=10) == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("within 60 days", "2025-03-02"),
        ("30 days", "2025-01-31"),
        ("2 weeks", "2025-01-15"),
        ("1 month", "2025-02-01"),
        ("3 Months", "2025-04-01"),
        ("10 business days", None),
        ("promptly", None),
        (None, None),
    ],
)
def test_time_limits(text, due):
    found = limit_days(datetime.date(2025, 1, 1), text)
    assert (found.isoformat() if found else None) == due
    assert limit_days(datetime.date(2025, 1, 31), "1 month") == datetime.date(2025, 2, 28)


def test_every_monitor_rule_has_a_docs_entry():
    rules = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if f"\n## {rule}\n" not in rules] == []


EXPECTED_MINISTRY = (ROOT / "tests" / "records" / "monitor_ministry.expected").read_text(encoding="utf-8")


def test_cli_on_the_ministry_example(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert main(["monitor", "ministry-digital-services-reorganization", "--as-of", "2025-08-20", "--within", "14"]) == 1
    assert capsys.readouterr().out == EXPECTED_MINISTRY


def test_cli_unreadable_input_is_exit_2(tmp_path, capsys):
    assert main(["monitor", str(tmp_path / "missing.yaml")]) == 2


def test_cli_clean_is_exit_0_and_markdown(tmp_path, capsys):
    path = _write(tmp_path, effective="2026-01-01")
    (tmp_path / "tiny.yaml").write_text(path.read_text().replace("due: 2025-06-30", "due: 2027-06-30"))
    assert main(["monitor", str(path), "--as-of", "2025-08-01", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == "No findings in 1 agreement.\n"


def test_markdown_table(tmp_path, capsys):
    path = _write(tmp_path, flow=9.5)
    assert main(["monitor", str(path), "--as-of", "2025-08-01", "--within", "0", "--format", "markdown"]) == 1
    assert capsys.readouterr().out == (
        "| Where | Severity | Rule | Finding |\n| --- | --- | --- | --- |\n"
        f"| `{path.with_name('tiny.observations.yaml').as_posix()}:4:5` | error | MONITOR-BREACH | River flow ('flow')"
        " was 9.5 m3/s in 2025-Q2, beyond its breach level &lt; 10; failure scenario: 'Drought' (use: Escalation"
        " ladder; Notice of low flow) |\n"
        f"| `{path.as_posix()}:33:7` | warning | MONITOR-UNOBSERVED | failure scenario 'pollution': none of its"
        " metrics (spills) has an observation since the agreement took effect on 2025-01-01 |\n\n1 error, 1 warning\n"
    )
