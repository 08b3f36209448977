"""The portfolio's script and stylesheet in Debian's Chromium: sort, filter, and fit a phone and a laptop.

The page is the portfolio's HTML in the theme's frame (Material's own
stylesheet, the navigation hidden as the portfolio's front matter asks),
opened from ``file://`` without a build; the whole site is checked in
``tests/publish/test_reader_site.py``.
"""

from __future__ import annotations

import datetime
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import material
import pytest
from conftest import ROOT
from render_helpers import EXAMPLES, agreement

from mga_tools.model import Agreement
from mga_tools.render import wording
from mga_tools.render.portfolio import portfolio_page

pytestmark = pytest.mark.slow  # a browser: seconds

_spec = importlib.util.spec_from_file_location("chromium", ROOT / "tests" / "publish" / "chromium.py")
assert _spec is not None and _spec.loader is not None
chromium = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(chromium)

ASSETS = ROOT / "mga_tools" / "publish" / "assets"
THEME = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
FRAME = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Agreements</title>{styles}</head>
<body><div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">
<div class="md-content"><article class="md-content__inner md-typeset">{body}</article></div>
</div></main></div><script src="{script}"></script></body></html>"""


def _copies(examples: list[Agreement], count: int) -> list[Agreement]:
    """``count`` agreements made of the examples, each with its own id and title."""
    found = []
    for i in range(count):
        data = dict(examples[i % len(examples)].data, id=f"copy-{i:03d}", title=f"Copy {i:03d} of {i % len(examples)}")
        found.append(Agreement(data))
    return found


@pytest.fixture(scope="module")
def examples() -> list[Agreement]:
    found = [agreement(path) for path in EXAMPLES]
    tagged = dict(found[0].data, id="tagged", title="Tagged & <odd> agreement", tags=["water", "a|b"])
    return [*found, Agreement(tagged)]


def _write(folder: Path, agreements: list[Agreement]) -> Path:
    """The portfolio of ``agreements`` in the theme's frame, as ``folder/index.html``."""
    body = portfolio_page(agreements, today=datetime.date(2025, 6, 1)).split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "admonition"])
    styles = [*sorted(THEME.glob("*.min.css")), ASSETS / "portfolio.css"]
    links = "".join(f'<link rel="stylesheet" href="{p.as_uri()}">' for p in styles)
    path = folder / "index.html"
    path.write_text(FRAME.format(styles=links, body=html, script=(ASSETS / "portfolio.js").as_uri()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory, examples: list[Agreement]) -> Path:
    return _write(tmp_path_factory.mktemp("portfolio"), examples)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium.need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium.CHROMIUM), args=chromium.FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Any, path: Path, width: int, *, script: bool = True) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=script)
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


def _titles(page: Any) -> list[str]:
    return [
        t.strip() for t in page.locator("table.mga-portfolio tbody tr:visible td:first-child a").all_text_contents()
    ]


def test_sorting_by_a_heading_toggles_and_says_so(browser: Any, page_file: Path, examples: list[Agreement]) -> None:
    page = _open(browser, page_file, 1280)
    titles = sorted((a.title for a in examples), key=str.casefold)
    assert _titles(page) == titles
    agreement_heading = page.locator("th", has_text="Agreement")
    agreement_heading.locator("button").click()
    assert agreement_heading.get_attribute("aria-sort") == "descending"
    assert _titles(page) == titles[::-1]
    parties = page.locator("th", has_text="Parties")
    parties.locator("button").click()
    assert parties.get_attribute("aria-sort") == "ascending"
    assert agreement_heading.get_attribute("aria-sort") == "none"
    counts = [int(x) for x in page.locator("tbody tr td:nth-child(3)").evaluate_all("c => c.map(x => x.dataset.sort)")]
    assert counts == sorted(counts)
    parties.locator("button").click()
    counts = [int(x) for x in page.locator("tbody tr td:nth-child(3)").evaluate_all("c => c.map(x => x.dataset.sort)")]
    assert counts == sorted(counts, reverse=True)
    page.context.close()


def test_filters_combine_and_the_count_follows(browser: Any, page_file: Path, examples: list[Agreement]) -> None:
    from playwright.sync_api import expect

    page = _open(browser, page_file, 1280)
    count = page.locator(".mga-portfolio-count")
    expect(page.locator("#mga-filter-status")).to_be_visible()
    expect(count).to_have_text(f"{len(examples)} of {len(examples)} agreements")
    signed = [a for a in examples if a.status == "signed"]
    page.select_option("#mga-filter-status", "signed")
    expect(count).to_have_text(f"{len(signed)} of {len(examples)} agreements")
    assert sorted(_titles(page)) == sorted(a.title for a in signed)
    page.select_option("#mga-filter-status", "")
    page.select_option("#mga-filter-tag", "a|b")  # a tag that holds what could split a list
    assert _titles(page) == ["Tagged & <odd> agreement"]
    page.select_option("#mga-filter-tag", "")
    river = next(a for a in examples if a.id == "river-basin-water-sharing")
    name = river.name(river.parties[-1]["id"])
    page.fill("#mga-filter-party", f"  {name[3:15].upper()} ")  # any part of a name, in any case
    holding = [a.title for a in examples if any(name[3:15].lower() in a.name(p["id"]).lower() for p in a.parties)]
    assert sorted(_titles(page)) == sorted(holding)
    page.select_option("#mga-filter-status", "proposed")
    assert sorted(_titles(page)) == sorted(a.title for a in examples if a.title in holding and a.status == "proposed")
    page.fill("#mga-filter-party", "no such party anywhere")
    expect(count).to_have_text(f"0 of {len(examples)} agreements")
    page.context.close()


def test_without_a_script_the_table_is_plain(browser: Any, page_file: Path, examples: list[Agreement]) -> None:
    page = _open(browser, page_file, 1280, script=False)
    assert not page.locator(".mga-portfolio-filters").is_visible()
    assert len(_titles(page)) == len(examples)
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_table_fits_the_window(browser: Any, tmp_path: Path, examples: list[Agreement], width: int) -> None:
    long = dict(examples[0].data, id="long", title="Agreement " + "Supercalifragilistic" * 6)
    page_file = _write(tmp_path, [*examples, *_copies(examples, 30), Agreement(long)])
    page = _open(browser, page_file, width)
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    table = page.locator("table.mga-portfolio")
    assert table.evaluate("t => t.scrollWidth - t.clientWidth") <= 0
    if width == 1280:  # a table: every heading whole, the parties on two lines at most
        for heading in page.locator("thead th button").all():
            assert heading.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
        tall = page.locator("tbody td:nth-child(3) .mga-clamp").evaluate_all(
            "cs => cs.filter(c => c.getBoundingClientRect().height > 2.2 * parseFloat(getComputedStyle(c).lineHeight))"
            ".length"
        )
        assert tall == 0
    else:  # a card per agreement, each value under its column's name
        assert page.locator("tbody tr").first.evaluate("r => getComputedStyle(r).display") == "block"
        label = page.locator("tbody td:nth-child(2)").first.evaluate("c => getComputedStyle(c, '::before').content")
        assert wording.status_words("draft") not in label and "Status" in label
    page.context.close()
