"""Shared helpers of the render tests: load the examples, read PDF and DOCX back as text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from conftest import ROOT

from mga_tools.load import load
from mga_tools.load.companion import is_companion_file
from mga_tools.model import Agreement

EXAMPLES = sorted(p for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name))


def agreement(path: Path) -> Agreement:
    doc = load(path)
    assert not doc.diagnostics
    return Agreement(doc.data)


def squash(text: str) -> str:
    """Text without white space, NFKC-normalised: robust to line breaks and ligatures in PDF extraction."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def docx_text(path: Path) -> tuple[str, str]:
    """(body text including tables, header and footer text) of a DOCX file."""
    import docx

    document = docx.Document(str(path))
    body = [p.text for p in document.paragraphs]
    for table in document.tables:
        body += [cell.text for row in table.rows for cell in row.cells]
    section = document.sections[0]
    margins = [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(body), "\n".join(margins)
