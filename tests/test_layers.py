"""The package's layers, as declared in ``pyproject.toml`` ([tool.importlinter]), hold.

import-linter reads every import of every module, including the ones placed
inside functions, so a layer cannot be bent by hiding an import in a body.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def _lint(package_root: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports with this repository's contracts on the package found in ``package_root``."""
    # import-linter puts its working directory first on the path: that is where the package is found.
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    return subprocess.run(
        [str(LINT), str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=package_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_contracts_are_kept() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # An upward import hidden inside a function: load may not use validate.
        ("load/lookup.py", "def _upward():\n    from mga_tools.validate import checked\n", "Layers"),
        # The gate may not import the heavy libraries, even lazily.
        ("validate/checked.py", "def _heavy():\n    import numpy\n", "heavy library"),
        # Two independent siblings: analyze and records know nothing of each other.
        ("records/files.py", "def _sibling():\n    from mga_tools.analyze import run\n", "Layers"),
    ],
)
def test_a_bent_layer_is_caught(tmp_path: Path, module: str, line: str, broken: str) -> None:
    copy = tmp_path / "mga_tools"
    shutil.copytree(ROOT / "mga_tools", copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + line, encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout
    broken_lines = [row for row in result.stdout.splitlines() if row.endswith("BROKEN") or broken in row]
    assert any(broken in row for row in broken_lines), result.stdout
