"""The sections of the signable document, each a list of pandoc blocks."""

from __future__ import annotations

from collections.abc import Iterable

from mga_tools.model import Agreement, shape
from mga_tools.model.agreement import Item
from mga_tools.render.pandoc_ast import (
    Blocks,
    Node,
    bullets,
    div,
    emph,
    header,
    labelled,
    lines,
    ordered,
    para,
    plain,
    strong,
)

SIGNATURE_LINE = "_" * 36
DATE_LINE = "_" * 20
BLANK_LINE = "_" * 30
INACTIVE = ("withdrawn", "expelled")


def _who(agreement: Agreement, ident: str) -> str:
    """A party's name, or a group's name with its members."""
    members = agreement.members(ident)
    if members == [ident]:
        return agreement.name(ident)
    return f"{agreement.name(ident)} ({', '.join(agreement.name(m) for m in members)})"


def _names(agreement: Agreement, idents: Iterable[object] | None) -> str:
    return "; ".join(_who(agreement, str(i)) for i in idents or [])


def _term_numbers(agreement: Agreement) -> dict[str, int]:
    return {str(t["id"]): n for n, t in enumerate(agreement.terms, 1)}


def _active(party: Item) -> bool:
    return party.get("status", "party") not in INACTIVE


def parties(agreement: Agreement) -> Blocks:
    items = []
    for party in agreement.parties:
        if not _active(party):
            continue
        item: Blocks = [plain([strong(str(party["name"]))], f"({party.get('kind', 'party')})")]
        if party.get("status") == "prospective":
            item.append(plain([emph("Prospective party; joins when its conditions are met.")]))
        reps = [
            f"{r['name']}, {r['role']}" + (" (alternate)" if r.get("alternate") else "")
            if r.get("role")
            else str(r["name"]) + (" (alternate)" if r.get("alternate") else "")
            for r in party.get("representatives", [])
        ]
        if reps:
            item.append(labelled("Represented by", "; ".join(reps)))
        items.append(item)
    blocks: Blocks = [header(2, "Parties"), para("This agreement is made between:"), ordered(items)]
    for group in agreement.groups:
        blocks.append(
            para([strong(str(group["name"]))], "is a group formed by", _names(agreement, group.get("members")))
        )
    return blocks


def recitals(agreement: Agreement) -> Blocks:
    blocks: Blocks = [header(2, "Recitals")]
    for holder in [*agreement.parties, *agreement.groups]:
        if not _active(holder):
            continue
        for interest in holder.get("interests", []):
            blocks.append(
                para(
                    [strong("WHEREAS")],
                    f"the interest of {_who(agreement, str(holder['id']))} is:",
                    str(interest["statement"]),
                )
            )
    blocks.append(para([strong("NOW, THEREFORE,")], "the parties agree as follows."))
    return blocks


def _condition(agreement: Agreement, cond: Item, numbers: dict[str, int]) -> Blocks:
    item: Blocks = [labelled("If", str(cond["if"]))]
    if cond.get("then"):
        item.append(labelled("Then", str(cond["then"])))
    if cond.get("approver"):
        item.append(labelled("Decision of", agreement.name(str(cond["approver"]))))
    if cond.get("agreement"):
        item.append(labelled("Performance of agreement", str(cond["agreement"])))
    if cond.get("terms"):
        refs = [f"Term {numbers.get(str(t), '?')} ({t})" for t in cond["terms"]]
        item.append(labelled("Depends on", ", ".join(refs)))
    if cond.get("by"):
        item.append(labelled("By", str(cond["by"])))
    return item


def terms(agreement: Agreement) -> Blocks:
    numbers = _term_numbers(agreement)
    blocks: Blocks = [header(2, "Terms")]
    for number, term in enumerate(agreement.terms, 1):
        blocks.append(header(3, f"Term {number}.", str(term.get("title") or term["id"])))
        blocks.append(para([emph(f"Reference: {term['id']}")]))
        blocks.append(para(str(term["text"])))
        details: list[Blocks] = []
        if term.get("kind", "obligation") != "obligation":
            details.append([labelled("Kind", str(term["kind"]))])
        details.append([labelled("Obligated", _names(agreement, term.get("obligated")))])
        if term.get("beneficiaries"):
            details.append([labelled("Beneficiaries", _names(agreement, term["beneficiaries"]))])
        for key, label in (("due", "Due"), ("recurring", "Recurring"), ("formula", "Formula")):
            if term.get(key):
                details.append([labelled(label, str(term[key]))])
        conditions = [_condition(agreement, c, numbers) for c in term.get("conditions", [])]
        if conditions:
            details.append([labelled("Conditions"), bullets(conditions)])
        blocks.append(bullets(details))
    return blocks


