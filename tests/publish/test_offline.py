"""The built site with the network cut off: opened from disk and from a local server, it fetches nothing else.

Every request the browser makes that is not for a local file or for the local
server is refused and recorded; the escalation ladders must still be drawn and
search must still find a party.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM, FLAGS, need_chromium, served
from conftest import ROOT
from sites import build_published, make_project

from mga_tools.load import load
from mga_tools.model import Agreement
from mga_tools.render import ladder

# A browser start and a whole build: seconds each.
pytestmark = pytest.mark.slow

RIVER = "river-basin-water-sharing"
PARTY = "Confederated Tribes"  # the start of a party's name, as a reader would type it
# Addresses that never leave the browser.
_INSIDE = ("file://", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_published(make_project(tmp_path_factory.mktemp("project")))


@pytest.fixture(scope="module")
def address(site: Path) -> Iterator[str]:
    with served(site) as base:
        yield base


def _river() -> Agreement:
    return Agreement(load(ROOT / "agreements" / f"{RIVER}.yaml").data)


def _browse(playwright: Any, home: str, local: str) -> list[str]:
    """Open ``home``, check its ladders and search with the network blocked; return the refused addresses."""
    from playwright.sync_api import expect

    refused: set[str] = set()

    def inside(url: str) -> bool:
        return url.startswith((*_INSIDE, local))

    def gate(route: Any) -> None:
        if inside(route.request.url):
            route.continue_()
        else:
            refused.add(route.request.url)
            route.abort()

    def seen(request: Any) -> None:  # requests the router does not see, should there be any, are caught here
        if not inside(request.url):
            refused.add(request.url)

    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
    try:
        context = browser.new_context()
        context.route("**/*", gate)
        context.on("request", seen)
        page = context.new_page()
        page.goto(home)

        # A link opens the page itself, not a folder listing.
        page.locator(f"table a[href$='agreements/{RIVER}.html']").first.click()
        expect(page).to_have_url(re.compile(rf".*/agreements/{RIVER}\.html([?#].*)?$"))

        agreement = _river()
        mechanisms = [m for m in agreement.mechanisms if ladder.steps(agreement, m)]
        drawings = page.locator("article figure.mga-ladder svg")
        expect(drawings).to_have_count(len(mechanisms))
        for index, mechanism in enumerate(mechanisms):
            drawing = drawings.nth(index)
            drawing.scroll_into_view_if_needed()
            expect(drawing).to_be_visible()
            box = drawing.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 50
            labels = ladder.steps(agreement, mechanism)
            expect(drawing.locator("rect")).to_have_count(len(labels))
            shown = " ".join(drawing.locator("text").all_text_contents())
            for number, label in enumerate(labels, 1):
                assert f"{number}. {label}" in shown
            assert drawing.get_attribute("role") == "img"
            assert drawing.locator("title").text_content() == ladder.title(mechanism)

        # Search finds a party by name, and its result opens the agreement.
        assert any(party["name"].startswith(PARTY) for party in agreement.parties)
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially(PARTY)
        result = page.locator(f".md-search-result__item a[href*='{RIVER}.html']").first
        expect(result).to_be_visible(timeout=15_000)
        result.click()
        expect(page).to_have_url(re.compile(rf".*/agreements/{RIVER}\.html([?#].*)?$"))
    finally:
        browser.close()
    return sorted(refused)


def test_the_site_works_from_disk_without_network(site: Path) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        refused = _browse(playwright, (site / "index.html").as_uri(), "file://")
    assert refused == []


def test_the_site_works_from_a_local_server_without_network(address: str) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        refused = _browse(playwright, f"{address}/", f"{address}/")
    assert refused == []


def test_the_configuration_loads_nothing_from_the_network(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # Only links may point elsewhere: no script, style sheet, font or image from another host.
        assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=\"(https?:)?//", text), page
        assert "mermaid" not in text and "fonts.g" not in text, page
