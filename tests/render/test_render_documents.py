"""Every example agreement renders to PDF and DOCX with all its signatories, terms and the fingerprint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from render_helpers import EXAMPLES, agreement, docx_text, pdf_pages, squash

from mga_tools.model import Agreement, fingerprint
from mga_tools.render import render

# Slow: every test compiles real PDF and DOCX documents with pandoc and Typst.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def rendered(request, tmp_path_factory) -> tuple[Agreement, dict[str, list[Path]]]:
    """Each example rendered twice to PDF and to DOCX."""
    item = agreement(request.param)
    out = tmp_path_factory.mktemp(item.id)
    files = {fmt: [render(item, fmt, out / f"{n}.{fmt}") for n in (1, 2)] for fmt in ("pdf", "docx")}
    return item, files


def _expected(item: Agreement) -> list[str]:
    """What a signable document must show: signatories, parties, term numbers and titles, the fingerprint."""
    data = item.data
    wanted = [fingerprint(data), item.id, item.title]
    for signatory in data.get("signatories", []):  # a name or title not recorded reads "Not recorded (...)"
        wanted += [item.shown(signatory["name"]), item.shown(signatory["title"]), item.name(signatory["party"])]
    for number, term in enumerate(data.get("terms", []), 1):
        wanted += [f"Term {number}.", str(term.get("title") or "")]
    return wanted


def test_docx_contains_everything(rendered):
    item, files = rendered
    body, margins = docx_text(files["docx"][0])
    missing = [text for text in _expected(item) if squash(text) not in squash(body)]
    assert missing == []
    assert item.id in margins
    assert f"Version {item.version}" in margins
    assert fingerprint(item.data) in margins
    assert re.search(r"Page 1 of 1", margins)  # the PAGE and NUMPAGES fields, as cached until Word updates them


def test_pdf_contains_everything(rendered):
    item, files = rendered
    pages = pdf_pages(files["pdf"][0])
    whole = squash("\n".join(pages))
    assert [text for text in _expected(item) if squash(text) not in whole] == []


def test_every_pdf_page_carries_id_version_fingerprint_and_page_x_of_y(rendered):
    item, files = rendered
    pages = pdf_pages(files["pdf"][0])
    assert len(pages) > 1
    for number, text in enumerate(pages, 1):
        assert item.id in text
        assert f"Version {item.version}" in text
        assert fingerprint(item.data) in text
        assert f"Page {number} of {len(pages)}" in text


def test_two_renders_are_byte_identical(rendered):
    _, files = rendered
    for first, second in files.values():
        assert first.read_bytes() == second.read_bytes()


def test_parties_without_signatory_get_an_empty_block(tmp_path):
    item = agreement(EXAMPLES[0])
    data = dict(item.data)
    dropped = data["signatories"][0]
    data["signatories"] = data["signatories"][1:]
    out = render(Agreement(data), "md", tmp_path / "x.md").read_text(encoding="utf-8")
    assert f"**For {item.name(dropped['party'])}**" in out
    assert dropped["name"] not in out.split("\n# Signatures\n", 1)[1]


def test_pdf_is_pdf_a_and_dated_from_the_agreement(rendered, monkeypatch, tmp_path):
    item, files = rendered
    pdf = files["pdf"][0].read_bytes()
    assert b"pdfaid:part" in pdf
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    # The timestamp is the only input besides the data.
    assert render(item, "pdf", tmp_path / "env.pdf").read_bytes() != pdf
    assert b"2023-11-14" in (tmp_path / "env.pdf").read_bytes()
