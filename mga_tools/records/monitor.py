"""``mga monitor``: an agreement's follow-through as of a date, as located diagnostics.

Each finding carries a stable rule id (:data:`RULES`): a metric's latest
observation beyond its breach or warning level, a report overdue, a deadline
missed or near, a failure scenario none of whose metrics was ever observed.
Findings are located at what they are about: the observation, the metric, the
term, the dispute or the scenario, in the file that records it. An agreement
not yet in effect as of the date gets deadline findings only.
"""

from __future__ import annotations

import datetime
import operator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mga_tools.diagnostics import Diagnostic, Report, Severity
from mga_tools.load import load
from mga_tools.load.companion import is_companion_file
from mga_tools.load.records import recorded
from mga_tools.model.agreement import Agreement, label
from mga_tools.model.observations import Location, as_date
from mga_tools.model.periods import due_date, parse_period, period_containing, periods_between, reporting_of
from mga_tools.model.shape import section
from mga_tools.records.monitor_deadlines import MISSED, SOON, deadline_findings, dispute_findings

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mga_tools.model.observations import Observation

BREACH = "MONITOR-BREACH"
WARNING = "MONITOR-WARNING"
OVERDUE = "MONITOR-OVERDUE"
UNOBSERVED = "MONITOR-UNOBSERVED"
RULES = (BREACH, WARNING, OVERDUE, SOON, MISSED, UNOBSERVED)
DEFAULT_WITHIN = 30

_COMPARE = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _shown(value: float) -> str:
    return f"{value:g}"


def _levels(threshold: dict[str, Any], key: str) -> list[tuple[float, str | None]]:
    """The levels (``value`` or ``warning``) of a threshold, with the case each belongs to, strictest first."""
    levels: list[tuple[float, str | None]] = []
    if _number(threshold.get(key)) is not None:
        levels.append((threshold[key], None))
    for case in threshold.get("cases") or ():
        if isinstance(case, dict) and _number(case.get(key)) is not None:
            levels.append((case[key], " ".join(str(case.get("when", "")).split())))
    # Trouble below (< or <=): the highest level is crossed first; trouble above: the lowest.
    return sorted(levels, key=lambda lv: -lv[0] if threshold.get("comparator") in ("<", "<=") else lv[0])


def _crossed(value: float, threshold: dict[str, Any], key: str) -> tuple[float, str | None] | None:
    compare = _COMPARE.get(str(threshold.get("comparator")))
    if compare is None:
        return None
    return next((lv for lv in _levels(threshold, key) if compare(value, lv[0])), None)


def _triggers(a: Agreement, metric: str) -> str:
    """The failure scenarios that list ``metric``, with their mechanisms and protocols by title."""
    titles = {str(x.get("id")): label(x) for x in a.mechanisms + a.protocols}
    said = []
    for s in a.scenarios:
        if metric not in (s.get("metrics") or ()):
            continue
        uses = [titles.get(str(i), str(i)) for key in ("dispute_mechanisms", "protocols") for i in s.get(key) or ()]
        said.append(f"'{label(s)}'" + (f" (use: {'; '.join(uses)})" if uses else ""))
    return f"; failure scenario{'s' * (len(said) > 1)}: {', '.join(said)}" if said else ""


def _order(o: Observation, metric: dict[str, Any]) -> tuple[datetime.date, datetime.date]:
    rep = reporting_of(metric)
    period = parse_period(o.period, rep) if rep else None
    start = period.start if period is not None and not isinstance(period, str) else datetime.date.min
    return start, o.reported_on or datetime.date.min


def _levels_findings(a: Agreement, metric: dict[str, Any], seen: list[Observation]) -> list[Diagnostic]:
    threshold = metric.get("threshold")
    if not seen or not isinstance(threshold, dict):
        return []
    latest = max(seen, key=lambda o: _order(o, metric))  # the last of equals: max keeps the first, files are in order
    value = _number(latest.value)
    if value is None or latest.at is None:
        return []  # a gap or a qualitative value: nothing to compare
    unit = f" {metric['unit']}" if isinstance(metric.get("unit"), str) else ""
    name = f"{label(metric)} ('{metric.get('id')}') was {_shown(value)}{unit} in {latest.period}"
    comparator = threshold.get("comparator")
    path, line, col = latest.at
    for key, rule, severity, level in (
        ("value", BREACH, Severity.ERROR, "breach level"),
        ("warning", WARNING, Severity.WARNING, "warning level"),
    ):
        crossed = _crossed(value, threshold, key)
        if crossed is None:
            continue
        case = ""
        if crossed[1] is not None:
            case = f", case '{crossed[1]}' (the strictest: the observation does not say which case applies)"
        triggers = _triggers(a, str(metric.get("id"))) if rule == BREACH else ""
        message = f"{name}, beyond its {level} {comparator} {_shown(crossed[0])}{case}{triggers}"
        return [Diagnostic(path, line, col, rule, severity, message)]
    return []


