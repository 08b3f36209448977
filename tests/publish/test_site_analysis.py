"""The Analysis section of the site: the plot beside the page, the same figures as text, private score files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BuiltSite
from sites import make_project

from mga_tools.publish import build_site

JV = "three-firm-battery-recycling-jv"


def _page(site: Path, ident: str) -> BeautifulSoup:
    return BeautifulSoup((site / "agreements" / f"{ident}.html").read_text(encoding="utf-8"), "html.parser")


def _section(page: BeautifulSoup) -> list:
    heading = page.find(id="analysis")
    if heading is None:
        return []
    found = []
    for node in heading.find_next_siblings():
        if node.name == "h2":
            break
        found.append(node)
    return found


def _move_scores_to_file(project: Path, publish: bool | None) -> Path:
    """Cut the example's score sheets out of the agreement into ID.scores.yaml."""
    path = project / "agreements" / f"{JV}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  scores:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    sheets = "".join(line[2:] for line in lines[start:end])
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    flag = "" if publish is None else f"publish_analysis: {str(publish).lower()}\n"
    scores = project / "agreements" / f"{JV}.scores.yaml"
    scores.write_text(f"agreement: {JV}\n{flag}{sheets}", encoding="utf-8")
    return scores


def test_a_scored_agreement_shows_its_analysis(built_site: BuiltSite):
    project, site = built_site.project, built_site.site
    nodes = _section(_page(site, JV))
    image = next(n.find("img") for n in nodes if n.find("img"))
    assert image["alt"].startswith("Frontier plot of the utilities of Valdoria Automotive Group SE")
    plot = (site / "agreements" / image["src"]).resolve()
    assert plot.is_file() and plot.read_bytes().startswith(b"<?xml")
    table = next(n for n in nodes if n.name == "table")
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in table.find_all("tr")[1:]]

    analysis = subprocess.run(
        [sys.executable, "-m", "mga_tools", "analyze", JV, "--format", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(analysis.stdout)
    expected = [p for p in data["fair_points"].values() if p is not None] + [data["adopted"]]
    assert len(rows) == len(expected)
    parties = [p["id"] for p in data["parties"]]
    for row, package in zip(rows, expected, strict=True):
        assert row[2:] == [f"{package['utilities'][p]:.2f} ({package['gains'][p]:+.2f})" for p in parties]
    assert rows[-1][0].startswith("Adopted")
    assert any("beats every party" in n.get_text() for n in nodes)


@pytest.mark.slow  # a whole build of its own, with the analysis and its plot
def test_private_scores_are_neither_shown_nor_published(tmp_path):
    project = make_project(tmp_path / "project")
    scores = _move_scores_to_file(project, publish=None)
    assert build_site(project, tmp_path / "site", documents=False, cache_dir=tmp_path / "cache").ok
    assert _section(_page(tmp_path / "site", JV)) == []
    site_files = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert not [p for p in site_files if p.name.endswith(".scores.yaml") or p.name.startswith(f"{JV}-frontier")]
    # A weight only the score file holds appears nowhere in the site.
    secret = re.search(r"weights: \{[^}]*\}", scores.read_text(encoding="utf-8")).group(0)
    assert not [p for p in site_files if p.suffix in (".html", ".yaml", ".json") and secret in p.read_text("utf-8")]


@pytest.mark.slow  # a whole build of its own, with the analysis and its plot
def test_a_score_file_may_publish_its_analysis(tmp_path):
    project = make_project(tmp_path / "project")
    _move_scores_to_file(project, publish=True)
    assert build_site(project, tmp_path / "site", documents=False, cache_dir=tmp_path / "cache").ok
    nodes = _section(_page(tmp_path / "site", JV))
    assert any(n.find("img") for n in nodes)
    assert not [p for p in (tmp_path / "site").rglob("*.scores.yaml")]
