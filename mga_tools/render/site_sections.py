"""Site page sections for the first three phases: preparation, value creation, value distribution."""

from __future__ import annotations

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.model.facts import is_gap
from mga_tools.render import wording
from mga_tools.render.site_common import (
    cell,
    date,
    field,
    folded,
    heading,
    items,
    join,
    ref,
    refs,
    table,
    text,
    title_cell,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _representatives(party: dict[str, Any]) -> str:
    people = []
    for person in party.get("representatives") or []:
        label = md.text(person.get("name", ""))
        if person.get("role"):
            label += f" ({md.text(person['role'])})"
        if person.get("alternate"):
            label += ", alternate"
        people.append(label)
    return "; ".join(people) or "—"


def _status(a: Agreement, party: dict[str, Any]) -> str:
    """The party's status, and for a party the agreement itself creates, the term that creates it."""
    shown = md.cell(wording.party_standing(a, party) or wording.enum_label("partyStatus", "party"))
    created = party.get("created_by")
    if isinstance(created, dict):
        shown += f"; created by {ref(a, created.get('term'))}"
        if created.get("joins"):
            shown += f", joins {text(a, created['joins'])}"
        if created.get("date"):
            shown += f" ({date(a, created['date'])})"
    return shown


def _membership(a: Agreement, group: dict[str, Any]) -> str:
    members = refs(a, group.get("members")) if group.get("members") else ""
    membership = group.get("membership")
    if not isinstance(membership, dict):
        return members or "—"
    rule = "membership: " + text(a, membership.get("rule", ""))
    if membership.get("open") is not None:
        rule += " (open to accession)" if membership["open"] else " (closed)"
    return "; ".join(x for x in (members, rule) if x)


def _rosters(a: Agreement) -> list[str]:
    blocks = []
    for group in a.groups:
        membership = group.get("membership")
        roster = membership.get("roster") if isinstance(membership, dict) else None
        if not isinstance(roster, list) or not roster:
            continue
        rows = [
            [
                md.cell(m.get("name")),
                date(a, m.get("joined")),
                md.cell(wording.enum_label("roster.via", m["via"])) if m.get("via") else "—",
                date(a, m.get("left")),
            ]
            for m in roster
            if isinstance(m, dict)
        ]
        blocks += [
            f"#### Members of {md.text(wording.named(a, group['id']))}",
            folded(len(rows), "member", None, md.table(["Member", "Joined", "Via", "Left"], rows)),
        ]
    return blocks


def parties(a: Agreement) -> str:
    """Parties and their representatives, groups, approvers and affected non-parties."""
    rows = [
        [
            title_cell(a, p, "party"),
            md.cell(wording.kind_words(p)),
            cell(a, p.get("constituency")),
            _representatives(p),
            _status(a, p),
        ]
        for p in a.parties
    ]
    blocks = [
        "### Parties and representatives",
        folded(
            len(rows),
            "party",
            "parties",
            md.table(["Party", "Kind", "Constituency", "Representatives", "Status"], rows),
        ),
    ]
    if a.groups:
        rows = [[title_cell(a, g, "group"), _membership(a, g)] for g in a.groups]
        blocks += ["### Groups", folded(len(rows), "group", None, md.table(["Group", "Members"], rows)), *_rosters(a)]
    if a.approvers:
        rows = [
            [
                title_cell(a, x, "approver", bold=False),
                cell(a, x.get("approves")),
                _decision(a, x.get("decision")),
            ]
            for x in a.approvers
        ]
        blocks += ["### Approvers", table(["Approver", "Approves", "Decision"], rows, ("Decision",))]
    if a.non_parties:
        rows = [
            [
                title_cell(a, x, "non-party", bold=False),
                md.cell(x.get("stance")),
                "; ".join(md.text(c) for c in x.get("concerns") or []) or "—",
                cell(a, x.get("how_heard")),
            ]
            for x in a.non_parties
        ]
        header = ["Stakeholder", "Stance", "Concerns", "How heard"]
        blocks += ["### Affected non-parties", table(header, rows, ("Stance",))]
    return join(blocks)


def _decision(a: Agreement, decision: Any) -> str:
    if not isinstance(decision, dict) or is_gap(decision):
        return cell(a, decision)
    parts = [md.text(wording.enum_label("approval.outcome", decision["outcome"]))] if decision.get("outcome") else []
    if decision.get("date"):
        parts.append(date(a, decision["date"]))
    if decision.get("note"):
        parts.append(text(a, decision["note"]))
    return "; ".join(parts) or "—"


def interests(a: Agreement) -> str:
    """Interests, with the position taken at the table in a column of its own."""
    rows = []
    for holder, interest in a.interests:
        served = a.terms_serving(str(interest["id"]))
        if served:
            serving = ", ".join(ref(a, t["id"]) for t in served)
        else:
            serving = "*unaddressed*: " + md.text(interest.get("unaddressed", "no term serves it"))
        rows.append(
            [
                ref(a, holder["id"]),
                title_cell(a, interest, "interest", bold=False),
                cell(a, interest.get("position")),
                md.cell(interest.get("priority")),
                serving,
            ]
        )
    for holder in [*a.parties, *a.groups]:  # a holder whose interests the sources do not give
        if is_gap(holder.get("interests")):
            rows.append([ref(a, holder["id"]), text(a, holder["interests"]), "—", "—", "—"])
    header = ["Held by", "Interest (why it matters)", "Position (what was asked for)", "Priority", "Served by"]
    intro = "Interests say why something matters; positions, shown apart, say what a party asked for."
    return join(["### Interests", intro, folded(len(rows), "interest", None, md.table(header, rows))])


def batnas(a: Agreement) -> str:
    """Each party's and group's best alternative to a negotiated agreement."""
    rows = []
    for holder in [*a.parties, *a.groups]:
        batna = holder.get("batna")
        if is_gap(batna):
            rows.append([ref(a, holder["id"]), text(a, batna), "—", "—", "—"])
            continue
        if not isinstance(batna, dict):
            continue
        improvements = "; ".join(md.text(i) for i in batna.get("improvements") or []) or "—"
        rows.append(
            [
                ref(a, holder["id"]),
                cell(a, batna.get("description")),
                md.cell(batna.get("strength")),
                md.cell(batna.get("reservation_value")),
                improvements,
            ]
        )
    header = ["Party", "BATNA", "Strength", "Reservation value (0-100)", "Improvements"]
    shown = folded(len(rows), "BATNA", None, md.table(header, rows)) if rows else "No BATNA recorded yet."
    return join(["### BATNAs", shown])


def preparation(a: Agreement) -> str:
    """Phase 1."""
    prep = a.data.get("preparation", {})
    assessment = prep.get("stakeholder_assessment")
    blocks = ["## 1. Preparation"]
    if isinstance(assessment, dict):
        blocks.append(field("Stakeholder assessment", text(a, assessment.get("summary", ""))))
    if prep.get("decision_rule"):
        blocks.append(field("Decision rule", text(a, prep["decision_rule"])))
    if prep.get("ground_rules"):
        blocks += ["**Ground rules:**", items(prep["ground_rules"])]
    blocks += [parties(a), interests(a), batnas(a)]
    return join(blocks)


def value_creation(a: Agreement) -> str:
    """Phase 2: issues and options (never binding), packages, fact-finding."""
    blocks = [
        "## 2. Value creation",
        '!!! note "Options are not binding"\n    Options were invented without commitment. '
        "Only the terms below bind the parties.",
    ]
    for issue in a.issues:
        lines = [heading(a, 3, issue, "issue")]
        for option in issue.get("options", []):
            line = f"- {title_cell(a, option, 'option')} *(option, non-binding)*"
            if option.get("proposed_by"):
                line += f", proposed by {ref(a, option['proposed_by'])}"
            if option.get("description"):
                line += f": {md.text(option['description'])}"
            lines.append(line)
        options = "\n".join(lines[1:])
        blocks.append(join([lines[0], folded(len(lines) - 1, "option", None, options)]))
    if a.packages:
        rows = [
            [
                title_cell(a, p, "package"),
                refs(a, p.get("options")),
                cell(a, p.get("rationale")),
                "**adopted**" if p.get("adopted") else "—",
            ]
            for p in a.packages
        ]
        shown = md.table(["Package", "Options", "Rationale", "Adopted"], rows)
        blocks += ["### Packages", folded(len(rows), "package", None, shown)]
    findings = a.data.get("value_creation", {}).get("fact_finding", [])
    if findings:
        rows = [
            [
                text(a, f.get("question", "")),
                cell(a, f.get("finding")),
                cell(a, f.get("source")),
                md.cell(f.get("confidence")),
            ]
            for f in findings
        ]
        shown = md.table(["Question", "Finding", "Source", "Confidence"], rows)
        blocks += ["### Joint fact-finding", folded(len(rows), "finding", None, shown)]
    return join(blocks)


def _shares(allocation: dict[str, Any], a: Agreement) -> str:
    shares = allocation.get("shares") or []
    return "; ".join(f"{ref(a, s.get('to'))}: {text(a, s.get('share', ''))}" for s in shares) or "—"


def _agreed_by(a: Agreement, criterion: dict[str, Any]) -> str:
    agreed = criterion.get("agreed_by")
    if is_gap(agreed):
        return text(a, agreed)
    shown = [
        f"{ref(a, x.get('party') or x.get('group'))} ({date(a, x['date']) if x.get('date') else 'undated'})"
        for x in agreed or []
        if isinstance(x, dict)
    ]
    return ", ".join(shown) or "—"


def value_distribution(a: Agreement) -> str:
    """Phase 3: criteria, allocations, each party's justification, the consensus test."""
    blocks = ["## 3. Value distribution"]
    if a.criteria:
        rows = [
            [
                title_cell(a, c, "criterion"),
                cell(a, c.get("description")),
                cell(a, c.get("source")),
                _agreed_by(a, c),
            ]
            for c in a.criteria
        ]
        shown = md.table(["Criterion", "Description", "Source", "Agreed by"], rows)
        blocks += ["### Criteria", folded(len(rows), "criterion", "criteria", shown)]
    if a.allocations:
        rows = [
            [
                title_cell(a, x, "allocation", bold=False),
                ref(a, x.get("criterion", "")),
                _shares(x, a),
            ]
            for x in a.allocations
        ]
        shown = md.table(["What is divided", "Criterion", "Shares"], rows)
        blocks += ["### Allocations", folded(len(rows), "allocation", None, shown)]
    justifications = a.data.get("value_distribution", {}).get("justifications", [])
    if justifications:
        rows = [[ref(a, j.get("party") or j.get("group")), cell(a, j.get("text"))] for j in justifications]
        shown = md.table(["Party", "How it explains the outcome"], rows)
        blocks += ["### Justifications", folded(len(rows), "justification", None, shown)]
    consensus = a.data.get("value_distribution", {}).get("consensus")
    if isinstance(consensus, dict):
        lines = [field("Method", text(a, consensus.get("method", "")))]
        when = f" ({date(a, consensus['date'])})" if consensus.get("date") else ""
        lines.append(field("Outcome", text(a, consensus.get("outcome", "")) + when))
        blocks += ["### Consensus", "\n\n".join(lines)]
    return join(blocks)
