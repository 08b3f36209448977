"""TEXT-BIDI and TEXT-CONTROL: no text or key hides or reorders characters, wherever the schema allows text.

The schema walk finds every place where an agreement or a score file holds
text (a string value or a mapping key), writes a right-to-left override
there, and checks that validation reports it at that place.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from mga_tools.diagnostics import Severity
from mga_tools.load import FAST, Document, Pointer, load_text
from mga_tools.load.companion import is_companion_file
from mga_tools.validate import check_document, default_policy
from mga_tools.validate.index import Index
from mga_tools.validate.registry import Context
from mga_tools.validate.rules.text import _HIDDEN, describe, no_bidi_controls, no_control_characters

SCHEMAS = ROOT / "schema"
CASES = ROOT / "tests" / "validate" / "cases"
# The smallest complete agreement of the case folders, and a score file that goes with it.
AGREEMENT = CASES / "valid" / "SCORES-REFERENCE" / "known-ids.yaml"
SCORES = CASES / "valid" / "SCORES-REFERENCE" / "known-ids.scores.yaml"
RLO = "\u202e"
RLO_NAME = "U+202E RIGHT-TO-LEFT OVERRIDE"

# A step of an abstract path through the data: ("property", name), ("item",), ("key",) for a
# mapping key constrained by propertyNames, ("value",) for a value under additionalProperties.
Step = tuple[str, ...]


# --- the hidden characters ------------------------------------------------------------------------


def test_every_format_and_control_character_is_hidden():
    """The pattern covers categories Cc (but TAB and LF), Cf, Zl, Zp and Cs, and nothing visible."""
    missed, extra = [], []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        hidden = _HIDDEN.match(char) is not None
        wanted = category in ("Cc", "Cf", "Zl", "Zp", "Cs") and char not in "\t\n"
        if wanted and not hidden:
            missed.append(f"U+{code:04X}")
        # Characters unassigned in this Python's Unicode version may be format characters in a later one.
        if hidden and not wanted and category != "Cn":
            extra.append(f"U+{code:04X}")
    assert (missed, extra) == ([], [])


@pytest.mark.parametrize(
    ("char", "name"),
    [
        (RLO, RLO_NAME),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\x07", "U+0007 BELL"),
        ("\r", "U+000D CARRIAGE RETURN"),
        ("\x7f", "U+007F DELETE"),
        ("\x85", "U+0085 CONTROL CHARACTER"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\ud800", "U+D800 SURROGATE"),
    ],
)
def test_a_hidden_character_is_named_by_code_point_and_name(char, name):
    assert describe(char) == name


def _findings(data: dict[str, Any]) -> list[tuple[str, Pointer, bool, str]]:
    """What both text rules find in ``data`` (checked as an agreement, without positions)."""
    doc = load_text(b"{}", "t.yaml")
    ctx = Context(doc=doc, data=data, index=Index(data), policy=default_policy(ROOT), status="draft")
    return [
        (name, finding.pointer, finding.key, finding.message)
        for name, check in (("TEXT-BIDI", no_bidi_controls), ("TEXT-CONTROL", no_control_characters))
        for finding in check(ctx)
    ]


def test_joiners_are_allowed_only_inside_words_outside_ascii():
    inside = {"a": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "b": "\U0001f469\u200d\U0001f4bb"}
    assert _findings(inside) == []
    for text in ("x\u200dy", "\u200c\u0645", "\u0645\u200d", "\u0645 \u200d\u0645", "\u0645\u200d\u200d\u0645"):
        assert [rule for rule, *_ in _findings({"a": text})] == ["TEXT-CONTROL"], repr(text)


def test_tab_and_line_feed_are_text():
    assert _findings({"a": "one\ttwo\nthree\n"}) == []


def test_one_finding_per_text_and_rule_counts_the_rest():
    found = _findings({"terms": [{"text": f"EUR {RLO}000,01\u202c\x07\x07"}]})
    assert [(rule, pointer) for rule, pointer, _, _ in found] == [
        ("TEXT-BIDI", ("terms", 0, "text")),
        ("TEXT-CONTROL", ("terms", 0, "text")),
    ]
    assert f"{RLO_NAME} at character 5 and 1 more like it" in found[0][3]
    assert "U+0007 BELL at character 13 and 1 more like it" in found[1][3]
    # The message shows the text with the hidden characters written as escapes, never the characters.
    assert all(_HIDDEN.search(message) is None for *_, message in found)


def test_keys_are_checked_and_reported_at_the_key():
    text = AGREEMENT.read_text(encoding="utf-8").replace("      constituency:", "      constitu\u200bency:", 1)
    doc = load_text(text.encode(), AGREEMENT.name)
    found = [d for d in check_document(doc, default_policy(ROOT)) if d.rule == "TEXT-CONTROL"]
    assert len(found) == 1
    pointer = next(p for p in doc.key_spans if p[-1] == "constitu\u200bency")
    assert (found[0].line, found[0].col) == doc.position(pointer, key=True)
    assert "key 'constitu\\u200bency' holds U+200B ZERO WIDTH SPACE at character 9" in found[0].message


# --- ids: nothing but ASCII can be an id --------------------------------------------------------------


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for keyword, value in node.items():
            if keyword == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


@functools.cache
def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def _anchored_patterns() -> list[str]:
    """Every anchored pattern of the schemas: ids, dates, durations, languages, fingerprints."""
    return sorted({p for name in ("agreement", "scores") for p in _patterns(_schema(name)) if p.startswith("^")})


def test_every_id_like_pattern_is_ascii_only():
    """Ids, dates and the other patterned fields accept ASCII only, so no id can look like another.

    A Cyrillic 'а' (U+0430) or a fullwidth 'ａ' (U+FF41) in place of a Latin 'a', or a fullwidth digit,
    makes every anchored pattern of the schemas fail; the one unanchored pattern (``\\S``, text) is for
    prose, which TEXT-BIDI and TEXT-CONTROL check instead.
    """
    patterns = _anchored_patterns()
    assert len(patterns) >= 7  # slug, date, duration, language, fingerprint, key ids, version
    unanchored = {p for name in ("agreement", "scores") for p in _patterns(_schema(name))} - set(patterns)
    assert unanchored == {"\\S"}
    samples = {"water-agency", "2025-01-31", "30 days", "en", "a" * 64, "party_a", "1.0", "a.b@c", "EUR"}
    samples |= {"https://example.org/a"}
    for pattern in patterns:
        compiled = re.compile(pattern)
        accepted = [s for s in samples if compiled.search(s)]
        assert accepted, pattern
        for sample in accepted:
            for original, lookalike in (("a", "\u0430"), ("a", "\uff41"), ("e", "\u0435"), ("0", "\uff10")):
                if original in sample:
                    assert compiled.search(sample.replace(original, lookalike, 1)) is None, (pattern, sample)
            for hidden in (RLO, "\u200b", "\u00ad"):
                assert compiled.search(sample[:1] + hidden + sample[1:]) is None, (pattern, sample)


def test_a_lookalike_id_is_a_schema_error():
    text = AGREEMENT.read_text(encoding="utf-8").replace("- id: party-a\n", "- id: p\u0430rty-a\n", 1)
    found = check_document(load_text(text.encode(), AGREEMENT.name), default_policy(ROOT))
    assert any(d.rule == "SCHEMA" and "is not a valid id" in d.message for d in found)


# --- the schema walk -------------------------------------------------------------------------------


def _resolve(ref: str, here: str) -> tuple[dict[str, Any], str]:
    """The schema a ``$ref`` names (local, or in the other schema file), and the file it is in."""
    target, _, fragment = ref.partition("#")
    name = target.removesuffix(".schema.json") if target else here
    node: Any = _schema(name)
    for part in fragment.strip("/").split("/") if fragment else []:
        node = node[part]
    return node, name


def _is_text(node: dict[str, Any]) -> bool:
    """Whether a schema admits text: type string, or a choice among texts."""
    types = node.get("type")
    if types == "string" or (isinstance(types, list) and "string" in types):
        return True
    choices = node.get("enum", [node["const"]] if "const" in node else [])
    return bool(choices) and all(isinstance(c, str) for c in choices)


def text_paths(
    node: dict[str, Any], here: str, path: tuple[Step, ...] = (), seen: frozenset = frozenset()
) -> Iterator[tuple[tuple[Step, ...], dict[str, Any]]]:
    """Every abstract path to a text (value or key) under ``node``, and the schema that admits it there.

    Follows ``$ref`` (into the other schema file too), ``anyOf``/``oneOf``/``allOf``, ``properties``,
    ``items``, ``propertyNames`` and ``additionalProperties``.
    """
    if "$ref" in node:
        ref = node["$ref"]
        if (here, ref) in seen:
            return  # a recursive definition: its strings are found once
        target, name = _resolve(ref, here)
        yield from text_paths(target, name, path, seen | {(here, ref)})
    if _is_text(node):
        yield path, node
    for keyword in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(keyword, []):
            yield from text_paths(branch, here, path, seen)
    for name, sub in node.get("properties", {}).items():
        yield from text_paths(sub, here, (*path, ("property", name)), seen)
    if isinstance(node.get("items"), dict):
        yield from text_paths(node["items"], here, (*path, ("item",)), seen)
    if isinstance(node.get("propertyNames"), dict):
        yield from text_paths(node["propertyNames"], here, (*path, ("key",)), seen)
    if isinstance(node.get("additionalProperties"), dict):
        yield from text_paths(node["additionalProperties"], here, (*path, ("value",)), seen)


def _container(step: Step | None) -> Any:
    return [] if step == ("item",) else {}


def inject(data: dict[str, Any], path: tuple[Step, ...]) -> tuple[Pointer, bool]:
    """Write a right-to-left override into ``data`` at ``path``, creating what is missing; where it is."""
    node: Any = data
    pointer: Pointer = ()
    for i, step in enumerate(path):
        last = i == len(path) - 1
        following = None if last else path[i + 1]
        if step[0] == "property" or step == ("value",):
            name = step[1] if step[0] == "property" else next(iter(node), "x")
            if last:
                node[name] = _poisoned(node.get(name))
                return (*pointer, name), False
            if not isinstance(node.get(name), dict | list) or isinstance(node[name], list) != (following == ("item",)):
                node[name] = _container(following)
            node, pointer = node[name], (*pointer, name)
        elif step == ("item",):
            if last:
                node[:1] = [_poisoned(node[0] if node else None)]
                return (*pointer, 0), False
            if not node or not isinstance(node[0], dict | list):
                node[:1] = [_container(following)]
            node, pointer = node[0], (*pointer, 0)
        else:  # a key: rename the first one (or make one) to hold the override
            old = next(iter(node), "x")
            new = _poisoned(old)
            renamed = {new: node.get(old, 1), **{k: v for k, v in node.items() if k != old}}  # keeps the order
            node.clear()
            node.update(renamed)
            return (*pointer, new), True
    raise AssertionError(f"path ends in a container: {path}")


def _poisoned(value: Any) -> str:
    text = value if isinstance(value, str) and value else "x"
    return text[:1] + RLO + text[1:]


def _paths(schema: str) -> list[tuple[Step, ...]]:
    return sorted({path for path, _ in text_paths(_schema(schema), schema)})


def _text_nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema in a schema file that admits text, found without following the schema's structure."""
    if isinstance(node, dict):
        if _is_text(node):
            yield node
        for value in node.values():
            yield from _text_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _text_nodes(value)


