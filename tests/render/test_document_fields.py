"""The signable document shows every field with legal meaning, and every fact recorded as not known.

The schema is walked for every place a value can be; ``complete-agreement.yaml``
fills each of them once with a value found nowhere else. Every value must
appear in the document's text, except under the fields listed in
:data:`NOT_IN_DOCUMENT` (each with the reason it is left out), so that a field
added to the schema fails here until the document shows it or the list says
why not. A second pass replaces every value that may be a gap by a gap, and
the document (and the site page) must say it is not recorded, with the reason.
The document is built as a pandoc AST once per pass: no PDF is compiled.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ROOT

from mga_tools import markdown as md
from mga_tools.load import load
from mga_tools.model import Agreement
from mga_tools.render.document import build
from mga_tools.render.site import agreement_page
from mga_tools.render.wording import number
from mga_tools.resources import agreement_schema

COMPLETE = ROOT / "tests" / "render" / "complete-agreement.yaml"
Path_ = tuple[str, ...]  # a schema path: property names, "*" for any list item

# Fields (path prefixes) the document leaves out, and why.
NOT_IN_DOCUMENT: dict[Path_, str] = {
    ("status_history",): "the history of the record, not its content",
    ("convenor",): "who ran the process",
    ("facilitator",): "who ran the process",
    ("seal",): "the document carries the fingerprint of its content instead",
    ("preparation", "stakeholder_assessment"): "preparation of the process",
    ("preparation", "ground_rules"): "rules of the negotiation, not of the agreement",
    ("preparation", "decision_rule"): "rule of the negotiation, not of the agreement",
    ("preparation", "parties", "*", "constituency"): "whom a party answers to, not what it agrees",
    ("preparation", "parties", "*", "status"): "the roll of parties is shown; a prospective party is marked",
    ("preparation", "parties", "*", "status_history"): "the history of the record",
    ("preparation", "parties", "*", "interests", "*", "position"): "what was asked for at the table",
    ("preparation", "parties", "*", "interests", "*", "priority"): "negotiation weight",
    ("preparation", "parties", "*", "interests", "*", "unaddressed"): "negotiation note",
    ("preparation", "groups", "*", "interests", "*", "position"): "what was asked for at the table",
    ("preparation", "groups", "*", "interests", "*", "priority"): "negotiation weight",
    ("preparation", "groups", "*", "interests", "*", "unaddressed"): "negotiation note",
    ("preparation", "parties", "*", "batna"): "a party's alternative is its own, not agreed",
    ("preparation", "groups", "*", "batna"): "a group's alternative is its own, not agreed",
    ("preparation", "affected_non_parties"): "they are not parties to it",
    ("preparation", "approvers"): "an approval binds through the condition that names the approver",
    ("value_creation",): "options and packages are not binding; only the terms are",
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
# How a true or false value reads in the document.
BOOLEANS = {
    "alternate": "(alternate)",
    "open": "open to accession",
    "automatic": "automatic",
    "decides": "Decides",
}
DATES = ("when", "date")
NAMED = ("slug", "refs", "idList")


# --- the schema -------------------------------------------------------------------------------------


def _ref(node: dict[str, Any]) -> str:
    return str(node.get("$ref", "")).rsplit("/", 1)[-1]


def schema_leaves(
    node: dict[str, Any], path: Path_ = (), kind: str = "", seen: frozenset[str] = frozenset()
) -> Iterator[tuple[Path_, str, bool]]:
    """(path, kind of value, whether a gap may stand there) for every place a value can be."""
    defs = agreement_schema()["$defs"]
    name = _ref(node)
    if name == "gap" or node.get("type") == "null":
        return
    if name and name not in seen:
        yield from schema_leaves(defs[name], path, name if name in DATES + NAMED else kind, seen | {name})
    choices = [*node.get("anyOf", []), *node.get("oneOf", [])]
    gap = any(_ref(c) == "gap" for c in choices)
    for choice in choices:
        for leaf, leaf_kind, _ in schema_leaves(choice, path, kind, seen):
            yield leaf, leaf_kind, gap and leaf[: len(path)] == path and len(leaf) >= len(path)
    if gap and not any((_ref(c) != "gap" and "$ref" in c) or c.get("type") for c in choices):
        yield path, kind, True
    if "enum" in node or node.get("type") in ("string", "number", "integer", "boolean"):
        yield path, kind, False
    for key, sub in node.get("properties", {}).items():
        yield from schema_leaves(sub, (*path, key), "", seen)
    if isinstance(node.get("items"), dict):
        yield from schema_leaves(node["items"], (*path, "*"), kind, seen)


def _leaves() -> dict[Path_, str]:
    return {path: kind for path, kind, _ in schema_leaves(agreement_schema())}


def _gap_places() -> list[Path_]:
    """Every path at which a gap may stand instead of the value (the value itself, not a part of it)."""
    found: dict[Path_, None] = {}

    def walk(node: dict[str, Any], path: Path_, seen: frozenset[str]) -> None:
        defs = agreement_schema()["$defs"]
        name = _ref(node)
        if name and name != "gap" and name not in seen:
            walk(defs[name], path, seen | {name})
        choices = [*node.get("anyOf", []), *node.get("oneOf", [])]
        if any(_ref(c) == "gap" for c in choices):
            found[path] = None
        for choice in choices:
            if _ref(choice) != "gap":
                walk(choice, path, seen)
        for key, sub in node.get("properties", {}).items():
            walk(sub, (*path, key), seen)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, "*"), seen)

    walk(agreement_schema(), (), frozenset())
    return list(found)


# --- the data and the document ----------------------------------------------------------------------


def data_leaves(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """(schema path, value) for every scalar of the data."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from data_leaves(sub, (*path, str(key)))
    elif isinstance(value, list):
        for sub in value:
            yield from data_leaves(sub, (*path, "*"))
    else:
        yield path, value


