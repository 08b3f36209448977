"""The site page of one agreement, as Markdown: summary and obligations first, then the four phases.

The page opens with what a reader needs (:mod:`~mga_tools.render.site_summary`:
parties, status, dates, next deadline, downloads; then
:mod:`~mga_tools.render.site_obligations`: who owes what, to whom, by when,
under which term), then the four phases, the terms and the records. Long
sections fold under their heading. Validator findings are for editors only:
the "Open warnings" section appears with ``editor=True``.

Everything taken from the agreement goes through :mod:`mga_tools.markdown`,
so that it is shown as text and never read as Markdown or HTML.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from mga_tools import markdown as md
from mga_tools.diagnostics import Diagnostic
from mga_tools.model import Agreement
from mga_tools.render import wording
from mga_tools.render.site_analysis import analysis
from mga_tools.render.site_common import join
from mga_tools.render.site_context import amendments, period, record, related, signatories
from mga_tools.render.site_follow import follow_through
from mga_tools.render.site_obligations import obligations
from mga_tools.render.site_records import PageRecords, history, seal_and_signatures
from mga_tools.render.site_sections import preparation, value_creation, value_distribution
from mga_tools.render.site_summary import DOWNLOAD_DIR, summary
from mga_tools.render.site_terms import terms

__all__ = ["DOWNLOAD_DIR", "PAGE_DIR", "agreement_page", "download_names", "page_path", "tags"]

PAGE_DIR = "agreements"


def page_path(agreement: Agreement) -> str:
    """Where the page of ``agreement`` lives in the docs tree (POSIX, relative)."""
    return f"{PAGE_DIR}/{agreement.id}.md"


def download_names(agreement: Agreement, *, documents: bool) -> dict[str, str]:
    """Format -> file name under ``downloads/``; PDF and DOCX only when documents are built."""
    formats = ("pdf", "docx", "yaml") if documents else ("yaml",)
    return {fmt: f"{agreement.id}.{fmt}" for fmt in formats}


def tags(agreement: Agreement) -> list[str]:
    """Tags of the page (HTML-escaped: themes print tags raw): the status in words, then the agreement's own tags.

    Parties are not tags: an agreement of thousands of parties would carry thousands;
    the portfolio's party filter and the search find them.
    """
    own = agreement.data.get("tags")
    keywords = [str(t) for t in own if isinstance(t, str)] if isinstance(own, list) else []
    return [md.html(x) for x in dict.fromkeys([wording.status_words(agreement.status), *keywords])]


def _about(a: Agreement) -> str:
    """The agreement's term, place, languages, conditions and related agreements, under a heading of their own."""
    found = join([period(a), related(a)])
    return join(["## About this agreement { #about }", found]) if found else ""


def _warnings(warnings: Sequence[Diagnostic]) -> str:
    if not warnings:
        return join(["## Open warnings", "The validator reports no open warning."])
    lines = [f"- line {d.line}: `{d.rule}` {md.text(d.message)}" for d in warnings]
    intro = f"The validator reports {len(warnings)} open warning(s): what is still missing at this stage."
    return join(["## Open warnings", f'!!! warning "Still to do"\n\n    {intro}', "\n".join(lines)])


def agreement_page(
    a: Agreement,
    warnings: Sequence[Diagnostic] = (),
    *,
    documents: bool = True,
    records: PageRecords | None = None,
    scores: dict[str, Any] | None = None,
    plot: str | None = None,
    editor: bool = False,
    today: datetime.date | None = None,
) -> str:
    """The complete Markdown page of one agreement, front matter included.

    ``records`` adds what git and the signature files say: the seal and the
    signatures, and the history of the agreement. ``scores`` is the analysis
    of the agreement's scores (:func:`mga_tools.analyze.analysis.analysis_json`)
    and ``plot`` the file name of its frontier plot, beside the page.
    ``editor`` adds the validator's open ``warnings`` (never on a page for
    readers); ``today`` (default: the current date) decides the next deadline.
    The page needs the ``attr_list``, ``md_in_html``, ``tables``, ``admonition``
    and ``toc`` Markdown extensions.
    """
    day = today or datetime.date.today()
    # The menu's left column holds no agreement page (they are reached from the portfolio): hidden,
    # it leaves the width to the page, with its table of contents on the right.
    front = md.front_matter({"title": md.html(a.title), "tags": tags(a), "hide": ["navigation"]})
    body = join(
        [
            f"# {md.text(a.title)}",
            summary(a, records, day, download_names(a, documents=documents)),
            obligations(a),
            _about(a),
            record(a),
            _warnings(warnings) if editor else "",
            preparation(a),
            value_creation(a),
            value_distribution(a),
            analysis(a, scores, plot),
            terms(a),
            follow_through(a),
            signatories(a),
            amendments(a),
            seal_and_signatures(records, a) if records else "",
            history(records, a) if records else "",
        ]
    )
    return front + "\n" + body + "\n"
