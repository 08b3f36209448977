"""A real browser on the built site: search, open, follow a scenario to its metric, download.

Uses Debian's Chromium (``apt-get install chromium``; .ci/run installs it)
driven by Playwright's Python package, with no browser download.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM, FLAGS, need_chromium, served
from sites import make_project

# A browser start and a full build with documents: seconds each.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("project"))
    result = subprocess.run(
        [sys.executable, "-m", "mga_tools", "build", "--out", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with served(project / "site") as address:
        yield address


def test_search_open_follow_and_download(site_url: str, tmp_path: Path) -> None:
    need_chromium()
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(f"{site_url}/")
            expect(page.locator("table a[href$='agreements/river-basin-water-sharing.html']")).to_be_visible()

            # Search for a party and open the agreement it belongs to.
            search = page.locator("input.md-search__input")
            search.click()
            search.press_sequentially("Confederated Tribes")
            result = page.locator(".md-search-result__item a[href*='river-basin-water-sharing']").first
            expect(result).to_be_visible(timeout=15_000)
            result.click()
            expect(page).to_have_url(re.compile(r".*/agreements/river-basin-water-sharing\.html([?#].*)?$"))
            expect(page.locator("h1")).to_contain_text("Alder")

            # Open the folded failure scenarios, and follow one to its metric: the browser unfolds its section.
            card = page.locator(".mga-scenario", has=page.locator("#scenario-multi-year-drought"))
            page.locator("details.mga-fold", has=card).locator(":scope > summary").click()
            link = card.locator("a[href^='#metric-']").first
            target = link.get_attribute("href")
            assert target is not None
            link.click()
            expect(page).to_have_url(re.compile(".*" + re.escape(target) + "$"))
            expect(page.locator(target)).to_be_in_viewport()

            # Download the signable PDF.
            with page.expect_download() as download_info:
                page.locator("a[href$='river-basin-water-sharing.pdf']").first.click()
            saved = tmp_path / "agreement.pdf"
            download_info.value.save_as(saved)
            assert saved.read_bytes().startswith(b"%PDF-")
        finally:
            browser.close()
