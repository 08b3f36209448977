"""Two files with one agreement id: ``mga diff``, ``mga history`` and ``mga validate --base`` name both files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT
from gitrepo import GitRepo, isolate

CLEAN = ROOT / "tests" / "validate" / "cases" / "valid" / "ID-FILENAME" / "id-matches-file.yaml"
ID = "id-matches-file"
FIRST, SECOND = f"agreements/{ID}.yaml", f"agreements/zz/{ID}.yaml"


@pytest.fixture
def repo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> GitRepo:
    """One agreement committed; a copy of it with the same id added in a subfolder, not committed."""
    isolate(monkeypatch, tmp_path)
    repo = GitRepo(tmp_path / "repo")
    repo.write(FIRST, CLEAN.read_bytes())
    repo.commit("first agreement")
    repo.write(SECOND, CLEAN.read_bytes())
    return repo


def test_diff_names_both_files_instead_of_unchanged_and_added(repo: GitRepo, run_mga) -> None:
    result = run_mga("diff", "HEAD", cwd=repo.root)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"{ID}: used by 2 files, not compared: {FIRST}, {SECOND}; rename all but one (mga rename)\n"
        "\n1 id(s) used by more than one file\n"
    )


def test_diff_of_two_commits_names_both_files(repo: GitRepo, run_mga) -> None:
    repo.commit("a second file with the same id")
    result = run_mga("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo.root)
    assert result.returncode == 0
    assert f'"summary": "{ID}: used by 2 files, not compared: {FIRST}, {SECOND};' in result.stdout
    assert '"kind": "duplicate"' in result.stdout
    assert '"kind": "added"' not in result.stdout and '"kind": "unchanged"' not in result.stdout
    (entry,) = json.loads(result.stdout)["agreements"]
    assert (entry["kind"], entry["files"]) == ("duplicate", [FIRST, SECOND])


def test_history_names_both_files(repo: GitRepo, run_mga) -> None:
    result = run_mga("history", ID, cwd=repo.root)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[1] == f"error: id '{ID}' is used by 2 files: {FIRST}, {SECOND}; rename all but one (mga rename)"
    assert json.loads(run_mga("history", ID, "--format", "json", cwd=repo.root).stdout)["files"] == [FIRST, SECOND]


def test_validate_with_a_base_reports_the_clash(repo: GitRepo, run_mga) -> None:
    result = run_mga("validate", "--base", "HEAD", cwd=repo.root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{FIRST}:3:5: error AGREEMENT-ID-DUPLICATE id '{ID}' is also the id of {SECOND}; an agreement id names "
        "one file only: rename one of them (mga rename)",
        f"{SECOND}:3:5: error AGREEMENT-ID-DUPLICATE id '{ID}' is also the id of {FIRST}; an agreement id names "
        "one file only: rename one of them (mga rename)",
        "2 files checked: 2 errors, 0 warnings",
    ]
