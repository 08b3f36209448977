"""Site page section of the follow-through: scenarios, mechanisms, protocols, metrics, bodies, decisions."""

from __future__ import annotations

from mga_tools import markdown as md
from mga_tools.model import Agreement, shape
from mga_tools.model.facts import is_gap
from mga_tools.render import ladder, metric_words, wording
from mga_tools.render.site_common import cell, date, field, folded, heading, join, ref, refs, table, text, title_cell

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Failure-scenario keys -> (label, anchor kind).
_ANCHORS = {"dispute_mechanisms": "mechanism", "protocols": "protocol", "metrics": "metric"}
SAFEGUARDS = {key: (shape.heading(key), _ANCHORS[key]) for key in shape.SAFEGUARDS}


def scenario(a: Agreement, s: dict[str, Any]) -> str:
    """One failure scenario as a card that links its mechanisms, protocols and metrics."""
    title = f"{md.text(wording.named(a, s['id']))} {md.ident(s['id'])}"
    body = [md.target("scenario", s["id"]) + md.text(s.get("description", ""))]
    body.append(
        field("Likelihood", md.text(wording.enum_label("scenario.likelihood", s.get("likelihood", "—"))))
        + " · "
        + field("Impact", md.text(wording.enum_label("scenario.impact", s.get("impact", "—"))))
    )
    for key, (label, _) in SAFEGUARDS.items():
        body.append(field(label, refs(a, s.get(key))))
    indented = "\n\n".join("    " + line for line in body)
    return f'!!! failure mga-scenario "{title}"\n\n{indented}'


def _ladder(a: Agreement, mechanism: dict[str, Any]) -> str:
    """The documents' ladder drawing, inline: drawn at build time, so the page needs no script or network.

    The SVG names itself (``role="img"`` with its title and a description of
    every step); the caption says the same for every reader. All agreement text
    in both is escaped. The table below the drawing gives the details.
    """
    if not ladder.steps(a, mechanism):
        return ""
    drawing = ladder.svg(a, mechanism, fluid=True).decode("utf-8").strip()
    caption = f"<figcaption>{md.html(ladder.title(mechanism))}</figcaption>"
    return f'<figure class="mga-ladder">\n{drawing}\n{caption}\n</figure>'


def mechanism(a: Agreement, m: dict[str, Any]) -> str:
    """A dispute mechanism: description, ladder diagram, and the steps with remedies."""
    rows = [
        [
            str(n),
            md.text(ladder.kind_label(step.get("kind"))),
            cell(a, step.get("who")) + (f" ({ref(a, step['body'])})" if step.get("body") else ""),
            cell(a, step.get("time_limit")),
            "; ".join(md.text(r) for r in step.get("remedies") or []) or "—",
        ]
        for n, step in enumerate(m.get("steps") or [], 1)
    ]
    return join(
        [
            heading(a, 4, m, "mechanism"),
            text(a, m.get("description", "")),
            _ladder(a, m),
            md.table(["Step", "Kind", "Who", "Time limit", "Remedies"], rows),
        ]
    )


def _metric_test(a: Agreement, m: dict[str, Any]) -> str:
    if m.get("threshold") is not None:
        shown = md.text(wording.threshold(a, m))
        if is_gap(m["threshold"]) and m.get("unit"):  # the unit is otherwise shown with the threshold's value
            shown += f" (unit: {text(a, m['unit'])})"
        return shown
    trigger = m.get("trigger")
    if isinstance(trigger, dict):
        return text(a, trigger.get("description", "")) + " (judged by " + text(a, trigger.get("judged_by", "")) + ")"
    return "—"


def _metric_trigger(a: Agreement, m: dict[str, Any]) -> str:
    """The breach (and warning) level or the trigger, then the direction when the metric states one."""
    shown = _metric_test(a, m)
    if m.get("direction"):
        shown += f"; {md.text(metric_words.direction(m).lower())}"
    return shown


