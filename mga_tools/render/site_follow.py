"""Site page sections from the terms on: terms, coverage, follow-through, signature, amendments."""

from __future__ import annotations

from mga_tools import markdown as md
from mga_tools.model import Agreement, shape
from mga_tools.render.site_common import field, join, ref, refs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Failure-scenario keys -> (label, anchor kind).
_ANCHORS = {"dispute_mechanisms": "mechanism", "protocols": "protocol", "metrics": "metric"}
SAFEGUARDS = {key: (shape.heading(key), _ANCHORS[key]) for key in shape.SAFEGUARDS}


def _condition(a: Agreement, condition: dict[str, Any]) -> str:
    parts = [md.text(condition.get("if", ""))]
    if condition.get("then"):
        parts.append("then " + md.text(condition["then"]))
    if condition.get("approver"):
        parts.append("decided by " + ref(a, condition["approver"]))
    if condition.get("agreement"):
        parts.append("on agreement " + md.text(condition["agreement"]))
    if condition.get("terms"):
        parts.append("on terms " + refs(a, condition["terms"]))
    if condition.get("by"):
        parts.append("by " + md.text(condition["by"]))
    return "; ".join(p for p in parts if p)


def term(a: Agreement, t: dict[str, Any]) -> str:
    """One term: its text, who it binds, and the interests it serves (linked)."""
    lines = [md.text(t.get("text", ""))]
    facts = [field("Kind", md.text(t.get("kind", "obligation")))]
    facts.append(field("Obligated", refs(a, t.get("obligated"))))
    if t.get("beneficiaries"):
        facts.append(field("Beneficiaries", refs(a, t["beneficiaries"])))
    for key, label in (("due", "Due"), ("recurring", "Recurs"), ("formula", "Formula")):
        if t.get(key) not in (None, ""):
            facts.append(field(label, md.text(t[key])))
    facts.append(field("Serves", refs(a, t.get("serves"))))
    if t.get("adopts"):
        facts.append(field("Adopts", refs(a, t["adopts"])))
    lines.append("\n".join(f"- {f}" for f in facts))
    conditions = [c for c in t.get("conditions", []) if isinstance(c, dict)]
    if conditions:
        lines.append("**Conditions:**\n\n" + "\n".join(f"- {_condition(a, c)}" for c in conditions))
    return join([md.heading(3, t.get("title", t["id"]), "term", t["id"]), *lines])


def terms(a: Agreement) -> str:
    """The terms, then the coverage matrix."""
    return join(["## Terms", *(term(a, t) for t in a.terms), coverage(a)])


def coverage(a: Agreement) -> str:
    """Who holds which interest, and the terms that serve it (from :meth:`Agreement.coverage`)."""
    rows = [
        [ref(a, holder), ref(a, interest), refs(a, served) if served else "**none**"]
        for (holder, interest), served in a.coverage().items()
    ]
    return join(
        [
            "### Coverage matrix { #coverage-matrix }",
            "Each party's (or group's) interests, and the terms that serve them.",
            md.table(["Party", "Interest", "Terms serving it"], rows),
        ]
    )


def scenario(a: Agreement, s: dict[str, Any]) -> str:
    """One failure scenario as a card that links its mechanisms, protocols and metrics."""
    title = md.text(s.get("title") or s["id"])
    body = [md.target("scenario", s["id"]) + md.text(s.get("description", ""))]
    body.append(
        field("Likelihood", md.text(s.get("likelihood", "—"))) + " · " + field("Impact", md.text(s.get("impact", "—")))
    )
    for key, (label, _) in SAFEGUARDS.items():
        body.append(field(label, refs(a, s.get(key))))
    indented = "\n\n".join("    " + line for line in body)
    return f'!!! failure mga-scenario "{title}"\n\n{indented}'


def _ladder(mechanism: dict[str, Any]) -> str:
    lines = ["```mermaid", "flowchart TD"]
    steps = mechanism.get("steps", [])
    for number, step in enumerate(steps, 1):
        label = f"{number}. {step.get('kind', '')}: {step.get('who', '')}"
        if step.get("time_limit"):
            label += f" ({step['time_limit']})"
        lines.append(f"    s{number}[{md.mermaid_label(label)}]")
        if number > 1:
            lines.append(f"    s{number - 1} --> s{number}")
    lines.append("```")
    return "\n".join(lines)


