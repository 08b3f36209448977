"""The parts of the document's layout that need no compiler: ladders, title page, signature blocks, raw code."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import ROOT
from render_helpers import agreement

from mga_tools.model import Agreement
from mga_tools.records.pdf_fields import field_name
from mga_tools.render import ladder, site_follow
from mga_tools.render.document import build, date_line, status_line
from mga_tools.render.document_signatures import language_clause, page_break, signature_line, signing

RIVER = ROOT / "agreements" / "river-basin-water-sharing.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def _river() -> Agreement:
    return agreement(RIVER)


def _mechanism(item: Agreement, ident: str) -> dict:
    return next(m for m in item.mechanisms if m["id"] == ident)


def test_steps_read_as_names_with_time_limits():
    item = _river()
    assert ladder.steps(item, _mechanism(item, "party-dispute-ladder")) == [
        "Negotiation: Principal representatives of the parties in dispute (within 30 days)",
        "Mediation: Mediator chosen jointly, or by the Western Watershed Mediation Center failing agreement"
        " (within 60 days)",
        "Arbitration: Panel of three arbitrators; the decision binds the parties in dispute",
    ]
    assert ladder.steps(item, _mechanism(item, "science-dispute-procedure"))[1] == (
        "Expert determination: Independent Science Panel"
    )


def test_the_site_shows_the_documents_drawing_inline():
    item = _river()
    mechanism = _mechanism(item, "party-dispute-ladder")
    page = site_follow.mechanism(item, mechanism)
    drawing = ladder.svg(item, mechanism, fluid=True).decode("utf-8").strip()
    assert f'<figure class="mga-ladder">\n{drawing}\n<figcaption>' in page
    fluid, fixed = ET.fromstring(drawing), ET.fromstring(ladder.svg(item, mechanism))
    assert fluid.get("style") == "max-width:100%;height:auto" and fixed.get("style") is None
    assert [(e.tag, e.text) for e in fluid.iter()] == [(e.tag, e.text) for e in fixed.iter()]


def _hostile() -> tuple[Agreement, dict]:
    data = copy.deepcopy(_river().data)
    mechanism = data["follow_through"]["dispute_mechanisms"][0]
    mechanism["name"] = 'Ladder </title><script>alert("x")</script>'
    mechanism["steps"] = [
        {"kind": "mediation", "who": '</text><script>alert(1)</script> & "quoted" \x01 bell'},
        {"kind": "court", "who": "x" * 200, "time_limit": {"gap": "not-in-sources", "reason": "None given."}},
    ]
    return Agreement(data), mechanism


def test_the_svg_carries_agreement_text_as_text_only():
    item, mechanism = _hostile()
    root = ET.fromstring(ladder.svg(item, mechanism))
    assert root.get("font-family") == ladder.FONT
    assert not [
        e
        for e in root.iter()
        if e.tag.removeprefix(SVG) not in ("svg", "title", "desc", "rect", "text", "line", "polygon")
    ]
    assert root.find(f"{SVG}title").text == 'Ladder </title><script>alert("x")</script> — escalation ladder'
    lines = [e.text for e in root.iter(f"{SVG}text")]
    assert lines[0] == '1. Mediation: </text><script>alert(1)</script> & "quoted" bell'
    # Wrapped at spaces, and inside a word too long for a line.
    expected = "2. Court: " + "x" * 200 + " (time limit not recorded)"
    assert "".join(lines[1:]).replace(" ", "") == expected.replace(" ", "")
    assert max(len(line) for line in lines) <= 72
    assert root.find(f"{SVG}desc").text == f"{lines[0]}. {expected}."


def test_the_site_figure_carries_agreement_text_as_text_only():
    item, mechanism = _hostile()
    page = site_follow.mechanism(item, mechanism)
    figure = ET.fromstring(page[page.index("<figure") : page.index("</figure>") + len("</figure>")])
    assert [e.tag for e in figure] == [f"{SVG}svg", "figcaption"]
    assert figure.find("figcaption").text == 'Ladder </title><script>alert("x")</script> — escalation ladder'
    assert figure.find(f"{SVG}svg/{SVG}title").text == figure.find("figcaption").text


def test_figures_are_named_by_mechanism_and_shown_by_bare_name():
    item = _river()
    names = sorted(ladder.figures(item))
    assert names == sorted(f"ladder-{m['id']}.svg" for m in item.mechanisms)
    figure = ladder.figure(item, item.mechanisms[0])
    image = figure["c"][2][0]["c"][0]
    assert image["c"][2] == [f"ladder-{item.mechanisms[0]['id']}.svg", ""]
    alt = " ".join(node["c"] for node in image["c"][1] if node["t"] == "Str")
    assert alt == ladder.description(item, item.mechanisms[0])


def test_each_ladder_figure_appears_once_in_the_document():
    item = _river()
    sources = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Image":
                sources.append(node["c"][2][0])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(build(item)["blocks"])
    assert sorted(sources) == sorted(ladder.figures(item))


def test_a_bold_lead_in_becomes_a_heading_and_sections_move_up_a_level():
    blocks = build(_river())["blocks"]
    headings = {" ".join(i["c"] for i in b["c"][2] if i["t"] == "Str"): b["c"][0] for b in blocks if b["t"] == "Header"}
    assert [headings[name] for name in ("Parties", "Dispute mechanisms")] == [1, 3]
    # A bold paragraph inside a list stays where it is: only the top-level lead-ins are headings.
    lists = [b for b in blocks if b["t"] == "BulletList"]
    assert any(item[0]["t"] == "Plain" and item[0]["c"][0]["t"] == "Strong" for b in lists for item in b["c"])


def test_title_page_date_and_status_in_words():
    river = _river()
    assert date_line(river) == "2024-12-10 (last signature)"
    assert status_line(river) == "Signed"
    data = copy.deepcopy(river.data)
    data["signatories"] = []
    assert date_line(Agreement(data)) == "2025-01-01 (effective date)"
    del data["effective"]
    data["status"] = "draft"
    assert date_line(Agreement(data)) == "Not yet signed"
    assert status_line(Agreement(data)) == "Draft — not for signature"
    montreal = agreement(ROOT / "agreements" / "montreal-protocol-ozone-layer.yaml")
    assert status_line(montreal) == "Signed and amended. Recorded after the fact from its sources"


def test_signature_blocks_and_their_fields_follow_the_signatories():
    data = copy.deepcopy(_river().data)
    first = data["signatories"][0]
    data["signatories"] = [first, {**first, "name": "Second Signer"}]
    item = Agreement(data)
    found = [(party, index, s["name"] if s else None) for party, index, s in signing(item)]
    party = first["party"]
    assert found[:2] == [(party, 1, first["name"]), (party, 2, "Second Signer")]
    unsigned = [p["id"] for p in item.parties if p.get("status", "party") == "party" and p["id"] != party]
    assert found[2:] == [(ident, 1, None) for ident in unsigned]
    raw = [b["c"][1] for b in _raw_blocks(build(item)) if b["c"][0] == "typst" and "mga-field" in b["c"][1]]
    assert raw[:3] == [
        f'*Signature:* #mga-field("sig-{party}")',
        f'*Signature:* #mga-field("sig-{party}-2")',
        f'*Signature:* #mga-field("sig-{unsigned[0]}")',
    ]


def test_language_clause_names_the_governing_version():
    data = copy.deepcopy(_river().data)
    assert language_clause(Agreement(data)) == "This agreement is made in English."
    data["languages"] = ["en", "fr"]
    assert (
        language_clause(Agreement(data))
        == "This agreement is made in English and French; each version is equally authentic."
    )
    data["governing_language"] = "fr"
    assert language_clause(Agreement(data)) == (
        "This agreement is made in English and French. If the language versions differ, the French version governs."
    )
    del data["languages"]
    del data["governing_language"]
    assert language_clause(Agreement(data)) == ""


def _raw_blocks(node: object) -> list[dict]:
    found: list[dict] = []
    if isinstance(node, dict):
        if node.get("t") == "RawBlock":
            found.append(node)
        for value in node.values():
            found += _raw_blocks(value)
    elif isinstance(node, list):
        for value in node:
            found += _raw_blocks(value)
    return found


def test_raw_code_carries_no_agreement_text():
    item = agreement(Path(__file__).parent / "complete-agreement.yaml")
    allowed = {block["c"][1] for block in page_break()} | {"#v(1.2em)"}
    for party, index, _ in signing(item):
        allowed |= {block["c"][1] for block in signature_line(field_name(party, index))}
    found = {block["c"][1] for block in _raw_blocks(build(item))}
    assert found == allowed
