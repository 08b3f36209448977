"""Negotiation analytics: the exact Pareto frontier, the zone of possible agreement and fair points.

Utilities are fixed-point integers (:data:`SCALE` units per point), so that
dominance and ties are decided exactly.
"""

from __future__ import annotations

from mga_tools.analyze.frontier import Frontier, pareto_frontier
from mga_tools.analyze.problem import SCALE, Problem, to_points

__all__ = ["SCALE", "Frontier", "Problem", "pareto_frontier", "to_points"]
