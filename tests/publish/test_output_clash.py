"""No output path is written twice: agreements sharing an id are refused, and the writers check it again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from mga_tools.diagnostics import Report
from mga_tools.errors import RenderError
from mga_tools.load import load
from mga_tools.model import Agreement
from mga_tools.publish import build
from mga_tools.publish.docs_tree import OutputClash, TreeWriter
from mga_tools.render.batch import render_documents
from mga_tools.validate import PRECISE, validate_paths

CLEAN = ROOT / "tests" / "validate" / "cases" / "valid" / "ID-FILENAME" / "id-matches-file.yaml"
ID = "id-matches-file"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "project" / "agreements" / "zz").mkdir(parents=True)
    shutil.copy(CLEAN, tmp_path / "project" / "agreements" / f"{ID}.yaml")
    shutil.copy(CLEAN, tmp_path / "project" / "agreements" / "zz" / f"{ID}.yaml")
    return tmp_path / "project"


def test_the_tree_writer_refuses_a_second_source_for_one_path(tmp_path: Path) -> None:
    writer = TreeWriter(tmp_path)
    writer.write("downloads/a.yaml", b"one", source="agreements/a.yaml")
    writer.write("downloads/a.yaml", b"one", source="agreements/a.yaml")  # the same source again: fine
    writer.write("index.md", "a")
    writer.write("index.md", "b")  # files without a source (the handwritten pages, then the portfolio) may replace
    with pytest.raises(OutputClash) as raised:
        writer.write("downloads/a.yaml", b"two", source="agreements/zz/a.yaml")
    assert str(raised.value) == (
        "downloads/a.yaml would be written twice in one build: from agreements/a.yaml and from "
        "agreements/zz/a.yaml; every output path has one source (see AGREEMENT-ID-DUPLICATE)"
    )
    assert (tmp_path / "downloads/a.yaml").read_bytes() == b"one"


def test_the_documents_refuse_two_agreements_with_one_id(project: Path, tmp_path: Path) -> None:
    data = load(project / "agreements" / f"{ID}.yaml", reader=PRECISE).data
    sources = (project / "agreements" / f"{ID}.yaml", project / "agreements" / "zz" / f"{ID}.yaml")
    pairs = [(Agreement(data), source) for source in sources]
    with pytest.raises(RenderError) as raised:
        render_documents(pairs, tmp_path / "out")
    assert str(raised.value) == (
        f"{ID}.pdf and {ID}.docx would be written twice: from {pairs[0][1]} and from {pairs[1][1]}; "
        "every agreement id names one file only"
    )
    assert not (tmp_path / "out").exists()


def test_the_build_refuses_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    tree = build.generate_tree(project, tmp_path / "docs")
    assert not tree.ok
    assert sorted({d.rule for d in tree.report.diagnostics}) == ["AGREEMENT-ID-DUPLICATE"]
    assert not (tmp_path / "docs").exists()


def test_without_validation_the_second_page_is_refused(project: Path, tmp_path: Path, monkeypatch) -> None:
    def unchecked(*args: object, **kwargs: object) -> Report:
        report = validate_paths(*args, **kwargs)  # type: ignore[arg-type]
        report.diagnostics = [d for d in report.diagnostics if d.rule != "AGREEMENT-ID-DUPLICATE"]
        return report

    monkeypatch.setattr(build, "validate_paths", unchecked)
    with pytest.raises(OutputClash) as raised:
        build.generate_tree(project, tmp_path / "docs")
    assert f"from agreements/{ID}.yaml and from agreements/zz/{ID}.yaml" in str(raised.value)


def test_mga_build_refuses_as_validate_reports(project: Path, run_mga) -> None:
    expected = run_mga("validate", cwd=project)
    result = run_mga("build", "--no-documents", cwd=project)
    assert (result.returncode, result.stdout) == (1, expected.stdout)
    assert f"agreements/zz/{ID}.yaml:3:5: error AGREEMENT-ID-DUPLICATE" in result.stdout
    assert result.stderr.splitlines()[-1] == "mga: not published: site is unchanged"
    assert not (project / "site").exists()
