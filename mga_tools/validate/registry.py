"""The rule registry: small functions with stable ids, one module per group."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable
from pathlib import Path

from mga_tools.diagnostics import Severity
from mga_tools.load import Document
from mga_tools.validate.index import Index
from mga_tools.validate.policy import Policy
from mga_tools.validate.schema import is_valid

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

    from mga_tools.model.improvement import Solver


class Finding(namedtuple("Finding", "pointer message key", defaults=(False,))):
    """What a rule found: where (a pointer; with ``key`` true, its key) and what to do about it."""

    __slots__ = ()


# The name under which a context holds whether its agreement is valid against the schema (see ``derive``).
SCHEMA_VALID = "schema-valid"


class Context:
    """Everything a rule may look at for one agreement."""

    __slots__ = ("agreement", "base", "data", "derived", "doc", "index", "policy", "scores", "solver", "status")

    def __init__(
        self,
        doc: Document,
        data: dict,
        index: Index,
        policy: Policy,
        status: str,
        base: dict | None = None,
        scores: dict | None = None,
        agreement: dict | None = None,
        solver: Solver | None = None,
    ) -> None:
        # For the rules on an agreement, ``doc`` and ``data`` are the agreement's; for the rules on a
        # score file (``on="scores"``), they are the score file's, and ``agreement`` is the agreement's data.
        self.doc = doc
        # The same agreement at a base revision (``mga validate --base``), else None.
        self.base = base
        self.data = data
        self.index = index
        self.policy = policy
        self.status = status
        # The data of the agreement's score file, when it has one (for an agreement's rules).
        self.scores = scores
        self.agreement = agreement if agreement is not None else data
        # Decides exactly whether a package can be improved for everybody, for the rules whose own search
        # runs out of budget (see :mod:`mga_tools.model.improvement`); given by a higher layer, or None.
        self.solver = solver
        # What several rules derive from the same data, computed by the first that needs it (see ``derive``).
        self.derived: dict[str, object] = {}

    def schema_valid(self) -> bool:
        """Whether the agreement is valid against its schema (as its validation found, or checked now)."""
        return bool(self.derive(SCHEMA_VALID, lambda ctx: is_valid(ctx.agreement)))

    def derive(self, name: str, compute: Callable[[Context], object]) -> Any:
        """``compute(self)``, computed once per context and shared by the rules that ask for ``name``."""
        if name not in self.derived:
            self.derived[name] = compute(self)
        return self.derived[name]

    @property
    def folder(self) -> Path:
        """The folder holding the agreement (related agreements live beside it)."""
        return self.doc.path.parent


Check = Callable[[Context], Iterable[Finding]]


class Rule(namedtuple("Rule", "id group summary severity check on", defaults=("agreement",))):
    """A registered rule. ``severity`` applies unless the policy gates the rule.

    ``on`` is what the rule checks: ``"agreement"``, ``"scores"`` (an agreement's score file) or ``"both"``.
    """

    __slots__ = ()


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, *, group: str, severity: Severity = Severity.ERROR, on: str = "agreement"
) -> Callable[[Check], Check]:
    """Register a rule; its docstring's first line is its summary."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        summary = (check.__doc__ or "").strip().splitlines()[0]
        RULES[rule_id] = Rule(rule_id, group, summary, severity, check, on)
        return check

    return register
