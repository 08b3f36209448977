"""The published site as its readers meet it, in Debian's Chromium at a phone's and a laptop's width.

The portfolio and every agreement page must fit the screen (no sideways
scroll), the obligations view must list each party's duties, no heading may
be an id alone, no validator finding may show, every internal link must
resolve from ``file://``, and axe-core (shipped in a Python package, run in
the page, offline) must find no serious or critical accessibility problem.
Screenshots of the portfolio, an agreement's first screen and a ladder
diagram, at each width, are saved under ``tests/artefacts/screens/`` (ignored
by git) for a person to look at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from chromium import CHROMIUM, FLAGS, need_chromium
from conftest import ROOT
from sites import build_published, make_project

from mga_tools.load import load
from mga_tools.load.companion import is_companion_file
from mga_tools.model import Agreement
from mga_tools.render import wording
from mga_tools.render.site_common import kinds
from mga_tools.validate import rule_ids

# One build and one browser for the module: seconds each.
pytestmark = pytest.mark.slow

WIDTHS = {390: 844, 1280: 800}  # width -> height of the window, as a phone and a laptop
ARTEFACTS = ROOT / "tests" / "artefacts"
RIVER = "river-basin-water-sharing"
AGREEMENTS = sorted(p.stem for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name))
# Serious and critical are the impacts axe-core says block or seriously hinder some readers.
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("project"))
    return build_published(project, env={"MGA_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))})


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
    try:
        yield launched
    finally:
        launched.close()
        playwright.stop()


def _open(browser: Any, address: str, width: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    page = context.new_page()
    page.goto(address)
    page.wait_for_load_state("load")
    return page


def _agreement(ident: str) -> Agreement:
    return Agreement(load(ROOT / "agreements" / f"{ident}.yaml").data)


def _pages(site: Path) -> list[Path]:
    return [site / "index.html", *(site / "agreements" / f"{ident}.html" for ident in AGREEMENTS)]


def _sideways(page: Any) -> int:
    """By how many CSS pixels the page is wider than the window (0: no sideways scroll)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_no_page_scrolls_sideways(site: Path, browser: Any, width: int) -> None:
    wide = {}
    for path in _pages(site):
        page = _open(browser, path.as_uri(), width)
        # Folded sections open, as a reader would open them: their content must fit too.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        if _sideways(page) > 0:
            wide[path.name] = _sideways(page)
        page.context.close()
    assert wide == {}


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_screenshots_of_the_portfolio_a_first_screen_and_a_ladder(site: Path, browser: Any, width: int) -> None:
    shots = ARTEFACTS / "screens"
    shots.mkdir(parents=True, exist_ok=True)
    page = _open(browser, (site / "index.html").as_uri(), width)
    page.screenshot(path=str(shots / f"portfolio-{width}.png"), full_page=True)
    page.context.close()

    page = _open(browser, (site / "agreements" / f"{RIVER}.html").as_uri(), width)
    page.screenshot(path=str(shots / f"agreement-first-screen-{width}.png"))
    # The first screen tells the story: the title and the summary are in it.
    summary = page.locator("article .mga-summary").first.bounding_box()
    assert summary is not None and summary["y"] < WIDTHS[width]
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    figure = page.locator("article figure.mga-ladder").first
    figure.scroll_into_view_if_needed()
    figure.screenshot(path=str(shots / f"ladder-{width}.png"))
    box = figure.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    page.context.close()
    for name in ("portfolio", "agreement-first-screen", "ladder"):
        assert (shots / f"{name}-{width}.png").stat().st_size > 1000


def _owed(a: Agreement) -> dict[str, set[str]]:
    """Party (or group) id -> ids of the terms it owes, directly or through a group it belongs to.

    A group whose members are given by a rule (the Parties to a treaty) owes its terms itself.
    """
    active = {str(p["id"]) for p in a.parties if wording.active(p)} | {str(g["id"]) for g in a.groups}
    owed: dict[str, set[str]] = {}
    for term in a.terms:
        for ident in term.get("obligated") or []:
            for member in [ident, *a.members(str(ident))]:
                if member in active:
                    owed.setdefault(member, set()).add(str(term["id"]))
    return owed


@pytest.mark.parametrize("ident", AGREEMENTS)
def test_the_obligations_view_lists_each_partys_duties(site: Path, browser: Any, ident: str) -> None:
    a = _agreement(ident)
    page = _open(browser, (site / "agreements" / f"{ident}.html").as_uri(), 1280)
    blocks = page.evaluate(
        """[...document.querySelectorAll('article .mga-duties')].map(b => ({
            text: b.textContent,
            terms: [...b.querySelectorAll('a[href^="#term-"]')].map(x => x.getAttribute('href').slice(6)),
        }))"""
    )
    page.context.close()
    owed = _owed(a)
    assert owed, "every example obliges someone"
    missing = []
    for party, terms in owed.items():
        name = a.name(party)
        listed = set().union(*(set(b["terms"]) for b in blocks if name in b["text"]))
        if not terms <= listed:
            missing.append((name, sorted(terms - listed)))
    assert missing == []