def _metric_levels(a: Agreement, m: dict[str, Any]) -> str:
    """Baseline and targets, or — when the metric has neither."""
    parts = []
    if m.get("baseline") is not None:
        parts.append("Baseline: " + md.cell(metric_words.baseline(a, m)))
    if m.get("targets"):
        parts.append("Targets: " + md.cell(metric_words.targets(a, m)))
    return "; ".join(parts) or "—"


def _metric_source(a: Agreement, m: dict[str, Any]) -> str:
    """The data source, and how and by whom the data is verified."""
    shown = cell(a, m.get("data_source"))
    verified = metric_words.verification(a, m)
    if verified:
        shown = ("" if shown == "—" else shown + "; ") + "verified: " + md.cell(verified)
    return shown


def _composition(a: Agreement, body: dict[str, Any]) -> str:
    return md.cell("; ".join(f"{what}: {shown}" for what, shown in wording.composition(a, body)))


def decisions(a: Agreement) -> str:
    """Decisions taken under the agreement: when, by which body, what they decide and change, whom they bind."""
    rows = []
    for d in a.decisions:
        binds = md.cell(wording.BINDS.get(str(d.get("binds")), d.get("binds")))
        if d.get("parties"):
            binds += ": " + refs(a, d["parties"])
        changes = ", ".join(ref(a, c) for c in d.get("changes") or []) or "—"
        summary = cell(a, d.get("summary"))
        if d.get("reference"):
            summary += f" ({text(a, d['reference'])})"
        rows.append(
            [title_cell(a, d, "decision"), date(a, d.get("date")), ref(a, d.get("body", "")), summary, changes, binds]
        )
    if not rows:
        return ""
    shown = md.table(["Decision", "Date", "Body", "What it decides", "Changes", "Binds"], rows)
    return join(["### Decisions", folded(len(rows), "decision", None, shown)])


def follow_through(a: Agreement) -> str:
    """Phase 4: scenario cards, mechanisms with their ladders, protocols, metrics, bodies."""
    cards = "\n\n".join(scenario(a, s) for s in a.scenarios)
    blocks = ["## 4. Follow-through", "### Failure scenarios", folded(len(a.scenarios), "scenario", None, cards)]
    if a.mechanisms:
        blocks += ["### Dispute mechanisms", *(mechanism(a, m) for m in a.mechanisms)]
    if a.protocols:
        rows = [
            [
                title_cell(a, p, "protocol"),
                refs(a, p.get("from")),
                refs(a, p.get("to")),
                cell(a, p.get("what")),
                cell(a, p.get("channel")),
                cell(a, p.get("cadence")),
            ]
            for p in a.protocols
        ]
        shown = md.table(["Protocol", "From", "To", "What", "Channel", "Cadence"], rows)
        blocks += ["### Protocols", folded(len(rows), "protocol", None, shown)]
    if a.metrics:
        rows = [
            [
                title_cell(a, m, "metric"),
                cell(a, m.get("measure")),
                _metric_trigger(a, m),
                cell(a, m.get("cadence")),
                md.cell(metric_words.reporting(m)),
                _metric_levels(a, m),
                ref(a, m["owner"]) if m.get("owner") else "—",
                ref(a, m["measured_by"]) if m.get("measured_by") else "—",
                _metric_source(a, m),
            ]
            for m in a.metrics
        ]
        header = ["Metric", "Measure", "Trigger", "Cadence", "Reporting", "Baseline and targets", "Owner"]
        header += ["Measured by", "Data source"]
        optional = ("Reporting", "Baseline and targets", "Measured by")
        blocks += ["### Metrics", folded(len(rows), "metric", None, table(header, rows, optional))]
    if a.bodies:
        rows = [
            [
                title_cell(a, b, "body"),
                md.cell(wording.enum_label("body.kind", b.get("kind", "other"))),
                refs(a, b.get("members")),
                _composition(a, b),
                cell(a, b.get("mandate")),
            ]
            for b in a.bodies
        ]
        shown = table(["Body", "Kind", "Members", "Composition", "Mandate"], rows, ("Composition",))
        blocks += ["### Bodies", folded(len(rows), "body", "bodies", shown)]
    blocks.append(decisions(a))
    return join(blocks)
