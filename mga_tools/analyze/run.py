"""``mga analyze`` as a library call: find, validate, score and analyse one agreement."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.load import load
from mga_tools.load.companion import scores_file
from mga_tools.records.files import agreement_file
from mga_tools.validate import check_file
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

    path = agreement_file(ident, folder)
    display = path.as_posix()
    outcome = Outcome(check_file(path, display, policy))
    if outcome.blocked:
        return outcome
    extra = scores_file(path)
    data = load(path, display, max_bytes=policy.max_file_bytes).data
    sheet = load(extra, extra.as_posix(), max_bytes=policy.max_file_bytes).data if extra else None
    found, outcome.reasons = scoring(data, sheet)
    if found is not None:
        outcome.data = analysis_json(analyze(found), packages=packages)
    return outcome
