"""The PDF is laid out like an agreement: read back from every example's PDF, with pages drawn for a person to see.

Positions come from poppler (``pdftotext -bbox-layout``) and the signature
fields from pypdf; each example's pages are drawn as PNG files into
``tests/artefacts/pages/<id>/`` (ignored by git) to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from layout_helpers import Line, Page, body_lines, find_text, headings, pages, signature_fields
from render_helpers import EXAMPLES, agreement, squash

from mga_tools.model import Agreement, fingerprint
from mga_tools.model.agreement import label
from mga_tools.records.pdf_fields import FIELD_HEIGHT_CM, FIELD_WIDTH_CM, field_name
from mga_tools.render import ladder, render, wording
from mga_tools.render.document import build, date_line, status_line
from mga_tools.render.document_signatures import BLANK_LINE, DATE_LINE, signing

# Slow: every test reads a real PDF compiled with pandoc and Typst.
pytestmark = pytest.mark.slow

ARTEFACTS = ROOT / "tests" / "artefacts" / "pages"
CM = 72 / 2.54


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def laid_out(request, tmp_path_factory) -> tuple[Agreement, Path, list[Page]]:
    item = agreement(request.param)
    pdf = render(item, "pdf", tmp_path_factory.mktemp(item.id) / f"{item.id}.pdf")
    return item, pdf, pages(pdf)


def test_title_page_names_the_agreement_the_parties_the_date_and_the_status(laid_out):
    item, _, found = laid_out
    first = "".join(line.key for line in found[0].body)
    expected = [
        item.title,
        *(p["name"] for p in item.parties if wording.active(p)),
        f"Date: {date_line(item)}",
        f"Version {item.version}",
        f"Status: {status_line(item)}",
        f"Record {item.id} · fingerprint (SHA-256) {fingerprint(item.data)}",
    ]
    at = 0
    for text in expected:  # in this order, all on the first page
        at = first.index(squash(text), at) + len(squash(text))
    assert first.endswith(squash(expected[-1]))  # nothing else follows on the title page
    assert squash(wording.status_words(item.status)) in squash(status_line(item))
    assert not any(line.key == "Parties" for line in found[0].body)


def test_every_page_footer_has_the_version_and_the_fingerprint(laid_out):
    item, _, found = laid_out
    for page in found:
        footer = "".join(line.key for line in page.footer)
        assert footer == squash(
            f"Version {item.version} Fingerprint {fingerprint(item.data)} Page {page.number} of {len(found)}"
        )


def test_every_heading_is_followed_by_text_on_its_page(laid_out):
    item, _, found = laid_out
    lines = body_lines(found)
    at = 0
    found_headings = headings(build(item)["blocks"])
    assert found_headings, "the document has headings"
    for _, text in found_headings:
        first, last = find_text(lines, text, at)
        assert last + 1 < len(lines), f"{text!r} ends the document"
        following = lines[last + 1]
        assert (lines[first].page, lines[last].page) == (following.page, following.page), (
            f"{text!r} on page {lines[last].page} is followed by {following.text!r} on page {following.page}"
        )
        at = last + 1


def test_signatures_start_on_a_new_page(laid_out):
    _, _, found = laid_out
    starts = [page.body[0].text for page in found if page.body]
    assert starts.count("Signatures") == 1


def _next(lines: list[Line], text: str, after: int) -> int:
    """The index of the last line of ``text``, which must start on the line right after ``after``."""
    first, last = find_text(lines, text, after + 1)
    assert first == after + 1, f"{text!r} does not follow {lines[after].text!r} (found at {lines[first].text!r})"
    return last


def test_each_signature_block_is_whole_on_one_page_with_its_field(laid_out):
    item, pdf, found = laid_out
    lines = body_lines(found)
    fields = signature_fields(pdf)
    blocks = signing(item)
    assert sorted(fields) == sorted(field_name(party, index) for party, index, _ in blocks)
    at = find_text(lines, "Signatures")[1]
    for party, index, signatory in blocks:
        values = signatory or {}
        start = find_text(lines, f"For {item.name(party)}", at)[0]
        name = _next(lines, f"Name: {item.shown(values['name']) if values else BLANK_LINE}", start)
        title = _next(lines, f"Title: {item.shown(values['title']) if values else BLANK_LINE}", name)
        sign = _next(lines, "Signature:", title)
        date = item.date(values["date"]) if values.get("date") else DATE_LINE
        at = _next(lines, f"Date: {date}", sign)
        block = lines[start : at + 1]
        assert {line.page for line in block} == {lines[start].page}, f"the block for {party} spans pages"
        page, (left, top, right, bottom) = fields[field_name(party, index)]
        assert page == lines[start].page
        # The field's corners are whole points in the PDF: within a point of the drawn box.
        assert right - left == pytest.approx(FIELD_WIDTH_CM * CM, abs=1.0)
        assert bottom - top == pytest.approx(FIELD_HEIGHT_CM * CM, abs=1.0)
        # The field is the signature line: after the label, below the title, its rule on the label's line.
        assert left > lines[sign].x
        assert lines[title].bottom <= top < bottom <= lines[at].top
        assert lines[sign].top < bottom < lines[sign].bottom + 3


def test_each_escalation_ladder_is_drawn_once_from_the_site_labels(laid_out):
    item, _, found = laid_out
    text = "".join(line.key for line in body_lines(found))
    drawn = [m for m in item.mechanisms if ladder.steps(item, m)]
    for mechanism in drawn:
        assert text.count(squash(f"{label(mechanism)} — escalation ladder")) == 1
        for number, step in enumerate(ladder.steps(item, mechanism), 1):
            assert squash(f"{number}. {step}") in text
    assert len(ladder.figures(item)) == len(drawn)


def test_pages_are_drawn_for_a_person_to_look_at(laid_out):
    item, pdf, found = laid_out
    folder = ARTEFACTS / item.id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(folder / "page")], check=True)
    drawn = sorted(folder.glob("page-*.png"))
    assert len(drawn) == len(found)
    for png in drawn:
        head = png.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        # A4 at 60 dots per inch.
        assert (int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")) == (497, 702)
