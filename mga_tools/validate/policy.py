"""The validation policy: which gated rule warns or errs at which status.

One rule, FACT-GAP (a fact declared as not recorded), is gated by the policy's
``gaps`` section instead, with one gate per origin of the agreement
(``record.origin``): a gap in an agreement negotiated here is a fact still to
be settled, one in an agreement recorded from its sources may be all that the
sources allow.
"""

from __future__ import annotations

from pathlib import Path

from mga_tools.diagnostics import Severity
from mga_tools.errors import ConfigError
from mga_tools.load.limits import MAX_BYTES
from mga_tools.model.facts import NEGOTIATED, RECORDED
from mga_tools.resources import policy_schema, schema_dir

STATUSES = ("draft", "negotiating", "proposed", "agreed", "signed", "amended", "terminated", "expired")
NEVER = "never"
POLICY_FILE = Path("schema") / "policy.yaml"
DEFAULT_MAX_FILE_BYTES = MAX_BYTES  # the loader's limit, unless the policy file sets another
DEFAULT_MIN_FAILURE_SCENARIOS = 3
# The rule that the ``gaps`` section gates, by origin (see :mod:`mga_tools.model.facts`).
GAP_RULE = "FACT-GAP"


class Gate:
    """From which status a rule warns, and from which it is an error."""

    __slots__ = ("error_from", "warn_from")

    def __init__(self, warn_from: str, error_from: str) -> None:
        self.warn_from = warn_from
        self.error_from = error_from

    def severity(self, status: str) -> Severity | None:
        """The rule's severity at ``status``; ``None`` when it is silent."""
        rank = _rank(status)
        if rank >= _rank(self.error_from):
            return Severity.ERROR
        if rank >= _rank(self.warn_from):
            return Severity.WARNING
        return None


def _rank(status: str) -> int:
    # Unknown statuses (already a schema error) are treated as drafts.
    if status == NEVER:
        return len(STATUSES)
    return STATUSES.index(status) if status in STATUSES else 0


class Policy:
    """Thresholds and gates, as read from a policy file."""

    def __init__(
        self,
        source: str,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        min_failure_scenarios: int = DEFAULT_MIN_FAILURE_SCENARIOS,
        gates: dict[str, Gate] | None = None,
        gaps: dict[str, Gate] | None = None,
    ) -> None:
        self.source = source
        self.max_file_bytes = max_file_bytes
        self.min_failure_scenarios = min_failure_scenarios
        self.gates: dict[str, Gate] = gates if gates is not None else {}
        # Origin (``negotiated``, ``recorded``) -> the gate of GAP_RULE for agreements of that origin.
        self.gaps: dict[str, Gate] = default_gaps() if gaps is None else gaps

    def signature(self) -> str:
        """Every setting, as text: what a memo of validation results must be keyed by."""
        gates = sorted((name, g.warn_from, g.error_from) for name, g in self.gates.items())
        gaps = sorted((origin, g.warn_from, g.error_from) for origin, g in self.gaps.items())
        return repr((self.max_file_bytes, self.min_failure_scenarios, gates, gaps))

    def severity(self, rule: str, status: str, default: Severity, origin: str = NEGOTIATED) -> Severity | None:
        """Severity of ``rule`` for an agreement at ``status`` whose ``record.origin`` is ``origin``."""
        gate = self.gaps.get(origin) if rule == GAP_RULE else None
        if gate is None:
            gate = self.gates.get(rule)
        return default if gate is None else gate.severity(status)


def default_gaps() -> dict[str, Gate]:
    """The gates of GAP_RULE when a policy file has no ``gaps`` section (as the shipped policy sets them)."""
    # Negotiated here, a fact not recorded is still to be settled before the parties commit; recorded
    # from sources, it may stay open for good.
    return {NEGOTIATED: Gate("draft", "proposed"), RECORDED: Gate("draft", NEVER)}


def default_policy_path(cwd: Path) -> Path:
    """The repository's own ``schema/policy.yaml`` if it has one, else the shipped one."""
    local = cwd / POLICY_FILE
    return local if local.is_file() else schema_dir() / "policy.yaml"


def load_policy(path: Path, known_rules: set[str]) -> Policy:
    """Read and check a policy file; a broken policy stops the run."""
    from mga_tools.load import FAST, PRECISE, fast_available, load
    from mga_tools.validate.schema import check, is_valid

    if not path.is_file():
        raise ConfigError(f"{path}: policy file not found")
    if fast_available():
        doc = load(path, str(path), reader=FAST)
        names = [name for _, name in _rule_names(doc.data)]
        if not doc.diagnostics and is_valid(doc.data, policy_schema()) and set(names) <= known_rules:
            return _policy(path, doc.data)
    doc = load(path, str(path), reader=PRECISE)
    problems = [d for d in doc.diagnostics if d.severity is Severity.ERROR]
    if doc.parsed and not problems:
        problems = check(doc, policy_schema(), rule="POLICY")
        for pointer, name in _rule_names(doc.data):
            if name not in known_rules:
                problems.append(doc.diagnostic(pointer, "POLICY", Severity.ERROR, f"unknown rule '{name}'", key=True))
    if problems:
        raise ConfigError("invalid policy file:\n" + "\n".join(d.format() for d in sorted(problems)))
    return _policy(path, doc.data)


def _policy(path: Path, data: dict) -> Policy:
    gates = {name: Gate(g["warn_from"], g["error_from"]) for name, g in data["rules"].items()}
    gaps = default_gaps()
    # An origin the file leaves out keeps its default gate.
    gaps.update({origin: Gate(g["warn_from"], g["error_from"]) for origin, g in data.get("gaps", {}).items()})
    return Policy(
        source=str(path),
        max_file_bytes=data.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES),
        min_failure_scenarios=data.get("min_failure_scenarios", DEFAULT_MIN_FAILURE_SCENARIOS),
        gates=gates,
        gaps=gaps,
    )


def _rule_names(data: object) -> list[tuple[tuple[str, str], str]]:
    rules = data.get("rules") if isinstance(data, dict) else None
    return [(("rules", name), name) for name in rules] if isinstance(rules, dict) else []
