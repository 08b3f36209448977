"""Validation through the memo: the same report as without it, and no stale result after an edit."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from mga_tools import validate
from mga_tools.load.companion import is_companion_file
from mga_tools.memo import Memo
from mga_tools.validate import default_policy, validate_paths


def _report(folder, store):
    return validate_paths([str(folder)], default_policy(), keep_data=True, memo=store)


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "agreements"
    shutil.copytree(ROOT / "agreements", target, ignore=shutil.ignore_patterns("*.signatures", "allowed_signers"))
    return target


def test_a_memoized_report_equals_a_fresh_one_and_is_not_computed_again(tmp_path, folder, monkeypatch):
    store = Memo(tmp_path / "cache", tmp_path, "validate")
    fresh = validate_paths([str(folder)], default_policy(), keep_data=True)
    first = _report(folder, store)
    monkeypatch.setattr(validate, "_check_one", lambda job: pytest.fail(f"validated again: {job[1]}"))
    second = _report(folder, Memo(tmp_path / "cache", tmp_path, "validate"))
    for report in (first, second):
        assert report.files == fresh.files
        assert report.diagnostics == fresh.diagnostics
        assert report.data == fresh.data


def test_an_edited_file_is_validated_again(tmp_path, folder):
    store = Memo(tmp_path / "cache", tmp_path, "validate")
    assert _report(folder, store).errors == 0
    path = next(folder.glob("three-firm*.yaml"))
    path.write_text("unknown_field: 1\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    again = _report(folder, Memo(tmp_path / "cache", tmp_path, "validate"))
    assert again.errors > 0
    assert {d.path for d in again.diagnostics if d.severity.name == "ERROR"} == {path.as_posix()}


def test_a_changed_policy_is_a_miss(tmp_path, folder, monkeypatch):
    store = Memo(tmp_path / "cache", tmp_path, "validate")
    _report(folder, store)
    policy = default_policy()
    policy.min_failure_scenarios = 99
    calls = []
    original = validate._check_one
    monkeypatch.setattr(validate, "_check_one", lambda job: calls.append(job[1]) or original(job))
    report = validate_paths([str(folder)], policy, keep_data=True, memo=Memo(tmp_path / "cache", tmp_path, "validate"))
    assert len(calls) == len(report.files) == len([p for p in folder.glob("*.yaml") if not is_companion_file(p.name)])
    assert any("99" in d.message for d in report.diagnostics)


def test_a_removed_related_agreement_is_noticed(tmp_path, folder):
    # The rules look for related agreements beside each file: the memo must see the folder change.
    path = next(folder.glob("three-firm*.yaml"))
    text = path.read_text(encoding="utf-8")
    (folder / "supply-contract.yaml").write_text("id: supply-contract\n", encoding="utf-8")
    path.write_text(text + "related:\n  - agreement: supply-contract\n    relation: depends-on\n", encoding="utf-8")
    store = Memo(tmp_path / "cache", tmp_path, "validate")
    before = [d for d in _report(folder, store).diagnostics if d.path == path.as_posix()]
    (folder / "supply-contract.yaml").unlink()
    after = [d for d in _report(folder, Memo(tmp_path / "cache", tmp_path, "validate")).diagnostics]
    new = [d for d in after if d.path == path.as_posix() and d not in before]
    assert [d.message for d in new] == ["no agreement 'supply-contract': no file supply-contract.yaml beside this one"]
