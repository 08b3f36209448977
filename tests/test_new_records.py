"""``mga new SLUG --observations`` / ``--disputes``: a records file beside an existing agreement."""

from __future__ import annotations

import pytest

from mga_tools.load.records import disputes, observations


@pytest.mark.parametrize("kind", ["observations", "disputes"])
def test_a_records_file_starts_beside_its_agreement_and_validates(run_mga, tmp_path, kind):
    assert run_mga("new", "harbour-access", cwd=tmp_path).returncode == 0
    result = run_mga("new", "harbour-access", f"--{kind}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "agreements" / f"harbour-access.{kind}.yaml"
    shown = f"agreements/harbour-access.{kind}.yaml"
    assert result.stdout == f"wrote {shown}: add the {kind} there, then run 'mga validate {shown}'\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n")
    assert "\nagreement: harbour-access\n" in text
    checked = run_mga("validate", str(path.relative_to(tmp_path)), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.splitlines()[-1].startswith("1 file checked: 0 errors")
    read = observations if kind == "observations" else disputes
    assert read(tmp_path / "agreements" / "harbour-access.yaml") == []
    again = run_mga("new", "harbour-access", f"--{kind}", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def test_records_need_their_agreement(run_mga, tmp_path):
    result = run_mga("new", "harbour-access", "--observations", cwd=tmp_path)
    assert result.returncode == 2
    assert "agreements/harbour-access.yaml does not exist" in result.stderr
    assert not (tmp_path / "agreements").exists() or not any((tmp_path / "agreements").iterdir())


def test_a_title_goes_with_a_new_agreement_only(run_mga, tmp_path):
    result = run_mga("new", "harbour-access", "--disputes", "--title", "Harbour", cwd=tmp_path)
    assert result.returncode == 2 and "--title" in result.stderr
    both = run_mga("new", "harbour-access", "--disputes", "--observations", cwd=tmp_path)
    assert both.returncode == 2
