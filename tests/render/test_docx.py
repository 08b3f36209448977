"""The DOCX is editable in Word: real heading and list styles, signature blocks in their own style, properties."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from layout_helpers import headings
from render_helpers import EXAMPLES, agreement

from mga_tools.model import Agreement, fingerprint
from mga_tools.render import ladder, render
from mga_tools.render.document import build
from mga_tools.render.document_signatures import (
    BLANK_LINE,
    DATE_LINE,
    SIGNATURE_END_STYLE,
    SIGNATURE_LINE,
    SIGNATURE_STYLE,
    signing,
)

# Slow: every test reads a real DOCX written by pandoc (and ladders drawn by Typst).
pytestmark = pytest.mark.slow

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def written(request, tmp_path_factory) -> tuple[Agreement, Path]:
    item = agreement(request.param)
    return item, render(item, "docx", tmp_path_factory.mktemp(item.id) / f"{item.id}.docx")


def test_headings_use_the_word_heading_styles(written):
    item, path = written
    document = docx.Document(str(path))
    found = [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading ")
    ]
    assert found == headings(build(item)["blocks"])
    assert {level for level, _ in found} >= {1, 2, 3}
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [item.title]


def _numbering_formats(path: Path) -> dict[str, str]:
    """numId -> the number format of its first level (``decimal``, ``bullet``, ...)."""
    xml = zipfile.ZipFile(path).read("word/numbering.xml").decode("utf-8")
    abstract = {
        m.group(1): re.search(r'<w:numFmt w:val="(\w+)"', m.group(2)).group(1)
        for m in re.finditer(r'<w:abstractNum w:abstractNumId="(\d+)"[^>]*>(.*?)</w:abstractNum>', xml, re.S)
    }
    return {
        m.group(1): abstract[m.group(2)]
        for m in re.finditer(r'<w:num w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"', xml)
    }


def test_the_parties_are_a_numbered_word_list(written):
    item, path = written
    document = docx.Document(str(path))
    formats = _numbering_formats(path)
    parties = [p for p in item.parties if p.get("status", "party") not in ("withdrawn", "expelled")]
    for party in parties:
        paragraph = next(p for p in document.paragraphs if p.text.startswith(str(party["name"]) + " ("))
        number = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
        assert number is not None, f"{party['name']} is not in a Word list"
        assert formats[number.get(f"{W}val")] == "decimal"


def test_signature_blocks_are_in_the_signature_block_style(written):
    item, path = written
    document = docx.Document(str(path))
    styled = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name in (SIGNATURE_STYLE, SIGNATURE_END_STYLE)
    ]
    expected = []
    for party, _, signatory in signing(item):
        values = signatory or {}
        expected += [
            (SIGNATURE_STYLE, f"For {item.name(party)}"),
            (SIGNATURE_STYLE, f"Name: {item.shown(values['name']) if values else BLANK_LINE}"),
            (SIGNATURE_STYLE, f"Title: {item.shown(values['title']) if values else BLANK_LINE}"),
            (SIGNATURE_STYLE, f"Signature: {SIGNATURE_LINE}"),
            (SIGNATURE_END_STYLE, f"Date: {item.date(values['date']) if values.get('date') else DATE_LINE}"),
        ]
    assert styled == expected
    block = document.styles[SIGNATURE_STYLE]
    end = document.styles[SIGNATURE_END_STYLE]
    assert (block.type, end.type) == (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.PARAGRAPH)
    formats = (block.paragraph_format, end.paragraph_format)
    assert [(f.keep_with_next, f.keep_together) for f in formats] == [(True, True), (False, True)]


def test_the_signatures_start_on_a_new_page(written):
    _, path = written
    paragraphs = docx.Document(str(path)).paragraphs
    heading = [i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text == "Signatures"]
    assert len(heading) == 1
    breaks = paragraphs[heading[0] - 1]._p.findall(f".//{W}br")
    assert [b.get(f"{W}type") for b in breaks] == ["page"]


def test_properties_hold_id_version_and_fingerprint(written):
    item, path = written
    xml = zipfile.ZipFile(path).read("docProps/custom.xml").decode("utf-8")
    found = dict(re.findall(r'name="([^"]+)"><vt:lpwstr>([^<]*)</vt:lpwstr>', xml))
    assert {k: found[k] for k in ("mga-id", "mga-version", "mga-fingerprint")} == {
        "mga-id": item.id,
        "mga-version": item.version,
        "mga-fingerprint": fingerprint(item.data),
    }
    core = docx.Document(str(path)).core_properties
    assert (core.title, core.subject) == (item.title, item.title)
    assert core.keywords == f"{item.id}, {item.version}, {fingerprint(item.data)}"


def test_each_ladder_is_a_picture(written):
    item, path = written
    names = zipfile.ZipFile(path).namelist()
    pictures = [n for n in names if n.startswith("word/media/")]
    assert len(pictures) == len(ladder.figures(item))
    assert all(n.endswith(".png") for n in pictures)


def test_the_docx_is_byte_reproducible(written, tmp_path):
    item, path = written
    again = render(item, "docx", tmp_path / "again.docx")
    assert again.read_bytes() == path.read_bytes()
