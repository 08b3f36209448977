"""The signed river-basin example, read back from its PDF with poppler's pdftotext, states its term."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from render_helpers import agreement, squash

from mga_tools.render import render

pytestmark = pytest.mark.slow

RIVER = ROOT / "agreements" / "river-basin-water-sharing.yaml"


@pytest.fixture(scope="module")
def river_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = render(agreement(RIVER), "pdf", tmp_path_factory.mktemp("river") / "river.pdf", source=RIVER.read_bytes())
    return subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout


def _section(text: str, heading: str, following: str) -> str:
    """The text from ``heading`` to ``following`` (both must be there, in that order)."""
    start = text.index(heading)
    return text[start : text.index(following, start)]


def test_the_term_of_the_agreement_is_in_the_signed_pdf(river_text: str) -> None:
    term = squash(_section(river_text, "Term of the agreement", "Terms"))
    for expected in ("2025-01-01", "2074-12-31", "English"):
        assert squash(expected) in term, expected
    termination = agreement(RIVER).data["termination"]
    assert squash(termination) in squash(river_text)
    # No amendment is recorded: the term section says so rather than leaving it out.
    assert squash("Amendments in force: none") in term


def test_the_signed_pdf_names_the_convenor_and_the_facilitator(river_text: str) -> None:
    data = agreement(RIVER).data
    for person in (data["convenor"], data["facilitator"]):
        assert squash(person["name"]) in squash(river_text)


def test_a_withdrawn_party_is_never_listed_as_obligated(river_text: str) -> None:
    river = agreement(RIVER)
    gone = [str(p["name"]) for p in river.parties if p.get("status") in ("withdrawn", "expelled")]
    assert gone
    obligated = [line for line in river_text.splitlines() if "Obligated" in line]
    assert obligated
    assert [line for line in obligated if any(name in line for name in gone)] == []


def test_the_pdf_is_pdf_a_3_with_the_agreement_attached(tmp_path: Path) -> None:
    out = render(agreement(RIVER), "pdf", tmp_path / "river.pdf", source=RIVER.read_bytes())
    meta = subprocess.run(["pdfinfo", "-meta", str(out)], capture_output=True, text=True, check=True).stdout
    assert "<pdfaid:part>3</pdfaid:part>" in meta
    attached = subprocess.run(["pdfdetach", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert "river-basin-water-sharing.yaml" in attached
