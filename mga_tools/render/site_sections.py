"""Site page sections for the first three phases: preparation, value creation, value distribution."""

from __future__ import annotations

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.render.site_common import field, items, join, ref, refs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _representatives(party: dict[str, Any]) -> str:
    people = []
    for person in party.get("representatives", []):
        label = md.text(person.get("name", ""))
        if person.get("role"):
            label += f" ({md.text(person['role'])})"
        if person.get("alternate"):
            label += ", alternate"
        people.append(label)
    return "; ".join(people) or "—"


def parties(a: Agreement) -> str:
    """Parties and their representatives, groups, approvers and affected non-parties."""
    rows = [
        [
            f"{md.target('party', p['id'])}**{md.text(p.get('name', p['id']))}**",
            md.cell(p.get("kind")),
            md.cell(p.get("constituency")),
            _representatives(p),
            md.cell(p.get("status", "party")),
        ]
        for p in a.parties
    ]
    blocks = [
        "### Parties and representatives",
        md.table(["Party", "Kind", "Constituency", "Representatives", "Status"], rows),
    ]
    if a.groups:
        rows = [
            [f"{md.target('group', g['id'])}**{md.text(g.get('name', g['id']))}**", refs(a, g.get("members"))]
            for g in a.groups
        ]
        blocks += ["### Groups", md.table(["Group", "Members"], rows)]
    if a.approvers:
        rows = [
            [f"{md.target('approver', x['id'])}{md.text(x.get('name', x['id']))}", md.cell(x.get("approves"))]
            for x in a.approvers
        ]
        blocks += ["### Approvers", md.table(["Approver", "Approves"], rows)]
    if a.non_parties:
        rows = [
            [
                f"{md.target('non-party', x['id'])}{md.text(x.get('name', x['id']))}",
                "; ".join(md.text(c) for c in x.get("concerns", [])) or "—",
                md.cell(x.get("how_heard")),
            ]
            for x in a.non_parties
        ]
        blocks += ["### Affected non-parties", md.table(["Stakeholder", "Concerns", "How heard"], rows)]
    return join(blocks)


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
                f"{md.target('interest', interest['id'])}{md.text(interest.get('statement', ''))}",
                md.cell(interest.get("position")),
                md.cell(interest.get("priority")),
                serving,
            ]
        )
    header = ["Held by", "Interest (why it matters)", "Position (what was asked for)", "Priority", "Served by"]
    intro = "Interests say why something matters; positions, shown apart, say what a party asked for."
    return join(["### Interests", intro, md.table(header, rows)])


def batnas(a: Agreement) -> str:
    """Each party's and group's best alternative to a negotiated agreement."""
    rows = []
    for holder in [*a.parties, *a.groups]:
        batna = holder.get("batna")
        if not isinstance(batna, dict):
            continue
        improvements = "; ".join(md.text(i) for i in batna.get("improvements", [])) or "—"
        rows.append(
            [
                ref(a, holder["id"]),
                md.cell(batna.get("description")),
                md.cell(batna.get("strength")),
                md.cell(batna.get("reservation_value")),
                improvements,
            ]
        )
    header = ["Party", "BATNA", "Strength", "Reservation value (0-100)", "Improvements"]
    return join(["### BATNAs", md.table(header, rows) if rows else "No BATNA recorded yet."])


def preparation(a: Agreement) -> str:
    """Phase 1."""
    prep = a.data.get("preparation", {})
    assessment = prep.get("stakeholder_assessment")
    blocks = ["## 1. Preparation"]
    if isinstance(assessment, dict):
        blocks.append(field("Stakeholder assessment", md.text(assessment.get("summary", ""))))
    if prep.get("decision_rule"):
        blocks.append(field("Decision rule", md.text(prep["decision_rule"])))
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
        lines = [md.heading(3, issue.get("title", issue["id"]), "issue", issue["id"])]
        for option in issue.get("options", []):
            line = f"- {md.target('option', option['id'])}**{md.text(option.get('title', option['id']))}** "
            line += "*(option, non-binding)*"
            if option.get("proposed_by"):
                line += f", proposed by {ref(a, option['proposed_by'])}"
            if option.get("description"):
                line += f": {md.text(option['description'])}"
            lines.append(line)
        blocks.append("\n".join(lines[:1]) + "\n\n" + "\n".join(lines[1:]))
    if a.packages:
        rows = [
            [
                f"{md.target('package', p['id'])}**{md.text(p.get('title', p['id']))}**",
                refs(a, p.get("options")),
                md.cell(p.get("rationale")),
                "**adopted**" if p.get("adopted") else "—",
            ]
            for p in a.packages
        ]
        blocks += ["### Packages", md.table(["Package", "Options", "Rationale", "Adopted"], rows)]
    findings = a.data.get("value_creation", {}).get("fact_finding", [])
    if findings:
        rows = [
            [
                md.text(f.get("question", "")),
                md.cell(f.get("finding")),
                md.cell(f.get("source")),
                md.cell(f.get("confidence")),
            ]
            for f in findings
        ]
        blocks += ["### Joint fact-finding", md.table(["Question", "Finding", "Source", "Confidence"], rows)]
    return join(blocks)


def _shares(allocation: dict[str, Any], a: Agreement) -> str:
    return (
        "; ".join(f"{ref(a, s.get('to'))}: {md.text(s.get('share', ''))}" for s in allocation.get("shares", [])) or "—"
    )


def value_distribution(a: Agreement) -> str:
    """Phase 3: criteria, allocations, each party's justification, the consensus test."""
    blocks = ["## 3. Value distribution"]
    if a.criteria:
        rows = [
            [
                f"{md.target('criterion', c['id'])}**{md.text(c.get('principle', c['id']))}**",
                md.cell(c.get("description")),
                md.cell(c.get("source")),
                ", ".join(
                    f"{ref(a, x.get('party') or x.get('group'))} ({md.text(x.get('date', 'undated'))})"
                    for x in c.get("agreed_by", [])
                )
                or "—",
            ]
            for c in a.criteria
        ]
        blocks += ["### Criteria", md.table(["Criterion", "Description", "Source", "Agreed by"], rows)]
    if a.allocations:
        rows = [
            [
                f"{md.target('allocation', x['id'])}{md.text(x.get('what', x['id']))}",
                ref(a, x.get("criterion", "")),
                _shares(x, a),
            ]
            for x in a.allocations
        ]
        blocks += ["### Allocations", md.table(["What is divided", "Criterion", "Shares"], rows)]
    justifications = a.data.get("value_distribution", {}).get("justifications", [])
    if justifications:
        rows = [[ref(a, j.get("party") or j.get("group")), md.cell(j.get("text"))] for j in justifications]
        blocks += ["### Justifications", md.table(["Party", "How it explains the outcome"], rows)]
    consensus = a.data.get("value_distribution", {}).get("consensus")
    if isinstance(consensus, dict):
        lines = [field("Method", md.text(consensus.get("method", "")))]
        lines.append(
            field("Outcome", md.text(consensus.get("outcome", "")) + f" ({md.text(consensus.get('date', ''))})")
        )
        blocks += ["### Consensus", "\n\n".join(lines)]
    return join(blocks)
