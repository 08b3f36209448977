"""Sections of the signable document about the agreement as a whole: how it was recorded, its duration and
conditions, the agreements it relates to, its amendments, and its sources."""

from __future__ import annotations

from mga_tools.model import Agreement
from mga_tools.model.agreement import Item, label
from mga_tools.model.facts import RECORDED
from mga_tools.render import wording
from mga_tools.render.document_sections import condition, external, names
from mga_tools.render.pandoc_ast import Blocks, bullets, emph, header, labelled, para, plain, strong


def record_note(agreement: Agreement) -> Blocks:
    """Under the title: that the agreement was recorded after the fact from its sources (if it was)."""
    if agreement.origin != RECORDED:
        return []
    return [para([emph(wording.RECORDED_NOTE)])]


def duration(agreement: Agreement) -> Blocks:
    """When the agreement takes effect and ends, its term, termination, conditions and related agreements."""
    data = agreement.data
    facts: list[Blocks] = []
    for key, what in (("effective", "Effective"), ("expires", "Expires")):
        if data.get(key) is not None:
            facts.append([labelled(what, agreement.date(data[key]))])
    facts += [[labelled(what, shown)] for what, shown in wording.period(agreement)]
    if data.get("termination"):
        facts.append([labelled("Termination", agreement.shown(data["termination"]))])
    numbers = {str(t["id"]): n for n, t in enumerate(agreement.terms, 1)}
    conditions = [condition(agreement, c, numbers) for c in data.get("conditions") or [] if isinstance(c, dict)]
    if conditions:
        facts.append([labelled("Conditions of the agreement"), bullets(conditions)])
    related = [_related(agreement, r) for r in data.get("related") or [] if isinstance(r, dict)]
    if related:
        facts.append([labelled("Related agreements"), bullets(related)])
    return [header(2, "Duration and conditions"), bullets(facts)] if facts else []


def _related(agreement: Agreement, item: Item) -> Blocks:
    relation = wording.RELATIONS.get(str(item.get("relation")), str(item.get("relation", "")))
    if isinstance(item.get("external"), dict):
        out = external(agreement, item["external"], relation)
    else:
        out = [labelled(relation, str(item.get("agreement", "")))]
    if item.get("note"):
        out.append(labelled("Note", agreement.shown(item["note"])))
    return out


def _amendment(agreement: Agreement, amendment: Item) -> Blocks:
    when = amendment.get("date") if amendment.get("date") is not None else amendment.get("adopted")
    out: Blocks = [plain([strong(agreement.date(when) if when is not None else str(amendment.get("id", "")))])]
    out.append(plain(agreement.shown(amendment.get("summary", ""))))
    out.append(plain([emph(f"Reference: {amendment.get('id', '')}")]))
    for key, what in (("adopted", "Adopted"), ("entry_into_force", "Entry into force")):
        if amendment.get(key) is not None:
            out.append(labelled(what, agreement.date(amendment[key])))
    if amendment.get("approved_by"):
        out.append(labelled("Approved by", names(agreement, amendment["approved_by"])))
    if amendment.get("terms"):
        out.append(labelled("Terms changed", ", ".join(agreement.name(t) for t in amendment["terms"])))
    if amendment.get("changes"):
        out.append(labelled("Other changes", ", ".join(agreement.name(c) for c in amendment["changes"])))
    if amendment.get("binds"):
        out.append(labelled("Binds", wording.BINDS.get(str(amendment["binds"]), str(amendment["binds"]))))
    ratified = wording.ratifications(agreement, amendment)
    if ratified:
        out.append(labelled("Ratified by", ratified))
    vote = wording.vote(amendment.get("vote"))
    if vote:
        out.append(labelled("Vote", vote))
    return out


def amendments(agreement: Agreement) -> Blocks:
    """Each amendment: when, what, who approved it, what it changes, whom it binds and who ratified it."""
    if not agreement.amendments:
        return []
    return [header(2, "Amendments"), bullets([_amendment(agreement, x) for x in agreement.amendments])]


def _source(agreement: Agreement, source: Item) -> Blocks:
    out: Blocks = [plain([strong(label(source))])]
    if source.get("publisher"):
        out.append(labelled("Publisher", agreement.shown(source["publisher"])))
    if source.get("date"):
        out.append(labelled("Date", agreement.date(source["date"])))
    if source.get("citation"):
        out.append(labelled("Citation", agreement.shown(source["citation"])))
    if source.get("url"):
        out.append(labelled("Address", str(source["url"])))
    out.append(plain([emph(f"Reference: {source.get('id', '')}")]))
    return out


def sources(agreement: Agreement) -> Blocks:
    """How this record was made, and the sources it was made from."""
    blocks: Blocks = []
    if agreement.record.get("note"):
        blocks.append(para(agreement.shown(agreement.record["note"])))
    found = [s for s in agreement.sources if isinstance(s, dict)]
    if found:
        blocks.append(bullets([_source(agreement, s) for s in found]))
    if not blocks:
        return []
    return [header(2, "Sources"), *blocks]
