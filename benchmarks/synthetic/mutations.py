"""Mutations: one realistic finding in an otherwise clean agreement, for the slow path of the validator."""

from __future__ import annotations

import random

from .builder import Agreement

MUTATIONS = (
    "missing-metric",
    "dangling-reference",
    "metric-without-owner",
    "misspelt-key",
    "impossible-date",
    "ladder-without-decision",
)


def mutate(agreement: Agreement, kind: str, rng: random.Random) -> None:
    """Give ``agreement`` the finding ``kind`` (one of :data:`MUTATIONS`)."""
    data = agreement.data
    ft = data["follow_through"]
    if kind == "missing-metric":
        del rng.choice(ft["failure_scenarios"])["metrics"]
    elif kind == "dangling-reference":
        term = next(t for t in data["terms"] if t.get("serves"))
        ident = term["serves"][0]
        term["serves"][0] = ident[:-1] if len(ident) > 6 else ident + "s"
    elif kind == "metric-without-owner":
        del rng.choice(ft["metrics"])["owner"]
    elif kind == "misspelt-key":
        protocol = rng.choice(ft["protocols"])
        protocol["cadance"] = protocol.pop("cadence")
    elif kind == "impossible-date":
        entry = data["status_history"][-1]
        entry["date"] = entry["date"][:5] + "02-30"
    elif kind == "ladder-without-decision":
        mechanism = rng.choice(ft["dispute_mechanisms"])
        mechanism["steps"][-1]["kind"] = "mediation"
        mechanism["steps"][-1].pop("remedies", None)
    else:
        raise ValueError(kind)
