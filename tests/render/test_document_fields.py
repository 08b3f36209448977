"""The signable document shows every field with legal meaning, and every fact recorded as not known.

The schema is walked for every place a value can be; ``complete-agreement.yaml``
fills each of them once with a value found nowhere else. Every place must
have a decision in :mod:`mga_tools.render.coverage` (the section that shows
it, or why it is left out), so that a field added to the schema fails here
until one is made; every value under a shown field must appear in the
document's text, an enumerated value in the words of its label map. A second
pass replaces every value that may be a gap by a gap, and the document (and
the site page) must say it is not recorded, with the reason. The fast tests
read the pandoc AST; the slow one reads the real PDF (pdftotext) and DOCX
(python-docx).
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
from mga_tools.render import coverage, labels
from mga_tools.render.document import build
from mga_tools.render.site import agreement_page
from mga_tools.render.wording import number
from mga_tools.resources import agreement_schema

COMPLETE = ROOT / "tests" / "render" / "complete-agreement.yaml"
Path_ = tuple[str, ...]  # a schema path: property names, "*" for any list item

# Values a field may take in another form than in complete-agreement.yaml: each is checked in a second agreement.
VARIANTS: dict[Path_, Any] = {
    ("termination",): "Termination clause written as one text, read as without breach.",
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


def schema_nodes(
    node: dict[str, Any] | None = None, path: Path_ = (), seen: frozenset[str] = frozenset()
) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """(path, schema node) for every node a value can be checked against, ``$ref`` followed, gaps left out."""
    node = agreement_schema() if node is None else node
    name = _ref(node)
    if name == "gap":
        return
    yield path, node
    if name and name not in seen:
        yield from schema_nodes(agreement_schema()["$defs"][name], path, seen | {name})
    for choice in [*node.get("anyOf", []), *node.get("oneOf", [])]:
        yield from schema_nodes(choice, path, seen)
    for key, sub in node.get("properties", {}).items():
        yield from schema_nodes(sub, (*path, key), seen)
    if isinstance(node.get("items"), dict):
        yield from schema_nodes(node["items"], (*path, "*"), seen)


def _gap_places() -> list[Path_]:
    """Every path at which a gap may stand instead of the value (the value itself, not a part of it)."""
    found = {
        path: None
        for path, node in schema_nodes()
        if any(_ref(c) == "gap" for c in [*node.get("anyOf", []), *node.get("oneOf", [])])
    }
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
    return not coverage.shown(path)


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
    if path in coverage.ENUM_LABELS:
        return labels.enum_label(coverage.ENUM_LABELS[path], value)
    if path[-1:] in (("languages",), ("governing_language",)) or path[-2:] == ("languages", "*"):
        return labels.language_name(value)
    if kind in NAMED or (path[-2:] == ("changes", "*") and str(value) in agreement.by_id):
        return agreement.name(value)  # "changes" names an item by id, or a top-level field by its key
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


def _enum_leaves() -> dict[Path_, list[Any]]:
    """Every place an enumerated value can be, with the values the schema allows there."""
    found: dict[Path_, list[Any]] = {}
    for path, node in schema_nodes():
        if "enum" in node:
            found.setdefault(path, list(node["enum"]))
    return found


def test_every_field_of_the_schema_has_a_decision():
    undecided = sorted("/".join(path) for path in _leaves() if coverage.decision(path) is None)
    assert undecided == [], "say in mga_tools/render/coverage.py where these appear, or why not"
    for table in (coverage.SHOWN, coverage.LEFT_OUT, coverage.ENUM_LABELS):
        for prefix in table:
            assert any(path[: len(prefix)] == prefix for path in _leaves()), prefix
    assert [reason for reason in coverage.LEFT_OUT.values() if not reason.strip()] == []


def test_every_enumerated_value_shown_has_a_label_shared_with_the_site():
    enums = _enum_leaves()
    unlabelled = sorted("/".join(path) for path in enums if coverage.shown(path) and path not in coverage.ENUM_LABELS)
    assert unlabelled == []
    for path, enum in coverage.ENUM_LABELS.items():
        assert [v for v in enums[path] if str(v) not in labels.ENUMS[enum]] == [], path


def test_the_site_and_the_document_word_enumerated_values_alike(complete):
    agreement = Agreement(complete)
    page, text = agreement_page(agreement), document_text(complete)
    shown = {
        labels.enum_label(coverage.ENUM_LABELS[path], value)
        for path, value in data_leaves(complete)
        if path in coverage.ENUM_LABELS and path[-1] in ("kind", "strength", "status", "relation")
    }
    assert {"Company", "Community", "Prohibition", "Met", "Waived", "Depends on"} <= shown
    assert [label for label in sorted(shown) if label not in text or md.text(label) not in page] == []
    assert "indigenous-nation" not in page and "| company |" not in page


def test_the_complete_agreement_fills_every_field_of_the_schema(complete):
    filled = {path for path, _ in data_leaves(complete)} | set(VARIANTS)
    missing = sorted(path for path in set(_leaves()) - filled if not excluded(path))
    assert missing == [], "fill these in complete-agreement.yaml: " + ", ".join("/".join(p) for p in missing)


def _variant(complete: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(complete)
    for path, value in VARIANTS.items():
        assert _set(data, path, value), path
    return data


def missing_values(data: dict[str, Any], text: str) -> list[str]:
    """The values of ``data`` under shown fields that ``text`` does not contain (compared by :func:`norm`)."""
    agreement = Agreement(data)
    kinds = _leaves()
    squashed = norm(text)
    missing = []
    for path, value in data_leaves(data):
        if excluded(path) or path not in kinds:
            continue
        shown = expected(agreement, path, value, kinds[path])
        if shown and norm(shown) not in squashed:
            missing.append(f"{'/'.join(path)}: {shown}")
    return missing


def test_the_document_shows_every_value_with_legal_meaning(complete):
    assert missing_values(complete, document_text(complete)) == []
    variant = _variant(complete)
    assert missing_values(variant, document_text(variant)) == []


def test_the_document_names_things_by_name_never_by_id(complete):
    agreement = Agreement(complete)
    shown = set(words(build(agreement)))
    ids = sorted(str(i) for i in agreement.by_id if "-" in str(i) and agreement.name(i) != str(i))
    assert len(ids) > 10
    assert [i for i in ids if i in shown] == []
    untitled = copy.deepcopy(complete)
    untitled["terms"][0].pop("title")
    text = document_text(untitled)
    assert "Term 1. " + " ".join(str(untitled["terms"][0]["text"]).split()[:8]) in text
    assert str(untitled["terms"][0]["id"]) not in text.split()


def _flatten(blocks: list[Any]) -> Iterator[Any]:
    """Every paragraph-like block (Para, Plain, Header) of a pandoc AST, nested lists included."""
    for block in blocks:
        if block.get("t") in ("Para", "Plain", "Header"):
            yield block
        elif block.get("t") == "BulletList":
            for item in block["c"]:
                yield from _flatten(item)
        elif block.get("t") == "OrderedList":
            for item in block["c"][1]:
                yield from _flatten(item)
        elif block.get("t") == "Div":
            yield from _flatten(block["c"][1])


def test_a_former_party_is_never_obligated_nor_inside_a_group_but_stated_with_its_dates(complete):
    data = copy.deepcopy(complete)
    data["preparation"]["parties"].append(
        {
            "id": "former-party",
            "name": "Former Party Omega",
            "kind": "indigenous-nation",
            "status": "withdrawn",
            "status_history": [{"status": "withdrawn", "date": "2024-05-06", "note": "Left over the metering terms."}],
        }
    )
    data["preparation"]["groups"][0]["members"].append("former-party")
    data["terms"][0]["obligated"].append("former-party")
    paragraphs = [" ".join(words(block)) for block in _flatten(build(Agreement(data))["blocks"])]
    with_it = [p for p in paragraphs if "Omega" in p]
    assert with_it == ["Former Party Omega (Indigenous nation): Withdrawn 2024-05-06 (Left over the metering terms.)"]


def _section(doc: Any, heading: str) -> str:
    """The words of the document's section headed ``heading``, to the next heading as high, a line per block."""
    out: list[str] = []
    level = 0  # the level of the heading while inside its section
    for block in doc["blocks"]:
        if block.get("t") == "Header" and (not level or block["c"][0] <= level):
            level = block["c"][0] if " ".join(words(block)) == heading else 0
            continue
        if level:
            out += [" ".join(words(b)) for b in _flatten([block])]
    assert out, heading
    return "\n".join(out)


