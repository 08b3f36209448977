"""The portfolio page: one row per agreement, the columns a reader needs, escaped values, linear size."""

from __future__ import annotations

import copy
import datetime
import time
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from render_helpers import EXAMPLES, agreement

from mga_tools.model import Agreement
from mga_tools.model.agreement import label
from mga_tools.model.deadlines import next_deadline, open_amendments
from mga_tools.model.diff import AgreementDiff
from mga_tools.records.history import Entry, History
from mga_tools.render import wording
from mga_tools.render.portfolio import portfolio_page
from mga_tools.render.portfolio_rows import COLUMNS, agreement_tags
from mga_tools.render.site_records import PageRecords

TODAY = datetime.date(2025, 6, 1)
RIVER = "river-basin-water-sharing"
# Everything HTML, Markdown or an attribute could take for markup, and a would-be row break.
HOSTILE = "<script>alert(1)</script> & \"Q\" 'A' </td></tr><tr> [x](javascript:alert(1)) | *b* {: #id }"
HEADERS = [c.label for c in COLUMNS]


@pytest.fixture(scope="module")
def examples() -> list[Agreement]:
    return [agreement(path) for path in EXAMPLES]


def _soup(page: str) -> Any:  # a BeautifulSoup: read freely, a failed lookup fails the test
    """The page as a browser gets it: the Markdown converted with the extensions the site enables."""
    body = page.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "admonition"])
    return BeautifulSoup(html, "html.parser")


def _rows(page: str) -> dict[str, Any]:
    table = _soup(page).select_one("table.mga-portfolio")
    assert table is not None
    return {tr.select_one("code.mga-id").get_text(): tr for tr in table.select("tbody tr")}


def _copy(a: Agreement, ident: str, title: str | None = None) -> Agreement:
    data = copy.deepcopy(a.data)
    data["id"] = ident
    data["title"] = title or f"{a.title} {ident}"
    return Agreement(data)


def _records(ident: str, day: str) -> PageRecords:
    entry = Entry("0" * 40, "0000000", day, "A. Author", "Edit", f"agreements/{ident}.yaml", "signed", None,
                  AgreementDiff(ident, "changed"))  # fmt: skip
    return PageRecords(history=History(ident, (entry,), shallow=False, note=None, modified=False))


def test_one_row_per_agreement_with_its_values(examples: list[Agreement]) -> None:
    page = portfolio_page(examples, today=TODAY)
    soup = _soup(page)
    assert soup.h1.get_text() == "Agreements"
    assert soup.find("p").get_text().startswith(f"{len(examples)} agreements")
    headers = soup.select("table.mga-portfolio thead th")
    assert [th.get_text() for th in headers] == HEADERS
    assert all(th["scope"] == "col" and th.find("button", type="button") for th in headers)
    assert [th["aria-sort"] for th in headers] == ["ascending"] + ["none"] * (len(HEADERS) - 1)
    rows = _rows(page)
    assert sorted(rows) == sorted(a.id for a in examples)
    titles = [tr.a.get_text() for tr in soup.select("table.mga-portfolio tbody tr")]
    assert titles == sorted(titles, key=str.casefold)  # the order the Agreement heading says
    for a in examples:
        tr = rows[a.id]
        cells = tr.find_all("td")
        assert [td["data-label"] for td in cells] == HEADERS
        assert tr.a["href"] == f"agreements/{a.id}.html" and tr.a.get_text() == a.title
        assert tr["data-status"] == a.status
        assert cells[1].get_text() == wording.status_words(a.status)
        assert tr["data-parties"].split("\n") == [a.name(p["id"]).lower() for p in a.parties]
        assert (tr["data-tags"].split("\n") if tr["data-tags"] else []) == agreement_tags(a)
        active = [p for p in a.parties if wording.active(p)]
        assert cells[2]["data-sort"] == str(len(active))
        assert cells[2].strong.get_text() == str(len(active))
        assert a.name(active[0]["id"]) in cells[2].get_text()
        effective, expires = (a.date(a.data[k]) if a.data.get(k) else None for k in ("effective", "expires"))
        period = {
            (True, True): f"{effective} – {expires}",
            (True, False): f"from {effective}",
            (False, True): f"until {expires}",
            (False, False): "—",
        }
        assert cells[3].get_text() == period[bool(effective), bool(expires)]
        due = next_deadline(a, TODAY)
        assert cells[4]["data-sort"] == (due.date.isoformat() if due else "")
        assert cells[5]["data-sort"] == str(len(open_amendments(a, TODAY)))
        assert cells[6].get_text() == "—"  # no records given
    assert rows["montreal-protocol-ozone-layer"].find_all("td")[3].get_text() == "from 1989-01-01"


