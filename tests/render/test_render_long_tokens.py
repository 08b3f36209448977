"""Words too long for a line (digests, URLs, 20,000 letters without a space) print whole, inside the page.

Each long word goes into the title, a party's name, a term's text and a metric's
data source, different in each field so that one field's copy cannot stand in for
another's. The PDF is read back with pypdf: the text of every page, concatenated
across lines, holds every character of each field, and every glyph, from its
origin to the end of its advance, lies inside the text area of its page (the A4
page less the template's 2.2 cm side margins), so nothing runs off the right edge.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from render_helpers import EXAMPLES, agreement, docx_text, squash

from mga_tools.model import Agreement
from mga_tools.render import render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

pytestmark = pytest.mark.slow  # some 60 PDF pages of long words: a minute or two

WORD_LENGTH = 20_000
URL_LENGTH = 300
SIDE_MARGIN = 2.2 / 2.54 * 72  # points; the margins of templates/agreement.typ
TOP_MARGIN = BOTTOM_MARGIN = 2.6 / 2.54 * 72
TOLERANCE = 1.0  # points: pypdf's widths leave out kerning, a fraction of a point per line
# What a renderer might insert to allow a break; none of it may reach the extracted text.
BREAK_CHARACTERS = "\u200b\u00ad\u2060\ufeff"


def _long_words(field: str) -> str:
    """A 128-hex digest, a 300-character URL and a 20,000-character word, all particular to ``field``."""
    digest = hashlib.sha512(field.encode()).hexdigest()
    parts = [hashlib.sha256(f"{field}{n}".encode()).hexdigest() for n in range(5)]
    url = f"https://example.org/{field}/" + "/".join(parts)
    url = (url + "?q=" + "x" * URL_LENGTH)[:URL_LENGTH]
    word = (field.replace("-", "") * WORD_LENGTH)[:WORD_LENGTH]
    assert (len(digest), len(url), len(word)) == (128, URL_LENGTH, WORD_LENGTH)
    return f"{field} {digest} {url} {word}"


def long_agreement() -> tuple[Agreement, dict[str, str]]:
    """An example agreement whose title, a party's name, a term and a metric's data source carry long words."""
    data = copy.deepcopy(agreement(EXAMPLES[0]).data)
    fields = {name: _long_words(name) for name in ("title", "party", "term", "source")}
    data["title"] = fields["title"]
    # The party named least often, so that its 20,000 letters are printed a dozen times, not thirty.
    text = repr(data)
    party = min(data["preparation"]["parties"], key=lambda p: text.count(repr(p["id"])))
    party["name"] = fields["party"]
    data["terms"][0]["text"] = fields["term"]
    guarded = {
        str(ident) for scenario in data["follow_through"]["failure_scenarios"] for ident in scenario.get("metrics", [])
    }
    metric = next(m for m in data["follow_through"]["metrics"] if m["id"] in guarded)  # one the document shows
    metric["data_source"] = fields["source"]
    return Agreement(data), fields


@pytest.fixture(scope="module")
def long_words() -> tuple[Agreement, dict[str, str]]:
    """The agreement with long words, and each field's text as written."""
    return long_agreement()


@dataclass(frozen=True)
class Run:
    """A run of text as pypdf reports it: its characters, where it starts and how far it advances."""

    text: str
    x: float
    y: float
    advances: list[float]


def _widths(font: Any) -> dict[str, float]:
    """Text (one character, or several for a ligature) -> advance in thousandths of the font size."""
    return {text: font.character_widths.get(code, font.character_widths["default"])
            for code, text in font.character_map.items() if isinstance(text, str)}  # fmt: skip


def _advances(text: str, widths: dict[str, float], default: float) -> list[float]:
    """The advance of each glyph of ``text`` (longest match first, so ligatures count once)."""
    out: list[float] = []
    i = 0
    while i < len(text):
        size = next((n for n in (3, 2, 1) if text[i : i + n] in widths), 0)
        out.append(widths[text[i : i + size]] if size else default)
        i += size or 1
    return out


def _runs(path: Path) -> list[tuple[Any, list[Run]]]:
    """Each page's box and its runs of text, with positions from pypdf's text visitor."""
    from pypdf import PdfReader
    from pypdf.generic._font import Font

    fonts: dict[int, tuple[dict[str, float], float]] = {}
    pages = []
    for page in PdfReader(path).pages:
        runs: list[Run] = []

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float, runs: list[Run] = runs) -> None:
            # pypdf starts a run with a space of its own where it sees a gap, and a line may end in a
            # space: neither draws anything, so neither can be cut off.
            text = text.replace("\n", "").strip()
            if not text or font is None:
                return
            if id(font) not in fonts:
                parsed = Font.from_font_resource(font)
                fonts[id(font)] = (_widths(parsed), parsed.character_widths["default"])
            widths, default = fonts[id(font)]
            scale = size * abs(tm[0] * cm[0] + tm[1] * cm[2]) / 1000
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append(Run(text, x, y, [w * scale for w in _advances(text, widths, default)]))

        page.extract_text(visitor_text=visit)
        pages.append((page.mediabox, runs))
    return pages


@pytest.fixture(scope="module")
def pdf(long_words, tmp_path_factory) -> list[tuple[Any, list[Run]]]:
    item, _ = long_words
    return _runs(render(item, "pdf", tmp_path_factory.mktemp("long") / "long.pdf"))


def _in_body(box: Any, run: Run) -> bool:
    return float(box.bottom) + BOTTOM_MARGIN <= run.y <= float(box.top) - TOP_MARGIN


def test_pdf_prints_every_character_of_long_words(long_words, pdf):
    _, fields = long_words
    # The body only: a word that crosses a page has the footer and the next header in between.
    text = "".join(run.text for box, runs in pdf for run in runs if _in_body(box, run))
    assert not set(BREAK_CHARACTERS) & set(text)  # the breaks the template allows leave no character
    whole = squash(text)
    assert [name for name, value in fields.items() if squash(value) not in whole] == []


def test_pdf_keeps_every_glyph_inside_the_text_area(pdf):
    outside = []
    for number, (box, runs) in enumerate(pdf, 1):
        left, right = float(box.left) + SIDE_MARGIN - TOLERANCE, float(box.right) - SIDE_MARGIN + TOLERANCE
        bottom, top = float(box.bottom), float(box.top)
        for run in runs:
            x = run.x
            for advance in run.advances:
                if not (left <= x and x + advance <= right and bottom <= run.y <= top):
                    outside.append((number, run.text[:20], round(x, 1), round(run.y, 1)))
                x += advance
    assert len(pdf) > 1
    assert outside[:10] == []


def test_docx_holds_every_character_of_long_words(long_words, tmp_path):
    # Word breaks a word wider than the line by itself; the DOCX only has to carry the text whole.
    item, fields = long_words
    body, _ = docx_text(render(item, "docx", tmp_path / "long.docx"))
    assert [name for name, value in fields.items() if value not in body] == []