def _overdue(
    metric: dict[str, Any],
    seen: list[Observation],
    effective: datetime.date,
    as_of: datetime.date,
    where: tuple[str, int, int],
) -> list[Diagnostic]:
    rep = reporting_of(metric)
    if rep is None:
        return []
    reported = {p.start for o in seen if not isinstance(p := parse_period(o.period, rep), str)}
    found = []
    # The period in which the agreement took effect is the first reported; none before it.
    for period in periods_between(rep, period_containing(effective, rep).start, as_of):
        due = due_date(period, rep)
        if period.end < as_of and due < as_of and period.start not in reported:
            message = f"metric '{metric.get('id')}': the report for {period.label} was due on {due}; none is recorded"
            found.append(Diagnostic(where[0], where[1], where[2], OVERDUE, Severity.ERROR, message))
    return found


def monitor_agreement(path: Path, display: str, as_of: datetime.date, within: int = DEFAULT_WITHIN) -> list[Diagnostic]:
    """Every monitoring finding about the agreement at ``path`` (displayed as ``display``) as of ``as_of``."""
    doc = load(path, display)
    if not doc.parsed or not isinstance(doc.data, dict):
        return list(doc.diagnostics)
    a = Agreement(doc.data)

    def where(pointer: tuple[str | int, ...]) -> tuple[str, int, int]:
        return (display, *doc.position(pointer))

    def items(name: str) -> list[tuple[dict[str, Any], tuple[str, int, int]]]:
        base = section(name).path
        listed = a.metrics if name == "metrics" else a.scenarios if name == "failure_scenarios" else a.terms
        return [(x, where((*base, i))) for i, x in enumerate(listed) if isinstance(x, dict)]

    terms = {str(t.get("id")): (*section("terms").path, i) for i, t in enumerate(a.terms) if isinstance(t, dict)}
    observed_values, disputes = recorded(path, display)
    found = deadline_findings(a, where, terms, as_of, within)
    found += dispute_findings(a, disputes, as_of, within, Location(*where(())))
    effective = as_date(a.data.get("effective"))
    if effective is None or effective > as_of:
        return sorted(found)
    seen = [o for o in observed_values if o.reported_on is None or o.reported_on <= as_of]
    observed: set[str] = set()
    for metric, at in items("metrics"):
        mine = [o for o in seen if o.metric == metric.get("id")]
        found += _levels_findings(a, metric, mine)
        found += _overdue(metric, mine, effective, as_of, at)
        rep = reporting_of(metric)
        for o in mine:
            period = parse_period(o.period, rep) if rep else None
            if (
                o.reported_on is None
                or o.reported_on >= effective
                or (period and not isinstance(period, str) and period.end >= effective)
            ):
                observed.add(o.metric)
    for scenario, at in items("failure_scenarios"):
        metrics = [str(m) for m in scenario.get("metrics") or ()]
        if metrics and not observed.intersection(metrics):
            message = (
                f"failure scenario '{scenario.get('id')}': none of its metrics ({', '.join(metrics)})"
                f" has an observation since the agreement took effect on {effective}"
            )
            found.append(Diagnostic(at[0], at[1], at[2], UNOBSERVED, Severity.WARNING, message))
    return sorted(found)


def monitor_paths(
    paths: Sequence[str], as_of: datetime.date, within: int = DEFAULT_WITHIN, folder: Path = Path("agreements")
) -> Report:
    """Monitor the agreements named by ``paths`` (files, folders or agreement ids); a report of the findings."""
    from mga_tools.load.lookup import agreement_file, is_agreement_id
    from mga_tools.validate import collect

    named = [agreement_file(p, folder).as_posix() if is_agreement_id(p) and not Path(p).exists() else p for p in paths]
    report = Report()
    for path, display in collect(named):
        if is_companion_file(path.name):
            continue  # a records file without its agreement: validation reports it
        report.files.append(display)
        report.diagnostics += monitor_agreement(path, display, as_of, within)
    report.files.sort()
    report.diagnostics.sort()
    return report


def as_markdown(report: Report) -> str:
    """The findings as a Markdown table, for an issue or a pull request."""
    if not report.diagnostics:
        return f"No findings in {len(report.files)} agreement{'s' * (len(report.files) != 1)}.\n"
    lines = ["| Where | Severity | Rule | Finding |", "| --- | --- | --- | --- |"]
    for d in report.diagnostics:
        # What an author wrote drives no HTML and breaks no table cell.
        message = d.message.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{d.path}:{d.line}:{d.col}` | {d.severity} | {d.rule} | {message} |")
    errors, warnings = report.errors, report.warnings
    return "\n".join(lines) + f"\n\n{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}\n"
