"""A real browser on the built site: search, open, follow a scenario to its metric, download.

Uses Debian's Chromium (``apt-get install chromium``; .ci/run installs it)
driven by Playwright's Python package, with no browser download.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sites import make_project

# A browser start and a full build with documents: seconds each.
pytestmark = pytest.mark.slow

CHROMIUM = Path(os.environ.get("MGA_CHROMIUM", "/usr/bin/chromium"))
# The flags a root, offline machine needs; background networking would only
# produce refused connections here.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium package")
    pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


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
    handler = functools.partial(_Quiet, directory=str(project / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_search_open_follow_and_download(site_url: str, tmp_path: Path) -> None:
    _need_chromium()
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(f"{site_url}/")
            expect(page.locator("table a[href$='agreements/river-basin-water-sharing/']")).to_be_visible()

            # Search for a party and open the agreement it belongs to.
            search = page.locator("input.md-search__input")
            search.click()
            search.press_sequentially("Confederated Tribes")
            result = page.locator(".md-search-result__item a[href*='river-basin-water-sharing']").first
            expect(result).to_be_visible(timeout=15_000)
            result.click()
            expect(page).to_have_url(re.compile(r".*/agreements/river-basin-water-sharing/([?#].*)?$"))
            expect(page.locator("h1")).to_contain_text("Alder")

            # Follow a failure scenario to one of its metrics.
            card = page.locator(".mga-scenario", has=page.locator("#scenario-multi-year-drought"))
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
