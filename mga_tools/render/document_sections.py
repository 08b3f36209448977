"""The sections of the signable document, each a list of pandoc blocks: parties, recitals, terms, distribution.

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
    bullets,
    emph,
    header,
    labelled,
    ordered,
    para,
    plain,
    strong,
)

# Shared with the site, which names things the same way.
DESCRIBED_BY, HEADING_WORDS = wording.DESCRIBED_BY, wording.HEADING_WORDS
term_heading, title = wording.term_heading, wording.title


def who(agreement: Agreement, ident: object) -> str:
    """A party's name, or a group's name with its current members; a gap as not recorded.

    A member that withdrew or was expelled is no longer inside the group, so it is not named in it.
    """
    if is_gap(ident):
        return agreement.shown(ident)
    members = agreement.members(str(ident))
    if members in ([str(ident)], []):
        return agreement.name(ident)
    current = [m for m in members if wording.active(agreement.by_id.get(m, {}))]
    if not current:
        return agreement.name(ident)
    return f"{agreement.name(ident)} ({', '.join(agreement.name(m) for m in current)})"


def names(agreement: Agreement, idents: Iterable[object] | None, *, bound: bool = False) -> str:
    """The names of several parties or groups, ``;``-separated; a gap as not recorded.

    ``bound``: the list says who is bound, so a party that withdrew or was expelled is left out of it.
    """
    if is_gap(idents):
        return agreement.shown(idents)
    shown = [i for i in idents or [] if not bound or wording.active(agreement.by_id.get(str(i), {}))]
    return "; ".join(who(agreement, i) for i in shown)


def named(agreement: Agreement, ident: object) -> str:
    """What an id stands for, by name: a term as ``Term N. Title`` (or its first words), anything else by name."""
    return wording.named(agreement, ident)


def _term_numbers(agreement: Agreement) -> dict[str, int]:
    return {str(t["id"]): n for n, t in enumerate(agreement.terms, 1)}


def _active(party: Item) -> bool:
    return wording.active(party)


def _party(agreement: Agreement, party: Item) -> Blocks:
    item: Blocks = [plain([strong(str(party["name"]))], f"({wording.kind_words(party)})")]
    if party.get("status") == "prospective":
        standing = wording.party_standing(agreement, party)
        if standing != wording.enum_label("partyStatus", "prospective"):
            item.append(labelled("Standing", standing))
        else:
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
    return item


def parties(agreement: Agreement) -> Blocks:
    """The parties bound by the agreement, its groups, and the former parties with when they left."""
    items = [_party(agreement, p) for p in agreement.parties if _active(p)]
    blocks: Blocks = [header(1, "Parties"), para("This agreement is made between:"), ordered(items)]
    former = [
        [plain([strong(str(p["name"]))], f"({wording.kind_words(p)}):", wording.party_standing(agreement, p))]
        for p in agreement.parties
        if not _active(p)
    ]
    if former:
        blocks += [para("Former parties, no longer bound by this agreement:"), bullets(former)]
    for group in agreement.groups:
        if group.get("description"):
            blocks.append(para([strong(str(group["name"]))], agreement.shown(group["description"])))
        if group.get("members"):
            blocks.append(
                para(
                    [strong(str(group["name"]))],
                    "is a group formed by",
                    names(agreement, group.get("members"), bound=True),
                )
            )
        if group.get("membership"):
            blocks.append(para([strong(str(group["name"]))], "Membership:", wording.membership(agreement, group)))
            roster = (group.get("membership") or {}).get("roster") or []
            entries = [[plain(wording.roster_entry(agreement, m))] for m in roster if isinstance(m, dict)]
            if entries:
                blocks.append(bullets(entries))
    people = [
        [labelled(what, wording.person(agreement, agreement.data[key]))]
        for key, what in (("convenor", "Convened by"), ("facilitator", "Facilitated by"))
        if isinstance(agreement.data.get(key), dict)
    ]
    if people:
        blocks.append(bullets(people))
    return blocks


def recitals(agreement: Agreement) -> Blocks:
    blocks: Blocks = [header(1, "Recitals")]
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
        item.append(labelled("Performance of agreement", agreement.agreement_name(cond["agreement"])))
    if isinstance(cond.get("external"), dict):
        item += external(agreement, cond["external"], "Performance of agreement")
    if cond.get("terms"):
        item.append(labelled("Depends on", "; ".join(named(agreement, t) for t in cond["terms"])))
    if cond.get("by"):
        item.append(labelled("By", agreement.date(cond["by"])))
    item.append(labelled("Status", wording.condition_status(agreement, cond)))
    return item


def terms(agreement: Agreement) -> Blocks:
    numbers = _term_numbers(agreement)
    blocks: Blocks = [header(1, "Terms")]
    for number, term in enumerate(agreement.terms, 1):
        blocks.append(header(2, term_heading(number, term)))
        blocks.append(para(agreement.shown(term.get("text", ""))))
        details: list[Blocks] = []
        if term.get("kind", "obligation") != "obligation":
            details.append([labelled("Kind", wording.enum_label("term.kind", term["kind"]))])
        if term.get("strength"):
            details.append([labelled("Strength", wording.enum_label("term.strength", term["strength"]))])
        # Only a former party named: the term binds nobody now, which the reader must see rather than a blank.
        obligated = names(agreement, term.get("obligated"), bound=True)
        if not obligated and term.get("obligated"):
            obligated = "no party still bound by this agreement"
        details.append([labelled("Obligated", obligated)])
        if term.get("beneficiaries"):
            details.append([labelled("Beneficiaries", names(agreement, term["beneficiaries"]))])
        for key, what in (("due", "Due"), ("recurring", "Recurring"), ("formula", "Formula")):
            if term.get(key):
                details.append([labelled(what, agreement.shown(term[key]))])
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
    blocks: Blocks = [header(1, "Distribution")]
    if agreement.criteria:
        blocks.append(header(2, "Criteria"))
        for criterion in agreement.criteria:
            item: list[Blocks] = []
            if criterion.get("description"):
                item.append([plain(agreement.shown(criterion["description"]))])
            if criterion.get("source"):
                item.append([labelled("Source", agreement.shown(criterion["source"]))])
            agreed = _agreed_by(agreement, criterion.get("agreed_by"))
            if agreed:
                item.append([labelled("Agreed by", agreed)])
            blocks += [header(3, str(criterion["principle"])), bullets(item)]
    if agreement.allocations:
        blocks.append(header(2, "Allocations"))
        for allocation in agreement.allocations:
            criterion = agreement.by_id.get(str(allocation["criterion"]), {})
            blocks.append(header(3, str(allocation["what"])))
            shares = [
                [labelled(who(agreement, s.get("to", "")), agreement.shown(s.get("share", "")))]
                for s in allocation.get("shares") or []
            ]
            rows: list[Blocks] = [[labelled("Criterion", str(criterion.get("principle", allocation["criterion"])))]]
            if shares:
                rows.append([labelled("Shares"), bullets(shares)])
            blocks.append(bullets(rows))
    return blocks
