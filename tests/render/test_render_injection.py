"""Agreement text is text: markup, code and links in it show literally in every format."""

from __future__ import annotations

import copy
import re
import zipfile

import pytest
from render_helpers import EXAMPLES, agreement, docx_text, pdf_pages, squash

from mga_tools.model import Agreement
from mga_tools.render import render
from mga_tools.render.convert import pandoc_path, to_typst
from mga_tools.render.document import build, header_fields

HOSTILE = [
    "<script>alert(1)</script>",
    "`x`{=typst}",
    '#eval("1+1")',
    "\\input{/etc/passwd}",
    "<b>raw</b>",
    "[x](javascript:alert(1))",
    "*stars*",
    "$math$",
    "_under_",
    "@ref",
    "#set page(width: 1cm)",
    "```{=html}",
    "<!-- hidden -->",
]
TERM_TEXT = "Hostile text: " + " ".join(HOSTILE)
PARTY_NAME = "Evil <i>Party</i> #strong[bold] $x$ *y*"


@pytest.fixture(scope="module")
def hostile() -> Agreement:
    data = copy.deepcopy(agreement(EXAMPLES[0]).data)
    data["terms"][0]["text"] = TERM_TEXT
    party = data["signatories"][0]["party"]
    next(p for p in data["preparation"]["parties"] if p["id"] == party)["name"] = PARTY_NAME
    data["signatories"][0]["name"] = "*Signer* <u>x</u>"
    return Agreement(data)


def _expected() -> list[str]:
    return [*HOSTILE, PARTY_NAME, "*Signer* <u>x</u>"]


def test_markdown_reads_back_literally(hostile, tmp_path):
    import subprocess

    md = render(hostile, "md", tmp_path / "x.md")
    plain = subprocess.run(
        [pandoc_path(), "-f", "gfm", "-t", "plain", "--wrap=none", str(md)], capture_output=True, text=True, check=True
    ).stdout
    assert [text for text in _expected() if text not in plain] == []
    assert "javascript:" not in subprocess.run(
        [pandoc_path(), "-f", "gfm", "-t", "html", str(md)], capture_output=True, text=True, check=True
    ).stdout.replace("[x](javascript:alert(1))", "")


def test_pdf_shows_text_literally(hostile, tmp_path):
    pdf = render(hostile, "pdf", tmp_path / "x.pdf")
    whole = squash("\n".join(pdf_pages(pdf)))
    assert [text for text in _expected() if squash(text) not in whole] == []
    assert b"/URI" not in pdf.read_bytes()  # no link was made


def test_docx_shows_text_literally(hostile, tmp_path):
    docx = render(hostile, "docx", tmp_path / "x.docx")
    body, _ = docx_text(docx)
    assert [text for text in _expected() if text not in body] == []
    with zipfile.ZipFile(docx) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert "javascript" not in rels


def test_typst_source_escapes_every_special_character(hostile):
    source = to_typst(build(hostile), header_fields=header_fields(hostile))
    body = source.split("Hostile text:", 1)[1].split("\n\n", 1)[0]
    assert "\\#eval" in body
    assert re.findall(r"(?<!\\)[#$*_@<>`\[\]]", body) == []  # every markup character comes escaped


def test_header_fields_are_escaped_too(hostile):
    fields = {**header_fields(hostile), "version": "#panic() $x$ *y*"}
    source = to_typst(build(hostile), header_fields=fields)
    page_setup = source.split("footer:", 1)[0]
    assert "Version \\#panic()" in page_setup
    assert re.findall(r"(?<!\\)[#$*]", page_setup.split("Version", 1)[1]) == []
