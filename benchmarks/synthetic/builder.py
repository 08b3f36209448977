"""Build one synthetic agreement: metadata, the four phases, terms, signatures.

:func:`build` runs the phases in the order of the file (which is also the
order of the random draws): metadata, preparation, value creation, value
distribution, terms, follow-through, then signatories and amendments.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from .context import Draft, person, start
from .follow_through import follow_through
from .negotiation import value_creation, value_distribution
from .preparation import preparation
from .terms import terms
from .vocabulary import HISTORY_NOTES, MEDIATION_FIRMS, TERMINATION
from .yaml_text import Flow, FlowMap


@dataclass
class Agreement:
    """A generated agreement plus what the mutations need to know about it."""

    ident: str
    data: dict[str, Any]
    status: str


def build(rng: random.Random, ident_prefix: str, number: int, earlier: list[str]) -> Agreement:
    """Agreement ``number``; ``earlier`` holds ids it may name as related agreements."""
    d = start(rng, ident_prefix, number)
    _metadata(d, earlier)
    preparation(d)
    value_creation(d)
    value_distribution(d)
    terms(d)
    follow_through(d)
    _signatures(d)
    return Agreement(d.ident, d.data, d.status)


def _metadata(d: Draft, earlier: list[str]) -> None:
    rng, data, status_date = d.rng, d.data, d.status_date
    data["id"] = d.ident
    data["title"] = d.fill(d.domain["title"])
    data["summary"] = d.fill(d.domain["summary"])
    data["version"] = f"{rng.randint(0, 2)}.{rng.randint(0, 12)}" + ("-draft" if d.status_rank < 3 else "")
    data["status"] = d.status
    data["status_history"] = [
        {
            "status": s,
            "date": when,
            **({"note": HISTORY_NOTES[s].format(council=d.council)} if rng.random() < 0.7 else {}),
        }
        for s, when in d.history
    ]
    if d.at_least("agreed"):
        effective_year = int(status_date["agreed"][:4]) + 1
        data["effective"] = f"{effective_year}-01-01"
        data["expires"] = f"{effective_year + rng.choice((5, 10, 15, 25, 50)) - 1}-12-31"
        if rng.random() < 0.5:
            data["termination"] = TERMINATION
    data["confidentiality"] = rng.choice(("public", "public", "restricted", "confidential"))
    data["languages"] = Flow(rng.choice((["en"], ["en"], ["en", "fr"], ["en", "es"], ["en", "cy"])))
    if rng.random() < 0.6:
        data["convenor"] = {
            "name": person(rng),
            "organisation": f"Office of the Mayor of {d.place}",
            "role": "Convenor",
        }
    d.firm = rng.choice(MEDIATION_FIRMS)
    data["facilitator"] = {"name": person(rng), "organisation": d.firm, "role": "Lead mediator"}
    if earlier and rng.random() < 0.25:
        data["related"] = [
            {"agreement": rng.choice(earlier), "relation": rng.choice(("related", "depends-on", "parent"))}
        ]


def _signatures(d: Draft) -> None:
    """Signatories once agreed, and the amendment of an amended agreement."""
    status_date = d.status_date
    if d.at_least("agreed"):
        signed = status_date.get("signed", status_date["agreed"])
        d.data["signatories"] = [
            FlowMap(
                party=p["id"], name=p["representatives"][0]["name"], title=p["representatives"][0]["role"], date=signed
            )
            for p in d.parties
            if p["id"] in d.party_ids
        ]
    if "amended" in status_date:
        d.data["amendments"] = [
            {
                "id": d.ids.take("amendment-1"),
                "date": status_date["amended"],
                "summary": "Deadlines moved back by six months after a delayed approval; nothing else changes.",
                "approved_by": Flow(d.party_ids),
                "terms": Flow([d.terms[0]["id"]]),
            }
        ]
