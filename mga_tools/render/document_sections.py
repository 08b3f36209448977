"""The sections of the signable document, each a list of pandoc blocks: parties to distribution, signatures.

Values reach the document through :meth:`Agreement.shown` and
:mod:`mga_tools.render.wording`, so that a fact recorded as not known reads
``Not recorded (...): REASON`` with the titles of the sources consulted.
"""

from __future__ import annotations

from collections.abc import Iterable

from mga_tools.model import Agreement
from mga_tools.model.agreement import Item
from mga_tools.model.facts import is_gap
from mga_tools.render import wording
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


def who(agreement: Agreement, ident: object) -> str:
    """A party's name, or a group's name with its members; a gap as not recorded."""
    if is_gap(ident):
        return agreement.shown(ident)
    members = agreement.members(str(ident))
    if members in ([str(ident)], []):
        return agreement.name(ident)
    return f"{agreement.name(ident)} ({', '.join(agreement.name(m) for m in members)})"


def names(agreement: Agreement, idents: Iterable[object] | None) -> str:
    """The names of several parties or groups, ``;``-separated; a gap as not recorded."""
    if is_gap(idents):
        return agreement.shown(idents)
    return "; ".join(who(agreement, i) for i in idents or [])


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
        if party.get("created_by"):
            item.append(labelled("Created by this agreement, under", wording.created_by(agreement, party)))
        reps = [
            f"{r['name']}, {r['role']}" + (" (alternate)" if r.get("alternate") else "")
            if r.get("role")
            else str(r["name"]) + (" (alternate)" if r.get("alternate") else "")
            for r in party.get("representatives") or []
        ]
        if reps:
            item.append(labelled("Represented by", "; ".join(reps)))
        items.append(item)
    blocks: Blocks = [header(2, "Parties"), para("This agreement is made between:"), ordered(items)]
    for group in agreement.groups:
        if group.get("description"):
            blocks.append(para([strong(str(group["name"]))], agreement.shown(group["description"])))
        if group.get("members"):
            blocks.append(
                para([strong(str(group["name"]))], "is a group formed by", names(agreement, group.get("members")))
            )
        if group.get("membership"):
            blocks.append(para([strong(str(group["name"]))], "Membership:", wording.membership(agreement, group)))
            roster = (group.get("membership") or {}).get("roster") or []
            entries = [[plain(wording.roster_entry(agreement, m))] for m in roster if isinstance(m, dict)]
            if entries:
                blocks.append(bullets(entries))
    return blocks


def recitals(agreement: Agreement) -> Blocks:
    blocks: Blocks = [header(2, "Recitals")]
    for holder in [*agreement.parties, *agreement.groups]:
        if not _active(holder):
            continue
        if is_gap(holder.get("interests")):
            text = f"the interests of {who(agreement, str(holder['id']))} are"
            blocks.append(para([strong("WHEREAS")], text, agreement.shown(holder["interests"])))
            continue
        for interest in holder.get("interests") or []:
            blocks.append(
                para(
                    [strong("WHEREAS")],
                    f"the interest of {who(agreement, str(holder['id']))} is:",
                    str(interest["statement"]),
                )
            )
    blocks.append(para([strong("NOW, THEREFORE,")], "the parties agree as follows."))
    return blocks


def external(agreement: Agreement, found: Item, label: str) -> Blocks:
    """``Label: an agreement outside this repository``, its address as plain text (nothing is fetched)."""
    out: Blocks = [labelled(label, wording.external(agreement, found))]
    if found.get("url"):
        out.append(labelled("Address", str(found["url"])))
    return out


def condition(agreement: Agreement, cond: Item, numbers: dict[str, int]) -> Blocks:
    """One condition: if, then, whose decision, which agreement or terms it depends on, and by when."""
    item: Blocks = [labelled("If", agreement.shown(cond.get("if", "")))]
    if cond.get("then"):
        item.append(labelled("Then", agreement.shown(cond["then"])))
    if cond.get("approver"):
        item.append(labelled("Decision of", agreement.name(cond["approver"])))
    if cond.get("agreement"):
        item.append(labelled("Performance of agreement", str(cond["agreement"])))
    if isinstance(cond.get("external"), dict):
        item += external(agreement, cond["external"], "Performance of agreement")
    if cond.get("terms"):
        refs = [f"Term {numbers.get(str(t), '?')} ({agreement.name(t)})" for t in cond["terms"]]
        item.append(labelled("Depends on", ", ".join(refs)))
    if cond.get("by"):
        item.append(labelled("By", agreement.date(cond["by"])))
    return item


