"""``mga analyze`` as a library call: find, validate, score and analyse one agreement."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.validate.checked import check_agreement
from mga_tools.validate.policy import Policy
from mga_tools.validate.registry import RULES

# Errors that the analysis explains rather than needs fixed first.
_EXPLAINED = frozenset(r.id for r in RULES.values() if r.id.startswith("ADOPTED-"))


@dataclass
class Outcome:
    """What ``mga analyze`` has to show: the validator's findings, then the analysis or why there is none."""

    diagnostics: list[Diagnostic]
    data: dict[str, Any] | None = None  # :func:`mga_tools.analyze.analysis.analysis_json`
    reasons: list[str] = field(default_factory=list)  # why the agreement cannot be analysed

    @property
    def blocked(self) -> bool:
        """Whether the agreement has errors that stop the analysis."""
        return any(d.severity is Severity.ERROR and d.rule not in _EXPLAINED for d in self.diagnostics)


def analyze_file(ident: str, folder: Path, policy: Policy, *, packages: bool = True) -> Outcome:
    """Validate ``folder/ID.yaml`` (with its score file) and, if nothing stops it, analyse its scores.

    ``packages``: list every package of the frontier and the zone in the data (see
    :func:`~mga_tools.analyze.analysis.analysis_json`).
    """
    from mga_tools.analyze.analysis import analysis_json, analyze
    from mga_tools.analyze.scoring import scoring
    from mga_tools.analyze.solver import pareto_solver

    checked = check_agreement(ident, folder, policy, solver=pareto_solver)
    outcome = Outcome(checked.diagnostics)
    if checked.data is None or checked.blocked(_EXPLAINED):
        return outcome
    found, outcome.reasons = scoring(checked.data, checked.scores)
    if found is not None:
        outcome.data = analysis_json(analyze(found), packages=packages)
    return outcome
