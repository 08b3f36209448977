"""The exact solver the validator may call when its own search for a Pareto improvement runs out of budget.

Importing this module is light: numpy and scipy are imported only when
:func:`pareto_solver` is called, so that a command can hand the solver to
the validator (see :func:`mga_tools.validate.validate_paths`) without paying
for them on the common path, where the validator's search decides alone.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from mga_tools.model.utility import Scored


def pareto_solver(scored: Scored, choice: tuple[int, ...]) -> tuple[int, ...] | None:
    """The Pareto improvement on package ``choice`` with the largest total, or None if it is efficient.

    Exact: the integer programme of
    :func:`mga_tools.analyze.fair_points.pareto_improvement`, whose answer is
    checked again in integers. A :data:`mga_tools.model.improvement.Solver`.
    """
    from mga_tools.analyze.fair_points import pareto_improvement
    from mga_tools.analyze.scoring import problem_of

    found = pareto_improvement(problem_of(scored), choice)
    return None if found is None else tuple(int(j) for j in found.choice)