def _name(path: tuple[Step, ...]) -> str:
    return "/".join(step[1] if step[0] == "property" else f"<{step[0]}>" for step in path)


AGREEMENT_PATHS = _paths("agreement")
SCORES_PATHS = _paths("scores")


def test_the_walk_reaches_every_text_schema():
    """No schema that admits text is out of the walk's reach (each is found by a plain search of the files)."""
    reached = {id(node) for name in ("agreement", "scores") for _, node in text_paths(_schema(name), name)}
    everywhere = [node for name in ("agreement", "scores") for node in _text_nodes(_schema(name))]
    missed = [node.get("title", node) for node in everywhere if id(node) not in reached]
    assert missed == []


def test_the_walk_finds_every_text_field():
    # The walk reaches well over a hundred places; a schema change that hid them would show here.
    assert len(AGREEMENT_PATHS) > 150
    names = {_name(p) for p in AGREEMENT_PATHS}
    assert {"title", "terms/<item>/text", "preparation/parties/<item>/name", "version"} <= names
    assert {_name(p) for p in SCORES_PATHS} == {
        "agreement",
        "scores/<key>",
        "scores/<value>/weights/<key>",
        "scores/<value>/options/<key>",
    }


def _load(text: str, display: str) -> Document:
    # libyaml reads these files as ruamel.yaml does (the fast-and-precise case tests make sure), in a tenth of the time.
    return load_text(text.encode("utf-8"), display, reader=FAST)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10_000)