def terms(agreement: Agreement) -> Blocks:
    numbers = _term_numbers(agreement)
    blocks: Blocks = [header(2, "Terms")]
    for number, term in enumerate(agreement.terms, 1):
        blocks.append(header(3, f"Term {number}.", str(term.get("title") or term["id"])))
        blocks.append(para([emph(f"Reference: {term['id']}")]))
        blocks.append(para(agreement.shown(term.get("text", ""))))
        details: list[Blocks] = []
        if term.get("kind", "obligation") != "obligation":
            details.append([labelled("Kind", str(term["kind"]))])
        if term.get("strength"):
            details.append([labelled("Strength", wording.STRENGTHS.get(str(term["strength"]), str(term["strength"])))])
        details.append([labelled("Obligated", names(agreement, term.get("obligated")))])
        if term.get("beneficiaries"):
            details.append([labelled("Beneficiaries", names(agreement, term["beneficiaries"]))])
        for key, label in (("due", "Due"), ("recurring", "Recurring"), ("formula", "Formula")):
            if term.get(key):
                details.append([labelled(label, agreement.shown(term[key]))])
        amounts = [[plain(wording.amount(agreement, x))] for x in term.get("amounts") or [] if isinstance(x, dict)]
        if amounts:
            details.append([labelled("Amounts"), bullets(amounts)])
        conditions = [condition(agreement, c, numbers) for c in term.get("conditions") or [] if isinstance(c, dict)]
        if conditions:
            details.append([labelled("Conditions"), bullets(conditions)])
        blocks.append(bullets(details))
    return blocks


def _agreed_by(agreement: Agreement, agreed: object) -> str:
    if is_gap(agreed):
        return agreement.shown(agreed)
    shown = []
    for a in agreed if isinstance(agreed, list) else []:
        if isinstance(a, dict):
            when = agreement.date(a["date"]) if a.get("date") else "undated"
            shown.append(f"{who(agreement, a.get('party') or a.get('group'))} ({when})")
    return "; ".join(shown)


def distribution(agreement: Agreement) -> Blocks:
    blocks: Blocks = [header(2, "Distribution")]
    if agreement.criteria:
        blocks.append(header(3, "Criteria"))
        for criterion in agreement.criteria:
            item: list[Blocks] = []
            if criterion.get("description"):
                item.append([plain(agreement.shown(criterion["description"]))])
            if criterion.get("source"):
                item.append([labelled("Source", agreement.shown(criterion["source"]))])
            agreed = _agreed_by(agreement, criterion.get("agreed_by"))
            if agreed:
                item.append([labelled("Agreed by", agreed)])
            blocks += [para([strong(str(criterion["principle"]))]), bullets(item)]
    if agreement.allocations:
        blocks.append(header(3, "Allocations"))
        for allocation in agreement.allocations:
            criterion = agreement.by_id.get(str(allocation["criterion"]), {})
            blocks.append(para([strong(str(allocation["what"]))]))
            shares = [
                [labelled(who(agreement, s.get("to", "")), agreement.shown(s.get("share", "")))]
                for s in allocation.get("shares") or []
            ]
            rows: list[Blocks] = [[labelled("Criterion", str(criterion.get("principle", allocation["criterion"])))]]
            if shares:
                rows.append([labelled("Shares"), bullets(shares)])
            blocks.append(bullets(rows))
    return blocks


def _signature_block(party: str, name: str, title: str, date: str = "") -> Node:
    return div(
        [
            para([strong(f"For {party}")]),
            *lines([plain("Name:", name or BLANK_LINE), plain("Title:", title or BLANK_LINE)]),
            para("Signature:", SIGNATURE_LINE),
            para("Date:", date or DATE_LINE),
        ],
        "signature",
    )


def signatures(agreement: Agreement) -> Blocks:
    blocks: Blocks = [header(2, "Signatures"), para("IN WITNESS WHEREOF, the parties sign this agreement.")]
    signed: set[str] = set()
    for signatory in agreement.signatories:
        ident = str(signatory["party"])
        signed.add(ident)
        name, title = (agreement.shown(signatory.get(key, "")) for key in ("name", "title"))
        date = agreement.date(signatory["date"]) if signatory.get("date") else ""
        blocks.append(_signature_block(agreement.name(ident), name, title, date))
    for party in agreement.parties:
        if party.get("status", "party") == "party" and str(party["id"]) not in signed:
            blocks.append(_signature_block(str(party["name"]), "", ""))
    return blocks
