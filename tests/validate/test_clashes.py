"""AGREEMENT-ID-DUPLICATE: two files of one agreements folder with the same id, as ``mga validate`` reports them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from mga_tools.validate import default_policy, validate_paths

CLEAN = ROOT / "tests" / "validate" / "cases" / "valid" / "ID-FILENAME" / "id-matches-file.yaml"
ID = "id-matches-file"
RULE = "AGREEMENT-ID-DUPLICATE"


def _message(path: str, *others: str) -> str:
    named = ", ".join(others)
    return (
        f"{path}:3:5: error {RULE} id '{ID}' is also the id of {named}; an agreement id names one file only: "
        "rename one of them (mga rename)"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """``agreements/ID.yaml`` and ``agreements/zz/ID.yaml``: both pass ID-FILENAME, and clash."""
    (tmp_path / "agreements" / "zz").mkdir(parents=True)
    shutil.copy(CLEAN, tmp_path / "agreements" / f"{ID}.yaml")
    shutil.copy(CLEAN, tmp_path / "agreements" / "zz" / f"{ID}.yaml")
    return tmp_path


def test_a_folder_reports_each_file_naming_the_other(project: Path, run_mga) -> None:
    result = run_mga("validate", cwd=project)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        _message(f"agreements/{ID}.yaml", f"agreements/zz/{ID}.yaml")
        + "\n"
        + _message(f"agreements/zz/{ID}.yaml", f"agreements/{ID}.yaml")
        + "\n2 files checked: 2 errors, 0 warnings\n"
    )


def test_a_file_named_alone_is_compared_with_its_whole_folder(project: Path, run_mga) -> None:
    for shown, other in (
        (f"agreements/zz/{ID}.yaml", f"agreements/{ID}.yaml"),
        (f"agreements/{ID}.yaml", f"agreements/zz/{ID}.yaml"),
    ):
        result = run_mga("validate", shown, cwd=project)
        assert (result.returncode, result.stdout) == (
            1,
            _message(shown, other) + "\n1 file checked: 1 error, 0 warnings\n",
        )


def test_three_files_name_both_others(project: Path) -> None:
    (project / "agreements" / "yy").mkdir()
    shutil.copy(CLEAN, project / "agreements" / "yy" / f"{ID}.yaml")
    report = validate_paths([str(project / "agreements")], default_policy(project))
    assert [d.rule for d in report.diagnostics] == [RULE] * 3
    assert report.diagnostics[0].message.startswith(
        f"id '{ID}' is also the id of {project}/agreements/yy/{ID}.yaml, {project}/agreements/zz/{ID}.yaml;"
    )


def test_distinct_ids_and_files_outside_the_tree_do_not_clash(project: Path, run_mga) -> None:
    # Outside an agreements folder a file is compared with the files beside it only; other trees are not searched.
    (project / "agreements" / "zz" / f"{ID}.yaml").unlink()
    shutil.copy(CLEAN, project / f"{ID}.yaml")
    (project / "examples" / "zz").mkdir(parents=True)
    shutil.copy(CLEAN, project / "examples" / f"{ID}.yaml")
    shutil.copy(CLEAN, project / "examples" / "zz" / f"{ID}.yaml")
    for args in ((), (f"agreements/{ID}.yaml",), (f"{ID}.yaml",), (f"examples/{ID}.yaml",)):
        result = run_mga("validate", *args, cwd=project)
        assert (result.returncode, result.stdout) == (0, "1 file checked: no problems\n"), args


def test_the_nearest_agreements_folder_is_the_tree(project: Path, run_mga) -> None:
    nested = project / "sub" / "agreements" / "zz"
    nested.mkdir(parents=True)
    shutil.copy(CLEAN, nested / f"{ID}.yaml")
    shutil.copy(CLEAN, nested.parent / f"{ID}.yaml")
    shown, other = f"sub/agreements/zz/{ID}.yaml", f"sub/agreements/{ID}.yaml"
    result = run_mga("validate", shown, cwd=project)
    assert (result.returncode, result.stdout) == (1, _message(shown, other) + "\n1 file checked: 1 error, 0 warnings\n")
