"""The generated Markdown: escaping, and one page compared with a golden file."""

from __future__ import annotations

import datetime

from conftest import ROOT

from mga_tools import markdown as md
from mga_tools.load import load
from mga_tools.model import Agreement
from mga_tools.render.site import agreement_page

GOLDEN = ROOT / "tests" / "render" / "golden" / "river-basin-water-sharing.md"
TODAY = datetime.date(2026, 12, 8)  # the page names the next deadline after the day it is built


def test_text_escapes_markup():
    assert md.text("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert md.text("a|b *c* `d` {: .x} :e: [l](javascript:x)") == (
        "a&#124;b \\*c\\* \\`d\\` \\{&#58; \\.x\\} &#58;e&#58; \\[l\\]\\(javascript&#58;x\\)"
    )
    assert md.text("line\n\n# heading\n    code") == "line \\# heading code"
    assert md.text("\\input{x} #eval(y)") == "\\\\input\\{x\\} \\#eval\\(y\\)"


def test_links_and_ids_are_inline_html_with_escaped_text():
    # Inline HTML, not Markdown link syntax, which Python-Markdown parses in quadratic time on a long line.
    assert md.link("a <b> [c](d)", "term", "t-1") == '<a href="#term-t-1">a &lt;b&gt; \\[c\\]\\(d\\)</a>'
    assert md.ident('x"<y>') == '<code class="mga-id">x&quot;&lt;y&gt;</code>'
    # The table of contents reads the name alone; braces cannot end the attribute list early.
    assert md.heading(3, "A {b}", "term", "t-1") == (
        '### A \\{b\\} <code class="mga-id">t-1</code> { #term-t-1 data-toc-label="A &#123;b&#125;" }'
    )


def test_front_matter_stays_data():
    assert md.front_matter({"title": 'x"\n---\ny: 1'}) == '---\ntitle: "x\\"\\n---\\ny: 1"\n---\n'


def test_page_matches_the_golden_file():
    """To accept a deliberate change: regenerate the file with the same call and review the diff."""
    data = load(ROOT / "agreements" / "river-basin-water-sharing.yaml").data
    assert agreement_page(Agreement(data), documents=True, today=TODAY) == GOLDEN.read_text(encoding="utf-8")


def test_a_gap_reads_not_recorded_wherever_a_value_is_written():
    from mga_tools.render.pandoc_ast import inlines

    gap = {"gap": "withheld", "reason": "Kept <b>private</b> | by the board.", "consulted": ["minutes"]}
    shown = "Not recorded \\(withheld\\)&#58; Kept &lt;b&gt;private&lt;/b&gt; &#124; by the board\\. "
    assert md.text(gap) == shown + "Consulted&#58; minutes"
    assert md.cell(gap) == md.text(gap)
    assert " ".join(node["c"] for node in inlines(gap) if node["t"] == "Str").startswith(
        "Not recorded (withheld): Kept"
    )
    # With the agreement at hand, a consulted source is named by its title.
    agreement = Agreement({"record": {"sources": [{"id": "minutes", "title": "The minutes"}]}})
    assert agreement.shown(gap).endswith("Consulted: The minutes")
    assert agreement.date("1987~") == "about 1987" and agreement.date("1987-09-16") == "1987-09-16"