def excluded(path: Path_) -> bool:
    return path[-1:] == ("id",) or any(path[: len(prefix)] == prefix for prefix in NOT_IN_DOCUMENT)


def words(node: Any) -> Iterator[str]:
    """Every word of a pandoc AST, in order."""
    if isinstance(node, dict):
        if node.get("t") == "Str":
            yield node["c"]
        else:
            yield from words(node.get("c"))
            yield from words(node.get("blocks"))
    elif isinstance(node, list):
        for sub in node:
            yield from words(sub)


def norm(text: str) -> str:
    """Compared without case, white space or hyphens (``meeting-of-parties`` reads ``meeting of parties``)."""
    return re.sub(r"[\s\-]+", "", unicodedata.normalize("NFKC", text)).lower()


def document_text(data: dict[str, Any]) -> str:
    return " ".join(words(build(Agreement(data))))


def expected(agreement: Agreement, path: Path_, value: Any, kind: str) -> str:
    """How ``value`` at ``path`` reads in the document."""
    if isinstance(value, bool):
        return BOOLEANS[path[-1]] if value else ""
    if kind in NAMED:
        return agreement.name(value)
    if kind in DATES:
        return agreement.date(value)
    if isinstance(value, int | float):
        return number(value, grouped=path[-3:] == ("amounts", "*", "amount"))
    return str(value)


@pytest.fixture(scope="module")
def complete() -> dict[str, Any]:
    doc = load(COMPLETE)
    assert not doc.diagnostics
    return doc.data


def test_the_schema_walk_finds_the_new_fields():
    leaves = _leaves()
    assert len(leaves) > 200
    for path in [
        ("period", "renewal", "notice"),
        ("terms", "*", "amounts", "*", "payer"),
        ("follow_through", "decisions", "*", "binds"),
        ("amendments", "*", "ratifications", "*", "date"),
        ("preparation", "groups", "*", "membership", "roster", "*", "via"),
    ]:
        assert path in leaves, path
    assert leaves[("terms", "*", "obligated", "*")] in NAMED and leaves[("effective",)] in DATES
    assert ("follow_through", "dispute_mechanisms", "*", "steps", "*", "time_limit") in _gap_places()


def test_the_complete_agreement_fills_every_field_of_the_schema(complete):
    filled = {path for path, _ in data_leaves(complete)}
    missing = sorted(path for path in set(_leaves()) - filled if not excluded(path))
    assert missing == [], "fill these in complete-agreement.yaml: " + ", ".join("/".join(p) for p in missing)