def distribution(agreement: Agreement) -> Blocks:
    blocks: Blocks = [header(2, "Distribution")]
    if agreement.criteria:
        blocks.append(header(3, "Criteria"))
        for criterion in agreement.criteria:
            item: list[Blocks] = []
            if criterion.get("description"):
                item.append([plain(str(criterion["description"]))])
            if criterion.get("source"):
                item.append([labelled("Source", str(criterion["source"]))])
            agreed = [f"{_who(agreement, str(a.get('party') or a.get('group')))} ({a.get('date', 'undated')})"
                      for a in criterion.get("agreed_by", [])]  # fmt: skip
            if agreed:
                item.append([labelled("Agreed by", "; ".join(agreed))])
            blocks += [para([strong(str(criterion["principle"]))]), bullets(item)]
    if agreement.allocations:
        blocks.append(header(3, "Allocations"))
        for allocation in agreement.allocations:
            criterion = agreement.by_id.get(str(allocation["criterion"]), {})
            blocks.append(para([strong(str(allocation["what"]))]))
            shares = [[labelled(_who(agreement, str(s["to"])), str(s["share"]))] for s in allocation.get("shares", [])]
            rows: list[Blocks] = [[labelled("Criterion", str(criterion.get("principle", allocation["criterion"])))]]
            if shares:
                rows.append([labelled("Shares"), bullets(shares)])
            blocks.append(bullets(rows))
    return blocks


def _mechanism(agreement: Agreement, mechanism: Item) -> Blocks:
    steps: list[Blocks] = []
    for step in mechanism.get("steps", []):
        item: Blocks = [plain([strong(str(step["kind"]).replace("-", " ").capitalize() + ":")], str(step["who"]))]
        if step.get("body"):
            item.append(labelled("Body", agreement.name(str(step["body"]))))
        if step.get("time_limit"):
            item.append(labelled("Time limit", str(step["time_limit"])))
        if step.get("remedies"):
            item.append(labelled("Remedies", "; ".join(str(r) for r in step["remedies"])))
        steps.append(item)
    out: Blocks = [plain([strong(str(mechanism["name"]))])]
    if mechanism.get("description"):
        out.append(plain(str(mechanism["description"])))
    out.append(ordered(steps))
    return out


def _protocol(agreement: Agreement, protocol: Item) -> Blocks:
    out: Blocks = [plain([strong(str(protocol.get("name") or protocol["id"]))])]
    for key, label in (("from", "From"), ("to", "To")):
        if protocol.get(key):
            out.append(labelled(label, _names(agreement, protocol[key])))
    for key, label in (("what", "What"), ("channel", "Channel"), ("cadence", "Cadence")):
        if protocol.get(key):
            out.append(labelled(label, str(protocol[key])))
    return out


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _metric(agreement: Agreement, metric: Item) -> Blocks:
    out: Blocks = [plain([strong(str(metric.get("name") or metric["id"]))])]
    if metric.get("measure"):
        unit = f" ({metric['unit']})" if metric.get("unit") else ""
        out.append(labelled("Measure", f"{metric['measure']}{unit}"))
    threshold, trigger = metric.get("threshold"), metric.get("trigger")
    if isinstance(threshold, dict):
        unit = f" {metric['unit']}" if metric.get("unit") else ""
        out.append(labelled("Threshold", f"{threshold['comparator']} {_number(threshold['value'])}{unit}"))
    if isinstance(trigger, dict):
        judged = f" (judged by {trigger['judged_by']})" if trigger.get("judged_by") else ""
        out.append(labelled("Trigger", f"{trigger.get('description', '')}{judged}"))
    for key, label in (("cadence", "Cadence"), ("data_source", "Data source")):
        if metric.get(key):
            out.append(labelled(label, str(metric[key])))
    for key, label in (("owner", "Owner"), ("measured_by", "Measured by")):
        if metric.get(key):
            out.append(labelled(label, _who(agreement, str(metric[key]))))
    return out


def follow_through(agreement: Agreement) -> Blocks:
    blocks: Blocks = [header(2, "Follow-through schedule")]
    render = {"dispute_mechanisms": _mechanism, "protocols": _protocol, "metrics": _metric}
    for number, scenario in enumerate(agreement.scenarios, 1):
        blocks.append(header(3, f"Scenario {number}.", str(scenario.get("title") or scenario["id"])))
        blocks.append(para(str(scenario["description"])))
        facts = [f"{k.capitalize()}: {scenario[k]}" for k in ("likelihood", "impact") if scenario.get(k)]
        if facts:
            blocks.append(para([emph("; ".join(facts))]))
        for key, items in agreement.safeguards(scenario).items():
            if items:
                blocks.append(para([strong(shape.heading(key))]))
                blocks.append(bullets([render[key](agreement, item) for item in items]))
    return blocks


def _signature_block(party: str, name: str, title: str) -> Node:
    return div(
        [
            para([strong(f"For {party}")]),
            *lines([plain("Name:", name or BLANK_LINE), plain("Title:", title or BLANK_LINE)]),
            para("Signature:", SIGNATURE_LINE),
            para("Date:", DATE_LINE),
        ],
        "signature",
    )


def signatures(agreement: Agreement) -> Blocks:
    blocks: Blocks = [header(2, "Signatures"), para("IN WITNESS WHEREOF, the parties sign this agreement.")]
    signed: set[str] = set()
    for signatory in agreement.signatories:
        ident = str(signatory["party"])
        signed.add(ident)
        blocks.append(_signature_block(agreement.name(ident), str(signatory["name"]), str(signatory["title"])))
    for party in agreement.parties:
        if party.get("status", "party") == "party" and str(party["id"]) not in signed:
            blocks.append(_signature_block(str(party["name"]), "", ""))
    return blocks
