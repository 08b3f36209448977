"""Phases 2 and 3: value creation (issues, options, packages) and value distribution.

Option titles and descriptions are checked against the pattern of the
validator's own OPTION-COMMITMENT rule (imported from
``mga_tools.validate.rules.creation``), so that a template edit cannot
silently make the clean files dirty.
"""

from __future__ import annotations

from typing import Any

from mga_tools.validate.rules.creation import _COMMITMENT

from .context import Draft, keywords, lower_first, split
from .vocabulary import CRITERIA, JUSTIFICATIONS
from .yaml_text import Flow, FlowMap, banner


def value_creation(d: Draft) -> None:
    """Add the value-creation section; records its issues and packages."""
    rng = d.rng
    chosen_issues = rng.sample(d.domain["issues"], rng.choice((3, 3, 3, 3, 3, 4)))
    write_binding = rng.random() < 0.5  # authors differ in spelling out "binding: false"
    for key, question, option_titles in chosen_issues:
        iss = d.ids.take(key)
        options = [_option(d, key, title, write_binding) for title in option_titles[: rng.choice((2, 2, 3))]]
        d.issues.append({"id": iss, "title": question, "options": options})
    for n in range(rng.choice((1, 1, 2))):
        pkg = {
            "id": d.ids.take(f"package-{'abc'[n]}"),
            "title": f"Package {'ABC'[n]}",
            "options": Flow(rng.choice([o["id"] for o in issue["options"]]) for issue in d.issues),
        }
        if rng.random() < 0.5:
            pkg["rationale"] = "Trades across issues so that each party gains most on what it values most."
        pkg["adopted"] = n == 0 and d.at_least("proposed")
        d.packages.append(pkg)
    section: dict[str, Any] = {"issues": d.issues, "packages": d.packages}
    if rng.random() < 0.25:
        section["fact_finding"] = [
            {
                "id": d.ids.take("joint-study"),
                "question": f"What do the best available data say about {lower_first(d.issues[0]['title'])}",
                "finding": "The jointly chosen experts found the data sufficient to compare the options.",
                "source": "Joint technical study",
                "confidence": rng.choice(("medium", "high")),
            }
        ]
    d.data["#vc"] = banner("Phase 2: Value creation")
    d.data["value_creation"] = section


def _option(d: Draft, issue_key: str, title: str, write_binding: bool) -> dict[str, Any]:
    rng = d.rng
    option: dict[str, Any] = {"id": d.ids.take(f"{issue_key.split('-')[0]}-{' '.join(keywords(title, 3))}")}
    option["title"] = title
    if rng.random() < 0.15:
        option["description"] = (
            f"{title} could answer the question for every party, with details left to joint fact-finding."
        )
    if write_binding:
        option["binding"] = False
    if rng.random() < 0.6:
        option["proposed_by"] = rng.choice(d.party_ids)
    for text in (option["title"], option.get("description", "")):
        assert not _COMMITMENT.search(text), text
    return option


def value_distribution(d: Draft) -> None:
    """Add the value-distribution section: criteria, allocations, justifications, consensus."""
    rng, status_date, party_ids = d.rng, d.status_date, d.party_ids
    criteria = []
    for key, principle, description in rng.sample(CRITERIA, rng.choice((1, 1, 2))):
        cid = d.ids.take(key)
        # Before the proposal, only some parties have accepted the criterion yet.
        agreeing = party_ids if d.at_least("proposed") else party_ids[: rng.randint(1, len(party_ids))]
        agreed_date = status_date.get("negotiating", d.history[0][1])
        criteria.append(
            {
                "id": cid,
                "principle": principle,
                "description": description,
                "agreed_by": [FlowMap(party=p, date=agreed_date) for p in agreeing],
            }
        )
    resource = d.domain["resource"]
    allocations = []
    for n in range(rng.choice((1, 1, 2))):
        receivers = rng.sample(party_ids, min(len(party_ids), rng.randint(2, 3)))
        shares = [f"{s} percent" for s in split(rng, 100, len(receivers))]
        issue = d.issues[n]["id"]
        allocations.append(
            {
                "id": d.ids.take(f"allocation-{resource}-{n + 1}"),
                "what": f"{resource.capitalize()} set aside for {issue.replace('-', ' ')}",
                "criterion": rng.choice(criteria)["id"],
                "issue": issue,
                "shares": [FlowMap(to=r, share=s) for r, s in zip(receivers, shares, strict=True)],
            }
        )
    section: dict[str, Any] = {"criteria": criteria, "allocations": allocations}
    if d.at_least("proposed"):
        # Each party's own words: TEXT-REPEATED refuses a justification that repeats another.
        section["justifications"] = [
            {"party": p, "text": f"For {d.names([p])}: {lower_first(rng.choice(JUSTIFICATIONS))}"} for p in party_ids
        ]
    if d.at_least("agreed"):
        section["consensus"] = {
            "method": "The facilitator asked each party in turn whether it could live with the package.",
            "date": status_date["agreed"],
            "outcome": rng.choice(("consensus", "consensus", "consensus-with-abstentions")),
        }
    d.data["#vd"] = banner("Phase 3: Value distribution")
    d.data["value_distribution"] = section
