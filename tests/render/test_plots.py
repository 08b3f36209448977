"""Frontier plots: reproducible SVG, labels as plain text and legible, one panel per pair or parallel coordinates."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from conftest import ROOT

from mga_tools.analyze.analysis import analysis_json, analyze
from mga_tools.analyze.scoring import scoring
from mga_tools.load import load
from mga_tools.render.plots import COLUMN_PX, MIN_TEXT_PX, frontier_svg

SVG = "{http://www.w3.org/2000/svg}"
CSS_PX_PER_PT = 96 / 72  # matplotlib sizes the SVG in points; a browser draws a point as 4/3 CSS px


def _data(name: str, rename: dict[str, str] | None = None) -> tuple[dict, np.ndarray]:
    """An example agreement's analysis data and its frontier's utilities in points, as the site passes them."""
    data = load(ROOT / "agreements" / f"{name}.yaml").data
    for party in data["preparation"]["parties"]:
        party["name"] = (rename or {}).get(party["id"], party["name"])
    found, reasons = scoring(data)
    assert reasons == [] and found is not None
    analysis = analyze(found)
    return analysis_json(analysis, packages=False), found.problem.to_points(analysis.frontier.utilities)


def _texts(svg: bytes) -> list[str]:
    return ["".join(node.itertext()) for node in ET.fromstring(svg).iter(f"{SVG}text")]


def _shown(svg: bytes) -> str:
    """Every text of the plot, in order: a label wrapped over several lines reads as written."""
    return " ".join(_texts(svg))


def _synthetic(parties: int, seed: int = 1) -> tuple[dict, np.ndarray]:
    """Analysis data of ``parties`` parties with long names, distinct fair points and an adopted package."""
    rng = np.random.default_rng(seed)
    ids = [f"party-{i}" for i in range(parties)]
    frontier = rng.uniform(20, 95, size=(30, parties)).round(2)

    def package(row: np.ndarray) -> dict:
        return {"options": {"issue": f"option-{row[0]}"}, "utilities": dict(zip(ids, row.tolist(), strict=True))}

    fair = {"max-welfare": 0, "egalitarian": 1, "nash": 0, "kalai-smorodinsky": 2}
    data = {
        "parties": [
            {"id": p, "name": f"Regional Water Authority of the Upper Basin Number {i}", "reservation_value": 30.0}
            for i, p in enumerate(ids)
        ],
        "fair_points": {key: package(frontier[row]) for key, row in fair.items()},
        "adopted": package(frontier[3]) | {"complete": True},
    }
    return data, frontier


def _smallest_text_px(svg: bytes) -> float:
    """The smallest text of the plot in CSS px, where the page shows it: at most the column's width.

    The page's images are ``max-width: 100%``: an SVG wider than the column
    is shrunk to it, a narrower one drawn at its own size (a point as 4/3 px).
    """
    root = ET.fromstring(svg)
    width = float(root.get("viewBox", "").split()[2])
    assert root.get("width") == f"{width:g}pt"  # the viewBox's units are the points of the size
    shown = min(width * CSS_PX_PER_PT, COLUMN_PX)
    sizes = []
    for node in root.iter(f"{SVG}text"):
        assert "scale" not in node.get("transform", "")
        size = re.search(r"font-size: ([\d.]+)px", node.get("style", ""))
        assert size is not None  # every text says its size, none inherits one
        sizes.append(float(size.group(1)))
    assert sizes
    # Shrunk or stretched to the column's width, the text is no smaller either.
    assert min(sizes) >= MIN_TEXT_PX * width / COLUMN_PX
    return min(sizes) * shown / width


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
    for name in ("efficient packages", "BATNA", "adopted package"):
        assert name in texts
    for name in ("Valdoria Automotive Group SE", "Lumen Cell Chemistry AB", "Circulo Logistics and Recycling S.A."):
        assert name in _shown(svg)
    # Identical fair points are one mark, named by all of them.
    assert "Best total gain, Balanced gains" in texts and "Fairest split, Proportional gains" in texts
    assert not any("Nash" in t or "Kalai" in t or "utilit" in t for t in texts)


def test_many_parties_get_parallel_coordinates():
    data, frontier = _data("river-basin-water-sharing")
    assert len(data["parties"]) > 4
    svg = frontier_svg(data, frontier)
    assert _axes(svg) == 1
    assert all(p["name"] in _shown(svg) for p in data["parties"])
    assert "Best total gain, Fairest split, Balanced gains, Proportional gains" in _shown(svg)


@pytest.mark.parametrize("hostile", ["$x^2$ & <script>alert(1)</script>", r"\input{x} #eval('y') {=typst}"])
def test_labels_are_plain_text(hostile):
    svg = frontier_svg(*_data("three-firm-battery-recycling-jv", {"lumen-cell": hostile}))
    ET.fromstring(svg)  # well-formed: the label did not break out of its element
    assert hostile in _shown(svg)  # drawn as written: no mathtext, no markup
    assert b"<script>" not in svg


def test_two_parties_get_one_scatter_with_every_package():
    from mga_tools.publish.analysis import published

    case = ROOT / "tests" / "validate" / "cases" / "valid" / "ADOPTED-DOMINATED" / "efficient-package.yaml"
    data, svg = published(load(case).data, None)
    assert len(data["parties"]) == 2
    assert _axes(svg) == 1
    texts = _texts(svg)
    assert "other packages" in texts and "Party A (score)" in texts and "Party B (score)" in texts


@pytest.mark.parametrize("parties", [2, 3, 4, 5, 9])
def test_every_text_is_at_least_11_px_in_the_page_column(parties):
    """Axis labels, tick labels and the legend, at the width the agreement page shows the plot."""
    data, frontier = _synthetic(parties)
    svg = frontier_svg(data, frontier)
    assert _smallest_text_px(svg) >= MIN_TEXT_PX
    assert data["parties"][0]["name"] in _shown(svg)  # long names are wrapped, not shrunk


@pytest.mark.parametrize("name", ["three-firm-battery-recycling-jv", "river-basin-water-sharing"])
def test_the_example_plots_are_legible_in_the_page_column(name):
    assert _smallest_text_px(frontier_svg(*_data(name))) >= MIN_TEXT_PX


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
