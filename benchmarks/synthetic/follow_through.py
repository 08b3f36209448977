"""Phase 4, follow-through: dispute mechanisms, protocols, metrics and failure scenarios.

Every failure scenario names at least one mechanism, protocol and metric, and
every metric has an owner: the clean files have no follow-through finding.
"""

from __future__ import annotations

from typing import Any

from .context import Draft
from .follow_through_vocabulary import LADDERS, MECHANISMS, METRICS, PROTOCOLS, SCENARIOS, TRIGGERS
from .yaml_text import Flow, FlowMap, banner


def follow_through(d: Draft) -> None:
    """Add the follow-through section."""
    rng = d.rng
    mechanisms = _mechanisms(d)
    protocols = _protocols(d)
    metrics = _metrics(d)
    scenarios = []
    for key, title, description, likelihood, impact in rng.sample(SCENARIOS, rng.choice((4, 4, 4, 4, 5))):
        scenario: dict[str, Any] = {"id": d.ids.take(key), "title": title}
        rng.random()  # the draw that once decided the title: the rest of the sequence is kept
        scenario["description"] = description
        if rng.random() < 0.3:
            scenario["likelihood"] = likelihood
            scenario["impact"] = impact
        scenario["dispute_mechanisms"] = Flow(m["id"] for m in rng.sample(mechanisms, rng.randint(1, len(mechanisms))))
        scenario["protocols"] = Flow(p["id"] for p in rng.sample(protocols, rng.randint(1, 2)))
        scenario["metrics"] = Flow(m["id"] for m in rng.sample(metrics, rng.randint(1, 2)))
        scenarios.append(scenario)
    d.data["#ft"] = banner("Phase 4: Follow-through")
    d.data["follow_through"] = {
        "dispute_mechanisms": mechanisms,
        "protocols": protocols,
        "metrics": metrics,
        "failure_scenarios": scenarios,
    }


def _mechanisms(d: Draft) -> list[dict[str, Any]]:
    rng, council = d.rng, d.council
    mechanisms = []
    for n in sorted(rng.sample(range(len(MECHANISMS)), rng.choice((1, 2, 2)))):
        (key, name, description), ladder = MECHANISMS[n], LADDERS[n]
        steps = []
        for kind, who, limit, remedies in ladder:
            step: dict[str, Any] = {"kind": kind, "who": who.format(council=council, firm=d.firm)}
            if limit:
                step["time_limit"] = limit
            if remedies:
                step["remedies"] = Flow(remedies)
            steps.append(step)
        mechanism: dict[str, Any] = {"id": d.ids.take(key), "title": name}
        if rng.random() < 0.5:
            mechanism["description"] = description
        mechanism["steps"] = steps
        mechanisms.append(mechanism)
    return mechanisms


def _protocols(d: Draft) -> list[dict[str, Any]]:
    rng, party_ids = d.rng, d.party_ids
    audiences = party_ids + [a["id"] for a in d.approvers] + [n["id"] for n in d.non_parties]
    return [
        {
            "id": d.ids.take(key),
            "title": name,
            "from": Flow(rng.sample(party_ids, rng.randint(1, 2))),
            "to": Flow(rng.sample(audiences, rng.randint(2, min(5, len(audiences))))),
            "what": what,
            "channel": channel,
            "cadence": cadence,
        }
        for key, name, what, channel, cadence in rng.sample(PROTOCOLS, rng.choice((2, 2, 2, 3)))
    ]


def _metrics(d: Draft) -> list[dict[str, Any]]:
    """Three quantitative metrics, and sometimes a qualitative trigger."""
    rng = d.rng
    metrics = []
    for key, name, measure, unit, comparator, value in rng.sample(METRICS, 3):
        metric: dict[str, Any] = {"id": d.ids.take(key), "title": name}
        metric["measure"] = measure
        if rng.random() < 0.5:
            metric["unit"] = unit
        metric["threshold"] = FlowMap(comparator=comparator, value=value)
        metric["cadence"] = rng.choice(("Monthly", "Quarterly", "Annually"))
        metric["owner"] = rng.choice(d.party_ids)
        if rng.random() < 0.25:
            metric["data_source"] = rng.choice(
                ("Implementation tracker", "Independent monitoring contractor", "Ombud case system", "Treasury records")
            )
        metrics.append(metric)
    if rng.random() < 0.25:
        key, name, measure, description, judged_by = rng.choice(TRIGGERS)
        metrics.append(
            {
                "id": d.ids.take(key),
                "title": name,
                "measure": measure,
                "trigger": {"description": description, "judged_by": judged_by.format(council=d.council)},
                "cadence": "Quarterly",
                "owner": rng.choice(d.party_ids),
            }
        )
    return metrics
