"""Trimming an agreement to a line budget.

The structure (how many parties, issues, terms, scenarios ...) is drawn at
random; optional details are then left out, least important first, until the
file fits its line budget. Nothing removed here is needed for validity.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .yaml_text import line_count


def _each(data: dict[str, Any], *path: str | int) -> list[dict[str, Any]]:
    """The mappings in the list at ``path`` (an empty list where there is none)."""
    node: Any = data
    for step in path:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and len(node) > step else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
    return [x for x in node if isinstance(x, dict)] if isinstance(node, list) else []


def _drop(items: list[dict[str, Any]], *keys: str) -> None:
    for item in items:
        for key in keys:
            item.pop(key, None)


def _options(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for issue in _each(data, "value_creation", "issues") for o in _each(issue, "options")]


def _interests(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for p in _each(data, "preparation", "parties") for i in _each(p, "interests")]


def _batnas(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for p in _each(data, "preparation", "parties") if isinstance(b := p.get("batna"), dict)]


_TRIMMERS: tuple[Callable[[dict[str, Any]], object], ...] = (
    lambda d: d["value_creation"].pop("fact_finding", None),
    lambda d: d["preparation"].pop("stakeholder_assessment", None),
    lambda d: _drop(_options(d), "description"),
    lambda d: _drop([d], "related", "termination"),
    lambda d: _drop(_each(d, "status_history"), "note"),
    lambda d: _drop(_each(d, "follow_through", "metrics"), "data_source"),
    lambda d: _drop(_each(d, "follow_through", "dispute_mechanisms"), "description"),
    lambda d: _drop(_each(d, "follow_through", "failure_scenarios"), "likelihood", "impact"),
    lambda d: _drop(_each(d, "terms"), "beneficiaries"),
    lambda d: _drop(_interests(d), "priority"),
    lambda d: _drop(_batnas(d), "strength", "reservation_value", "improvements"),
    lambda d: _drop(_each(d, "value_creation", "packages"), "rationale"),
    lambda d: _drop([d], "convenor"),
    lambda d: _drop(_each(d, "preparation", "parties"), "constituency"),
    lambda d: _drop(_each(d, "follow_through", "metrics"), "unit"),
    lambda d: _drop(_options(d), "proposed_by"),
    lambda d: d["value_creation"]["packages"].__delitem__(slice(1, None)),
    lambda d: d["value_distribution"].pop("consensus", None),
    lambda d: d["preparation"]["ground_rules"].__delitem__(slice(2, None)),
    lambda d: _drop(_each(d, "follow_through", "dispute_mechanisms", 0, "steps"), "remedies"),
    lambda d: _drop(_each(d, "preparation", "parties")[1::2], "representatives"),
)


def trim(data: dict[str, Any], budget: int) -> int:
    """Leave out optional details until the agreement fits in ``budget`` lines; returns its length."""
    lines = line_count(data)
    for trimmer in _TRIMMERS:
        if lines <= budget:
            break
        trimmer(data)
        lines = line_count(data)
    return lines
