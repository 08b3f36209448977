"""Terms: one term adopting an option of the first package per issue, plus a few standard terms.

Every interest at the table is served by some term, so that no interest is
left unaddressed.
"""

from __future__ import annotations

from typing import Any

from .context import Draft, date, lower_first
from .vocabulary import EXTRA_TERMS, TERM_TEMPLATES
from .yaml_text import Flow, banner


def terms(d: Draft) -> None:
    """Add the terms; records them for the amendments."""
    rng, council = d.rng, d.council
    option_title = {o["id"]: o["title"] for issue in d.issues for o in issue["options"]}
    obligable = d.party_ids + [g["id"] for g in d.groups]
    for issue, chosen_option in zip(d.issues, d.packages[0]["options"], strict=True):
        obligated = rng.sample(obligable, rng.choice((1, 1, 2)))
        # Every term is titled, as TITLE-MISSING asks (the draw keeps the sequence of random numbers).
        term: dict[str, Any] = {"id": d.ids.take(f"term-{issue['id']}"), "title": issue["title"].rstrip("?")}
        rng.random()
        term["text"] = rng.choice(TERM_TEMPLATES).format(
            obligated=d.names(obligated), option=lower_first(option_title[chosen_option]), council=council
        )
        term["obligated"] = Flow(obligated)
        if rng.random() < 0.2:
            term["beneficiaries"] = Flow([rng.choice(d.non_parties)["id"]])
        if rng.random() < 0.6:
            term["due"] = date(d.year + 2, rng.randint(0, 360))
        else:
            term["recurring"] = rng.choice(("Annually", "Quarterly", "Every water year", "Each budget cycle"))
        if rng.random() < 0.15:
            approver = d.approvers[0]
            term["conditions"] = [
                {
                    "if": f"The {approver['name']} gives the approval this term needs.",
                    "then": "If the approval is refused, the parties meet within 60 days to agree a substitute.",
                    "approver": approver["id"],
                    "by": date(d.year + 2, rng.randint(0, 360)),
                }
            ]
        term["adopts"] = Flow([chosen_option])
        d.terms.append(term)
    for key, title, text, due in rng.sample(EXTRA_TERMS, rng.choice((0, 0, 1, 1, 2))):
        obligated = rng.sample(obligable, rng.randint(2, min(4, len(obligable))))
        term = {"id": d.ids.take(f"term-{key}"), "title": title.format(council=council)}
        term["text"] = text.format(council=council)
        term["obligated"] = Flow(obligated)
        if due:
            term["due"] = due
        d.terms.append(term)
    for n, iid in enumerate(d.interests):
        d.terms[n % len(d.terms)].setdefault("serves", Flow()).append(iid)
    for term in d.terms:  # keep keys in schema order: serves before adopts
        if "adopts" in term:
            term["adopts"] = term.pop("adopts")
    d.data["#terms"] = banner("Terms")
    d.data["terms"] = d.terms
