"""Site page sections about the agreement as a whole: how it was recorded, its term, what it depends on,
who signed it and how it was amended."""

from __future__ import annotations

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.model.facts import RECORDED
from mga_tools.render import wording
from mga_tools.render.site_common import cell, date, field, join, ref, refs, text, url
from mga_tools.render.site_terms import conditions, external

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def source_line(a: Agreement, source: dict[str, Any]) -> str:
    """One source: its title, publisher, date and citation, and its address as a link (never fetched)."""
    line = f"{md.target('source', source.get('id', ''))}**{text(a, source.get('title', source.get('id', '')))}**"
    details = [text(a, source[key]) for key in ("publisher",) if source.get(key)]
    if source.get("date"):
        details.append(date(a, source["date"]))
    if source.get("citation"):
        details.append(text(a, source["citation"]))
    if source.get("url"):
        details.append(url(source["url"]))
    return line + (", " + ", ".join(details) if details else "")


def record(a: Agreement) -> str:
    """How this record was made: after the fact from its sources, or negotiated; and the sources."""
    blocks = []
    if a.origin == RECORDED:
        blocks.append(f'!!! info "Recorded after the fact"\n\n    {md.text(wording.RECORDED_NOTE)}')
    if a.record.get("note"):
        blocks.append(field("How this record was made", text(a, a.record["note"])))
    sources = [s for s in a.sources if isinstance(s, dict)]
    if sources:
        blocks += ["### Sources { #sources }", "\n".join(f"- {source_line(a, s)}" for s in sources)]
    return join(["## Record { #record }", *blocks]) if blocks else ""


def period(a: Agreement) -> str:
    """The term of the agreement: its length, from when, extension, renewal, notice; its termination clauses;
    where it was concluded and in which languages (the same words as the signable document)."""
    found = list(wording.period(a)) + wording.termination(a)
    if a.data.get("place"):
        found.insert(0, ("Place of conclusion", a.shown(a.data["place"])))
    governing, others = wording.languages(a)
    if governing:
        found.append(("Authoritative language", governing))
        if others:
            found.append(("Other language versions", ", ".join(others)))
    elif others:
        found.append(("Equally authentic languages", ", ".join(others)))
    return "\n\n".join(field(what, md.text(shown)) for what, shown in found)


def related(a: Agreement) -> str:
    """The top-level conditions, and the agreements this one relates to, in the repository or outside it."""
    rows = []
    for item in a.data.get("related") or []:
        if not isinstance(item, dict):
            continue
        relation = md.text(wording.enum_label("related.relation", item.get("relation", "")))
        what = (
            external(a, item["external"])
            if isinstance(item.get("external"), dict)
            else md.text(a.agreement_name(item.get("agreement", "")))
        )
        rows.append([relation, what, cell(a, item.get("note"))])
    blocks = [conditions(a, a.data.get("conditions"))]
    if rows:
        blocks += ["**Related agreements:**", md.table(["Relation", "Agreement", "Note"], rows)]
    return join(blocks)


def signatories(a: Agreement) -> str:
    """Who signs for each party, and when."""
    rows = [
        [ref(a, s.get("party", "")), cell(a, s.get("name")), cell(a, s.get("title")), date(a, s.get("date"))]
        for s in a.signatories
    ]
    return join(["## Signatories", md.table(["Party", "Name", "Title", "Date"], rows) if rows else "Not signed yet."])


def _amendment_facts(a: Agreement, x: dict[str, Any]) -> str:
    summary = cell(a, x.get("summary"))
    facts = []
    for key, what in (("adopted", "adopted"), ("entry_into_force", "in force")):
        if x.get(key):
            facts.append(f"{what}: {date(a, x[key])}")
    if x.get("binds"):
        facts.append(f"binds: {md.text(wording.enum_label('binds', x['binds']))}")
    ratified = wording.ratifications(a, x)
    if ratified:
        facts.append(f"ratified by: {md.text(ratified)}")
    vote = wording.vote(x.get("vote"))
    if vote:
        facts.append(f"vote: {md.text(vote)}")
    if x.get("changes"):
        facts.append("changes: " + ", ".join(ref(a, c) for c in x["changes"]))
    if not facts:
        return summary
    return f"{summary} ({'; '.join(facts)})"


def amendments(a: Agreement) -> str:
    """Changes recorded after signature."""
    rows = [
        [
            f"{md.target('amendment', x['id'])}{date(a, x.get('date') or x.get('adopted'))}",
            _amendment_facts(a, x),
            refs(a, x.get("approved_by")),
            refs(a, x.get("terms")),
        ]
        for x in a.amendments
    ]
    return join(
        ["## Amendments", md.table(["Date", "Summary", "Approved by", "Terms changed"], rows) if rows else "None."]
    )
