"""An agreement page for readers: summary and obligations first, names everywhere, folds, editor-only warnings."""

from __future__ import annotations

import copy
import datetime
import re
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from mga_tools.diagnostics import Diagnostic
from mga_tools.load import load
from mga_tools.load.companion import is_companion_file
from mga_tools.model import Agreement
from mga_tools.render import wording
from mga_tools.render.site import agreement_page, tags
from mga_tools.render.site_obligations import duties

TODAY = datetime.date(2026, 12, 8)
EXAMPLES = sorted(p for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name))
# The extensions the site's build enables for agreement pages.
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]


@cache
def _data(path: Path) -> dict[str, Any]:
    return load(path).data


def _agreement(path: Path) -> Agreement:
    return Agreement(copy.deepcopy(_data(path)))


def _html(page: str) -> BeautifulSoup:
    body = page.split("---\n", 2)[2]  # the front matter is mkdocs' business
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def _synthetic(parties: int, *, withdrawn: tuple[int, ...] = ()) -> dict[str, Any]:
    """An agreement of ``parties`` parties, all bound by the same two terms, one untitled; one untitled scenario."""
    ids = [f"p{n}" for n in range(1, parties + 1)]
    listed = [{"id": i, "name": f"Member {i.upper()}", "kind": "company"} for i in ids]
    for n in withdrawn:
        listed[n]["status"] = "withdrawn"
    return {
        "id": "many",
        "title": "Many parties",
        "version": "1",
        "status": "signed",
        "tags": ["cooperation", "scale"],
        "preparation": {"parties": listed},
        "terms": [
            {"id": "t-report", "title": "Annual report", "text": "Each party reports.", "obligated": ids,
             "recurring": "Every year"},
            {"id": "t-untitled", "text": "Each party pays its share of the secretariat's running costs on time.",
             "obligated": ids, "beneficiaries": ids[:1], "due": "2027-03-01"},
        ],
        "follow_through": {"failure_scenarios": [{"id": "s-quiet", "description": "A party stops reporting at all."}]},
    }  # fmt: skip


def test_summary_then_obligations_open_the_page() -> None:
    a = _agreement(ROOT / "agreements" / "river-basin-water-sharing.yaml")
    page = agreement_page(a, today=TODAY)
    lines = page.split("---\n", 2)[2].splitlines()
    headings = [line for line in lines if line.startswith("#")]
    assert headings[:2] == [f"# {lines[1][2:]}", "## Obligations { #obligations }"]
    html = _html(page)
    summary = " ".join(html.select_one("div.mga-summary").get_text().split())
    assert "Status: Signed" in summary and "Next deadline: 2027-06-30" in summary
    assert f"Parties ({len(a.parties)}): {a.name(a.parties[0]['id'])}," in summary
    assert "Effective: 2025-01-01" in summary and "Expires: 2074-12-31" in summary


def test_obligations_list_each_obligated_party_with_its_duties_by_name() -> None:
    a = _agreement(ROOT / "agreements" / "river-basin-water-sharing.yaml")
    html = _html(agreement_page(a, today=TODAY))
    owed = duties(a)
    numbers = {str(t["id"]): n for n, t in enumerate(a.terms, 1)}
    assert owed, "the example binds its parties"
    blocks = html.select("div.mga-duties")
    found: dict[str, list[str]] = {}
    for block in blocks:
        named = [x["href"].removeprefix("#party-") for x in block.p.find_all("a")]
        assert block["data-party"] == named[0]
        under = [x["href"].removeprefix("#term-") for x in block.table.select("tbody td:last-child a")]
        for party in named:
            found[party] = under
        for row, ident in zip(block.table.select("tbody tr"), under, strict=True):
            what = row.find("td").get_text()
            assert wording.title(a.by_id[ident], "") in what and ident not in what  # by name, never by id
            assert row.find_all("td")[-1].get_text() == f"Term {numbers[ident]}"
    assert found == {party: [t for t, _ in terms] for party, terms in owed.items()}
    # Every party still bound is either listed as owing or said to owe nothing.
    text = html.get_text(" ")
    for party in a.parties:
        if wording.active(party) and str(party["id"]) not in owed:
            assert a.name(party["id"]) in text.split("owe nothing")[0].rsplit("each owe", 1)[-1]


def test_parties_with_the_same_duties_share_one_block_and_former_parties_owe_nothing() -> None:
    a = Agreement(_synthetic(12, withdrawn=(0,)))
    assert set(duties(a)) == {f"p{n}" for n in range(2, 13)}  # p1 withdrew
    html = _html(agreement_page(a, today=TODAY))
    blocks = html.select("div.mga-duties")
    assert len(blocks) == 1 and blocks[0]["data-party"] == "p2"
    lead = blocks[0].p.get_text()
    assert lead.startswith("11 parties each owe the same: Member P2,") and lead.endswith("and 3 more.")
    fold = blocks[0].select_one("details.mga-fold")
    assert fold.summary.get_text() == "All 11 parties" and "Member P12" in fold.get_text()
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in blocks[0].select("tbody tr")]
    assert rows == [
        ["Annual report (obligation)", "—", "recurs Every year", "Term 1"],
        ["Each party pays its share of the secretariat's… (obligation)", "Member P1", "due 2027-03-01",
         "Term 2"],
    ]  # fmt: skip
    assert "Member P1," not in blocks[0].p.get_text() + fold.get_text()  # the former party