def test_parties_name_the_lead_ones_and_count_the_rest(examples: list[Agreement]) -> None:
    river = next(a for a in examples if a.id == RIVER)
    former = [p for p in river.parties if not wording.active(p)]
    assert former, "the river basin agreement has a former party"
    cell = _rows(portfolio_page([river], today=TODAY))[RIVER].find_all("td")[2]
    active = [river.name(p["id"]) for p in river.parties if wording.active(p)]
    shown = cell.get_text()
    assert shown.startswith(f"{len(active)} (+{len(former)} former) · {active[0]}, {active[1]} and ")
    assert shown.endswith(f" and {len(active) - 2} more")
    assert river.name(former[0]["id"]) not in shown  # a former party is never a lead party
    assert river.name(former[0]["id"]).lower() in cell.find_parent("tr")["data-parties"]  # but can be searched


def test_filters_offer_the_statuses_and_tags_present(examples: list[Agreement]) -> None:
    tagged = _copy(examples[0], "tagged")
    tagged.data["tags"] = ["water", HOSTILE]
    soup = _soup(portfolio_page([*examples, tagged], today=TODAY))
    filters = soup.select_one(".mga-portfolio-filters")
    assert filters.has_attr("hidden")  # shown by the script: without it, a plain table
    statuses = [o["value"] for o in soup.select("#mga-filter-status option")]
    assert statuses[0] == "" and sorted(statuses[1:]) == sorted({a.status for a in examples})
    present = {t for a in examples for t in a.data.get("tags", [])} | {"water", HOSTILE}
    assert [o["value"] for o in soup.select("#mga-filter-tag option")][1:] == sorted(present, key=str.lower)
    assert soup.select_one("#mga-filter-party")["type"] == "search"
    for control in ("mga-filter-status", "mga-filter-party", "mga-filter-tag"):
        assert soup.find("label", attrs={"for": control}).get_text()
    assert (
        soup.select_one('[aria-live="polite"]').get_text() == f"{len(examples) + 1} of {len(examples) + 1} agreements"
    )
    row = soup.select_one("tr:has(code.mga-id:-soup-contains('tagged'))")
    assert row["data-tags"].split("\n") == ["water", HOSTILE]
    bare = _copy(examples[0], "untagged")
    bare.data.pop("tags", None)
    untagged = _soup(portfolio_page([bare], today=TODAY))
    assert untagged.select_one("#mga-filter-tag") is None  # a control that could only say "all" is left out


def test_values_are_text_never_markup(examples: list[Agreement]) -> None:
    a = _copy(examples[0], "hostile", title=HOSTILE)
    a.parties[0]["name"] = HOSTILE
    a.parties[0].pop("title", None)
    page = portfolio_page([a], today=TODAY)
    assert "<script" not in page and "</td></tr><tr>" not in page
    soup = _soup(page)
    assert soup.find("script") is None
    assert len(soup.select("table.mga-portfolio tbody tr")) == 1
    row = soup.select_one("table.mga-portfolio tbody tr")
    assert row.a.get_text() == HOSTILE and row.find("td")["data-sort"] == HOSTILE
    assert row["data-parties"].split("\n")[0] == HOSTILE.lower()
    assert soup.find_all("a") == [row.a]  # the would-be link stays text


