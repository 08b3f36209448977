"""The pre-commit hook this repository offers, installed and run by real pre-commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

# pre-commit installs the package into an environment of its own first.
pytestmark = pytest.mark.slow

CASES = ROOT / "tests" / "validate" / "cases"


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_hook_blocks_an_agreement_without_safeguards(tmp_path):
    consumer = tmp_path / "consumer"
    agreements = consumer / "agreements"
    agreements.mkdir(parents=True)
    shutil.copy(CASES / "valid" / "SCENARIO-SAFEGUARDS" / "scenario-fully-answered.yaml", agreements)
    shutil.copy(CASES / "invalid" / "SCENARIO-SAFEGUARDS" / "scenario-missing-safeguards.yaml", agreements)
    (consumer / "notes.yaml").write_text("not: [an agreement\n", encoding="utf-8")  # outside agreements/
    _git("init", "-q", cwd=consumer)
    _git("add", ".", cwd=consumer)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "mga-validate", "--all-files"],
        cwd=consumer,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "agreements/scenario-missing-safeguards.yaml:111:16: error SCENARIO-SAFEGUARDS failure scenario "
        "'meetings-lapse-two' names no metric under metrics" in result.stdout
    )
    assert "notes.yaml" not in result.stdout
    assert "2 files checked: 2 errors, 0 warnings" in result.stdout
