"""Score sheets shaped like those of the real agreements, and an adopted package that holds up against them.

Every party at the table scores every option from 0 to 100 in steps of 5 and
weights every issue with shares of 1 in steps of 0.05, as in
``agreements/three-firm-battery-recycling-jv.yaml``. The adopted package is
then replaced by an efficient one (it maximises a positive weighting of the
parties' utilities, so no package gives everybody as much and somebody more),
and any reservation value above what that package gives its party is lowered
to it: a clean file stays clean under ADOPTED-DOMINATED and
ADOPTED-BELOW-BATNA.

Draws come from their own generator, so that the rest of the agreement is the
same with or without scores.
"""

from __future__ import annotations

import random
from typing import Any

from mga_tools.model.utility import SCALE, contributions

from .yaml_text import Flow, FlowMap, to_yaml

SCORES_HEADER = "# yaml-language-server: $schema=../schema/scores.schema.json"


def scored_parties(data: dict[str, Any]) -> list[str]:
    """The parties at the table (not prospective, not withdrawn): those that score."""
    return [p["id"] for p in data["preparation"]["parties"] if p.get("status", "party") == "party"]


def embedded_lines(data: dict[str, Any]) -> int:
    """How many lines the scores add to the agreement when kept in it."""
    return 1 + 3 * len(scored_parties(data))


def add_scores(data: dict[str, Any], rng: random.Random, *, separate: bool) -> str | None:
    """Score ``data``'s options for every party; returns the score file's text, or None when embedded."""
    parties = scored_parties(data)
    issues = data["value_creation"]["issues"]
    options = [[o["id"] for o in issue["options"]] for issue in issues]
    sheets: dict[str, Any] = {}
    for party in parties:
        shares = _shares(rng, len(issues))
        weights = FlowMap((issue["id"], share / 20) for issue, share in zip(issues, shares, strict=True))
        scores = FlowMap((o, 5 * rng.randint(0, 20)) for ids in options for o in ids)
        sheets[party] = {"weights": weights, "options": scores}
    _adopt_efficient(data, parties, options, sheets, rng)
    if not separate:
        data["value_creation"]["scores"] = sheets
        return None
    text = to_yaml({"agreement": data["id"], "scores": sheets})
    return SCORES_HEADER + text[text.index("\n") :]


def _shares(rng: random.Random, parts: int) -> list[int]:
    """20 cut at random into ``parts`` shares of at least 1 (weights in steps of 0.05); 1 each beyond 20 parts."""
    if parts > 20:
        return [1] * parts
    cuts = sorted(rng.sample(range(1, 20), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, 20], strict=True)]


def _adopt_efficient(
    data: dict[str, Any], parties: list[str], options: list[list[str]], sheets: dict[str, Any], rng: random.Random
) -> None:
    adopted = next((p for p in data["value_creation"]["packages"] if p.get("adopted") is True), None)
    if adopted is None:
        return
    weights = [
        [float(sheets[p]["weights"][issue["id"]]) for issue in data["value_creation"]["issues"]] for p in parties
    ]
    scores = [[[float(sheets[p]["options"][o]) for p in parties] for o in ids] for ids in options]
    units, _ = contributions(weights, scores, [0.0] * len(parties))
    # Exact integers: the option that maximises a positive weighting is never dominated, ties included.
    lam = [rng.randint(1, 5) for _ in parties]
    choice = [
        max(range(len(issue)), key=lambda j, c=issue: sum(w * u for w, u in zip(lam, c[j], strict=True)))
        for issue in units
    ]
    adopted["options"] = Flow(options[i][j] for i, j in enumerate(choice))
    worth = [sum(units[i][j][p] for i, j in enumerate(choice)) for p in range(len(parties))]
    by_id = {p["id"]: p for p in data["preparation"]["parties"]}
    for p, party in enumerate(parties):
        batna = by_id[party].get("batna") or {}
        value = batna.get("reservation_value")
        if value is not None and value * SCALE > worth[p]:
            batna["reservation_value"] = max(0, worth[p] // SCALE - rng.randint(0, 5))
