"""The Analysis section of the site: the plot beside the page, the same figures as text, private score files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, BuiltSite
from sites import make_project

from mga_tools.load import load
from mga_tools.model import Agreement
from mga_tools.publish import build_site
from mga_tools.publish.analysis import plotted
from mga_tools.render.site_analysis import analysis

JV = "three-firm-battery-recycling-jv"
CASES = ROOT / "tests" / "validate" / "cases"


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


def _rendered(path: Path) -> tuple[list, dict]:
    """The Analysis section of an agreement as HTML nodes (as the build converts it), and its analysis."""
    data = load(path).data
    found = plotted(data, None)
    assert found is not None
    text = analysis(Agreement(data), found[0], "plot.svg")
    html = markdown.markdown(text, extensions=["attr_list", "tables", "md_in_html"])
    return _section(BeautifulSoup(f"<div>{html}</div>", "html.parser")), found[0]


def _rows(nodes: list) -> list[list[str]]:
    table = next(n for n in nodes if n.name == "table")
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in table.find_all("tr")[1:]]


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
    assert image["alt"].startswith("Plot of the scores of Valdoria Automotive Group SE")
    assert "15 efficient packages, 12 of them better than every BATNA" in image["alt"]
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
    adopted = data["adopted"]
    parties = [p["id"] for p in data["parties"]]
    # The adopted package first, then one row per other package a fair point picks, named by all that pick it.
    points = data["fair_points"]
    assert points["max-welfare"]["options"] == points["nash"]["options"] == adopted["options"]
    assert points["egalitarian"]["options"] == points["kalai-smorodinsky"]["options"] != adopted["options"]
    assert [row[0] for row in rows] == [
        "Adopted : Contributed value partnership ; also Best total gain, Balanced gains",
        "Fairest split, Proportional gains",
    ]
    for row, package in zip(rows, [adopted, points["egalitarian"]], strict=True):
        assert row[2:] == [f"{package['utilities'][p]:.2f} ({package['gains'][p]:+.2f})" for p in parties]

    text = " ".join(n.get_text(" ", strip=True) for n in nodes)
    # A summary in words before the plot, and what each fair point means, each under its plain name.
    summary = next(n for n in nodes if n.name == "p").get_text()
    assert summary.startswith("The parties' scores allow 729 possible packages")
    for words in (
        "Of these, 15 are efficient",
        "12 of the efficient packages are better for every party than its BATNA",
        "The adopted package is efficient and better for every party than its BATNA.",
        "The adopted package is also the one marked best total gain and balanced gains.",
        "The package marked fairest split and proportional gains is the adopted one with Carmaker chair with "
        "casting vote instead of Two seats each and an independent chair",
    ):
        assert words in summary
    for words in (
        "Best total gain : the package whose gains over the parties' BATNAs add up to the most.",
        "Fairest split : the package in which the party that gains least still gains as much as possible.",
        "(Also called the Nash bargaining solution.)",
        "(Also called the Kalai-Smorodinsky solution.)",
    ):
        assert words in text
    assert "utilit" not in text.lower() and "Nash bargaining point" not in text


def test_identical_packages_share_one_row():
    """Four fair points on the one package that would improve on the adopted one: one row, not five."""
    nodes, data = _rendered(CASES / "invalid" / "ADOPTED-DOMINATED" / "value-left-on-the-table.yaml")
    points = [p for p in data["fair_points"].values() if p is not None]
    assert len(points) == 4 and all(p["options"] == data["adopted"]["improvement"]["options"] for p in points)
    assert [row[0] for row in _rows(nodes)] == [
        "Adopted : Weekly windows package",
        "Best total gain, Fairest split, Balanced gains, Proportional gains; better than the adopted package",
    ]
    summary = nodes[0].get_text()
    assert "it leaves value on the table" in summary
    assert "is the adopted one with Berths booked a month ahead" in summary
    image = next(n.find("img") for n in nodes if n.find("img"))
    assert (
        "marked: Best total gain, Fairest split, Balanced gains, Proportional gains; the adopted package"
        in (image["alt"])
    )
    # The explanations still list each principle.
    meanings = [item.get_text(" ", strip=True) for item in nodes[-1].find_all("li")]
    assert [m.split(" :")[0] for m in meanings] == [
        "Best total gain",
        "Fairest split",
        "Balanced gains",
        "Proportional gains",
    ]


def test_without_a_zone_of_agreement_the_summary_says_so():
    nodes, _ = _rendered(CASES / "invalid" / "ADOPTED-BELOW-BATNA" / "below-a-batna-at-agreed.yaml")
    summary = nodes[0].get_text()
    assert "None of them is better for every party than its BATNA: there is no zone of possible agreement." in summary
    assert "The adopted package is efficient and below the BATNA of Party A." in summary
    assert [row[0] for row in _rows(nodes)] == ["Adopted : Weekly windows package"]
    assert not any("Also called" in n.get_text() for n in nodes)  # no fair point to explain


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
