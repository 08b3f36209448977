"""The rule registry: small functions with stable ids, one module per group."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mga_tools.diagnostics import Severity
from mga_tools.load import Document, Pointer
from mga_tools.validate.index import Index
from mga_tools.validate.policy import Policy


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found: where (a pointer, or its key) and what to do about it."""

    pointer: Pointer
    message: str
    key: bool = False


@dataclass
class Context:
    """Everything a rule may look at for one agreement."""

    doc: Document
    data: dict[str, Any]
    index: Index
    policy: Policy
    status: str

    @property
    def folder(self) -> Path:
        """The folder holding the agreement (related agreements live beside it)."""
        return self.doc.path.parent


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule. ``severity`` applies unless the policy gates the rule."""

    id: str
    group: str
    summary: str
    severity: Severity
    check: Check


RULES: dict[str, Rule] = {}


def rule(rule_id: str, *, group: str, severity: Severity = Severity.ERROR) -> Callable[[Check], Check]:
    """Register a rule; its docstring's first line is its summary."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        summary = (check.__doc__ or "").strip().splitlines()[0]
        RULES[rule_id] = Rule(rule_id, group, summary, severity, check)
        return check

    return register
