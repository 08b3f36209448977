"""``mga build`` and ``mga serve``: validation first, atomic output, progress, injection, live regeneration."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, BuiltSite
from sites import make_project, unseal

from mga_tools.load import load
from mga_tools.publish.serve import Preview

HOSTILE = (
    '<script>alert(1)</script> {=typst} #eval("x") \\input{/etc/passwd} <b>raw</b> <!-- c --> '
    "[x](javascript:alert(1)) *stars* `code` a|b {: .attr} :emoji: $x$ &amp; 1. two"
)
PROGRESS = [
    "mga: validating agreements/",
    "mga: history and signatures",
    "mga: page agreements/ministry-digital-services-reorganization.yaml",
    "mga: page agreements/montreal-protocol-ozone-layer.yaml",
    "mga: page agreements/river-basin-water-sharing.yaml",
    "mga: page agreements/three-firm-battery-recycling-jv.yaml",
    "mga: portfolio",
    "mga: mkdocs build --strict",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project in a temporary folder."""
    return make_project(tmp_path / "project")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_prints_progress_and_where_the_site_is(built_site: BuiltSite):
    assert re.fullmatch(r"built 4 agreement\(s\) into site/ in \d+\.\d s\n", built_site.stdout)
    assert built_site.stderr.splitlines() == PROGRESS
    assert (built_site.site / "index.html").exists()


@pytest.mark.slow  # two whole builds
def test_failed_build_keeps_the_last_good_site(project, run_mga):
    assert run_mga("build", "--no-documents", cwd=project).returncode == 0
    before = _snapshot(project / "site")
    broken = (ROOT / "tests/validate/cases/invalid/SCHEMA/enum-typo.yaml").read_text(encoding="utf-8")
    (project / "agreements" / "enum-typo.yaml").write_text(broken, encoding="utf-8")
    expected = run_mga("validate", cwd=project)
    result = run_mga("build", "--no-documents", cwd=project)
    assert result.returncode == 1
    assert expected.returncode == 1 and result.stdout == expected.stdout
    assert "error SCHEMA" in result.stdout
    assert result.stderr.splitlines()[-1] == "mga: not published: site is unchanged"
    assert _snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_build_refuses_to_replace_a_folder_it_did_not_build(project, run_mga):
    (project / "notes").mkdir()
    (project / "notes" / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_mga("build", "--no-documents", "--out", "notes", cwd=project)
    assert result.returncode == 2
    assert (
        result.stderr == "mga: notes: exists and is not a site built by mga build; choose another --out or remove it\n"
    )
    assert (project / "notes" / "keep.txt").read_text(encoding="utf-8") == "mine"


def _hostile_project(root: Path) -> None:
    path = root / "agreements" / "river-basin-water-sharing.yaml"
    data = load(path).data
    del data["seal"]  # the edits below would no longer match it
    data["title"] = HOSTILE
    data["preparation"]["parties"][0]["name"] = HOSTILE
    data["preparation"]["parties"][3]["interests"][2]["position"] = HOSTILE
    data["terms"][0]["text"] = HOSTILE
    data["follow_through"]["failure_scenarios"][0]["description"] = HOSTILE
    data["follow_through"]["dispute_mechanisms"][0]["steps"][0]["who"] = HOSTILE
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.mark.slow  # a whole build of its own, then every page read back
def test_hostile_text_is_shown_literally(project, run_mga):
    _hostile_project(project)
    result = run_mga("build", "--no-documents", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    for html_file in site.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        assert not [s for s in soup.find_all("script") if "alert(1)" in s.get_text()], html_file
        assert not soup.select("a[href^='javascript']"), html_file
        assert not [b for b in soup.find_all("b") if b.get_text() == "raw"], html_file
    page = BeautifulSoup((site / "agreements/river-basin-water-sharing.html").read_text("utf-8"), "html.parser")
    article = page.find("article")
    assert article.find("h1").get_text().rstrip("¶") == HOSTILE
    assert article.get_text().count(HOSTILE) >= 5  # title, party, position, term, scenario
    assert page.find("title").get_text().startswith(HOSTILE)
    drawing = article.select_one("figure.mga-ladder svg")
    assert HOSTILE in drawing.find("desc").get_text() and not drawing.find_all(["script", "b", "a"])
    tags = (site / "tags.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in tags
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>" not in text


@pytest.mark.slow  # three regenerations of the docs tree
def test_preview_regenerates_a_changed_agreement(tmp_path):
    root = make_project(tmp_path / "project")
    unseal(root / "agreements" / "river-basin-water-sharing.yaml")
    preview = Preview(root, tmp_path / "work")
    assert preview.regenerate().ok
    page = preview.docs / "agreements" / "river-basin-water-sharing.md"
    assert "Alder River Basin Water\\-Sharing" in page.read_text(encoding="utf-8")
    assert preview.config.exists()
    assert not preview.changed()
    source = root / "agreements" / "river-basin-water-sharing.yaml"
    source.write_text(source.read_text("utf-8").replace("title: Alder River", "title: Renamed River", 1), "utf-8")
    assert preview.changed()
    assert preview.regenerate().ok
    assert "# Renamed River" in page.read_text(encoding="utf-8")
    source.write_text(source.read_text("utf-8").replace("status: signed", "status: singed", 1), "utf-8")
    tree = preview.regenerate()
    assert not tree.ok
    assert "# Renamed River" in page.read_text(encoding="utf-8")  # the last good page stays


def test_validate_does_not_import_mkdocs():
    code = (
        "import sys; from mga_tools.cli import main; main(['validate', 'agreements']); "
        "import mga_tools.publish; print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"
