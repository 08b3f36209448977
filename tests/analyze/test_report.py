"""``mga analyze``: exact output in three formats, the adopted package's verdicts, and refusals."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

# Slow: every test runs `mga analyze`, which loads numpy and scipy, in a fresh interpreter.
pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).parent / "golden"
CASES = ROOT / "tests" / "validate" / "cases"
EXAMPLE = "three-firm-battery-recycling-jv"
SUFFIX = {"text": "txt", "json": "json", "markdown": "md"}


@pytest.fixture(scope="module")
def example_reports(run_mga) -> dict[str, subprocess.CompletedProcess[str]]:
    """``mga analyze`` of the example in each format, run once for the tests that only read its output."""
    return {fmt: run_mga("analyze", EXAMPLE, "--format", fmt) for fmt in sorted(SUFFIX)}


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_the_example_matches_its_golden_report(example_reports, fmt):
    result = example_reports[fmt]
    assert result.returncode == 0, result.stdout + result.stderr
    golden = GOLDEN / f"{EXAMPLE}.{SUFFIX[fmt]}"
    if os.environ.get("MGA_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_json_lists_every_package_of_the_frontier_and_the_zone(example_reports):
    data = json.loads(example_reports["json"].stdout)
    frontier, zone = data["frontier"], data["zone_of_agreement"]
    assert frontier["count"] == len(frontier["packages"]) >= zone["count"] == len(zone["packages"]) > 0
    assert data["packages"] == 3**6
    for package in zone["packages"]:
        assert package["acceptable"] and all(g >= 0 for g in package["gains"].values())
        assert package in frontier["packages"]
    assert set(data["fair_points"]) == {"nash", "kalai-smorodinsky", "egalitarian", "max-welfare"}
    for point in data["fair_points"].values():
        assert point["acceptable"] and {k: v for k, v in point.items() if k != "title"} in zone["packages"]
    assert data["adopted"]["efficient"] is True and data["adopted"]["below_batna"] == []
    assert zone["by_total_gain"] == sorted(zone["packages"], key=lambda p: -sum(p["gains"].values()))[:10]


def test_reports_without_listings_say_the_same(example_reports):
    # Text and Markdown are made from the data without the package listings: no package is missing from them.
    from mga_tools.analyze.analysis import analysis_json, analyze
    from mga_tools.analyze.report import REPORTERS
    from mga_tools.analyze.scoring import scoring
    from mga_tools.load import load

    found, _ = scoring(load(ROOT / "agreements" / f"{EXAMPLE}.yaml").data)
    analysis = analyze(found)
    full, lean = analysis_json(analysis), analysis_json(analysis, packages=False)
    assert "packages" not in lean["frontier"] and "packages" not in lean["zone_of_agreement"]
    for fmt in ("text", "markdown"):
        assert REPORTERS[fmt](lean) == REPORTERS[fmt](full) == example_reports[fmt].stdout


def test_value_left_on_the_table_is_named(run_mga):
    folder = CASES / "invalid" / "ADOPTED-DOMINATED"
    result = run_mga("analyze", "value-left-on-the-table", "--dir", str(folder))
    assert result.returncode == 0, result.stdout
    assert (
        "  It leaves value on the table: the package first-issue-option-two gives party-a +20.00, party-b +20.00.\n"
        in (result.stdout)
    )


def test_an_adopted_package_below_a_batna_is_analysed_not_refused(run_mga):
    folder = CASES / "invalid" / "ADOPTED-BELOW-BATNA"
    result = run_mga("analyze", "below-a-batna-at-agreed", "--dir", str(folder), "--format", "json")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["adopted"]["below_batna"] == ["party-a"]


def test_incomplete_scores_are_refused_with_located_warnings(run_mga):
    folder = CASES / "invalid" / "SCORES-INCOMPLETE"
    result = run_mga("analyze", "unscored-option", "--dir", str(folder))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{(folder / 'unscored-option.yaml').as_posix()}:69:5: warning SCORES-INCOMPLETE party 'party-b' weights "
        "issue 'first-issue' but does not score option 'first-issue-option-three'",
        "1 file checked: 0 errors, 1 warning",
        "cannot analyse unscored-option: party 'party-b' weights issue 'first-issue' but does not score "
        "'first-issue-option-three'",
    ]


def test_an_agreement_with_errors_is_refused(run_mga, tmp_path):
    shutil.copy(CASES / "invalid" / "SCORES-REFERENCE" / "unknown-option-and-party.yaml", tmp_path)
    shutil.copy(CASES / "invalid" / "SCORES-REFERENCE" / "unknown-option-and-party.scores.yaml", tmp_path)
    result = run_mga("analyze", "unknown-option-and-party", "--dir", str(tmp_path))
    assert result.returncode == 1
    assert "error SCORES-REFERENCE the agreement has no party 'party-c'" in result.stdout
    assert "cannot analyse" not in result.stdout


def test_an_unknown_agreement_is_a_usage_error(run_mga):
    result = run_mga("analyze", "no-such-agreement")
    assert result.returncode == 2
    assert result.stderr == "mga: agreements/no-such-agreement.yaml: no such agreement\n"


def _analyze_renamed(run_mga, folder: Path, name: str, fmt: str):
    """``mga analyze`` of the example with its second party named ``name`` (YAML double-quoted)."""
    text = (ROOT / "agreements" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    (folder / f"{EXAMPLE}.yaml").write_text(
        text.replace("name: Lumen Cell Chemistry AB", f"name: {json.dumps(name)}", 1), encoding="utf-8"
    )
    result = run_mga("analyze", EXAMPLE, "--dir", str(folder), "--format", fmt)
    assert result.returncode == 0, result.stdout
    return result


def test_markdown_keeps_hostile_names_literal(run_mga, tmp_path):
    result = _analyze_renamed(run_mga, tmp_path, "<script>alert(1)</script> | *x* [a](javascript:b)", "markdown")
    assert "<script>" not in result.stdout and "](javascript" not in result.stdout
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt; &#124; \\*x\\*" in result.stdout


def test_json_keeps_hostile_names_literal(run_mga, tmp_path):
    # A line separator would be refused by TEXT-CONTROL before the analysis: the JSON-significant characters stay.
    hostile = 'Lumen "Cell" \\ AB\n"packages": [], </script>'
    data = json.loads(_analyze_renamed(run_mga, tmp_path, hostile, "json").stdout)
    assert [p["name"] for p in data["parties"]][1] == hostile
    assert data["frontier"]["count"] == len(data["frontier"]["packages"]) == 15


@pytest.mark.parametrize("largest", [10**8, 2**40 * 10**6, 2**52])
def test_listed_points_are_rounded_as_the_reports_print_them(largest):
    # Below 2**32 points the rounding is skipped as a no-op; the result must be the same either way.
    from mga_tools.analyze.analysis import _rounded
    from mga_tools.analyze.problem import to_points

    units = np.random.default_rng(largest % 1000).integers(-largest, largest, (2000, 5))
    points = to_points(units)
    assert _rounded(points) == [[round(x, 6) for x in row] for row in points.tolist()]