def test_deadline_amendments_and_last_change_follow_today_and_the_records(examples: list[Agreement]) -> None:
    a = _copy(next(a for a in examples if a.id == RIVER), "dated")
    for term in a.terms:
        term.pop("due", None)
        term.pop("conditions", None)
    a.data.pop("conditions", None)
    a.data["expires"] = "2040-01-01"
    a.terms[0]["due"] = "2030-06-30"
    a.data["amendments"] = [
        {"id": "future", "summary": "Raise the minimum flow", "entry_into_force": "2031-01-01"},
        {"id": "undated", "summary": "Add a party"},
        {"id": "done", "summary": "Fix a typo", "entry_into_force": "2020-01-01"},
    ]
    due = label(a.terms[0])

    def cells(today: datetime.date, records: dict[str, PageRecords] | None = None) -> list[str]:
        row = _rows(portfolio_page([a], today=today, records=records))["dated"]
        return [td.get_text(" ", strip=True) for td in row.find_all("td")[4:]]

    assert cells(datetime.date(2030, 1, 1)) == [f"2030-06-30 {due} is due", "2", "—"]
    assert cells(datetime.date(2030, 7, 1))[:2] == [
        "2031-01-01 Amendment enters into force: Raise the minimum flow",
        "2",
    ]
    assert cells(datetime.date(2031, 6, 1))[:2] == ["2040-01-01 The agreement expires", "1"]
    assert cells(datetime.date(2041, 1, 1))[:2] == ["—", "1"]
    a.data["amendments"] = a.data["amendments"][2:]
    records = {"dated": _records("dated", "2024-03-05T10:00:00+01:00")}
    assert cells(datetime.date(2041, 1, 1), records) == ["—", "none", "2024-03-05"]
    assert cells(datetime.date(2041, 1, 1), {"dated": PageRecords(unavailable="not a repository")})[2] == "—"


def test_a_long_deadline_is_shortened_with_the_whole_text_as_tooltip(examples: list[Agreement]) -> None:
    a = _copy(next(a for a in examples if a.id == RIVER), "long")
    a.data["conditions"] = [{"if": "word " * 40, "by": "2099-12-31"}]
    a.data["expires"] = "2100-01-01"
    for term in a.terms:
        term.pop("due", None)
        term.pop("conditions", None)
    what = _rows(portfolio_page([a], today=TODAY))["long"].select_one(".mga-what")
    assert what.get_text().endswith("…") and len(what.get_text()) <= 61
    assert what["title"] == "Condition of the agreement: " + ("word " * 40).strip()


def test_guide_link_and_empty_portfolio(examples: list[Agreement]) -> None:
    assert "[guide](guide.md)" in portfolio_page(examples, today=TODAY, guide="guide.md")
    assert "guide" not in portfolio_page(examples, today=TODAY)
    empty = portfolio_page([], today=TODAY)
    assert "No agreement yet." in empty and "<table" not in empty
    assert portfolio_page(examples, today=TODAY, editor=True) == portfolio_page(examples, today=TODAY)


def test_the_page_grows_linearly_and_converts_quickly(examples: list[Agreement]) -> None:
    def many(count: int) -> list[Agreement]:
        return [_copy(examples[i % len(examples)], f"agreement-{i:05d}") for i in range(count)]

    small, large = (portfolio_page(many(n), today=TODAY) for n in (100, 1000))
    assert len(large.encode()) < 12 * len(small.encode())
    per_row = (len(large.encode()) - len(small.encode())) / 900
    assert per_row < 4000  # bytes: a row names a few parties, never all of them twice over
    start = time.perf_counter()
    rows = _soup(large).select("table.mga-portfolio tbody tr")
    assert len(rows) == 1000
    assert time.perf_counter() - start < 30  # Markdown leaves the raw HTML block alone: no inline parsing


def test_an_agreement_of_thousands_of_parties_keeps_a_short_row(examples: list[Agreement]) -> None:
    a = _copy(examples[0], "crowded")
    a.parties[:] = [{"id": f"party-{i}", "name": f"Party number {i}", "kind": "other"} for i in range(5000)]
    page = portfolio_page([a], today=TODAY)
    row = _rows(page)["crowded"]
    assert len(row["data-parties"].split("\n")) == 5000  # every name can be searched for
    cell = row.find_all("td")[2]
    assert cell.get_text() == "5000 · Party number 0, Party number 1 and 4998 more"
    assert cell.span["title"].endswith("Party number 11; and 4988 more")
    assert len(page.encode()) < 5000 * 40  # each name written once, in the row's data-parties
