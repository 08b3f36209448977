"""``mga rename``: the id changes in place, the files move with it, and what must keep its id is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

CASES = ROOT / "tests" / "validate" / "cases" / "valid"
SCORED = CASES / "SCORES-AGREEMENT" / "names-its-agreement.yaml"
SIGNED = CASES / "SEAL-MISSING" / "signed-and-sealed.yaml"
OLD, NEW = "names-its-agreement", "harbour-access"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An agreement whose id is quoted and commented, with its score file and an empty signature folder."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    text = SCORED.read_text(encoding="utf-8").replace(f"id: {OLD}\n", f'id: "{OLD}"  # named after the harbour\n')
    (folder / f"{OLD}.yaml").write_text(text, encoding="utf-8")
    shutil.copy(SCORED.with_name(f"{OLD}.scores.yaml"), folder / f"{OLD}.scores.yaml")
    (folder / f"{OLD}.signatures").mkdir()
    return tmp_path


def test_rename_edits_the_id_only_and_moves_every_file(project: Path, run_mga) -> None:
    before = (project / "agreements" / f"{OLD}.yaml").read_text(encoding="utf-8")
    scores_before = (project / "agreements" / f"{OLD}.scores.yaml").read_text(encoding="utf-8")
    result = run_mga("rename", OLD, NEW, cwd=project)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"renamed agreements/{OLD}.scores.yaml -> agreements/{NEW}.scores.yaml\n"
        f"renamed agreements/{OLD}.signatures -> agreements/{NEW}.signatures\n"
        f"renamed agreements/{OLD}.yaml -> agreements/{NEW}.yaml\n"
    )
    folder = project / "agreements"
    assert sorted(p.name for p in folder.iterdir()) == [f"{NEW}.scores.yaml", f"{NEW}.signatures", f"{NEW}.yaml"]
    after = (folder / f"{NEW}.yaml").read_text(encoding="utf-8")
    assert after == before.replace(f'id: "{OLD}"  #', f'id: "{NEW}"  #')
    scores_after = (folder / f"{NEW}.scores.yaml").read_text(encoding="utf-8")
    assert scores_after == scores_before.replace(f"agreement: {OLD}\n", f"agreement: {NEW}\n")
    assert run_mga("validate", cwd=project).stdout == "1 file checked: no problems\n"


def test_rename_settles_a_file_name_that_does_not_match_the_id(project: Path, run_mga) -> None:
    folder = project / "agreements" / "zz"
    folder.mkdir()
    (project / "agreements" / f"{OLD}.yaml").rename(folder / "harbour-dredging.yaml")
    (project / "agreements" / f"{OLD}.scores.yaml").unlink()
    assert "ID-FILENAME" in run_mga("validate", cwd=project).stdout
    result = run_mga("rename", "harbour-dredging", "harbour-works", "--dir", "agreements/zz", cwd=project)
    assert (result.returncode, result.stdout) == (
        0,
        "renamed agreements/zz/harbour-dredging.yaml -> agreements/zz/harbour-works.yaml\n",
    )
    assert run_mga("validate", cwd=project).stdout == "1 file checked: no problems\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((OLD, "Harbour_Access"), "Harbour_Access: not an agreement id (lower-case words joined by hyphens)"),
        (("no-such-agreement", NEW), "agreements/no-such-agreement.yaml: no such agreement"),
        ((OLD, "taken"), "agreements/taken.yaml exists: choose another id, or remove it first"),
        ((OLD, "kept-apart"), "agreements/zz/kept-apart.yaml has the id 'kept-apart' already: choose another id"),
    ],
)
def test_refusals_write_nothing(project: Path, run_mga, args: tuple[str, str], message: str) -> None:
    folder = project / "agreements"
    (folder / "taken.yaml").write_text("id: taken\n", encoding="utf-8")
    (folder / "zz").mkdir()
    (folder / "zz" / "kept-apart.yaml").write_text("id: kept-apart\n", encoding="utf-8")
    listing = sorted(p.relative_to(project) for p in project.rglob("*"))
    original = (folder / f"{OLD}.yaml").read_bytes()
    result = run_mga("rename", *args, cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"mga: {message}\n")
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == listing
    assert (folder / f"{OLD}.yaml").read_bytes() == original


def test_a_signed_agreement_keeps_its_id(tmp_path: Path, run_mga) -> None:
    (tmp_path / "agreements").mkdir()
    shutil.copy(SIGNED, tmp_path / "agreements" / SIGNED.name)
    result = run_mga("rename", SIGNED.stem, NEW, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"mga: agreements/{SIGNED.name} is signed or sealed: its id is part of the text its parties signed, so "
        "renaming it would change its fingerprint and void every signature; a signed agreement keeps its id\n"
    )
    assert sorted(p.name for p in (tmp_path / "agreements").iterdir()) == [SIGNED.name]