def _data(path: Path) -> dict[str, Any]:
    """A fresh copy of the data of a case file."""
    return copy.deepcopy(_load(path.read_text(encoding="utf-8"), path.name).data)


@pytest.mark.parametrize("path", AGREEMENT_PATHS, ids=_name)
def test_every_text_field_of_an_agreement_is_checked(path):
    data = _data(AGREEMENT)
    pointer, key = inject(data, path)
    doc = _load(_dump(data), AGREEMENT.name)
    assert doc.parsed
    found = [d for d in check_document(doc, default_policy(ROOT)) if d.rule.startswith("TEXT-")]
    assert [(d.rule, d.line, d.col) for d in found] == [("TEXT-BIDI", *doc.position(pointer, key=key))]
    assert RLO_NAME in found[0].message
    assert found[0].severity == Severity.ERROR


@pytest.mark.parametrize("path", SCORES_PATHS, ids=_name)
def test_every_text_field_of_a_score_file_is_refused(path):
    """Every text of a score file is an id: the schema refuses the override there, at that place.

    TEXT-BIDI checks score files too (``on="both"``), but only those its schema accepts, so it is
    shown separately, on the score file's data, below.
    """
    data = _data(SCORES)
    pointer, key = inject(data, path)
    agreement = _load(AGREEMENT.read_text(encoding="utf-8"), AGREEMENT.name)
    scores = _load(_dump(data), SCORES.name)
    found = check_document(agreement, default_policy(ROOT), scores=scores)
    assert (scores.display, "SCHEMA", *scores.position(pointer, key=key)) in [
        (d.path, d.rule, d.line, d.col) for d in found
    ]
    # The text rules, given the score file's data, report the override where it is.
    ctx = Context(
        doc=scores,
        data=scores.data,
        index=Index(agreement.data),
        policy=default_policy(ROOT),
        status="draft",
        agreement=agreement.data,
    )
    assert [(f.pointer, f.key) for f in no_bidi_controls(ctx)] == [(pointer, key)]


def test_every_agreement_example_is_clean():
    for path in sorted(p for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name)):
        doc = _load(path.read_text(encoding="utf-8"), path.name)
        assert [d for d in check_document(doc, default_policy(ROOT)) if d.rule.startswith("TEXT-")] == [], path


def test_a_file_without_hidden_characters_as_written_is_still_read_for_escapes():
    # The rules skip their walk for a file that holds no hidden character and no escape; an escape in a
    # double-quoted text still makes one, and must be found.
    text = AGREEMENT.read_text(encoding="utf-8").replace(
        "\nsummary: ", '\nsummary: "EUR \\u202e000,01"\nx_summary: ', 1
    )
    assert "\u202e" not in text
    doc = load_text(text.encode(), AGREEMENT.name)
    found = [d.rule for d in check_document(doc, default_policy(ROOT)) if d.rule.startswith("TEXT-")]
    assert found == ["TEXT-BIDI"]
