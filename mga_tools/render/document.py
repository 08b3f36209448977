"""An agreement as a signable document: a pandoc AST, ready for :mod:`mga_tools.render.convert`.

The document opens with a title page: the title, the parties, the date and
place, the version and the status in words. Then come the parties and their
representatives, recitals of each party's interests, the term of the
agreement (when it takes effect and ends, its conditions and languages), the
numbered terms, the distribution (criteria and allocations), the
follow-through schedule (bodies, safeguards, decisions), the amendments, the
sources, and, on pages of their own, the signatures. Everything with legal
meaning is in it; a fact recorded as not known reads ``Not recorded (...): REASON``.
"""

from __future__ import annotations

import datetime as _dt
import os

from mga_tools.model import Agreement, dates, fingerprint
from mga_tools.model.facts import RECORDED
from mga_tools.render import document_context as context
from mga_tools.render import document_follow as follow
from mga_tools.render import document_sections as sections
from mga_tools.render import wording
from mga_tools.render.document_signatures import page_break, signatures
from mga_tools.render.labels import enum_label
from mga_tools.render.pandoc_ast import Blocks, Node, document, meta_text, para, strong

TYPE_CHECKING = False
if TYPE_CHECKING:
    pass

# 1980-01-01: the earliest time a zip archive (DOCX) can record.
FALLBACK_EPOCH = 315532800


def header_fields(agreement: Agreement) -> dict[str, str]:
    """What every page carries: the agreement's id, version and fingerprint."""
    return {"id": agreement.id, "version": agreement.version, "fingerprint": fingerprint(agreement.data)}


def source_epoch(agreement: Agreement) -> int:
    """The timestamp written into documents: ``SOURCE_DATE_EPOCH`` if set, else the agreement's latest date.

    The latest date is taken from the status history and the signatures (a
    date known only roughly counts by the last day it may mean; a gap not at
    all); the wall clock is never read, so a document depends on its input only.
    """
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    found = [s.get("date") for s in agreement.data.get("status_history", []) or [] if isinstance(s, dict)]
    found += [s.get("date") for s in agreement.signatories]
    latest = _latest(found)
    if latest is None:
        return FALLBACK_EPOCH
    day = latest[0]
    return max(FALLBACK_EPOCH, int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC).timestamp()))


# Statuses at which the text is still being negotiated: its title page warns against signing it.
NOT_FOR_SIGNATURE = ("draft", "negotiating")
# Ids of the title page's parts: the Typst template styles them by these labels.
TITLE_PAGE = "mga-title-page"
TITLE = "mga-title"


def status_line(agreement: Agreement) -> str:
    """The status in words for the title page: ``Signed``, ``Draft — not for signature``, how it was recorded."""
    shown = wording.status_words(agreement.status)
    if agreement.status in NOT_FOR_SIGNATURE:
        shown += " — not for signature"
    if agreement.origin == RECORDED:
        shown += ". Recorded after the fact from its sources"
    return shown


def _latest(found: list[object]) -> tuple[_dt.date, object] | None:
    """The latest of several dates, with the day it counts by (a rough date counts by the last day it may
    mean; a gap, by none); None if no date is known."""
    best: tuple[_dt.date, object] | None = None
    for value in found:
        known = dates.span(value) if isinstance(value, str) else None
        day = known.latest if known is not None else None
        if day is not None and (best is None or day > best[0]):
            best = (day, value)
    return best


def date_line(agreement: Agreement) -> str:
    """The date on the title page: of the last signature, else the effective date, else not yet signed."""
    signed = _latest([s.get("date") for s in agreement.signatories])
    if signed is not None:
        return f"{agreement.date(signed[1])} (last signature)"
    effective = agreement.data.get("effective")
    if effective is not None:
        return f"{agreement.date(effective)} (effective date)"
    return "Not yet signed"


def _centred(blocks: Blocks, style: str, ident: str = "") -> Node:
    return {"t": "Div", "c": [[ident, [], [["custom-style", style]]], blocks]}


def title_page(agreement: Agreement) -> Blocks:
    """The title page: title, the parties by name, date and place, version and status, then a page break."""
    fields = header_fields(agreement)
    parties = [p for p in agreement.parties if wording.active(p)]
    blocks: Blocks = [_centred([para(agreement.title)], "Title", TITLE)]
    if parties:
        blocks.append(_centred([para("between")], "Title Page"))
        blocks += [_centred([para([strong(str(p["name"]))])], "Title Page") for p in parties]
    facts = [para("Date:", date_line(agreement))]
    place = agreement.data.get("place")
    if place is not None:
        facts.append(para("Place:", agreement.shown(place)))
    facts += [para("Version", fields["version"]), para("Status:", status_line(agreement))]
    confidentiality = agreement.data.get("confidentiality")
    if confidentiality:
        facts.append(para("Confidentiality:", enum_label("confidentiality", confidentiality)))
    facts.append(para("Record", fields["id"], "· fingerprint (SHA-256)", fields["fingerprint"]))
    blocks += [_centred([fact], "Title Page") for fact in facts]
    return [{"t": "Div", "c": [[TITLE_PAGE, [], []], blocks]}, *page_break()]


def build(agreement: Agreement) -> Node:
    """The pandoc AST of the signable document for ``agreement``."""
    fields = header_fields(agreement)
    blocks = title_page(agreement)
    blocks += context.record_note(agreement)
    summary = agreement.data.get("summary")
    if summary:
        blocks.append(para(agreement.shown(summary)))
    blocks += sections.parties(agreement)
    blocks += sections.recitals(agreement)
    blocks += context.term_section(agreement)
    blocks += sections.terms(agreement)
    blocks += sections.distribution(agreement)
    blocks += follow.follow_through(agreement)
    blocks += context.amendments(agreement)
    blocks += context.sources(agreement)
    blocks += signatures(agreement)
    meta = {f"mga-{key}": meta_text(value) for key, value in fields.items()}
    meta["mga-title"] = meta_text(agreement.title)
    # Word's document properties: subject and keywords (pandoc writes a "title" into the body as well).
    meta["subject"] = meta_text(agreement.title)
    meta["keywords"] = {"t": "MetaList", "c": [meta_text(fields[key]) for key in ("id", "version", "fingerprint")]}
    return document(blocks, meta)
