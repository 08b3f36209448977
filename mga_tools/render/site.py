"""The site page of one agreement, as Markdown: the four phases, terms, follow-through, downloads.

Everything taken from the agreement goes through :mod:`mga_tools.markdown`,
so that it is shown as text and never read as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mga_tools import markdown as md
from mga_tools.diagnostics import Diagnostic
from mga_tools.model import Agreement, fingerprint
from mga_tools.render import wording
from mga_tools.render.site_analysis import analysis
from mga_tools.render.site_common import date, join, text
from mga_tools.render.site_context import amendments, period, record, related, signatories
from mga_tools.render.site_follow import follow_through
from mga_tools.render.site_records import PageRecords, history, last_changed, seal_and_signatures
from mga_tools.render.site_sections import preparation, value_creation, value_distribution
from mga_tools.render.site_terms import terms

__all__ = ["PAGE_DIR", "agreement_page", "download_names", "page_path", "tags"]

PAGE_DIR = "agreements"
DOWNLOAD_DIR = "downloads"


def page_path(agreement: Agreement) -> str:
    """Where the page of ``agreement`` lives in the docs tree (POSIX, relative)."""
    return f"{PAGE_DIR}/{agreement.id}.md"


def download_names(agreement: Agreement, *, documents: bool) -> dict[str, str]:
    """Format -> file name under ``downloads/``; PDF and DOCX only when documents are built."""
    formats = ("pdf", "docx", "yaml") if documents else ("yaml",)
    return {fmt: f"{agreement.id}.{fmt}" for fmt in formats}


def tags(agreement: Agreement) -> list[str]:
    """Tags of the page: the status, then every party's name (HTML-escaped: themes print tags raw)."""
    return [md.html(agreement.status), *(md.html(agreement.name(str(p["id"]))) for p in agreement.parties)]


def _overview(a: Agreement, records: PageRecords | None) -> str:
    rows = [
        [
            md.text(wording.status_words(a.status)),
            md.text(a.version),
            date(a, a.data.get("effective")),
            date(a, a.data.get("expires")),
            f"`{fingerprint(a.data)[:16]}`",
        ]
    ]
    table = md.table(["Status", "Version", "Effective", "Expires", "Fingerprint"], rows)
    blocks = [text(a, a.data.get("summary", "")), table, last_changed(records), period(a)]
    blocks.append(related(a))
    return join(blocks)


_LABELS = {"pdf": "Agreement to sign (PDF)", "docx": "Agreement to sign (DOCX)", "yaml": "Source (YAML)"}


def _downloads(a: Agreement, documents: bool) -> str:
    links = [
        # `download` makes browsers save the file rather than open it in a viewer.
        f'- [{_LABELS[fmt]}](../{DOWNLOAD_DIR}/{name}){{ download="{name}" }}'
        for fmt, name in download_names(a, documents=documents).items()
    ]
    return join(["## Downloads", "\n".join(links)])


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
) -> str:
    """The complete Markdown page of one agreement, front matter included.

    ``records`` adds what git and the signature files say: the seal and the
    signatures, and the history of the agreement. ``scores`` is the analysis
    of the agreement's scores (:func:`mga_tools.analyze.analysis.analysis_json`)
    and ``plot`` the file name of its frontier plot, beside the page.
    """
    front = md.front_matter({"title": md.html(a.title), "tags": tags(a)})
    body = join(
        [
            f"# {md.text(a.title)}",
            _overview(a, records),
            record(a),
            _downloads(a, documents),
            _warnings(warnings),
            preparation(a),
            value_creation(a),
            value_distribution(a),
            analysis(a, scores, plot),
            terms(a),
            follow_through(a),
            signatories(a),
            amendments(a),
            seal_and_signatures(records) if records else "",
            history(records) if records else "",
        ]
    )
    return front + "\n" + body + "\n"
