"""Where each field of an agreement appears in the signable documents, or why it is left out.

Every property of ``schema/agreement.schema.json`` has a decision here, by
the longest path prefix that matches it (property names, ``*`` for any item
of a list): :data:`SHOWN` names the section of the document (PDF and DOCX
alike) that states it, :data:`LEFT_OUT` says why the document leaves it out.
An ``id`` is never shown: the document names things (:data:`IDS`). The
completeness test walks the schema, not this list: a property added to the
schema without a decision here fails it, and so does a value under a shown
prefix that the rendered PDF or DOCX does not contain.

:data:`ENUM_LABELS` says which label map of :mod:`mga_tools.render.labels`
words each enumerated field that the document shows; the site reads the same
maps, so both say "Indigenous nation" where the file says ``indigenous-nation``.
"""

from __future__ import annotations

Path = tuple[str, ...]

TITLE = "Title page"
PARTIES = "Parties"
RECITALS = "Recitals"
TERM = "Term of the agreement"
TERMS = "Terms"
DISTRIBUTION = "Distribution"
FOLLOW = "Follow-through schedule"
AMENDMENTS = "Amendments (and, in brief, Term of the agreement)"
SOURCES = "Sources"
SIGNATURES = "Signatures"

IDS = "ids are the record's keys; the document names things instead"

SHOWN: dict[Path, str] = {
    ("id",): TITLE,
    ("title",): TITLE,
    ("summary",): TITLE,
    ("version",): TITLE,
    ("status",): TITLE,
    ("confidentiality",): TITLE,
    ("place",): TERM,
    ("effective",): TERM,
    ("expires",): TERM,
    ("period",): TERM,
    ("termination",): TERM,
    ("conditions",): TERM,
    ("related",): TERM,
    ("languages",): TERM,
    ("governing_language",): TERM,
    ("convenor",): PARTIES,
    ("facilitator",): PARTIES,
    ("record",): SOURCES,
    ("record", "origin"): TITLE,
    ("preparation", "parties"): PARTIES,
    ("preparation", "groups"): PARTIES,
    ("preparation", "parties", "*", "interests"): RECITALS,
    ("preparation", "groups", "*", "interests"): RECITALS,
    ("preparation", "approvers"): TERM,
    ("value_distribution", "criteria"): DISTRIBUTION,
    ("value_distribution", "allocations"): DISTRIBUTION,
    ("terms",): TERMS,
    ("follow_through",): FOLLOW,
    ("signatories",): SIGNATURES,
    ("amendments",): AMENDMENTS,
}

LEFT_OUT: dict[Path, str] = {
    ("status_history",): "the history of the record, not its content; the title page states the current status",
    ("seal",): "the document carries the fingerprint of its content instead",
    ("tags",): "site navigation only: not a term of the agreement",
    ("preparation", "stakeholder_assessment"): "preparation of the process",
    ("preparation", "ground_rules"): "rules of the negotiation, not of the agreement",
    ("preparation", "decision_rule"): "rule of the negotiation, not of the agreement",
    ("preparation", "parties", "*", "constituency"): "whom a party answers to, not what it agrees",
    ("preparation", "parties", "*", "status_history"): "the history of the record; the current standing is "
    "stated with the date and note of its last change",
    ("preparation", "parties", "*", "interests", "*", "position"): "what was asked for at the table",
    ("preparation", "parties", "*", "interests", "*", "priority"): "negotiation weight",
    ("preparation", "parties", "*", "interests", "*", "unaddressed"): "negotiation note",
    ("preparation", "groups", "*", "interests", "*", "position"): "what was asked for at the table",
    ("preparation", "groups", "*", "interests", "*", "priority"): "negotiation weight",
    ("preparation", "groups", "*", "interests", "*", "unaddressed"): "negotiation note",
    ("preparation", "parties", "*", "batna"): "a party's alternative is its own, private preparation, not agreed",
    ("preparation", "groups", "*", "batna"): "a group's alternative is its own, private preparation, not agreed",
    ("preparation", "affected_non_parties"): "they are not parties to it",
    ("value_creation",): "options and packages not adopted are not binding; only the terms are",
    ("value_distribution", "justifications"): "how each party explains the outcome at home",
    ("value_distribution", "consensus"): "how consensus was tested",
    ("value_distribution", "allocations", "*", "issue"): "the issue is part of the negotiation",
    ("terms", "*", "serves"): "the interests are recited; which term serves which is analysis",
    ("terms", "*", "adopts"): "options are not binding; the term's text is",
    ("signatories", "*", "principal"): "the signing key's holder, checked against the signature files",
    # Former keys of protocols, metrics and mechanisms: their title is shown instead.
    ("follow_through", "dispute_mechanisms", "*", "name"): "former key; the title is shown",
    ("follow_through", "protocols", "*", "name"): "former key; the title is shown",
    ("follow_through", "metrics", "*", "name"): "former key; the title is shown",
}

ENUM_LABELS: dict[Path, str] = {
    ("status",): "agreementStatus",
    ("confidentiality",): "confidentiality",
    ("record", "origin"): "record.origin",
    ("conditions", "*", "status"): "condition.status",
    ("related", "*", "relation"): "related.relation",
    ("preparation", "parties", "*", "kind"): "party.kind",
    ("preparation", "parties", "*", "status"): "partyStatus",
    ("preparation", "approvers", "*", "kind"): "approver.kind",
    ("preparation", "approvers", "*", "decision", "outcome"): "approval.outcome",
    ("preparation", "groups", "*", "membership", "roster", "*", "via"): "roster.via",
    ("terms", "*", "kind"): "term.kind",
    ("terms", "*", "strength"): "term.strength",
    ("terms", "*", "conditions", "*", "status"): "condition.status",
    ("follow_through", "bodies", "*", "kind"): "body.kind",
    ("follow_through", "decisions", "*", "binds"): "binds",
    ("follow_through", "dispute_mechanisms", "*", "steps", "*", "kind"): "step.kind",
    ("follow_through", "failure_scenarios", "*", "impact"): "scenario.impact",
    ("follow_through", "failure_scenarios", "*", "likelihood"): "scenario.likelihood",
    ("follow_through", "metrics", "*", "threshold", "comparator"): "threshold.comparator",
    ("follow_through", "metrics", "*", "direction"): "metric.direction",
    ("follow_through", "metrics", "*", "reporting", "every"): "reporting.every",
    ("amendments", "*", "binds"): "binds",
}


def decision(path: Path) -> tuple[bool, str] | None:
    """``(True, section)`` if the document shows the field at ``path``, ``(False, reason)`` if it leaves it out.

    The longest matching prefix decides, so a part of a shown field can be left out (and the other way round);
    ``None``: no decision, which the completeness test reports.
    """
    if path[-1:] == ("id",) and len(path) > 1:
        return False, IDS
    best: tuple[int, tuple[bool, str]] | None = None
    for table, shown in ((SHOWN, True), (LEFT_OUT, False)):
        for prefix, why in table.items():
            if path[: len(prefix)] == prefix and (best is None or len(prefix) > best[0]):
                best = (len(prefix), (shown, why))
    return best[1] if best is not None else None


def shown(path: Path) -> bool:
    """Whether the documents show the field at ``path``."""
    found = decision(path)
    return found is not None and found[0]
