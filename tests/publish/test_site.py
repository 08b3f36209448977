"""The built site: structure of the agreement pages, the portfolio, tags and search."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BuiltSite

from mga_tools.load import load
from mga_tools.load.companion import is_companion_file
from mga_tools.model import Agreement
from mga_tools.render import ladder, wording


@pytest.fixture(scope="module")
def built(built_site: BuiltSite) -> tuple[Path, dict[str, Agreement]]:
    """The shared site (these tests only read it) and the agreements it was built from, by id."""
    agreements = {}
    for path in sorted(p for p in (built_site.project / "agreements").glob("*.yaml") if not is_companion_file(p.name)):
        agreement = Agreement(load(path).data)
        agreements[agreement.id] = agreement
    return built_site.site, agreements


@cache  # the site is shared and only read: each page is parsed once for all the tests
def _page(site: Path, ident: str) -> BeautifulSoup:
    return BeautifulSoup((site / "agreements" / f"{ident}.html").read_text(encoding="utf-8"), "html.parser")


def _ids(page: BeautifulSoup) -> set[str]:
    """Every anchor of ``page``, gathered once: searching the page for each link is slow on long agreements."""
    return {tag["id"] for tag in page.select("[id]")}


def test_every_scenario_card_links_its_safeguards(built):
    site, agreements = built
    for ident, agreement in agreements.items():
        page = _page(site, ident)
        anchors = _ids(page)
        cards = page.select("div.admonition.mga-scenario")
        assert len(cards) == len(agreement.scenarios)
        for card, scenario in zip(cards, agreement.scenarios, strict=True):
            assert card.find(id=f"scenario-{scenario['id']}")
            hrefs = [a["href"] for a in card.find_all("a")]
            expected = [f"#mechanism-{i}" for i in scenario.get("dispute_mechanisms", [])]
            expected += [f"#protocol-{i}" for i in scenario.get("protocols", [])]
            expected += [f"#metric-{i}" for i in scenario.get("metrics", [])]
            assert hrefs == expected
            for href in hrefs:
                assert href[1:] in anchors, f"{ident}: {href} resolves to no anchor"


def test_every_internal_link_resolves(built):
    site, agreements = built
    for ident in agreements:
        page = _page(site, ident)
        anchors = _ids(page)
        for a in page.select("article a[href^='#']"):
            assert a["href"][1:] in anchors, f"{ident}: {a['href']}"


def test_terms_link_the_interests_they_serve(built):
    site, agreements = built
    for ident, agreement in agreements.items():
        page = _page(site, ident)
        for term in agreement.terms:
            heading = page.find(id=f"term-{term['id']}")
            assert heading is not None and heading.name == "h3"
            facts = heading.find_next("ul")
            serves = [a["href"] for a in facts.find_all("a") if a["href"].startswith("#interest-")]
            assert serves == [f"#interest-{i}" for i in term.get("serves", [])]


def test_coverage_matrix_matches_the_model(built):
    site, agreements = built
    for ident, agreement in agreements.items():
        table = _page(site, ident).find(id="coverage-matrix").find_next("table")
        found = {}
        for row in table.find("tbody").find_all("tr"):
            holder, interest, terms = row.find_all("td")
            key = (holder.a["href"].split("-", 1)[1], interest.a["href"].removeprefix("#interest-"))
            found[key] = [a["href"].removeprefix("#term-") for a in terms.find_all("a")]
        assert found == agreement.coverage()


def test_ladders_are_drawn_inline_as_svg(built):
    site, agreements = built
    for ident, agreement in agreements.items():
        page = _page(site, ident)
        assert not page.select("pre.mermaid, script[src*='mermaid']")
        figures = page.select("article figure.mga-ladder")
        assert len(figures) == len(agreement.mechanisms)
        for figure, mechanism in zip(figures, agreement.mechanisms, strict=True):
            drawing = figure.find("svg")
            assert drawing["role"] == "img" and drawing.find("title").get_text() == ladder.title(mechanism)
            assert drawing.find("desc").get_text() == ladder.description(agreement, mechanism)
            assert len(drawing.find_all("rect")) == len(mechanism["steps"])
            assert figure.find("figcaption").get_text() == ladder.title(mechanism)


def test_options_are_marked_non_binding(built):
    site, agreements = built
    page = _page(site, "river-basin-water-sharing")
    assert page.find(string="Options are not binding")
    options = sum(len(issue.get("options", [])) for issue in agreements["river-basin-water-sharing"].issues)
    assert len(page.find_all("em", string="(option, non-binding)")) == options


def test_portfolio_rows_match_the_agreements(built):
    site, agreements = built
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = home.select("article table.mga-portfolio tbody tr")
    by_title = sorted(agreements.items(), key=lambda item: item[1].title.casefold())
    assert len(rows) == len(agreements)
    for row, (ident, agreement) in zip(rows, by_title, strict=True):
        cells = row.find_all("td")
        assert row.a["href"] == f"agreements/{ident}.html" and row.a.get_text() == agreement.title
        assert row.select_one("code.mga-id").get_text() == ident
        assert row["data-status"] == agreement.status and cells[1].get_text() == wording.status_words(agreement.status)
        assert row["data-parties"].split("\n") == [agreement.name(p["id"]).lower() for p in agreement.parties]


def test_guide_and_handwritten_pages_are_kept(built):
    site, _ = built
    for page in ("guide", "writing", "model", "cli", "rules"):
        assert (site / f"{page}.html").exists()


def test_tags_by_status_in_words_and_the_agreements_own_keywords(built):
    site, agreements = built
    tags = (site / "tags.html").read_text(encoding="utf-8")
    for agreement in agreements.values():
        assert wording.status_words(agreement.status) in tags
        for keyword in agreement.data.get("tags", []):
            assert keyword in tags
    # Parties are found with the portfolio's party filter and with search, not as thousands of tags.
    river = agreements["river-basin-water-sharing"]
    assert river.name(river.parties[0]["id"]) not in tags


def test_downloads_hold_the_yaml_source(built):
    site, agreements = built
    for ident in agreements:
        copied = (site / "downloads" / f"{ident}.yaml").read_bytes()
        assert copied == (site.parent / "agreements" / f"{ident}.yaml").read_bytes()
        links = [a["href"] for a in _page(site, ident).select("article a[href*='downloads/']")]
        assert links == [f"../downloads/{ident}.yaml"]


def test_search_finds_parties_terms_and_scenarios(built):
    site, agreements = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    for agreement in agreements.values():
        for party in agreement.parties:
            assert party["name"] in text
        for term in agreement.terms:
            assert " ".join(term["text"].split()) in text
        for scenario in agreement.scenarios:
            assert " ".join(scenario["description"].split()) in text


def test_schema_reference_is_published_and_its_links_land(built):
    site, _ = built
    page = BeautifulSoup((site / "schema.html").read_text(encoding="utf-8"), "html.parser")
    ids = {tag["id"] for tag in page.select("[id]")}
    links = [a["href"][1:] for a in page.select("article a[href^='#']")]
    assert "key-scenario" in ids and "value-slug" in ids
    assert links and [link for link in links if link not in ids] == []
    assert "dispute_mechanisms" in page.get_text()
