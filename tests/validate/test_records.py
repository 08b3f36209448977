"""Observations and disputes files in ``mga validate``: checked with their agreement, never as agreements."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from mga_tools import validate
from mga_tools.load.companion import agreement_of, is_companion_file, records_files
from mga_tools.load.records import disputes, observations
from mga_tools.memo import Memo
from mga_tools.records.git import is_agreement
from mga_tools.validate import collect, default_policy, validate_paths

CASE = ROOT / "tests" / "validate" / "cases" / "valid" / "RECORDS-AGREEMENT"
NAME = "records-in-order"
SUFFIXES = (".yaml", ".observations.yaml", ".observations.csv", ".disputes.yaml")


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "agreements"
    target.mkdir()
    for suffix in SUFFIXES:
        shutil.copy(CASE / f"{NAME}{suffix}", target / f"{NAME}{suffix}")
    return target


def test_companion_names() -> None:
    for suffix in (*SUFFIXES[1:], ".scores.yaml", ".observations.yml", ".disputes.yml"):
        assert is_companion_file(f"x{suffix}")
        assert agreement_of(ROOT / f"x{suffix}").name == "x.yaml"
    assert not is_companion_file("x.yaml")
    assert not is_agreement("agreements/x.observations.yaml", "agreements")
    assert not is_agreement("agreements/x.disputes.yaml", "agreements")
    assert is_agreement("agreements/x.yaml", "agreements")


def test_a_folder_lists_agreements_not_records(folder) -> None:
    assert [display for _, display in collect([str(folder)])] == [(folder / f"{NAME}.yaml").as_posix()]
    assert [p.name for p in records_files(folder / f"{NAME}.yaml")] == [f"{NAME}{s}" for s in SUFFIXES[1:]]


def test_naming_a_records_file_checks_its_agreement(run_mga, folder) -> None:
    (folder / f"{NAME}.observations.yaml").write_text(
        (folder / f"{NAME}.observations.yaml").read_text(encoding="utf-8").replace("unit: meetings", "unit: hours"),
        encoding="utf-8",
    )
    expected = (
        f"{NAME}.observations.yaml:7:11: error OBSERVATION-UNIT unit 'hours', but metric 'meetings-held' is "
        "measured in 'meetings'; convert the value or correct the unit"
    )
    for named in (f"{NAME}.observations.yaml", f"{NAME}.disputes.yaml", f"{NAME}.observations.csv", "."):
        result = run_mga("validate", named, cwd=folder)
        assert result.returncode == 1, result.stdout
        assert result.stdout.splitlines()[0].endswith(expected), result.stdout
        assert result.stdout.splitlines()[-1] == "1 file checked: 1 error, 0 warnings"


@pytest.mark.parametrize("suffix", SUFFIXES[1:])
def test_a_records_file_without_its_agreement_is_reported(folder, suffix) -> None:
    (folder / f"{NAME}.yaml").unlink()
    path = folder / f"{NAME}{suffix}"
    report = validate_paths([str(path)], default_policy())
    assert [d.format() for d in report.diagnostics] == [
        f"{path.as_posix()}:1:1: error RECORDS-AGREEMENT file without its agreement: there is no {NAME}.yaml beside it"
    ]


def test_the_records_read_back_with_positions(folder) -> None:
    agreement = folder / f"{NAME}.yaml"
    found = observations(agreement, f"agreements/{NAME}.yaml")
    assert [(o.metric, o.period, o.value) for o in found][:2] == [
        ("meetings-held", "2025-Q2", 3),
        ("berth-conflicts", "2025-06", "clear"),
    ]
    assert found[-1].at == (f"agreements/{NAME}.observations.csv", 3, 1)
    (dispute,) = disputes(agreement)
    assert dispute.current is not None and dispute.current.step == 2 and dispute.outcome is None
    assert dispute.at is not None and dispute.at.line == 4


@pytest.mark.parametrize("suffix", SUFFIXES[1:])
def test_a_changed_records_file_is_validated_again(tmp_path, folder, monkeypatch, suffix) -> None:
    store = Memo(tmp_path / "cache", tmp_path, "validate")
    assert validate_paths([str(folder)], default_policy(), memo=store).errors == 0
    calls = []
    original = validate._check_one
    monkeypatch.setattr(validate, "_check_one", lambda job: calls.append(job[1]) or original(job))
    validate_paths([str(folder)], default_policy(), memo=Memo(tmp_path / "cache", tmp_path, "validate"))
    assert calls == []
    path = folder / f"{NAME}{suffix}"
    path.write_bytes(path.read_bytes().replace(b"party-b", b"party-c", 1))
    again = validate_paths([str(folder)], default_policy(), memo=Memo(tmp_path / "cache", tmp_path, "validate"))
    assert len(calls) == 1
    assert {d.path for d in again.diagnostics} == {path.as_posix()}
    path.unlink()
    validate_paths([str(folder)], default_policy(), memo=Memo(tmp_path / "cache", tmp_path, "validate"))
    assert len(calls) == 2