def _heading_texts(page: Any) -> list[str]:
    return page.evaluate(
        """[...document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6')]
        .map(h => { const c = h.cloneNode(true); c.querySelectorAll('.mga-id, .headerlink').forEach(x => x.remove());
                    return c.textContent.trim(); })"""
    )


@pytest.mark.parametrize("ident", AGREEMENTS)
def test_no_heading_is_an_id_alone(site: Path, browser: Any, ident: str) -> None:
    a = _agreement(ident)
    ids = {*kinds(a), a.id}
    page = _open(browser, (site / "agreements" / f"{ident}.html").as_uri(), 1280)
    headings = _heading_texts(page)
    page.context.close()
    assert len(headings) > 10
    assert [h for h in headings if not h or h in ids] == []


def test_the_published_site_shows_no_validator_finding(site: Path) -> None:
    codes = re.compile(r"\b(" + "|".join(re.escape(r) for r in sorted(rule_ids())) + r")\b")
    readers = [*_pages(site), site / "tags.html"]
    found = {}
    for path in readers:
        text = path.read_text(encoding="utf-8")
        hits = sorted(set(codes.findall(text)))
        if hits or "Open warnings" in text:
            found[path.name] = hits
    assert found == {}


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        cache[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
    return cache[path]


def _broken(addresses: list[str], cache: dict[Path, set[str]]) -> list[str]:
    """The ``file://`` addresses whose file, or whose fragment in that file, does not exist."""
    broken = []
    for address in addresses:
        if not address.startswith("file://"):
            continue
        where, fragment = urldefrag(address)
        path = Path(unquote(urlparse(where).path))
        if not path.is_file() or (fragment and path.suffix == ".html" and unquote(fragment) not in _ids(path, cache)):
            broken.append(address)
    return broken


def test_every_internal_link_resolves_from_disk(site: Path, browser: Any) -> None:
    cache: dict[Path, set[str]] = {}
    broken: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        if path.name == "404.html":
            continue  # served by a web server for any address: its links are absolute by design
        page = _open(browser, path.as_uri(), 1280)
        # The browser resolves every link as a reader's click would.
        addresses = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
        page.context.close()
        bad = _broken(addresses, cache)
        if bad:
            broken[str(path.relative_to(site))] = bad
    assert broken == {}


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_no_serious_accessibility_problem(site: Path, browser: Any, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    report = {}
    serious = {}
    # The agreement page twice: as it opens, and with every folded section opened by the reader.
    for path, unfold in ((site / "index.html", False), *((site / "agreements" / f"{RIVER}.html", u) for u in (0, 1))):
        page = _open(browser, path.as_uri(), width)
        if unfold:
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        results = axe.run(page).response
        page.context.close()
        found = [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"]]
        name = path.name + (" (folds open)" if unfold else "")
        report[name] = {"passes": len(results.get("passes", [])), "violations": found}
        bad = [v for v in found if v[1] in SERIOUS]
        if bad:
            serious[name] = bad
    (ARTEFACTS / "axe").mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "axe" / f"results-{width}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    assert serious == {}


def test_the_portfolio_sorts_and_filters(site: Path, browser: Any) -> None:
    from playwright.sync_api import expect

    page = _open(browser, (site / "index.html").as_uri(), 1280)
    rows = page.locator("table.mga-portfolio tbody tr")
    expect(rows).to_have_count(len(AGREEMENTS))
    river = _agreement(RIVER)
    party = river.parties[0]["name"]
    page.locator("#mga-filter-party").fill(party[:12])
    visible = page.locator("table.mga-portfolio tbody tr:visible")
    holding = [i for i in AGREEMENTS if any(p["name"].startswith(party[:12]) for p in _agreement(i).parties)]
    expect(visible).to_have_count(len(holding))
    page.locator("#mga-filter-party").fill("")
    expect(visible).to_have_count(len(AGREEMENTS))

    header = page.locator("table.mga-portfolio thead th", has_text="Agreement").first
    titles = sorted(_agreement(i).title for i in AGREEMENTS)

    def shown() -> list[str]:
        return [t.strip() for t in page.locator("table.mga-portfolio tbody tr td:first-child a").all_text_contents()]

    header.locator("button").click()
    first = header.get_attribute("aria-sort")
    header.locator("button").click()
    second = header.get_attribute("aria-sort")
    assert {first, second} == {"ascending", "descending"}
    assert shown() == (titles if second == "ascending" else titles[::-1])
    page.context.close()