def test_the_document_shows_every_value_with_legal_meaning(complete):
    agreement = Agreement(complete)
    kinds = _leaves()
    text = norm(document_text(complete))
    missing = []
    for path, value in data_leaves(complete):
        if excluded(path) or path not in kinds:
            continue
        shown = expected(agreement, path, value, kinds[path])
        if shown and norm(shown) not in text:
            missing.append(f"{'/'.join(path)}: {shown}")
    assert missing == []


def test_the_exclusions_name_real_fields():
    leaves = _leaves()
    for prefix in NOT_IN_DOCUMENT:
        assert any(path[: len(prefix)] == prefix for path in leaves), prefix


def _set(data: Any, path: Path_, value: Any) -> bool:
    """Put ``value`` at ``path`` (the first item of each list); whether the place exists in ``data``."""
    *head, last = path
    node = data
    for step in head:
        node = node[0] if step == "*" and isinstance(node, list) and node else node.get(step) if step != "*" else None
        if not isinstance(node, dict | list):
            return False
    if last == "*":
        if not isinstance(node, list) or not node:
            return False
        node[0] = value
        return True
    if not isinstance(node, dict) or last not in node:
        return False
    node[last] = value
    return True


def test_every_gap_reads_not_recorded_with_its_reason_in_the_document_and_on_the_site(complete):
    data = copy.deepcopy(complete)
    reasons: dict[str, Path_] = {}
    for n, path in enumerate(_gap_places()):
        reason = f"Reason number {n} why it is not known"
        gap = {"gap": "not-in-sources", "reason": reason, "consulted": ["minutes"]}
        if _set(data, path, gap):
            reasons[reason] = path
    assert len(reasons) > 30
    text = document_text(data)
    shown = [r for r, path in reasons.items() if not excluded(path)]
    assert [(r, reasons[r]) for r in shown if norm(r) not in norm(text)] == []
    assert norm("Not recorded (not in the sources)") in norm(text)
    assert norm("Consulted: Minutes of the Signing Session") in norm(text)
    assert "'gap'" not in text and "{" not in text
    page = agreement_page(Agreement(data))
    # The site page shows everything the document does, and more; but not the status history.
    hidden = [(r, path) for r, path in reasons.items() if md.text(r) not in page and path[0] != "status_history"]
    assert hidden == []
    assert "'gap'" not in page and "{'" not in page


HOSTILE = "<script>alert(1)</script> *stars* [x](javascript:alert(1)) #eval(1) | cell"


def test_gap_reasons_and_new_fields_stay_text(complete):
    data = copy.deepcopy(complete)
    step = data["follow_through"]["dispute_mechanisms"][0]["steps"][0]
    step["time_limit"] = {"gap": "unknown", "reason": HOSTILE, "consulted": ["minutes"]}
    data["related"][1]["external"]["title"] = HOSTILE
    data["record"]["sources"][0]["title"] = HOSTILE
    data["terms"][0]["amounts"][0]["note"] = HOSTILE
    page = agreement_page(Agreement(data))
    assert "<script>" not in page and "*stars*" not in page and "](javascript" not in page
    assert md.text(HOSTILE) in page
    # A web address stays inside its attribute, and only http(s) becomes a link.
    data["record"]["sources"][0]["url"] = 'https://x.example/"><script>'
    assert "<script>" not in agreement_page(Agreement(data))
    words_ = " ".join(words(build(Agreement(data))))
    assert words_.count("<script>alert(1)</script>") >= 4  # as words, which pandoc's writers escape


@pytest.mark.slow
def test_the_complete_agreement_with_gaps_compiles_to_pdf_showing_them(complete, tmp_path):
    """One real PDF of everything at once: Typst takes every new field and every gap."""
    from render_helpers import pdf_pages, squash

    from mga_tools.render import render

    data = copy.deepcopy(complete)
    reasons = []
    for n, path in enumerate(_gap_places()):
        reason = f"Reason number {n} why it is not known"
        if not excluded(path) and _set(data, path, {"gap": "unknown", "reason": reason}):
            reasons.append(reason)
    whole = squash("\n".join(pdf_pages(render(Agreement(data), "pdf", tmp_path / "complete.pdf"))))
    assert [r for r in reasons if squash(r) not in whole] == []
    assert squash("Regional Framework Treaty") in whole and squash("EUR 250,000") in whole
