"""One agreement with many parties: a regional compact of N municipalities and districts.

Shaped like a regional stormwater and flood-resilience compact (or a class-like
settlement) where every member is a party, grouped in sub-regional caucuses of
100; every member is obligated by a term that lists all of them, the caucuses
by shared terms, and some members by works of their own. The follow-through
names mechanisms, protocols and metrics in every failure scenario.

Two forms, chosen by what the loader reads (at most :data:`MAX_NODES` keys,
values and collections, and :data:`MAX_BYTES` bytes, in one file):

- *full*, while it fits (up to about 860 parties): the compact is signed; each
  member has a representative, one or two interests of its own and a BATNA,
  agreed the criteria, justifies the package in its own words and has a
  signatory; one member in ten has works of its own. ``generate.seal`` adds the
  seal.
- *lean*, beyond: each member has only its name and kind (seven nodes; 5,000
  members take 35,000 of the 50,000), its caucus holds the interests and the
  BATNA it speaks for (the validator counts a group's for its members), and the
  compact is still under negotiation: a signed one needs a signatory per party,
  another seven nodes each, which 5,000 parties cannot have in one file. One
  member in a hundred has works of its own.

Deterministic: :func:`build_many` draws from a :class:`random.Random` seeded
with the seed and the number of parties, so the same arguments give the same
bytes. ``mga validate`` reports no finding on either form.
"""

from __future__ import annotations

import random
from typing import Any

from .context import Ids, date, lower_first, person
from .follow_through_vocabulary import LADDERS, MECHANISMS, METRICS, PROTOCOLS, SCENARIOS
from .many_parties_vocabulary import (
    CAUCUS_BATNA,
    CAUCUS_INTERESTS,
    COUNCIL,
    FORMS,
    INTERESTS,
    ISSUES,
    OWN_WORKS,
    ROOTS,
    SUFFIXES,
)
from .vocabulary import BATNA_TEMPLATES, CRITERIA, GROUND_RULES, JUSTIFICATIONS
from .yaml_text import Flow, FlowMap, banner, to_yaml


def _names(rng: random.Random, count: int) -> list[tuple[str, str, str, str]]:
    """``count`` distinct members: name, place, kind and the role of the signatory."""
    places = [r + s for r in ROOTS for s in SUFFIXES]
    rng.shuffle(places)
    forms = [FORMS[i % len(FORMS)] for i in range(count)]
    rng.shuffle(forms)
    out = []
    for n in range(count):
        place = places[n % len(places)]
        if n >= len(places):  # beyond the pool: qualified names, still distinct
            place = f"{('North', 'South', 'East', 'West')[(n // len(places) - 1) % 4]} {place}"
        form, kind, role = forms[n]
        out.append((form.format(place), place, kind, role))
    return out


MAX_NODES = 50_000  # the loader's limit (mga_tools.load.limits): keys, values and collections of one file
MAX_BYTES = 1024 * 1024  # the default policy's max_file_bytes
CAUCUS = 100  # members per caucus


def build_many(parties: int, seed: int = 1) -> dict[str, Any]:
    """The data of a regional compact with ``parties`` members (at least 4), ready for ``to_yaml``.

    The full form while it fits the loader's limits, else the lean one (see the module); raises
    :class:`ValueError` when not even the lean one fits (beyond about 5,150 parties).
    """
    if parties < 4:
        raise ValueError("a regional compact needs at least 4 parties")
    for full in (True, False):
        data = _compact(parties, seed, full=full)
        if nodes(data) <= MAX_NODES - 500 and len(to_yaml(data).encode()) <= MAX_BYTES - 4096:  # room for the seal
            return data
    raise ValueError(f"{parties} parties do not fit in one file that mga-tools reads ({MAX_NODES} nodes)")


def nodes(value: Any) -> int:
    """Keys, values and collections in ``value`` as the loader counts them (comment keys left out)."""
    if isinstance(value, dict):
        return 1 + sum(1 + nodes(v) for k, v in value.items() if not k.startswith("#"))
    if isinstance(value, list):
        return 1 + sum(nodes(x) for x in value)
    return 1


