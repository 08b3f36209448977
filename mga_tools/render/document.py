"""An agreement as a signable document: a pandoc AST, ready for :mod:`mga_tools.render.convert`.

The document has a title block (with the id, version and fingerprint, and
for an agreement recorded after the fact, a note saying so), the parties and
their representatives, recitals of each party's interests, the numbered
terms, its duration and conditions, the distribution (criteria and
allocations), the follow-through schedule (bodies, safeguards, decisions),
the amendments, the sources, and one signature block per signatory.
Everything with legal meaning is in it; a fact recorded as not known reads
``Not recorded (...): REASON``.
"""

from __future__ import annotations

import datetime as _dt
import os

from mga_tools.model import Agreement, dates, fingerprint
from mga_tools.render import document_context as context
from mga_tools.render import document_follow as follow
from mga_tools.render import document_sections as sections
from mga_tools.render.pandoc_ast import Blocks, Node, bullets, document, header, labelled, meta_text, para

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
    epochs = [FALLBACK_EPOCH]
    for text in found:
        known = dates.span(text) if isinstance(text, str) else None
        day = known.latest if known is not None else None
        if day is not None:
            epochs.append(int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC).timestamp()))
    return max(epochs)


def _classification(agreement: Agreement) -> list[Blocks]:
    """The confidentiality of the text and the languages it is made in, where the agreement states them."""
    found: list[Blocks] = []
    if agreement.data.get("confidentiality"):
        found.append([labelled("Confidentiality", str(agreement.data["confidentiality"]))])
    languages = agreement.data.get("languages")
    if isinstance(languages, list) and languages:
        found.append([labelled("Authentic languages", ", ".join(str(x) for x in languages))])
    return found


def build(agreement: Agreement) -> Node:
    """The pandoc AST of the signable document for ``agreement``."""
    fields = header_fields(agreement)
    blocks = [
        header(1, agreement.title),
        bullets(
            [
                [labelled("Agreement", fields["id"])],
                [labelled("Version", fields["version"])],
                [labelled("Status", agreement.status)],
                [labelled("Fingerprint (SHA-256)", fields["fingerprint"])],
                *_classification(agreement),
            ]
        ),
    ]
    blocks += context.record_note(agreement)
    summary = agreement.data.get("summary")
    if summary:
        blocks.append(para(agreement.shown(summary)))
    blocks += sections.parties(agreement)
    blocks += sections.recitals(agreement)
    blocks += sections.terms(agreement)
    blocks += context.duration(agreement)
    blocks += sections.distribution(agreement)
    blocks += follow.follow_through(agreement)
    blocks += context.amendments(agreement)
    blocks += context.sources(agreement)
    blocks += sections.signatures(agreement)
    meta = {f"mga-{key}": meta_text(value) for key, value in fields.items()}
    meta["mga-title"] = meta_text(agreement.title)
    return document(blocks, meta)
