"""The follow-through schedule of the signable document: bodies, scenarios and their safeguards, decisions.

Every safeguard is in the document: those a failure scenario names under it,
the others after the scenarios, so that a mechanism, protocol or metric binds
the parties whether or not a scenario points to it.
"""

from __future__ import annotations

from collections.abc import Callable

from mga_tools.model import Agreement, shape
from mga_tools.model.agreement import Item
from mga_tools.render import metric_words, wording
from mga_tools.render.document_sections import named, names, title, who
from mga_tools.render.ladder import figure as ladder_figure
from mga_tools.render.pandoc_ast import Blocks, bullets, emph, header, labelled, ordered, para, plain, strong


def _mechanism(agreement: Agreement, mechanism: Item, *, figure: bool = True) -> Blocks:
    steps: list[Blocks] = []
    for step in mechanism.get("steps") or []:
        kind = wording.enum_label("step.kind", step.get("kind", "other")) + ":"
        item: Blocks = [plain([strong(kind)], agreement.shown(step.get("who", "")))]
        if step.get("body"):
            item.append(labelled("Body", named(agreement, step["body"])))
        if step.get("time_limit"):
            item.append(labelled("Time limit", agreement.shown(step["time_limit"])))
        if step.get("decides") is not None:
            item.append(labelled("Decides", "yes, the outcome binds" if step["decides"] else "no, it recommends"))
        if step.get("remedies"):
            item.append(labelled("Remedies", "; ".join(agreement.shown(r) for r in step["remedies"])))
        steps.append(item)
    out: Blocks = [plain([strong(title(mechanism, "Dispute resolution ladder"))])]
    if mechanism.get("description"):
        out.append(plain(agreement.shown(mechanism["description"])))
    if figure and steps and mechanism.get("id"):  # the ladder drawn from the same labels as the site's diagram
        out.append(ladder_figure(agreement, mechanism))
    out.append(ordered(steps))
    return out


def _protocol(agreement: Agreement, protocol: Item) -> Blocks:
    out: Blocks = [plain([strong(title(protocol, "Communication protocol"))])]
    for key, what in (("from", "From"), ("to", "To")):
        if protocol.get(key):
            out.append(labelled(what, names(agreement, protocol[key])))
    for key, what in (("what", "What"), ("channel", "Channel"), ("cadence", "Cadence")):
        if protocol.get(key):
            out.append(labelled(what, agreement.shown(protocol[key])))
    return out


def _metric(agreement: Agreement, metric: Item) -> Blocks:
    out: Blocks = [plain([strong(title(metric, "Metric"))])]
    if metric.get("measure"):
        unit = f" ({agreement.shown(metric['unit'])})" if metric.get("unit") else ""
        out.append(labelled("Measure", f"{agreement.shown(metric['measure'])}{unit}"))
    trigger = metric.get("trigger")
    if metric.get("direction"):
        out.append(labelled("Direction", metric_words.direction(metric)))
    if metric.get("baseline") is not None:
        out.append(labelled("Baseline", metric_words.baseline(agreement, metric)))
    if metric.get("threshold") is not None:
        out.append(labelled("Threshold", wording.threshold(agreement, metric)))
    if metric.get("targets"):
        out.append(labelled("Targets", metric_words.targets(agreement, metric)))
    if isinstance(trigger, dict):
        judged = f" (judged by {agreement.shown(trigger['judged_by'])})" if trigger.get("judged_by") else ""
        out.append(labelled("Trigger", f"{agreement.shown(trigger.get('description', ''))}{judged}"))
    if metric.get("cadence"):
        out.append(labelled("Cadence", agreement.shown(metric["cadence"])))
    if metric.get("reporting"):
        out.append(labelled("Reporting", metric_words.reporting(metric)))
    if metric.get("data_source"):
        out.append(labelled("Data source", agreement.shown(metric["data_source"])))
    if metric.get("verification") is not None or metric.get("verified_by") is not None:
        out.append(labelled("Verification", metric_words.verification(agreement, metric)))
    for key, what in (("owner", "Owner"), ("measured_by", "Measured by")):
        if metric.get(key):
            out.append(labelled(what, who(agreement, metric[key])))
    return out


