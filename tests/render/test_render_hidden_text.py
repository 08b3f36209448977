"""``mga render`` never writes a document from text that hides or reorders characters: validation refuses first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

INVALID = ROOT / "tests" / "validate" / "cases" / "invalid"
OVERRIDE = INVALID / "TEXT-BIDI" / "override-in-amount.yaml"
BELL = INVALID / "TEXT-CONTROL" / "bell-and-carriage-return.yaml"


def _project(tmp_path: Path, case: Path) -> Path:
    (tmp_path / "agreements").mkdir()
    shutil.copy(case, tmp_path / "agreements" / case.name)
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    return tmp_path


@pytest.mark.parametrize("fmt", ["md", "pdf", "docx"])
@pytest.mark.parametrize("case", [OVERRIDE, BELL], ids=lambda case: case.parent.name)
def test_render_refuses_hidden_characters_with_their_location(run_mga, tmp_path, case, fmt):
    project = _project(tmp_path, case)
    result = run_mga("render", case.stem, "--format", fmt, cwd=project)
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").strip()
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"agreements/{expected}"
    assert not any(char in result.stdout + result.stderr for char in "\u202e\u202c\x07\r")
    assert not (project / f"{case.stem}.{fmt}").exists()


def test_the_same_agreement_without_the_override_renders(run_mga, tmp_path):
    """What stopped the render is the override: without it, the same text is written."""
    project = _project(tmp_path, OVERRIDE)
    path = project / "agreements" / OVERRIDE.name
    path.write_text(path.read_text(encoding="utf-8").replace("\\u202E", "").replace("\\u202C", ""), encoding="utf-8")
    result = run_mga("render", OVERRIDE.stem, "--format", "md", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "EUR 000,01 for each review meeting" in (project / f"{OVERRIDE.stem}.md").read_text(encoding="utf-8")
