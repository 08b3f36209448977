"""Site page sections of the terms: each term with its amounts and conditions, and the coverage matrix."""

from __future__ import annotations

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.model.facts import is_gap
from mga_tools.render import wording
from mga_tools.render.site_common import (
    NAMES_SHOWN,
    count,
    date,
    field,
    first_names,
    fold,
    heading,
    join,
    ref,
    refs,
    text,
    url,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def external(a: Agreement, agreement: dict[str, Any]) -> str:
    """An agreement outside this repository, as Markdown, with its address as a link (never fetched)."""
    shown = md.text(wording.external(a, agreement))
    return f"{shown} ({url(agreement['url'])})" if agreement.get("url") else shown


def condition(a: Agreement, c: dict[str, Any]) -> str:
    """One condition: if, then, who decides, which agreement or terms it depends on, and by when."""
    parts = [text(a, c.get("if", ""))]
    if c.get("then"):
        parts.append("then " + text(a, c["then"]))
    if c.get("approver"):
        parts.append("decided by " + ref(a, c["approver"]))
    if c.get("agreement"):
        parts.append("on agreement " + md.text(a.agreement_name(c["agreement"])))
    if isinstance(c.get("external"), dict):
        parts.append("on agreement " + external(a, c["external"]))
    if c.get("terms"):
        parts.append("on terms " + refs(a, c["terms"]))
    if c.get("by"):
        parts.append("by " + date(a, c["by"]))
    if c.get("status") or c.get("date"):
        shown = md.text(wording.enum_label("condition.status", c.get("status", "pending")))
        parts.append("status: " + (f"{shown} ({date(a, c['date'])})" if c.get("date") else shown))
    return "; ".join(p for p in parts if p)


def conditions(a: Agreement, values: Any) -> str:
    """``**Conditions:**`` and a list of them (nothing when there are none)."""
    found = [c for c in values if isinstance(c, dict)] if isinstance(values, list) else []
    if not found:
        return ""
    return "**Conditions:**\n\n" + "\n".join(f"- {condition(a, c)}" for c in found)


def _few(a: Agreement, idents: Any) -> str:
    """Links to the parties a term names; a long list names the first ones and points to the obligations view."""
    if not isinstance(idents, list) or len(idents) <= NAMES_SHOWN:
        return refs(a, idents)
    listed = first_names([ref(a, i) for i in idents[:NAMES_SHOWN]], len(idents))
    return f'{listed} (see <a href="#obligations">Obligations</a>)'


def term(a: Agreement, t: dict[str, Any]) -> str:
    """One term: its text, who it binds, how strongly, its amounts, and the interests it serves (linked)."""
    lines = [text(a, t.get("text", ""))]
    facts = [field("Kind", md.text(wording.enum_label("term.kind", t.get("kind", "obligation"))))]
    if t.get("strength"):
        facts.append(field("Strength", md.text(wording.enum_label("term.strength", t["strength"]))))
    facts.append(field("Obligated", _few(a, t.get("obligated"))))
    if t.get("beneficiaries"):
        facts.append(field("Beneficiaries", _few(a, t["beneficiaries"])))
    for key, label in (("due", "Due"), ("recurring", "Recurs"), ("formula", "Formula")):
        if t.get(key) not in (None, ""):
            facts.append(field(label, text(a, t[key])))
    amounts = [x for x in t.get("amounts") or [] if isinstance(x, dict)]
    if amounts:
        facts.append(field("Amounts", "; ".join(md.text(wording.amount(a, x)) for x in amounts)))
    facts.append(field("Serves", refs(a, t.get("serves"))))
    if t.get("adopts"):
        facts.append(field("Adopts", refs(a, t["adopts"])))
    lines.append("\n".join(f"- {f}" for f in facts))
    lines.append(conditions(a, t.get("conditions")))
    return join([heading(a, 3, t, "term"), *lines])


def terms(a: Agreement) -> str:
    """The terms, then the coverage matrix."""
    return join(["## Terms", *(term(a, t) for t in a.terms), coverage(a)])


def coverage(a: Agreement) -> str:
    """Who holds which interest, and the terms that serve it (from :meth:`Agreement.coverage`)."""
    found = a.coverage()
    rows = [
        [ref(a, holder), ref(a, interest), refs(a, served) if served else "**none**"]
        for (holder, interest), served in found.items()
    ]
    unserved = sum(1 for served in found.values() if not served)
    shown = md.table(["Party", "Interest", "Terms serving it"], rows)
    summary = f"{count(len(rows), 'interest')}, {unserved:,} served by no term"
    # Interests not recorded have no row (the matrix is the model's coverage); they are listed below it.
    unrecorded = [h for h in [*a.parties, *a.groups] if is_gap(h.get("interests"))]
    lines = [f"- {ref(a, h['id'])}: {text(a, h['interests'])}" for h in unrecorded]
    return join(
        [
            "### Coverage matrix { #coverage-matrix }",
            "Each party's (or group's) interests, and the terms that serve them.",
            fold(summary, shown) if len(rows) > 1 else shown,
            "**Interests not recorded:**\n\n" + "\n".join(lines) if lines else "",
        ]
    )
