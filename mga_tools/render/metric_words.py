"""How the measurable parts of a metric read: direction, baseline, targets, reporting and verification.

The signable document and the site word them alike; the breach and warning
levels are in :func:`mga_tools.render.wording.threshold`.
"""

from __future__ import annotations

from mga_tools.model import Agreement
from mga_tools.model.facts import is_gap
from mga_tools.render.labels import enum_label
from mga_tools.render.wording import number

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _unit(metric: dict[str, Any]) -> str:
    unit = metric.get("unit")
    return f" {unit}" if isinstance(unit, str) and unit else ""


def _value(a: Agreement, value: Any, unit: str) -> str:
    if is_gap(value):
        return a.shown(value)
    return f"{number(value)}{unit}"


def direction(metric: dict[str, Any]) -> str:
    """``Higher is better``; empty when the metric states no direction."""
    found = metric.get("direction")
    return enum_label("metric.direction", found) if found else ""


def baseline(a: Agreement, metric: dict[str, Any]) -> str:
    """``1 meetings (June 2025): note``; empty when the metric has no baseline."""
    found = metric.get("baseline")
    if not isinstance(found, dict):
        return a.shown(found) if found is not None else ""
    shown = _value(a, found.get("value"), _unit(metric))
    if found.get("date") is not None:
        shown += f" ({a.date(found['date'])})"
    if found.get("note"):
        shown += f": {a.shown(found['note'])}"
    return shown


def targets(a: Agreement, metric: dict[str, Any]) -> str:
    """``2026: 3 meetings; 2027: 4 meetings (note)``; empty when the metric has no targets."""
    found = metric.get("targets")
    if not isinstance(found, list):
        return ""
    unit = _unit(metric)
    parts = []
    for target in found:
        if not isinstance(target, dict):
            continue
        part = f"{target.get('period', '')}: {_value(a, target.get('value', ''), unit)}"
        if target.get("note"):
            part += f" ({a.shown(target['note'])})"
        parts.append(part)
    return "; ".join(parts)


def reporting(metric: dict[str, Any]) -> str:
    """``every quarter, due 30 days after it ends``; periods moved by an anchor say where they start."""
    found = metric.get("reporting")
    if not isinstance(found, dict):
        return ""
    every = enum_label("reporting.every", found.get("every", ""))
    shown = f"every {every}"
    if found.get("anchor"):
        shown += f" from {found['anchor']}"
    days = found.get("due_days")
    if isinstance(days, int) and not isinstance(days, bool):
        shown += ", due the day it ends" if days == 0 else f", due {days} day{'s' if days != 1 else ''} after it ends"
    return shown


def verification(a: Agreement, metric: dict[str, Any]) -> str:
    """``Audited by the board (by Joint Board)``: how the data is verified, and by whom; empty when unsaid."""
    how = metric.get("verification")
    by = metric.get("verified_by")
    shown = a.shown(how) if how is not None else ""
    if by is not None:
        shown += f" (by {a.name(by)})" if shown else f"by {a.name(by)}"
    return shown
