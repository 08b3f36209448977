"""The analysis of one scored agreement: frontier, zone of agreement, fair points, the adopted package.

:func:`analyze` computes everything ``mga analyze`` reports and the site
plots; :func:`analysis_json` is its one plain-data form, which the reporters
and the site read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from mga_tools.analyze.fair_points import (
    FairPoint,
    egalitarian_point,
    kalai_smorodinsky_point,
    max_welfare_point,
    nash_point,
    pareto_improvement,
)
from mga_tools.analyze.frontier import Frontier, pareto_frontier
from mga_tools.analyze.scoring import Scoring

# The fair points, in the order they are reported, with their titles.
FAIR_POINTS: dict[str, tuple[str, Any]] = {
    "nash": ("Nash bargaining point (largest product of gains)", nash_point),
    "kalai-smorodinsky": (
        "Kalai-Smorodinsky point (gains in proportion to each party's best)",
        kalai_smorodinsky_point,
    ),
    "egalitarian": ("Egalitarian point (largest smallest gain)", egalitarian_point),
    "max-welfare": ("Maximum total welfare point", max_welfare_point),
}


@dataclass(frozen=True)
class Analysis:
    """Everything computed for one scored agreement."""

    scoring: Scoring
    frontier: Frontier  # every Pareto-efficient package
    zopa: Frontier  # the efficient packages that give every party at least its BATNA
    points: dict[str, FairPoint | None]  # by key of FAIR_POINTS; None when the zone of agreement is empty
    improvement: FairPoint | None  # a package that dominates the adopted one, if any


def analyze(scoring: Scoring) -> Analysis:
    """Compute the frontier, the zone of possible agreement and the fair points of ``scoring``."""
    problem = scoring.problem
    frontier = pareto_frontier(problem)
    zopa = pareto_frontier(problem, individually_rational=True)
    points = {key: compute(problem) for key, (_, compute) in FAIR_POINTS.items()}
    improvement = None
    if scoring.adopted_choice is not None:
        improvement = pareto_improvement(problem, scoring.adopted_choice)
    return Analysis(scoring, frontier, zopa, points, improvement)


def _points(values: Any, scoring: Scoring) -> dict[str, float]:
    problem = scoring.problem
    return {party: round(float(problem.to_points(values[p])), 6) for p, party in enumerate(scoring.parties)}


def package_json(scoring: Scoring, choice: Any, values: Any) -> dict[str, Any]:
    """One package: its option per issue, each party's utility and gain over its BATNA, and whether all accept."""
    reservation = scoring.problem.reservation
    return {
        "options": dict(zip(scoring.issues, scoring.package_options(choice), strict=True)),
        "utilities": _points(values, scoring),
        "gains": _points(np.asarray(values) - reservation, scoring),
        "acceptable": bool(np.all(np.asarray(values) >= reservation)),
    }


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """The analysis as plain data (what ``mga analyze --format json`` prints)."""
    scoring = analysis.scoring
    problem = scoring.problem
    reservation = _points(problem.reservation, scoring)
    adopted = None
    if scoring.adopted is not None:
        adopted = {"id": scoring.adopted, "complete": scoring.adopted_choice is not None}
        if scoring.adopted_choice is not None:
            values = problem.utilities(scoring.adopted_choice)
            adopted |= package_json(scoring, scoring.adopted_choice, values)
            adopted["below_batna"] = [p for i, p in enumerate(scoring.parties) if values[i] < problem.reservation[i]]
            adopted["efficient"] = analysis.improvement is None
            adopted["improvement"] = (
                None
                if analysis.improvement is None
                else package_json(scoring, analysis.improvement.choice, analysis.improvement.utilities)
            )
    return {
        "agreement": scoring.agreement,
        "parties": [
            {"id": p, "name": n, "reservation_value": reservation[p], "reservation_given": g}
            for p, n, g in zip(scoring.parties, scoring.names, scoring.reservation_given, strict=True)
        ],
        "issues": [{"id": i, "options": list(o)} for i, o in zip(scoring.issues, scoring.options, strict=True)],
        "packages": math.prod(len(o) for o in scoring.options),
        "frontier": _listing(scoring, analysis.frontier),
        "zone_of_agreement": _listing(scoring, analysis.zopa),
        "fair_points": {
            key: None
            if point is None
            else {"title": FAIR_POINTS[key][0]} | package_json(scoring, point.choice, point.utilities)
            for key, point in analysis.points.items()
        },
        "adopted": adopted,
        "notes": list(scoring.notes),
    }


def _listing(scoring: Scoring, found: Frontier) -> dict[str, Any]:
    packages = [package_json(scoring, c, u) for c, u in zip(found.choices, found.utilities, strict=True)]
    return {"count": len(packages), "packages": packages}
