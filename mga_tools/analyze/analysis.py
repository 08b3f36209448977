"""The analysis of one scored agreement: frontier, zone of agreement, fair points, the adopted package.

:func:`analyze` computes everything ``mga analyze`` reports and the site
plots; :func:`analysis_json` is its one plain-data form, which the reporters
and the site read.
"""

from __future__ import annotations

import gc
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
from mga_tools.model.scores import FAIR_POINT_TITLES

SHOWN = 10  # packages of the zone of agreement listed by the reports, by total gain
_EXACT_BELOW = 2.0**32  # see _rounded

# The fair points, in the order they are reported, with their titles.
_COMPUTE = {
    "nash": nash_point,
    "kalai-smorodinsky": kalai_smorodinsky_point,
    "egalitarian": egalitarian_point,
    "max-welfare": max_welfare_point,
}
# Each fair point's title and how it is computed, in the order of the reports.
FAIR_POINTS: dict[str, tuple[str, Any]] = {key: (title, _COMPUTE[key]) for key, title in FAIR_POINT_TITLES.items()}


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


def package_json(scoring: Scoring, choice: Any, values: Any) -> dict[str, Any]:
    """One package: its option per issue, each party's utility and gain over its BATNA, and whether all accept."""
    return packages_json(scoring, np.asarray([choice]), np.asarray([values]))[0]


def packages_json(scoring: Scoring, choices: np.ndarray, values: np.ndarray) -> list[dict[str, Any]]:
    """:func:`package_json` of many packages (rows of ``choices`` and ``values``), columns at a time.

    Frontiers run to hundreds of thousands of packages: the option names,
    points and acceptability are looked up per column, and only the dicts are
    built per package.
    """
    problem = scoring.problem
    reservation = problem.reservation
    columns = [np.asarray(names, dtype=object)[choices[:, i]].tolist() for i, names in enumerate(scoring.options)]
    options = zip(*columns, strict=True)
    utilities = _rounded(problem.to_points(values))
    gains = _rounded(problem.to_points(np.asarray(values) - reservation))
    acceptable = np.all(np.asarray(values) >= reservation, axis=1).tolist()
    issues, parties = scoring.issues, scoring.parties
    # Millions of new dicts would set off the cycle collector again and again, finding nothing: a third
    # of the time on a 435,000-package frontier. They hold only strings and floats, so it can wait.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return [
            {
                "options": dict(zip(issues, o, strict=True)),
                "utilities": dict(zip(parties, u, strict=True)),
                "gains": dict(zip(parties, g, strict=True)),
                "acceptable": a,
            }
            for o, u, g, a in zip(options, utilities, gains, acceptable, strict=True)
        ]
    finally:
        if collecting:
            gc.enable()


def _rounded(points: np.ndarray) -> list[list[float]]:
    """``round(x, 6)`` of every value of a 2-D array, as the reports print them.

    The values are fixed-point units divided by SCALE (10**6), and that division
    is correctly rounded. Below 2**32 in magnitude a double's spacing is under
    1e-6, so that double is already the one nearest a 6-decimal number and
    rounding returns it unchanged: it is skipped there, since on a large
    frontier it was most of the time of listing the packages.
    """
    if points.size == 0 or float(np.abs(points).max()) < _EXACT_BELOW:
        return points.tolist()
    return [[round(x, 6) for x in row] for row in points.tolist()]


def analysis_json(analysis: Analysis, *, packages: bool = True) -> dict[str, Any]:
    """The analysis as plain data (what ``mga analyze --format json`` prints).

    The frontier and the zone of agreement give their counts, and the zone its
    :data:`SHOWN` packages of largest total gain. With ``packages``, both also
    list every package; large problems have hundreds of thousands of them, so
    the readers that only show counts and a few packages leave them out.
    """
    scoring = analysis.scoring
    problem = scoring.problem
    reservation = dict(zip(scoring.parties, _rounded(problem.to_points([problem.reservation]))[0], strict=True))
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
        "frontier": _listing(scoring, analysis.frontier, packages),
        "zone_of_agreement": _listing(scoring, analysis.zopa, packages)
        | {"by_total_gain": _by_total_gain(scoring, analysis.zopa)},
        "fair_points": {
            key: None
            if point is None
            else {"title": FAIR_POINTS[key][0]} | package_json(scoring, point.choice, point.utilities)
            for key, point in analysis.points.items()
        },
        "adopted": adopted,
        "notes": list(scoring.notes),
    }


def _listing(scoring: Scoring, found: Frontier, packages: bool) -> dict[str, Any]:
    listing: dict[str, Any] = {"count": len(found)}
    if packages:
        listing["packages"] = packages_json(scoring, found.choices, found.utilities)
    return listing


def _by_total_gain(scoring: Scoring, found: Frontier) -> list[dict[str, Any]]:
    """The first :data:`SHOWN` packages by total gain over the BATNAs (exact), ties in frontier order."""
    total = (found.utilities - scoring.problem.reservation).sum(axis=1)
    best = np.argsort(-total, kind="stable")[:SHOWN]
    return packages_json(scoring, found.choices[best], found.utilities[best])