_RENDER: dict[str, Callable[[Agreement, Item], Blocks]] = {
    "dispute_mechanisms": _mechanism,
    "protocols": _protocol,
    "metrics": _metric,
}
_LISTS = {"dispute_mechanisms": "mechanisms", "protocols": "protocols", "metrics": "metrics"}


def _body(agreement: Agreement, body: Item) -> Blocks:
    out: Blocks = [
        plain([strong(title(body, "Body"))], f"({wording.enum_label('body.kind', body.get('kind', 'other'))})")
    ]
    if body.get("members"):
        out.append(labelled("Members", names(agreement, body["members"], bound=True)))
    out += [labelled(what, shown) for what, shown in wording.composition(agreement, body)]
    if body.get("mandate"):
        out.append(labelled("Mandate", agreement.shown(body["mandate"])))
    if body.get("established_by"):
        out.append(labelled("Established by", named(agreement, body["established_by"])))
    return out


def _decision(agreement: Agreement, decision: Item) -> Blocks:
    out: Blocks = [plain([strong(title(decision, "Decision"))])]
    out.append(labelled("Date", agreement.date(decision.get("date"))))
    out.append(labelled("Taken by", named(agreement, decision.get("body", ""))))
    if decision.get("summary"):
        out.append(labelled("Decides", agreement.shown(decision["summary"])))
    if decision.get("changes"):
        out.append(labelled("Changes", "; ".join(named(agreement, c) for c in decision["changes"])))
    if decision.get("binds"):
        binds = wording.enum_label("binds", decision["binds"])
        if decision.get("parties"):
            binds += ": " + names(agreement, decision["parties"])
        out.append(labelled("Binds", binds))
    if decision.get("reference"):
        out.append(labelled("Reference", agreement.shown(decision["reference"])))
    return out


def follow_through(agreement: Agreement) -> Blocks:
    """Bodies, the failure scenarios with their safeguards, the other safeguards, and decisions taken."""
    blocks: Blocks = [header(1, "Follow-through schedule")]
    if agreement.bodies:
        blocks += [header(2, "Bodies"), bullets([_body(agreement, b) for b in agreement.bodies])]
    named: set[int] = set()
    drawn: set[int] = set()

    def safeguards(key: str, items: list[Item]) -> Blocks:
        """A heading and the list of ``items``; a mechanism listed under several scenarios is drawn once."""
        shown = []
        for item in items:
            if key == "dispute_mechanisms":
                shown.append(_mechanism(agreement, item, figure=id(item) not in drawn))
                drawn.add(id(item))
            else:
                shown.append(_RENDER[key](agreement, item))
        return [header(3, shape.heading(key)), bullets(shown)]

    for number, scenario in enumerate(agreement.scenarios, 1):
        blocks.append(header(2, f"Scenario {number}.", str(scenario.get("title") or "")))
        blocks.append(para(agreement.shown(scenario.get("description", ""))))
        facts = [
            f"{k.capitalize()}: {wording.enum_label(f'scenario.{k}', scenario[k])}"
            for k in ("likelihood", "impact")
            if scenario.get(k)
        ]
        if facts:
            blocks.append(para([emph("; ".join(facts))]))
        for key, items in agreement.safeguards(scenario).items():
            named.update(id(item) for item in items)
            if items:
                blocks += safeguards(key, items)
    others = {key: [x for x in getattr(agreement, _LISTS[key]) if id(x) not in named] for key in _RENDER}
    if any(others.values()):
        blocks.append(header(2, "Other arrangements" if agreement.scenarios else "Arrangements"))
        for key, items in others.items():
            if items:
                blocks += safeguards(key, items)
    if agreement.decisions:
        blocks += [header(2, "Decisions taken under this agreement")]
        blocks.append(bullets([_decision(agreement, d) for d in agreement.decisions if isinstance(d, dict)]))
    return blocks