def mechanism(a: Agreement, m: dict[str, Any]) -> str:
    """A dispute mechanism: description, ladder diagram, and the steps with remedies."""
    rows = [
        [
            str(n),
            md.text(step.get("kind", "")),
            md.cell(step.get("who")) + (f" ({ref(a, step['body'])})" if step.get("body") else ""),
            md.cell(step.get("time_limit")),
            "; ".join(md.text(r) for r in step.get("remedies", [])) or "—",
        ]
        for n, step in enumerate(m.get("steps", []), 1)
    ]
    return join(
        [
            md.heading(4, m.get("name", m["id"]), "mechanism", m["id"]),
            md.text(m.get("description", "")),
            _ladder(m),
            md.table(["Step", "Kind", "Who", "Time limit", "Remedies"], rows),
        ]
    )


def _metric_test(m: dict[str, Any]) -> str:
    threshold = m.get("threshold")
    if isinstance(threshold, dict):
        return md.text(f"{threshold.get('comparator', '')} {threshold.get('value', '')} {m.get('unit', '')}")
    trigger = m.get("trigger")
    if isinstance(trigger, dict):
        return md.text(trigger.get("description", "")) + " (judged by " + md.text(trigger.get("judged_by", "")) + ")"
    return "—"


def follow_through(a: Agreement) -> str:
    """Phase 4: scenario cards, mechanisms with their ladders, protocols, metrics, bodies."""
    blocks = ["## 4. Follow-through", "### Failure scenarios", *(scenario(a, s) for s in a.scenarios)]
    if a.mechanisms:
        blocks += ["### Dispute mechanisms", *(mechanism(a, m) for m in a.mechanisms)]
    if a.protocols:
        rows = [
            [
                f"{md.target('protocol', p['id'])}**{md.text(p.get('name', p['id']))}**",
                refs(a, p.get("from")),
                refs(a, p.get("to")),
                md.cell(p.get("what")),
                md.cell(p.get("channel")),
                md.cell(p.get("cadence")),
            ]
            for p in a.protocols
        ]
        blocks += ["### Protocols", md.table(["Protocol", "From", "To", "What", "Channel", "Cadence"], rows)]
    if a.metrics:
        rows = [
            [
                f"{md.target('metric', m['id'])}**{md.text(m.get('name', m['id']))}**",
                md.cell(m.get("measure")),
                _metric_test(m),
                md.cell(m.get("cadence")),
                ref(a, m["owner"]) if m.get("owner") else "—",
                md.cell(m.get("data_source")),
            ]
            for m in a.metrics
        ]
        blocks += ["### Metrics", md.table(["Metric", "Measure", "Trigger", "Cadence", "Owner", "Data source"], rows)]
    if a.bodies:
        rows = [
            [
                f"{md.target('body', b['id'])}**{md.text(b.get('name', b['id']))}**",
                md.cell(b.get("kind")),
                refs(a, b.get("members")),
                md.cell(b.get("mandate")),
            ]
            for b in a.bodies
        ]
        blocks += ["### Bodies", md.table(["Body", "Kind", "Members", "Mandate"], rows)]
    return join(blocks)


def signatories(a: Agreement) -> str:
    """Who signs for each party, and when."""
    rows = [
        [ref(a, s.get("party", "")), md.cell(s.get("name")), md.cell(s.get("title")), md.cell(s.get("date"))]
        for s in a.signatories
    ]
    return join(["## Signatories", md.table(["Party", "Name", "Title", "Date"], rows) if rows else "Not signed yet."])


def amendments(a: Agreement) -> str:
    """Changes recorded after signature."""
    rows = [
        [
            f"{md.target('amendment', x['id'])}{md.cell(x.get('date'))}",
            md.cell(x.get("summary")),
            refs(a, x.get("approved_by")),
            refs(a, x.get("terms")),
        ]
        for x in a.amendments
    ]
    return join(
        ["## Amendments", md.table(["Date", "Summary", "Approved by", "Terms changed"], rows) if rows else "None."]
    )
