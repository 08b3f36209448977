"""Read a PDF back as positioned lines (poppler's ``pdftotext -bbox-layout``) and its signature fields (pypdf);
list the headings of a document's AST."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from render_helpers import squash

XHTML = "{http://www.w3.org/1999/xhtml}"
# The template's top and bottom margin (2.6cm): the header and footer sit in it, the body between.
MARGIN_PT = 2.6 / 2.54 * 72


@dataclass(frozen=True)
class Line:
    """One line of text as laid out: its page (1-based), its box in points from the page's top-left."""

    page: int
    text: str
    x: float
    top: float
    bottom: float

    @property
    def key(self) -> str:
        return squash(self.text)


@dataclass(frozen=True)
class Page:
    number: int
    height: float
    body: list[Line]
    header: list[Line]
    footer: list[Line]


def pages(pdf: Path) -> list[Page]:
    """Every page's lines in reading order, split into header, body and footer by the page margins."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    root = ET.fromstring(out)
    found: list[Page] = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), 1):
        height = float(page.get("height", "0"))
        header: list[Line] = []
        body: list[Line] = []
        footer: list[Line] = []
        for line in page.iter(f"{XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{XHTML}word")]
            top, bottom = float(line.get("yMin", "0")), float(line.get("yMax", "0"))
            item = Line(number, " ".join(words), float(line.get("xMin", "0")), top, bottom)
            if bottom < MARGIN_PT:
                header.append(item)
            elif top > height - MARGIN_PT:
                footer.append(item)
            else:
                body.append(item)
        found.append(Page(number, height, body, header, footer))
    return found


def body_lines(found: list[Page]) -> list[Line]:
    return [line for page in found for line in page.body]


def find_text(lines: list[Line], text: str, start: int = 0) -> tuple[int, int]:
    """(first, last) index of the lines from ``start`` on whose text, joined, is ``text`` (white space aside)."""
    wanted = squash(text)
    for first in range(start, len(lines)):
        joined = ""
        for last in range(first, len(lines)):
            joined += lines[last].key
            if joined == wanted:
                return first, last
            if not wanted.startswith(joined):
                break
    raise AssertionError(f"{text!r} not found as whole lines after line {start}")


def signature_fields(pdf: Path) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Signature field name -> (page, (left, top, right, bottom) in points from the page's top-left)."""
    from pypdf import PdfReader

    found: dict[str, tuple[int, tuple[float, float, float, float]]] = {}
    for number, page in enumerate(PdfReader(pdf).pages, 1):
        height = float(page.mediabox.height)
        for annot in page.get("/Annots") or []:
            widget = annot.get_object()
            field = widget.get("/Parent", widget).get_object() if "/T" not in widget else widget
            if field.get("/FT") != "/Sig":
                continue
            x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
            found[str(field["/T"])] = (number, (min(x1, x2), height - max(y1, y2), max(x1, x2), height - min(y1, y2)))
    return found


def _text(nodes: list[dict]) -> str:
    out = []
    for node in nodes:
        if node["t"] == "Str":
            out.append(node["c"])
        elif node["t"] in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif node["t"] in ("Strong", "Emph"):
            out.append(_text(node["c"]))
    return "".join(out)


def headings(blocks: list[dict]) -> list[tuple[int, str]]:
    """(level, text) of every heading of the document, in order, wherever it is nested."""
    found: list[tuple[int, str]] = []
    for block in blocks:
        if block["t"] == "Header":
            found.append((block["c"][0], _text(block["c"][2])))
        elif block["t"] == "Div":
            found += headings(block["c"][1])
    return found
