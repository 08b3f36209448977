"""Frontier plots: reproducible SVG, labels as plain text, one panel per pair or parallel coordinates."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from conftest import ROOT

from mga_tools.analyze.analysis import analysis_json, analyze
from mga_tools.analyze.scoring import scoring
from mga_tools.load import load
from mga_tools.render.plots import frontier_svg

SVG = "{http://www.w3.org/2000/svg}"


def _data(name: str, rename: dict[str, str] | None = None) -> tuple[dict, np.ndarray]:
    """An example agreement's analysis data and its frontier's utilities in points, as the site passes them."""
    data = load(ROOT / "agreements" / f"{name}.yaml").data
    for party in data["preparation"]["parties"]:
        party["name"] = (rename or {}).get(party["id"], party["name"])
    found, reasons = scoring(data)
    assert reasons == []
    analysis = analyze(found)
    return analysis_json(analysis, packages=False), found.problem.to_points(analysis.frontier.utilities)


def _texts(svg: bytes) -> list[str]:
    return ["".join(node.itertext()) for node in ET.fromstring(svg).iter(f"{SVG}text")]


def _axes(svg: bytes) -> int:
    return len([g for g in ET.fromstring(svg).iter(f"{SVG}g") if re.fullmatch(r"axes_\d+", g.get("id", ""))])


def test_the_same_analysis_gives_the_same_bytes():
    data, frontier = _data("three-firm-battery-recycling-jv")
    first = frontier_svg(data, frontier)
    assert first == frontier_svg(data, frontier)
    assert b"<dc:date>" not in first


def test_three_parties_get_one_panel_per_pair():
    svg = frontier_svg(*_data("three-firm-battery-recycling-jv"))
    assert _axes(svg) == 3
    texts = _texts(svg)
    for name in ("Valdoria Automotive Group SE", "Lumen Cell Chemistry AB", "Pareto frontier", "BATNA", "adopted"):
        assert name in texts


def test_many_parties_get_parallel_coordinates():
    data, frontier = _data("river-basin-water-sharing")
    assert len(data["parties"]) > 4
    svg = frontier_svg(data, frontier)
    assert _axes(svg) == 1
    assert {p["name"] for p in data["parties"]} <= set(_texts(svg))


@pytest.mark.parametrize("hostile", ["$x^2$ & <script>alert(1)</script>", r"\input{x} #eval('y') {=typst}"])
def test_labels_are_plain_text(hostile):
    svg = frontier_svg(*_data("three-firm-battery-recycling-jv", {"lumen-cell": hostile}))
    ET.fromstring(svg)  # well-formed: the label did not break out of its element
    assert hostile in _texts(svg)  # drawn as written: no mathtext, no markup
    assert b"<script>" not in svg


def test_two_parties_get_one_scatter_with_every_package():
    from mga_tools.publish.analysis import published

    case = ROOT / "tests" / "validate" / "cases" / "valid" / "ADOPTED-DOMINATED" / "efficient-package.yaml"
    data, svg = published(load(case).data, None)
    assert len(data["parties"]) == 2
    assert _axes(svg) == 1
    texts = _texts(svg)
    assert "other packages" in texts and "Party A" in texts and "Party B" in texts


def test_a_plot_drawn_before_from_the_same_analysis_is_reused(tmp_path, monkeypatch):
    """A rebuild after an edit that leaves the scores alone does not draw the plot again."""
    from mga_tools.memo import Memo
    from mga_tools.publish import analysis

    case = ROOT / "tests" / "validate" / "cases" / "valid" / "ADOPTED-DOMINATED" / "efficient-package.yaml"
    data = load(case).data
    memo = Memo(tmp_path / "cache", tmp_path, "pages")
    _, first = analysis.published(data, None, memo)
    drawn: list[int] = []
    monkeypatch.setattr("mga_tools.render.plots.frontier_svg", lambda *a: drawn.append(1) or b"<svg/>")
    data["terms"][0]["text"] = "A reworded term, same package adopted."
    assert analysis.published(data, None, memo) == (analysis.published(data, None)[0], first)
    assert len(drawn) == 1  # only the call without a memo drew
    # Another analysis (another party's name on the plot) is drawn afresh.
    data["preparation"]["parties"][0]["name"] = "Party Renamed"
    assert analysis.published(data, None, memo)[1] == b"<svg/>"
