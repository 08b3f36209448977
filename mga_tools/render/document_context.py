"""Sections of the signable document about the agreement as a whole: how it was recorded, its term (dates,
termination, conditions, approvals, related agreements, languages, amendments), its amendments in full, and its
sources."""

from __future__ import annotations

from mga_tools.model import Agreement
from mga_tools.model.agreement import Item
from mga_tools.model.facts import RECORDED
from mga_tools.render import wording
from mga_tools.render.document_sections import condition, external, named, names, title
from mga_tools.render.pandoc_ast import Blocks, bullets, emph, header, labelled, para, plain, strong


def record_note(agreement: Agreement) -> Blocks:
    """Under the title: that the agreement was recorded after the fact from its sources (if it was)."""
    if agreement.origin != RECORDED:
        return []
    return [para([emph(wording.RECORDED_NOTE)])]


def _approvals(agreement: Agreement) -> list[Blocks]:
    """The approvals the agreement depends on: each approver, what it approves, and its decision so far."""
    found: list[Blocks] = []
    for approver in agreement.approvers:
        kind = wording.enum_label("approver.kind", approver.get("kind", "other"))
        item: Blocks = [plain([strong(str(approver.get("name", "")))], f"({kind})")]
        if approver.get("approves"):
            item.append(labelled("Approves", agreement.shown(approver["approves"])))
        decision = approver.get("decision")
        if isinstance(decision, dict):
            shown = wording.enum_label("approval.outcome", decision.get("outcome", "pending"))
            if decision.get("date"):
                shown += f" ({agreement.date(decision['date'])})"
            if decision.get("note"):
                shown += f": {agreement.shown(decision['note'])}"
            item.append(labelled("Decision", shown))
        else:
            item.append(labelled("Decision", "none recorded"))
        found.append(item)
    return found


def _languages(agreement: Agreement) -> list[Blocks]:
    governing, others = wording.languages(agreement)
    found: list[Blocks] = []
    if governing:
        found.append([labelled("Authoritative language", governing)])
        if others:
            found.append([labelled("Other language versions", ", ".join(others))])
    elif others:
        found.append([labelled("Equally authentic languages", ", ".join(others))])
    return found


def _amendment_line(agreement: Agreement, amendment: Item) -> Blocks:
    """One amendment in brief: what it changed and its dates (the Amendments section gives the rest)."""
    out: Blocks = [plain(agreement.shown(amendment.get("summary", "")))]
    dates = [
        f"{what} {agreement.date(amendment[key])}"
        for key, what in (("date", "dated"), ("adopted", "adopted"), ("entry_into_force", "in force from"))
        if amendment.get(key) is not None
    ]
    if dates:
        out.append(labelled("Dates", ", ".join(dates)))
    changed = [named(agreement, x) for key in ("terms", "changes") for x in amendment.get(key) or []]
    if changed:
        out.append(labelled("Changes", "; ".join(changed)))
    return out


def term_section(agreement: Agreement) -> Blocks:
    """The term of the agreement: when it takes effect and ends, renewal, termination, conditions precedent
    and their status, the approvals it depends on, related agreements, its languages, and its amendments."""
    data = agreement.data
    facts: list[Blocks] = []
    if data.get("place"):
        facts.append([labelled("Place of conclusion", agreement.shown(data["place"]))])
    for key, what in (("effective", "Effective date"), ("expires", "Expiry date")):
        if data.get(key) is not None:
            facts.append([labelled(what, agreement.date(data[key]))])
    facts += [[labelled(what, shown)] for what, shown in wording.period(agreement)]
    facts += [[labelled(what, shown)] for what, shown in wording.termination(agreement)]
    numbers = {str(t["id"]): n for n, t in enumerate(agreement.terms, 1)}
    conditions = [condition(agreement, c, numbers) for c in data.get("conditions") or [] if isinstance(c, dict)]
    if conditions:
        facts.append([labelled("Conditions precedent"), bullets(conditions)])
    approvals = _approvals(agreement)
    if approvals:
        facts.append([labelled("Approvals it depends on"), bullets(approvals)])
    related = [_related(agreement, r) for r in data.get("related") or [] if isinstance(r, dict)]
    if related:
        facts.append([labelled("Related agreements"), bullets(related)])
    facts += _languages(agreement)
    amended = [_amendment_line(agreement, x) for x in agreement.amendments if isinstance(x, dict)]
    # Said even when there is none: a reader must not have to wonder whether amendments were left out.
    facts.append(
        [labelled("Amendments in force"), bullets(amended)] if amended else [labelled("Amendments in force", "none")]
    )
    return [header(1, "Term of the agreement"), bullets(facts)]


# The former name of the section, kept for callers written before it covered the whole term.
duration = term_section


def _related(agreement: Agreement, item: Item) -> Blocks:
    relation = wording.enum_label("related.relation", item.get("relation", ""))
    if isinstance(item.get("external"), dict):
        out = external(agreement, item["external"], relation)
    else:
        out = [labelled(relation, agreement.agreement_name(item.get("agreement", "")))]
    if item.get("note"):
        out.append(labelled("Note", agreement.shown(item["note"])))
    return out


def _amendment(agreement: Agreement, amendment: Item) -> Blocks:
    when = amendment.get("date") if amendment.get("date") is not None else amendment.get("adopted")
    out: Blocks = [plain([strong(agreement.date(when) if when is not None else "Undated amendment")])]
    out.append(plain(agreement.shown(amendment.get("summary", ""))))
    for key, what in (("adopted", "Adopted"), ("entry_into_force", "Entry into force")):
        if amendment.get(key) is not None:
            out.append(labelled(what, agreement.date(amendment[key])))
    if amendment.get("approved_by"):
        out.append(labelled("Approved by", names(agreement, amendment["approved_by"])))
    if amendment.get("terms"):
        out.append(labelled("Terms changed", "; ".join(named(agreement, t) for t in amendment["terms"])))
    if amendment.get("changes"):
        out.append(labelled("Other changes", "; ".join(named(agreement, c) for c in amendment["changes"])))
    if amendment.get("binds"):
        out.append(labelled("Binds", wording.enum_label("binds", amendment["binds"])))
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
    return [header(1, "Amendments"), bullets([_amendment(agreement, x) for x in agreement.amendments])]


def _source(agreement: Agreement, source: Item) -> Blocks:
    out: Blocks = [plain([strong(title(source, "Source"))])]
    if source.get("publisher"):
        out.append(labelled("Publisher", agreement.shown(source["publisher"])))
    if source.get("date"):
        out.append(labelled("Date", agreement.date(source["date"])))
    if source.get("citation"):
        out.append(labelled("Citation", agreement.shown(source["citation"])))
    if source.get("url"):
        out.append(labelled("Address", str(source["url"])))
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
    return [header(1, "Sources"), *blocks]
