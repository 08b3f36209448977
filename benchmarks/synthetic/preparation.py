"""Phase 1, preparation: parties with interests and BATNAs, a coalition, non-parties, approvers.

Interest statements are checked against the pattern of the validator's own
INTEREST-POSITION rule (imported from ``mga_tools.validate.rules.preparation``),
so that a template edit cannot silently make the clean files dirty;
``mga validate`` on the generated set stays the real check
(``benchmarks/bench_validate.py``).
"""

from __future__ import annotations

from typing import Any

from mga_tools.validate.rules.preparation import _POSITION

from .context import Draft, date, keywords, person, slugify
from .vocabulary import (
    APPROVER_KINDS,
    ASSESSMENT_SUMMARIES,
    BATNA_IMPROVEMENTS,
    BATNA_TEMPLATES,
    DECISION_RULES,
    GROUND_RULES,
    NON_PARTIES,
    ROLES,
)
from .yaml_text import Flow, FlowMap, banner


def preparation(d: Draft) -> None:
    """Add the preparation section; records parties, interests, groups, non-parties and approvers."""
    rng = d.rng
    flow_people = rng.random() < 0.5  # authors differ in how they write short records
    n_parties = rng.choice((4, 4, 5, 5, 5, 6, 6, 7, 8))
    chosen = rng.sample(d.domain["parties"], min(n_parties, len(d.domain["parties"])))
    for i, entry in enumerate(chosen):
        # The last of five or more parties may not (or not yet) be a party.
        may_differ = i == len(chosen) - 1 and d.at_least("negotiating") and len(chosen) >= 5
        d.parties.append(_party(d, entry, flow_people, may_differ))

    section: dict[str, Any] = {}
    if rng.random() < 0.4:
        section["stakeholder_assessment"] = {
            "summary": rng.choice(ASSESSMENT_SUMMARIES),
            "conducted_by": d.firm,
            "date": date(d.year - 1, rng.randint(200, 360)),
            "interviews": rng.randint(12, 80),
            "recommendation": rng.choice(("proceed", "proceed-with-conditions")),
        }
    section["ground_rules"] = rng.sample(GROUND_RULES, rng.randint(2, 3))
    section["decision_rule"] = rng.choice(DECISION_RULES)
    section["parties"] = d.parties
    if len(d.party_ids) >= 5 and rng.random() < 0.5:
        d.groups.append(_coalition(d))
        d.interests.append(d.groups[0]["interests"][0]["id"])
        section["groups"] = d.groups
    for np_id, np_name, concern, heard in rng.sample(NON_PARTIES, 1):
        d.non_parties.append(
            {"id": d.ids.take(np_id), "name": np_name, "concerns": Flow([concern]), "how_heard": heard}
        )
    section["affected_non_parties"] = d.non_parties
    for kind, name, approves in rng.sample(APPROVER_KINDS, rng.choice((1, 1, 2))):
        d.approvers.append({"id": d.ids.take(name), "name": name, "kind": kind, "approves": approves})
    section["approvers"] = d.approvers
    d.data["#prep"] = banner("Phase 1: Preparation")
    d.data["preparation"] = section


def _party(
    d: Draft, entry: tuple[str, str, str, str, list[str]], flow_people: bool, may_differ: bool
) -> dict[str, Any]:
    rng = d.rng
    slug, name, kind, constituency, statements = entry
    pid = d.ids.take(slug)
    party: dict[str, Any] = {"id": pid, "name": d.fill(name), "kind": kind}
    if rng.random() < 0.6:
        party["constituency"] = constituency
    record = FlowMap if flow_people else dict
    party["representatives"] = [record(name=person(rng), role=rng.choice(ROLES))]
    if rng.random() < 0.1:
        party["representatives"].append(record(name=person(rng), role=rng.choice(ROLES), alternate=True))
    standing = "party"
    if may_differ:
        standing = rng.choice(("party", "party", "party", "prospective", "withdrawn"))
    if standing != "party":
        party["status"] = standing
        party["status_history"] = _standing_history(d, party["name"], standing)
    else:
        d.party_ids.append(pid)
    party["interests"] = [
        _interest(d, slug, statement, standing) for statement in statements[: rng.randint(1, len(statements))]
    ]
    if standing != "withdrawn":
        party["batna"] = _batna(d)
    return party


def _standing_history(d: Draft, name: str, standing: str) -> list[dict[str, Any]]:
    if standing == "prospective":
        return [
            {
                "status": "prospective",
                "condition": f"The regulator approves the petition of {name} to join the scheme.",
                "note": "It signs an accession instrument within 60 days of that approval.",
            }
        ]
    return [
        {"status": "party", "date": d.history[0][1], "note": "Took a seat at the opening plenary."},
        {"status": "withdrawn", "date": d.history[-1][1], "note": "Withdrew before the package was agreed."},
    ]


def _interest(d: Draft, slug: str, statement: str, standing: str) -> dict[str, Any]:
    rng = d.rng
    iid = d.ids.take(f"{slug.split('-')[0]}-{' '.join(keywords(statement, 3))}")
    interest: dict[str, Any] = {"id": iid, "statement": statement}
    assert not _POSITION.search(statement), statement
    if rng.random() < 0.2:
        interest["position"] = f"No less than {rng.randint(10, 60)} percent of the {d.domain['resource']}."
    if rng.random() < 0.6:
        interest["priority"] = rng.choice(("essential", "high", "high", "medium", "low"))
    if standing == "withdrawn":
        interest["unaddressed"] = "The party withdrew before this interest was negotiated."
    else:
        d.interests.append(iid)
    return interest


def _batna(d: Draft) -> dict[str, Any]:
    rng = d.rng
    batna: dict[str, Any] = {"description": rng.choice(BATNA_TEMPLATES)}
    if rng.random() < 0.5:
        batna["strength"] = rng.choice(("weak", "moderate", "moderate", "strong"))
        batna["reservation_value"] = rng.randint(20, 60)
    if rng.random() < 0.1:
        batna["improvements"] = rng.sample(BATNA_IMPROVEMENTS, 2)
    return batna


def _coalition(d: Draft) -> dict[str, Any]:
    """A group of the first two parties, with one shared interest."""
    gid = d.ids.take(f"{slugify(d.place)}-coalition")
    return {
        "id": gid,
        "name": f"{d.place} Coalition",
        "description": "Parties that share implementation duties and are bound as a class by joint terms.",
        "members": Flow(d.party_ids[:2]),
        "interests": [
            {
                "id": d.ids.take(f"{gid}-shared-burden"),
                "statement": "Duties shared fairly among members so that none carries the burden alone.",
                "priority": "high",
            }
        ],
    }