def test_a_party_bound_through_a_group_owes_the_group_duties() -> None:
    data = _synthetic(3)
    data["preparation"]["groups"] = [{"id": "g", "name": "Bloc", "members": ["p1", "p2"]}]
    data["terms"].append({"id": "t-bloc", "title": "Bloc duty", "text": "The bloc acts.", "obligated": ["g"]})
    a = Agreement(data)
    html = _html(agreement_page(a, today=TODAY))
    blocks = {b["data-party"]: b for b in html.select("div.mga-duties")}
    assert set(blocks) == {"p1", "p3"}  # p1 and p2 share their duties; p3 owes only the first two
    assert "Duties of each of Member P1, Member P2" in blocks["p1"].p.get_text()
    assert "Bloc duty (obligation), as a member of Bloc" in blocks["p1"].get_text()
    assert "Bloc duty" not in blocks["p3"].get_text()


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_heading_is_an_id_alone(path: Path) -> None:
    a = _agreement(path)
    html = _html(agreement_page(a, today=TODAY))
    ids = set(a.by_id)
    for heading in html.find_all(re.compile(r"^h[1-6]$")):
        for small in heading.select("code.mga-id"):
            assert small.get_text() in ids
            small.decompose()
        shown = heading.get_text().strip()
        assert shown and shown not in ids, heading


def test_untitled_items_are_headed_by_their_words() -> None:
    html = _html(agreement_page(Agreement(_synthetic(2)), today=TODAY))
    heading = html.find(id="term-t-untitled")
    assert heading.get_text() == "Term 2. Each party pays its share of the secretariat's… t-untitled"
    card = html.select_one("div.mga-scenario .admonition-title")
    assert card.get_text() == "Scenario 1. A party stops reporting at all. s-quiet"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_links_and_cells_show_names_never_ids(path: Path) -> None:
    a = _agreement(path)
    html = _html(agreement_page(a, today=TODAY))
    ids = set(a.by_id)
    for small in html.select("code.mga-id"):
        assert small.get_text() in ids
        small.decompose()
    shown = [x.get_text().strip() for x in html.select("a[href^='#'], td, summary, .admonition-title")]
    assert [x for x in shown if x in ids] == []
    # Every link and cell naming several items (coverage, "Serves", signatories...) names each by name.
    parts = {p.strip() for x in shown for p in x.split(",")}
    assert sorted(parts & {i for i in ids if "-" in i}) == []


def test_open_warnings_are_for_editors_only() -> None:
    a = _agreement(ROOT / "agreements" / "montreal-protocol-ozone-layer.yaml")
    warnings = [Diagnostic("x.yaml", 7, 3, "FACT-GAP", "warning", "gap")]
    reader = agreement_page(a, warnings, today=TODAY)
    editor = agreement_page(a, warnings, editor=True, today=TODAY)
    assert "Open warnings" not in reader and "FACT-GAP" not in reader
    assert "## Open warnings" in editor and "`FACT-GAP`" in editor


def test_tags_are_the_status_in_words_and_the_agreement_s_own_keywords() -> None:
    a = Agreement(_synthetic(3))
    assert tags(a) == ["Signed", "cooperation", "scale"]


def test_a_five_thousand_party_page_has_no_long_line_of_markdown_links() -> None:
    """Python-Markdown parses ``[x](#y)`` links in time quadratic in the line: links are inline HTML instead."""
    page = agreement_page(Agreement(_synthetic(5000)), today=TODAY)
    assert max(line.count("](#") for line in page.splitlines()) <= 3
    html = _html(page)
    assert len(html.select("div.mga-duties")) == 1
    assert html.select_one("div.mga-summary").get_text(" ").count("Member P") == 8  # the first names only


def test_records_name_the_parties_their_ids_give() -> None:
    from mga_tools.records.signatures import SealState, SignatureCheck
    from mga_tools.render.site_records import PageRecords, seal_and_signatures

    a = Agreement(_synthetic(2))
    check = SignatureCheck(name="Ana Example", party="p2", principal=None, fingerprint=None, state="unsigned")
    records = PageRecords(seal=SealState("many", None, "0" * 64), signatures=(check,))
    row = seal_and_signatures(records, a).splitlines()[-1]
    assert row.startswith("| Ana Example | Member P2 |") and "p2" not in row
