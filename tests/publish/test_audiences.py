"""Readers and editors: the published site shows no validator finding, the editor's build and the preview do;
the menu keeps the tool's documentation apart; the site wears the owner's name, logo and colours."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import BuiltSite
from sites import make_project

from mga_tools.commands.build import build_day
from mga_tools.errors import UsageError
from mga_tools.publish import build, site_assets
from mga_tools.publish.serve import Preview
from mga_tools.validate import rule_ids

MONTREAL = "montreal-protocol-ozone-layer"  # its gaps are warnings: 26 of them
# A rule's code, as a finding shows it ("SCHEMA" alone is an ordinary word of the schema reference).
CODE = re.compile(r"\b(?:" + "|".join(sorted(rule_ids() - {"SCHEMA"}, key=len, reverse=True)) + r")\b")
SECTION = "mga-tools documentation"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _findings(page: BeautifulSoup) -> list[str]:
    text = page.find("article").get_text(" ")
    return ["Open warnings"] * ("Open warnings" in text) + CODE.findall(text)


def _reader_pages(site: Path) -> list[Path]:
    return [site / "index.html", site / "tags.html", *sorted((site / "agreements").glob("*.html"))]


def test_the_published_site_shows_no_validator_finding(built_site: BuiltSite) -> None:
    pages = _reader_pages(built_site.site)
    assert len(pages) == 6
    for path in pages:
        assert _findings(_soup(path)) == [], path.name


@pytest.mark.slow  # a whole build of its own
def test_an_editor_build_shows_the_findings(tmp_path: Path, run_mga) -> None:
    project = make_project(tmp_path / "project")
    result = run_mga("build", "--editor", "--no-documents", cwd=project, env={"MGA_TODAY": "2026-01-15"})
    assert result.returncode == 0, result.stdout + result.stderr
    findings = _findings(_soup(project / "site" / "agreements" / f"{MONTREAL}.html"))
    assert "Open warnings" in findings and "FACT-GAP" in findings


def test_a_bad_build_day_is_refused(monkeypatch) -> None:
    monkeypatch.delenv("MGA_TODAY", raising=False)
    assert build_day() is None
    monkeypatch.setenv("MGA_TODAY", " 2026-03-01 ")
    assert build_day() == datetime.date(2026, 3, 1)
    monkeypatch.setenv("MGA_TODAY", "1 March")
    with pytest.raises(UsageError, match=r"^MGA_TODAY=1 March: expected a date as YYYY-MM-DD$"):
        build_day()


class _Pages:
    """Stand-ins for the page makers that record how they were called."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.agreements: list[dict[str, Any]] = []
        self.portfolios: list[dict[str, Any]] = []
        monkeypatch.setattr(build, "agreement_page", self.agreement_page)
        monkeypatch.setattr(build, "portfolio_page", self.portfolio_page)

    def agreement_page(self, a: Any, warnings: Any = (), **options: Any) -> str:
        self.agreements.append({"id": a.id, "warnings": list(warnings), **options})
        return f"# {a.id}\n"

    def portfolio_page(self, agreements: Any, **options: Any) -> str:
        self.portfolios.append(options)
        return "# Agreements\n"


def test_findings_and_the_day_reach_the_pages_and_key_the_cache(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path / "project")
    pages = _Pages(monkeypatch)
    day = datetime.date(2026, 1, 15)
    for editor in (False, True):
        assert build.generate_tree(project, tmp_path / "docs", cache_dir=tmp_path / "cache", editor=editor, today=day)
    published, edited = pages.agreements[:4], pages.agreements[4:]
    assert {p["id"] for p in published} == {p["id"] for p in edited} and len(edited) == 4
    assert all(p["editor"] is False and p["warnings"] == [] and p["today"] == day for p in published)
    montreal = next(p for p in edited if p["id"] == MONTREAL)
    assert montreal["editor"] is True and len(montreal["warnings"]) == 26 and montreal["today"] == day
    assert [(p["editor"], p["today"]) for p in pages.portfolios] == [(False, day), (True, day)]
    assert set(pages.portfolios[0]["records"]) == {p["id"] for p in published}
    # Cached: the same day and audience make nothing again; another day makes every page again.
    build.generate_tree(project, tmp_path / "docs", cache_dir=tmp_path / "cache", editor=True, today=day)
    assert len(pages.agreements) == 8
    later = day + datetime.timedelta(days=1)
    build.generate_tree(project, tmp_path / "docs", cache_dir=tmp_path / "cache", editor=True, today=later)
    assert len(pages.agreements) == 12 and pages.agreements[-1]["today"] == later


