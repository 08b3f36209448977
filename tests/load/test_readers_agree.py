"""The libyaml (FAST) and ruamel.yaml (PRECISE) readers build the same document.

The auto engine trusts libyaml to certify a file clean and trusts ruamel.yaml
for everything it reports, so the two readers must produce the same data and,
ideally, the same positions and loader diagnostics. Compared here: ``data``
(type-exact), ``spans``, ``key_spans``, ``plain`` and every diagnostic other
than YAML-SYNTAX, for

- every yaml-test-suite input that BOTH readers parse (no YAML-SYNTAX, and a
  document was built: the loader reports a tab the parser trips over as
  YAML-TAB only). Inputs rejected by either reader are out of scope: the
  two parsers accept different sets of odd inputs;
- every example agreement and every case file (discovered at run time); for
  those only one reader rejects, libyaml must at least report something, so
  that the auto engine never certifies them.

Known disagreements on the suite are listed in ``EXPECTED_SUITE`` with their
cause; each is a difference in where libyaml and ruamel.yaml put the mark of
a node or a document, or in how they scan an anchor name, and none of them can
make the auto engine certify a file that the precise engine would reject.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SUITE, needs_suite

from mga_tools.load import FAST, PRECISE, Document, load
from mga_tools.load.companion import is_companion_file
from mga_tools.validate import AUTO, check_file, default_policy

SUITE_INPUTS = sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []

# Every known disagreement on the suite, investigated one by one: the case and
# the aspects that differ. The test fails if one disappears (remove it here)
# or a new one appears (investigate it).
EXPECTED_SUITE: dict[str, set[str]] = {
    # A directive (%YAML / %TAG) before a document: libyaml's DocumentStartEvent
    # starts at the directive, ruamel.yaml's at the '---'. Only the line of the
    # YAML-DOCUMENTS error (second document) or YAML-VERSION error differs.
    "MUS6/02": {"diagnostics"},
    "MUS6/04": {"diagnostics"},
    "5TYM": {"diagnostics"},
    "6WLZ": {"diagnostics"},
    "9WXW": {"diagnostics"},
    "9HCY": {"diagnostics"},
    "EB22": {"diagnostics"},
    "MUS6/01": {"diagnostics"},
    "RHX7": {"diagnostics"},
    # An empty (null) node has no text of its own: libyaml marks it where the
    # next token starts, ruamel.yaml right after the preceding indicator (or
    # the other way round), e.g. 'c:' at the end of 7W2P is (3,3) vs (4,1).
    "7W2P": {"spans"},
    "C2DT": {"spans"},
    "KK5P": {"spans"},
    "UKK6/01": {"spans"},
    # ...and for an empty key, also the YAML-KEY error placed at that key.
    "DFF7": {"key_spans", "diagnostics"},
    # A node with both a tag and an anchor ('!local &anchor value'): libyaml
    # marks the node at its first property, ruamel.yaml at its last one, so
    # the node's span and its YAML-ALIAS / YAML-TAG errors move.
    "CUP7": {"spans", "diagnostics"},
    "F2C7": {"spans", "diagnostics"},
    "HMQ5": {"key_spans", "diagnostics"},
    # 'key: &an:chor value': YAML 1.2 allows ':' in an anchor name; libyaml
    # ends the name at ':' and reads ':chor value' as the value, ruamel.yaml
    # reads anchor 'an:chor' and value 'value'. Both report YAML-ALIAS, so
    # the file is never certified clean.
    "Y2GN": {"data", "diagnostics"},
}


def _canon(value: Any) -> Any:
    """A type-exact, NaN-safe form of plain data (``1``, ``1.0`` and ``True`` differ)."""
    if isinstance(value, dict):
        return ("map", tuple((k, _canon(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(_canon(v) for v in value))
    return (type(value).__name__, repr(value))


def _first_difference(a: Any, b: Any, where: tuple = ()) -> str:
    """Where two plain-data trees first differ, for readable failures."""
    if type(a) is not type(b):
        return f"at {where}: {a!r} vs {b!r}"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"at {where}: keys {list(a)} vs {list(b)}"
        for k in a:
            if _canon(a[k]) != _canon(b[k]):
                return _first_difference(a[k], b[k], (*where, k))
    if isinstance(a, list):
        if len(a) != len(b):
            return f"at {where}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if _canon(x) != _canon(y):
                return _first_difference(x, y, (*where, i))
    return f"at {where}: {a!r} vs {b!r}"


def _table_difference(a: dict, b: dict) -> str:
    keys = sorted((k for k in a.keys() | b.keys() if a.get(k) != b.get(k)), key=repr)
    return "; ".join(f"{k}: {a.get(k)} vs {b.get(k)}" for k in keys[:5])


def _non_syntax(doc: Document) -> list:
    return sorted(d for d in doc.diagnostics if d.rule != "YAML-SYNTAX")


def _unreadable(doc: Document) -> bool:
    """The reader could not build the document (YAML-SYNTAX, or a tab the parser tripped over,
    which the loader reports as YAML-TAB alone; an empty or oversized file counts too)."""
    return not doc.parsed or any(d.rule == "YAML-SYNTAX" for d in doc.diagnostics)


def differences(fast: Document, precise: Document) -> dict[str, str]:
    """The aspects in which the two documents differ, each with a short explanation."""
    found: dict[str, str] = {}
    if _canon(fast.data) != _canon(precise.data):
        found["data"] = _first_difference(fast.data, precise.data)
    for aspect in ("spans", "key_spans", "plain"):
        a, b = getattr(fast, aspect), getattr(precise, aspect)
        if a != b:
            found[aspect] = _table_difference(a, b)
    a, b = _non_syntax(fast), _non_syntax(precise)
    if a != b:
        found["diagnostics"] = f"fast only {sorted(set(a) - set(b))}; precise only {sorted(set(b) - set(a))}"
    return found


def _read_both(path: Path, display: str) -> tuple[Document, Document]:
    return load(path, display, reader=FAST), load(path, display, reader=PRECISE)


@needs_suite
def test_readers_agree_on_the_yaml_test_suite() -> None:
    compared = 0
    found: dict[str, dict[str, str]] = {}
    crashed: dict[str, str] = {}
    for path in SUITE_INPUTS:
        case = path.parent.relative_to(SUITE).as_posix()
        try:
            fast, precise = _read_both(path, case)
        except Exception as exc:  # a loader bug; test_yaml_test_suite.py reports it in detail
            crashed[case] = f"{type(exc).__name__}: {exc}"
            continue
        if _unreadable(fast) or _unreadable(precise):
            continue
        compared += 1
        diff = differences(fast, precise)
        if diff:
            found[case] = diff
    # Most of the suite is well-formed YAML that both readers accept.
    assert compared >= 200, compared
    actual = {case: set(diff) for case, diff in found.items()}
    unexpected = {case: found[case] for case in sorted(actual) if actual[case] != EXPECTED_SUITE.get(case)}
    gone = sorted(set(EXPECTED_SUITE) - set(actual))
    assert not unexpected and not gone, (
        f"{len(actual)} of {compared} inputs read by both readers disagree; "
        f"{len(unexpected)} unexpectedly: "
        + "\n".join(f"{case}: {diff}" for case, diff in unexpected.items())
        + f"\nexpected but gone: {gone}"
        + (f"\nloader crashed on: {crashed}" if crashed else "")
    )


def _project_files() -> list[Path]:
    agreements = sorted(p for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name))
    cases = sorted((ROOT / "tests" / "validate" / "cases").rglob("*.yaml"))
    return agreements + cases


PROJECT_FILES = _project_files()
# Known disagreements on project files, as for the suite above.
EXPECTED_PROJECT: dict[str, set[str]] = {
    # '%YAML 1.1' then '---': the YAML-VERSION error is on line 1 (the
    # directive) for libyaml, on line 2 (the '---') for ruamel.yaml; as for
    # MUS6/02 in the suite.
    "tests/validate/cases/invalid/YAML-VERSION/yaml-one-one-directive.yaml": {"diagnostics"},
}


def test_there_are_project_files_to_compare() -> None:
    assert any(p.parent.name == "agreements" for p in PROJECT_FILES)
    assert any("cases" in p.parts for p in PROJECT_FILES)


@pytest.mark.parametrize("path", PROJECT_FILES, ids=[p.relative_to(ROOT).as_posix() for p in PROJECT_FILES])
def test_readers_agree_on_project_files(path: Path) -> None:
    fast, precise = _read_both(path, path.name)
    if _unreadable(fast) or _unreadable(precise):
        # Out of scope for the comparison (a YAML-SYNTAX or YAML-TAB case, say).
        # What must hold: when only ruamel.yaml rejects the text, libyaml
        # still found something, so the auto engine does not certify it.
        if not _unreadable(fast):
            assert fast.diagnostics, "libyaml reads cleanly what ruamel.yaml rejects"
        return
    found = differences(fast, precise)
    assert set(found) == EXPECTED_PROJECT.get(path.relative_to(ROOT).as_posix(), set()), found
    assert fast.parsed == precise.parsed


# A clean agreement, and small edits that keep it clean YAML 1.2 with the same
# meaning. The auto engine (libyaml certifies) must agree with the precise one.
CLEAN = ROOT / "tests" / "validate" / "cases" / "valid" / "SCENARIO-SAFEGUARDS" / "scenario-fully-answered.yaml"
EDITS = {
    # A folded block scalar: the same text "30 days" written over two lines.
    "folded-duration": (
        "          time_limit: 30 days\n",
        "          time_limit: >-\n            30\n            days\n",
        [],
    ),
    # A literal block scalar whose first line is blank but for one space (less
    # indented than the text, which YAML 1.2 allows: yaml-test-suite DWX9/T26H).
    # ruamel.yaml, the reference reader, refuses it; libyaml accepts it. The
    # fast reader hands such texts to ruamel.yaml, so both engines give the
    # reference reader's verdict.
    "literal-leading-blank": (
        "summary: >-\n  How the port authority and the shipping line share berth time in the harbour, and why now.\n",
        "summary: |\n \n  How the port authority and the shipping line share berth time in the harbour, and why now.\n",
        [
            "scenario-fully-answered.yaml:7:3: error YAML-SYNTAX "
            "more indented follow up line than first in a block scalar"
        ],
    ),
    # A comment glued to a block scalar header: invalid YAML that libyaml accepts.
    "glued-comment": (
        "summary: >-\n",
        "summary: >-# note\n",
        [
            "scenario-fully-answered.yaml:5:12: error YAML-SYNTAX "
            "expected chomping or indentation indicators, but found '#' "
            "(scanning a block scalar that began at line 5, column 10)"
        ],
    ),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_engines_agree_on_equivalent_spellings(edit: str, tmp_path: Path) -> None:
    old, new, expected = EDITS[edit]
    text = CLEAN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / CLEAN.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    policy = default_policy(ROOT)
    precise = check_file(path, path.name, policy, PRECISE)
    assert precise == check_file(path, path.name, policy, AUTO)
    assert [d.format() for d in precise] == expected
