"""Score files in ``mga validate``: checked with their agreement, never as agreements of their own."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from mga_tools.memo import Memo
from mga_tools.validate import collect, default_policy, validate_paths

CASE = ROOT / "tests" / "validate" / "cases" / "invalid" / "SCORES-CONFLICT"
NAME = "two-reservation-values"
EXPECTED = (
    "two-reservation-values.scores.yaml:6:24: error SCORES-CONFLICT party 'party-a' has two reservation values: "
    "25 here and 20 in its BATNA; keep one"
)


@pytest.fixture
def folder(tmp_path):
    for suffix in (".yaml", ".scores.yaml"):
        shutil.copy(CASE / f"{NAME}{suffix}", tmp_path / f"{NAME}{suffix}")
    return tmp_path


def test_a_folder_lists_agreements_not_score_files(folder):
    assert [display for _, display in collect([str(folder)])] == [(folder / f"{NAME}.yaml").as_posix()]


def test_naming_the_score_file_checks_its_agreement(run_mga, folder):
    for named in (f"{NAME}.scores.yaml", f"{NAME}.yaml", "."):
        result = run_mga("validate", named, cwd=folder)
        assert result.returncode == 1
        assert result.stdout.splitlines()[0].endswith(EXPECTED), result.stdout
        assert result.stdout.splitlines()[-1] == "1 file checked: 1 error, 0 warnings"
    both = run_mga("validate", f"{NAME}.yaml", f"{NAME}.scores.yaml", cwd=folder)
    assert both.stdout.splitlines()[-1] == "1 file checked: 1 error, 0 warnings"


def test_a_score_file_without_its_agreement_is_an_error(run_mga, folder):
    (folder / f"{NAME}.yaml").unlink()
    result = run_mga("validate", ".", cwd=folder)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{NAME}.scores.yaml:1:1: error SCORES-AGREEMENT score file without its agreement: there is no "
        f"{NAME}.yaml beside it",
        "1 file checked: 1 error, 0 warnings",
    ]


def test_the_memo_sees_a_changed_score_file(tmp_path, folder):
    def errors() -> int:
        return validate_paths([str(folder)], default_policy(), keep_data=True, memo=Memo(tmp_path, folder, "v")).errors

    assert errors() == 1
    scores = folder / f"{NAME}.scores.yaml"
    scores.write_text(scores.read_text(encoding="utf-8").replace("reservation_value: 25", "reservation_value: 20"))
    assert errors() == 0