def test_the_term_of_the_agreement_states_its_languages_termination_and_condition_status(complete):
    section = _section(build(Agreement(complete)), "Term of the agreement")
    for line in (
        "Place of conclusion: Riverside Town Hall",
        "Termination without breach: Termination clause of the complete agreement without breach.",
        "Termination for breach: Termination clause for a material breach by a party.",
        "Notice of termination: 7 months",
        "Status: Met (2024-11-05)",
        "Decision: Approved (2024-02-02): Regulator decision number 88.",
        "Authoritative language: English",
        "Other language versions: French",
    ):
        assert line in section, line


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


def _pdf_text(path: Any) -> str:
    import subprocess

    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _docx_text(path: Any) -> str:
    """Every paragraph of a DOCX, those in tables included, as python-docx reads them."""
    import docx

    document = docx.Document(str(path))
    found = [p.text for p in document.paragraphs]
    found += [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(found)


@pytest.mark.slow
def test_the_real_pdf_and_docx_show_every_value_with_legal_meaning(complete, tmp_path):
    """The rendered files, read back as text, hold every shown value: nothing is lost between the AST and the page."""
    from mga_tools.render import render

    pdf = _pdf_text(render(Agreement(complete), "pdf", tmp_path / "complete.pdf"))
    assert missing_values(complete, pdf) == []
    assert norm("Term of the agreement") in norm(pdf)
    for data, name in ((complete, "complete.docx"), (_variant(complete), "variant.docx")):
        text = _docx_text(render(Agreement(data), "docx", tmp_path / name))
        assert missing_values(data, text) == [], name
