"""The obligations view of an agreement page: for each party, what it owes, to whom, by when, under which term.

A party owes what every term that names it under ``obligated`` says, and
what the terms that name a group it belongs to say (:meth:`Agreement.members`).
A party that withdrew or was expelled owes nothing any more and is not listed
as owing. Parties with exactly the same duties share one block that names
them all, so that 5,000 parties bound by the same terms read as one block,
not 5,000; a long list of names folds.

Each block is a ``<div class="mga-duties" data-party="ID">`` where ``ID`` is
the id of the first party it names (in the order of the agreement's
parties): one block per distinct set of duties, addressable by any browser
test or script through the first party it lists.
"""

from __future__ import annotations

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.render import wording
from mga_tools.render.site_common import NAMES_SHOWN, first_names, fold, join, ref

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HEADING = "## Obligations { #obligations }"
# One duty: the term's id and, when the party owes it as a member of a group, that group's id.
Duty = tuple[str, str | None]


def duties(a: Agreement) -> dict[str, list[Duty]]:
    """Party (or group without listed members) id -> its duties, in the order of the terms.

    A group's duties are owed by each of its current members; a group that lists no
    members owes them itself. Parties no longer bound (withdrawn, expelled) owe nothing.
    """
    found: dict[str, list[Duty]] = {}
    for term in a.terms:
        obligated = term.get("obligated")
        if not isinstance(obligated, list):
            continue  # not recorded: the term says so where it is shown
        for ident in (str(i) for i in obligated):
            members = a.members(ident) or [ident]
            for holder in members:
                if not wording.active(a.by_id.get(holder, {})):
                    continue
                owed = found.setdefault(holder, [])
                via = None if holder == ident else ident
                if all(t != str(term["id"]) for t, _ in owed):  # owed once, the first way the terms name it
                    owed.append((str(term["id"]), via))
    return found


def _order(a: Agreement) -> dict[str, int]:
    """The position of each party, then each group, in the agreement: blocks follow it."""
    return {str(x["id"]): n for n, x in enumerate([*a.parties, *a.groups])}


def _few(a: Agreement, idents: list[str]) -> str:
    """Names (plain, escaped) of up to :data:`NAMES_SHOWN` ids, then ``and N more``."""
    return first_names([md.text(a.name(i)) for i in idents[:NAMES_SHOWN]], len(idents))


def _what(a: Agreement, term: dict[str, Any], via: str | None) -> str:
    kind = wording.enum_label("term.kind", term.get("kind", "obligation")).lower()
    if term.get("strength"):
        kind += ", " + wording.enum_label("term.strength", term["strength"])
    called = wording.title(term, wording.first_words(term.get("text")))
    shown = f"**{md.text(called)}** ({md.text(kind)})"
    amounts = [md.text(wording.amount(a, x)) for x in term.get("amounts") or [] if isinstance(x, dict)]
    if amounts:
        shown += ": " + "; ".join(amounts)
    if via is not None:
        shown += f", as a member of {md.text(a.name(via))}"
    return shown


def _to_whom(a: Agreement, term: dict[str, Any]) -> str:
    beneficiaries = term.get("beneficiaries")
    found = [str(i) for i in beneficiaries] if isinstance(beneficiaries, list) else []
    for amount in term.get("amounts") or []:
        if isinstance(amount, dict) and isinstance(amount.get("recipients"), list):
            found += [str(i) for i in amount["recipients"]]
    return _few(a, list(dict.fromkeys(found))) or "—"


def _by_when(a: Agreement, term: dict[str, Any]) -> str:
    parts = []
    if term.get("due") not in (None, ""):
        parts.append("due " + md.text(a.date(term["due"])))
    if term.get("recurring") not in (None, ""):
        parts.append("recurs " + md.text(a.shown(term["recurring"])))
    return "; ".join(parts) or "not dated"


def _block(a: Agreement, holders: list[str], owed: list[Duty], numbers: dict[str, int]) -> str:
    if len(holders) == 1:
        lead = f"Duties of {ref(a, holders[0])}:"  # "duties of", not "owes": a holder may be a group of many
    elif len(holders) <= NAMES_SHOWN:
        lead = "Duties of each of " + ", ".join(ref(a, h) for h in holders) + ":"
    else:
        lead = f"{len(holders):,} parties each owe the same: {_few(a, holders)}."
    rows = []
    for ident, via in owed:
        term = a.by_id[ident]
        under = md.link(f"Term {numbers[ident]}", "term", ident)
        rows.append([_what(a, term, via), _to_whom(a, term), _by_when(a, term), under])
    table = md.table(["What", "To whom", "By when", "Under"], rows)
    names = ", ".join(md.text(a.name(h)) for h in holders)
    listed = fold(f"All {len(holders):,} parties", names) if len(holders) > NAMES_SHOWN else ""
    attributes = f'class="mga-duties" data-party="{md.html(holders[0])}" markdown="1"'
    return f"<div {attributes}>\n\n{join([lead, listed, table])}\n\n</div>"


def obligations(a: Agreement) -> str:
    """The obligations view: one block per distinct set of duties, then the parties that owe nothing."""
    found = duties(a)
    order = _order(a)
    numbers = {str(t["id"]): n for n, t in enumerate(a.terms, 1)}
    merged: dict[tuple[Duty, ...], list[str]] = {}
    for holder in sorted(found, key=lambda h: order.get(h, len(order))):
        merged.setdefault(tuple(found[holder]), []).append(holder)
    intro = (
        "What each party owes under the terms, to whom and by when; parties with the same duties are listed together."
    )
    blocks = [_block(a, holders, list(owed), numbers) for owed, holders in merged.items()]
    if not blocks:
        intro = "No term obligates a party."
    free = [str(p["id"]) for p in a.parties if str(p["id"]) not in found and wording.active(p)]
    if free:
        verb = "owes" if len(free) == 1 else "owe"
        line = f"{_few(a, free)} {verb} nothing under the terms."
        names = ", ".join(md.text(a.name(i)) for i in free)
        blocks += [line, fold(f"All {len(free):,} parties that owe nothing", names) if len(free) > NAMES_SHOWN else ""]
    return join([HEADING, intro, *blocks])