def test_the_preview_is_for_editors(tmp_path: Path, monkeypatch) -> None:
    pages = _Pages(monkeypatch)
    preview = Preview(make_project(tmp_path / "project"), tmp_path / "work")
    assert preview.regenerate().ok
    assert pages.agreements and all(p["editor"] is True for p in pages.agreements)
    assert pages.portfolios[0]["editor"] is True and pages.portfolios[0]["today"] == datetime.date.today()


def _menu(page: BeautifulSoup) -> list[tuple[str, str]]:
    primary = page.select_one("nav.md-nav--primary")
    return [(a.get_text(" ", strip=True), a["href"]) for a in primary.select("a.md-nav__link[href]")]


def test_the_menu_has_the_portfolio_the_tags_and_the_documentation_apart(built_site: BuiltSite) -> None:
    site = built_site.site
    home = _soup(site / "index.html")
    assert [a.get_text(" ", strip=True) for a in home.select(".md-tabs__link")] == ["Agreements", "Tags", SECTION]
    # Pruned: the portfolio carries its own section's entries, the documentation's only as its tab.
    assert _menu(home) == [("Agreements", "index.html"), ("Tags", "tags.html"), (SECTION, "guide.html")]
    river = _soup(site / "agreements" / "river-basin-water-sharing.html")
    assert [href for _, href in _menu(river)] == ["../index.html", "../tags.html", "../guide.html"]
    guide = _soup(site / "guide.html")
    section = next(
        item for item in guide.select("nav.md-nav--primary li.md-nav__item--nested") if SECTION in item.get_text()
    )
    listed = [a["href"] for a in section.select("a.md-nav__link[href]") if "#" not in a["href"]]
    assert {"guide.html", "cli.html", "performance.html", "schema.html"} <= set(listed)
    assert not [href for href in listed if "agreements/" in href or href == "index.html"]


def test_every_agreement_page_leads_back_to_the_portfolio(built_site: BuiltSite) -> None:
    for path in sorted((built_site.site / "agreements").glob("*.html")):
        page = _soup(path)
        assert page.select_one("a.md-logo")["href"] == "../index.html"
        assert page.select_one(".md-tabs__link")["href"] == "../index.html"


def _local(page: Path, reference: str) -> Path | None:
    if urlparse(reference).scheme or reference.startswith(("//", "#", "data:")):
        return None
    return (page.parent / reference.split("#")[0].split("?")[0]).resolve()


def test_the_owners_name_logo_and_colours_show_and_every_asset_loads(built_site: BuiltSite) -> None:
    site = built_site.site
    shipped = {f"assets/mga/{p.name}" for p in site_assets.shipped()}
    for path in (site / "index.html", site / "agreements" / "river-basin-water-sharing.html"):
        page = _soup(path)
        assert page.select_one(".md-header__topic").get_text(strip=True) == "Example agreements"
        assert page.title.get_text().endswith(" - Example agreements")
        assert (page.body["data-md-color-primary"], page.body["data-md-color-accent"]) == ("indigo", "amber")
        logo, icon = page.select_one("a.md-logo img")["src"], page.select_one("link[rel=icon]")["href"]
        assert logo.endswith("assets/logo.svg") and icon.endswith("assets/logo.svg")
        references = [logo, icon]
        references += [link["href"] for link in page.select("link[rel=stylesheet][href]")]
        references += [script["src"] for script in page.select("script[src]")]
        loaded = {_local(path, r) for r in references} - {None}
        assert loaded and [r for r in loaded if r is not None and not r.is_file()] == []
        linked = {r.relative_to(site).as_posix() for r in loaded if r is not None}
        assert shipped <= linked, shipped - linked
    assert "<svg" in (site / "assets" / "logo.svg").read_text(encoding="utf-8")
    for name in shipped:
        assert (site / name).read_bytes() == (site_assets.FOLDER / Path(name).name).read_bytes()
