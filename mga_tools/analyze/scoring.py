"""From an agreement's scores to the arrays the analysis computes on.

Raiffa-style additive scoring: each scored party gives every issue a weight
and every option a score from 0 to 100. A party's utility of a package (one
option per issue) is the weighted mean of the scores of its options,
so it is on the same 0-100 scale as the party's reservation value, the worth
of its BATNA.

The scores may be in the agreement (``value_creation.scores``) or in its score
file (see :mod:`mga_tools.load.companion`); both are merged here. Anything that
stops the analysis (a party that does not weight an issue, an unscored option
of an issue it weights, a party scored twice) is returned as a reason, never
raised: the validator reports the same gaps as located warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mga_tools.analyze.problem import Problem
from mga_tools.model.scores import batna_values, sheets


@dataclass(frozen=True)
class Scoring:
    """An agreement's scores as arrays, with the ids that name their rows and columns."""

    agreement: str
    parties: tuple[str, ...]  # the scored parties, in the order of the agreement's party list
    names: tuple[str, ...]  # their display names
    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]  # per issue, its option ids
    problem: Problem
    reservation_given: tuple[bool, ...]  # False: the party states no reservation value, 0 is used
    adopted: str | None  # the adopted package's id
    adopted_choice: tuple[int, ...] | None  # its option per issue, when it picks exactly one for each
    notes: tuple[str, ...]  # what the reader should know about the inputs

    def package_options(self, choice: tuple[int, ...] | Any) -> list[str]:
        """The option ids of a package given as one option index per issue."""
        return [self.options[i][int(j)] for i, j in enumerate(choice)]


def scoring(data: dict[str, Any], extra: dict[str, Any] | None = None) -> tuple[Scoring | None, list[str]]:
    """The agreement's scores as a :class:`Scoring`, or ``None`` and the reasons it cannot be analysed."""
    found, twice = sheets(data, extra)
    if not found:
        return None, ["the agreement has no scores"]
    reasons = [f"party '{p}' is scored both in the agreement and in its score file" for p in twice]
    parties_list = [p for p in (data.get("preparation") or {}).get("parties") or [] if isinstance(p, dict)]
    known = {p.get("id"): str(p.get("name", p.get("id"))) for p in parties_list}
    reasons += [f"'{p}' is scored but is not a party" for p in found if p not in known]
    parties = [str(p["id"]) for p in parties_list if p.get("id") in found]
    issues = [i for i in (data.get("value_creation") or {}).get("issues") or [] if isinstance(i, dict)]
    notes = [f"issue '{i['id']}' has no options and is left out" for i in issues if not i.get("options")]
    issues = [i for i in issues if i.get("options")]
    if not issues:
        reasons.append("the agreement has no issue with options")
    options = [tuple(str(o["id"]) for o in issue["options"]) for issue in issues]
    weights = np.zeros((len(parties), len(issues)))
    scores = [np.zeros((len(opts), len(parties))) for opts in options]
    for p, party in enumerate(parties):
        sheet = found[party]
        for i, issue in enumerate(issues):
            weight = (sheet.get("weights") or {}).get(issue["id"])
            if weight is None:
                reasons.append(f"party '{party}' gives no weight to issue '{issue['id']}'")
                continue
            weights[p, i] = weight
            missing = [o for o in options[i] if o not in (sheet.get("options") or {})]
            if weight > 0 and missing:
                listed = ", ".join(f"'{o}'" for o in missing)
                reasons.append(f"party '{party}' weights issue '{issue['id']}' but does not score {listed}")
            for j, option in enumerate(options[i]):
                scores[i][j, p] = (sheet.get("options") or {}).get(option, 0)
        if not weights[p].any() and issues:
            reasons.append(f"party '{party}' gives every issue a weight of zero")
    if reasons:
        return None, reasons
    stated = batna_values(data)
    reservation, given = [], []
    for party in parties:
        value = found[party].get("reservation_value", stated.get(party))
        given.append(value is not None)
        reservation.append(float(value) if value is not None else 0.0)
        if value is None:
            notes.append(f"party '{party}' states no reservation value; 0 is used")
    adopted_id, choice = _adopted(data, options, notes)
    problem = Problem.from_scores(weights, scores, np.array(reservation))
    return (
        Scoring(
            agreement=str(data.get("id")),
            parties=tuple(parties),
            names=tuple(known[p] for p in parties),
            issues=tuple(str(i["id"]) for i in issues),
            options=tuple(options),
            problem=problem,
            reservation_given=tuple(given),
            adopted=adopted_id,
            adopted_choice=choice,
            notes=tuple(notes),
        ),
        [],
    )


def _adopted(
    data: dict[str, Any], options: list[tuple[str, ...]], notes: list[str]
) -> tuple[str | None, tuple[int, ...] | None]:
    packages = [p for p in (data.get("value_creation") or {}).get("packages") or [] if isinstance(p, dict)]
    adopted = next((p for p in packages if p.get("adopted") is True), None)
    if adopted is None:
        return None, None
    picked = set(adopted.get("options") or [])
    choice = []
    for opts in options:
        hits = [j for j, option in enumerate(opts) if option in picked]
        if len(hits) != 1:
            notes.append(f"the adopted package '{adopted['id']}' does not pick exactly one option per issue")
            return str(adopted["id"]), None
        choice.append(hits[0])
    return str(adopted["id"]), tuple(choice)
