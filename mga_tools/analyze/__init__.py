"""Negotiation analytics: the exact Pareto frontier, the zone of possible agreement and fair points.

Utilities are fixed-point integers (:data:`SCALE` units per point), so that
dominance and ties are decided exactly.

Importing the package is light: the names below load numpy (and their
modules) on first use, so that :mod:`mga_tools.analyze.solver` can be handed
to the validator without importing numpy.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mga_tools.analyze.frontier import Frontier, pareto_frontier
    from mga_tools.analyze.problem import SCALE, Problem, to_points

__all__ = ["SCALE", "Frontier", "Problem", "pareto_frontier", "to_points"]

_HOME = {
    "SCALE": "mga_tools.analyze.problem",
    "Problem": "mga_tools.analyze.problem",
    "to_points": "mga_tools.analyze.problem",
    "Frontier": "mga_tools.analyze.frontier",
    "pareto_frontier": "mga_tools.analyze.frontier",
}


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