def _compact(parties: int, seed: int, *, full: bool) -> dict[str, Any]:
    rng = random.Random(f"{seed}:many:{parties}")
    ident = f"lower-cedar-stormwater-compact-{parties}"
    ids = Ids({ident})
    year = 2022
    history = [("draft", date(year, 20)), ("negotiating", date(year, 120))]
    if full:
        history += [("agreed", date(year + 1, 200)), ("signed", date(year + 1, 260))]

    members: list[dict[str, Any]] = []
    places: dict[str, str] = {}
    for name, place, kind, role in _names(rng, parties):
        pid = ids.take(name)
        member: dict[str, Any] = {"id": pid, "name": name, "kind": kind}
        places[pid] = place
        members.append(member)
        if not full:
            continue
        if rng.random() < 0.3:
            member["constituency"] = f"Residents and ratepayers of {name}"
        member["representatives"] = [FlowMap(name=person(rng), role=role)]
        member["interests"] = [
            {"id": ids.take(f"{pid}-{key}"), "statement": statement.format(place=place)}
            for key, statement in rng.sample(INTERESTS, rng.choice((1, 1, 2)))
        ]
        member["batna"] = {"description": rng.choice(BATNA_TEMPLATES)}
    party_ids = [m["id"] for m in members]
    groups = [_caucus(ids, party_ids[n : n + CAUCUS], n // CAUCUS + 1, full) for n in range(0, parties, CAUCUS)]
    interests = [i["id"] for holder in members + groups for i in holder.get("interests", ())]

    data: dict[str, Any] = {
        "id": ident,
        "title": f"Lower Cedar Regional Stormwater and Flood Resilience Compact ({parties} members)",
        "summary": (
            f"{parties} cities, towns, villages, counties and districts of the Lower Cedar watershed agree one "
            "design storm, a shared fund for regional works, common flood data and a board that oversees them."
        ),
        "version": "1.0" if full else "0.3-draft",
        "status": history[-1][0],
        "status_history": [{"status": s, "date": when} for s, when in history],
    }
    if full:
        data |= {"effective": f"{year + 2}-01-01", "expires": f"{year + 21}-12-31"}
    data |= {
        "confidentiality": "public",
        "languages": Flow(["en"]),
        "convenor": {"name": person(rng), "organisation": "Lower Cedar Regional Planning Commission"},
        "facilitator": {"name": person(rng), "organisation": "Common Ground Facilitation", "role": "Lead mediator"},
        "#prep": banner("Phase 1: Preparation"),
        "preparation": {
            "ground_rules": rng.sample(GROUND_RULES, 2),
            "decision_rule": "Consensus of the caucuses; each caucus reaches its position by a two-thirds vote.",
            "parties": members,
            "groups": groups,
            "affected_non_parties": [
                {
                    "id": ids.take("downstream-anglers"),
                    "name": "Anglers and boaters downstream",
                    "concerns": Flow(["Clean water below the outfalls"]),
                    "how_heard": "Public hearings",
                }
            ],
            "approvers": [
                {
                    "id": ids.take("state-environmental-regulator"),
                    "name": "State Environmental Regulator",
                    "kind": "regulator",
                    "approves": "The regional stormwater permit that replaces the members' own permits.",
                }
            ],
        },
    }
    chairs = [g["members"][0] for g in groups]  # in the lean form, the caucus chairs have agreed the criteria
    data.update(_negotiation(ids, party_ids if full else chairs, members, dict(history), full=full))
    data["#terms"] = banner("Terms")
    data["terms"] = _terms(rng, ids, members, places, [g["id"] for g in groups], interests, year, full=full)
    data["#ft"] = banner("Phase 4: Follow-through")
    data["follow_through"] = _follow_through(ids, party_ids)
    if full:
        signed = history[-1][1]
        data["signatories"] = [
            FlowMap(party=m["id"], name=m["representatives"][0]["name"], title=m["representatives"][0]["role"],
                    date=signed)
            for m in members
        ]  # fmt: skip
    return data


def _caucus(ids: Ids, members: list[str], number: int, full: bool) -> dict[str, Any]:
    """A sub-regional caucus; in the lean form it holds the interests and the BATNA it speaks for."""
    caucus: dict[str, Any] = {
        "id": ids.take(f"caucus-{number}"),
        "name": f"Sub-regional caucus {number}",
        "description": "Members that share a receiving stream and carry out joint works together.",
        "members": Flow(members),
    }
    if not full:
        caucus["interests"] = [
            {"id": ids.take(f"caucus-{number}-{key}"), "statement": statement} for key, statement in CAUCUS_INTERESTS
        ]
        caucus["batna"] = {"description": CAUCUS_BATNA}
    return caucus


def _negotiation(
    ids: Ids, agreeing: list[str], members: list[dict[str, Any]], when: dict[str, str], *, full: bool
) -> dict[str, Any]:
    """Issues, options and the package (adopted once agreed); the criteria, and each member's justification."""
    issues, chosen = [], []
    for key, question, titles in ISSUES:
        options = [{"id": ids.take(f"{key}-{n + 1}"), "title": t} for n, t in enumerate(titles)]
        issues.append({"id": ids.take(key), "title": question, "options": options})
        chosen.append(options[-1]["id"])
    package: dict[str, Any] = {"id": ids.take("regional-package"), "title": "Regional package", "options": Flow(chosen)}
    package["adopted"] = full
    criteria = [
        {
            "id": ids.take(key),
            "principle": principle,
            "description": description,
            "agreed_by": [FlowMap(party=p, date=when["negotiating"]) for p in agreeing],
        }
        for key, principle, description in (CRITERIA[6], CRITERIA[3])
    ]
    distribution: dict[str, Any] = {"criteria": criteria}
    if full:
        distribution["justifications"] = [
            {"party": m["id"], "text": f"For {m['name']}: {lower_first(JUSTIFICATIONS[n % len(JUSTIFICATIONS)])}"}
            for n, m in enumerate(members)
        ]
        distribution["consensus"] = {
            "method": "Each caucus voted on the package; the facilitator then asked every caucus chair in turn.",
            "date": when["agreed"],
            "outcome": "consensus",
        }
    return {
        "#vc": banner("Phase 2: Value creation"),
        "value_creation": {"issues": issues, "packages": [package]},
        "#vd": banner("Phase 3: Value distribution"),
        "value_distribution": distribution,
    }


def _terms(
    rng: random.Random,
    ids: Ids,
    members: list[dict[str, Any]],
    places: dict[str, str],
    group_ids: list[str],
    interests: list[str],
    year: int,
    *,
    full: bool,
) -> list[dict[str, Any]]:
    """Three shared terms, the first for every member, and own works for some members.

    The third term obligates half the members in the full form, the caucuses in the lean one; one member
    in ten (full) or in a hundred (lean) has works of its own.
    """
    party_ids = list(places)
    half = sorted(rng.sample(range(len(party_ids)), len(party_ids) // 2))
    flood_data = Flow(party_ids[i] for i in half) if full else Flow(group_ids)
    terms: list[dict[str, Any]] = [
        {
            "id": ids.take("term-design-storm"),
            "title": "One regional design storm",
            "text": "Every member applies the regional design storm to new drainage works it builds or permits.",
            "obligated": Flow(party_ids),
            "due": "Within one year of the effective date",
            "serves": Flow(),
        },
        {
            "id": ids.take("term-regional-fund"),
            "title": "Regional works fund",
            "text": f"Each caucus pays its members' shares into the regional works fund held by the {COUNCIL}.",
            "obligated": Flow(group_ids),
            "recurring": "Annually",
            "serves": Flow(),
        },
        {
            "id": ids.take("term-flood-data"),
            "title": "Flood data in one portal",
            "text": "Members with outfalls publish their gauge readings, outfall maps and flood claims.",
            "obligated": flood_data,
            "due": date(year + 2, 300),
            "serves": Flow(),
        },
    ]
    for n, iid in enumerate(interests):
        terms[n % len(terms)]["serves"].append(iid)
    for n, member in enumerate(members):
        if n % (10 if full else 100) != 3:
            continue
        work = rng.choice(OWN_WORKS).format(place=places[member["id"]])
        terms.append(
            {
                "id": ids.take(f"term-{member['id']}-works"),
                "title": f"Local works of {member['name']}",
                "text": f"{member['name']} {work}, with a grant from the regional works fund.",
                "obligated": Flow([member["id"]]),
                "due": date(year + 3 + n % 4, rng.randint(0, 360)),
            }
        )
        if full:
            terms[-1]["serves"] = Flow([member["interests"][0]["id"]])
    return terms


def _follow_through(ids: Ids, party_ids: list[str]) -> dict[str, Any]:
    """Two dispute ladders, two protocols, three metrics and five failure scenarios naming one of each."""
    mechanisms = []
    for (key, title, description), ladder in zip(MECHANISMS[:2], LADDERS[:2], strict=True):
        steps = []
        for kind, who, limit, remedies in ladder:
            step: dict[str, Any] = {"kind": kind, "who": who.format(council=COUNCIL, firm="Common Ground Facilitation")}
            if limit:
                step["time_limit"] = limit
            if remedies:
                step["remedies"] = Flow(remedies)
            steps.append(step)
        mechanisms.append({"id": ids.take(key), "title": title, "description": description, "steps": steps})
    protocols = [
        {
            "id": ids.take(key),
            "title": title,
            "from": Flow(party_ids[:3]),
            "to": Flow(party_ids[3:8]),
            "what": what,
            "channel": channel,
            "cadence": cadence,
        }
        for key, title, what, channel, cadence in PROTOCOLS[:2]
    ]
    metrics = []
    for n, (key, title, measure, unit, comparator, value) in enumerate(METRICS[:3]):
        metric: dict[str, Any] = {"id": ids.take(key), "title": title, "measure": measure, "unit": unit}
        metric["threshold"] = FlowMap(comparator=comparator, value=value)
        metric |= {"cadence": "Quarterly", "owner": party_ids[n]}
        metrics.append(metric)
    scenarios = []
    for n, (key, title, description, likelihood, impact) in enumerate(SCENARIOS[:5]):
        scenarios.append(
            {
                "id": ids.take(key),
                "title": title,
                "description": description,
                "likelihood": likelihood,
                "impact": impact,
                "dispute_mechanisms": Flow([mechanisms[n % 2]["id"]]),
                "protocols": Flow([protocols[n % 2]["id"]]),
                "metrics": Flow([metrics[n % 3]["id"]]),
            }
        )
    return {
        "dispute_mechanisms": mechanisms,
        "protocols": protocols,
        "metrics": metrics,
        "failure_scenarios": scenarios,
    }
