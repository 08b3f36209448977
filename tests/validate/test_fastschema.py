"""The compiled fast checker says "valid" exactly when jsonschema does.

The auto engine certifies a file clean with :func:`schema.is_valid` (the
compiled checker of fastschema.py) and never imports jsonschema for it, so
any instance on which the two disagree is a file that is either certified
clean although jsonschema finds errors, or sent to the slow path for nothing.
Compared on: the example agreements, every case file, every yaml-test-suite
input (odd shapes and types), every schema nested in the two schemas against
a list of edge values, and generated mutations (hypothesis) of the example
agreements, the valid case files and the shipped policy.
"""

from __future__ import annotations

import math
from pathlib import Path
from random import Random
from typing import Any

import pytest
from conftest import ROOT, SHARED
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from mga_tools.load import FAST, PRECISE, load
from mga_tools.resources import agreement_schema, policy_schema, schema_dir
from mga_tools.validate.fastschema import compile_schema
from mga_tools.validate.schema import is_valid, validator_for

AGREEMENTS = sorted((ROOT / "agreements").glob("*.yaml"))
CASES = sorted((ROOT / "tests" / "validate" / "cases").rglob("*.yaml"))
SUITE = SHARED / "corpora" / "yaml-test-suite"
SUITE_INPUTS = sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []

# No shrinking: an example is a whole agreement, and the edits that made it are
# noted in the failure report, which reads as a reproducer as it is.
SETTINGS = settings(
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _data(path: Path, reader: str = FAST) -> Any:
    return load(path, path.name, reader=reader).data


def _agree(data: Any, schema: dict[str, Any]) -> None:
    fast = is_valid(data, schema)
    reference = validator_for(schema)
    slow = reference.is_valid(data)
    if fast != slow:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in reference.iter_errors(data)][:5]
        pytest.fail(f"fast checker says {fast}, jsonschema says {slow}; jsonschema errors: {errors}")


# --------------------------------------------------------------------------
# Mutations: small, local edits of plain data, drawn step by step.
# --------------------------------------------------------------------------

Pointer = tuple


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _pointers(value: Any, prefix: Pointer = ()) -> list[Pointer]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_pointers(item, (*prefix, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.extend(_pointers(item, (*prefix, i)))
    return found


def _get(value: Any, pointer: Pointer) -> Any:
    for step in pointer:
        value = value[step]
    return value


def _set(root: Any, pointer: Pointer, new: Any) -> Any:
    if not pointer:
        return new
    _get(root, pointer[:-1])[pointer[-1]] = new
    return root


def _strings_at(value: Any, key: str) -> list[str]:
    """Every text value stored under ``key`` anywhere (ids, statuses, ...)."""
    found: list[str] = []
    for pointer in _pointers(value):
        if pointer and pointer[-1] == key and isinstance(_get(value, pointer), str):
            found.append(_get(value, pointer))
    return found


INTERESTING_TEXT = [
    "", " ", "\t", "\n", "x", "X", "a-b", "a--b", "-a", "a-", "a_b", "a b", "é", "ab\n", "\nab",
    "a" * 80, "a" * 81, "x" * 20001, " \u00a0", "\u2028",
    "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024-01-01\n",
    "2024-01-01T00:00:00", "\u0662\u0660\u0662\u0664-01-01", "２０２４-01-01",
    "30 days", "1 business day", "10 business days", "0 days", "6 weeks", "3 months", "1 year", "1 years",
    "30 days\n", "30  days", "30 Days",
    "draft", "negotiating", "proposed", "agreed", "signed", "amended", "terminated", "expired", "never",
    "party", "prospective", "withdrawn", "expelled", "public", "arbitration", "court", "mediation",
    "en", "en-GB", "EN", "e", "<", ">=", "high", "essential", "other", "state",
    "PARTY-BATNA", "SCENARIO-SAFEGUARDS", "NOT-A-RULE", "lower-case", "A--B", "A-", "A1-B2",
]  # fmt: skip

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**65), max_value=2**65),
    st.sampled_from([0, 1, -1, 100, 101, 1023, 1024, 1025, 1048576]),
    st.floats(),
    st.sampled_from([0.0, -0.0, 1.0, 1.5, 100.0, 100.5, 1024.0, -1.0, math.inf, math.nan]),
    st.sampled_from(INTERESTING_TEXT),
    st.text(max_size=12),
    st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}\Z"),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "x", "name"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def _known_keys(value: Any) -> list[str]:
    return sorted({p[-1] for p in _pointers(value) if p and isinstance(p[-1], str)})


def _shape(pointer: Pointer) -> Pointer:
    return tuple("[]" if isinstance(step, int) else step for step in pointer)


def _pick(rnd: Random, pointers: list[Pointer]) -> Pointer:
    """A node; half the time its place in the structure is chosen first, so rare places get their turn."""
    if rnd.random() < 0.5:
        shape = rnd.choice(sorted({_shape(p) for p in pointers}, key=repr))
        pointers = [p for p in pointers if _shape(p) == shape]
    return rnd.choice(pointers)


OPS = ("delete", "duplicate", "retype", "text", "known-value", "empty", "add-key", "rename-key", "graft")


def mutate(data: st.DataObject, root: Any, steps: int) -> Any:
    """``steps`` random edits of a copy of ``root``, each noted for the failure report.

    Nodes and edits are chosen uniformly by a random generator that hypothesis
    seeds (hypothesis' own choices strongly favour the first of a list);
    values are drawn by hypothesis.
    """
    rnd = data.draw(st.randoms(use_true_random=True), label="chooser")
    root = _copy(root)
    for _ in range(steps):
        pointers = _pointers(root)
        inner = pointers[1:]
        op = rnd.choice(OPS)
        if op == "delete" and inner:
            pointer = _pick(rnd, inner)
            del _get(root, pointer[:-1])[pointer[-1]]
            note(f"delete {pointer}")
        elif op == "duplicate":
            items = [p for p in inner if isinstance(p[-1], int)]
            if items:
                pointer = _pick(rnd, items)
                parent = _get(root, pointer[:-1])
                parent.insert(pointer[-1] + 1, _copy(parent[pointer[-1]]))
                note(f"duplicate {pointer}")
        elif op == "retype":
            pointer = _pick(rnd, pointers)
            new = data.draw(VALUES)
            root = _set(root, pointer, new)
            note(f"set {pointer} = {new!r}")
        elif op == "text":
            pointer = _pick(rnd, [p for p in pointers if isinstance(_get(root, p), str)] or pointers)
            new = data.draw(st.one_of(st.sampled_from(INTERESTING_TEXT), st.text(max_size=20)))
            root = _set(root, pointer, new)
            note(f"set {pointer} = {new!r}")
        elif op == "known-value":
            # A value of the right kind from elsewhere: an id, a status, a date...
            leaves = [p for p in inner if isinstance(p[-1], str) and isinstance(_get(root, p), str)]
            if leaves:
                pointer = _pick(rnd, leaves)
                new = rnd.choice(sorted(set(_strings_at(root, "id")) | set(_strings_at(root, str(pointer[-1])))))
                root = _set(root, pointer, new)
                note(f"set {pointer} = {new!r}")
        elif op == "empty":
            containers = [p for p in pointers if isinstance(_get(root, p), (dict, list))]
            if containers:
                pointer = _pick(rnd, containers)
                _get(root, pointer).clear()
                note(f"empty {pointer}")
        elif op == "add-key":
            maps = [p for p in pointers if isinstance(_get(root, p), dict)]
            if maps:
                pointer = _pick(rnd, maps)
                key = rnd.choice(_known_keys(root) or ["x"]) if rnd.random() < 0.7 else data.draw(st.text(max_size=8))
                new = data.draw(VALUES)
                _get(root, pointer)[key] = new
                note(f"add {(*pointer, key)} = {new!r}")
        elif op == "rename-key":
            keys = [p for p in inner if isinstance(p[-1], str)]
            if keys:
                pointer = _pick(rnd, keys)
                parent = _get(root, pointer[:-1])
                key = rnd.choice(_known_keys(root)) if rnd.random() < 0.7 else data.draw(st.text(max_size=8))
                entries = [(key if k == pointer[-1] else k, v) for k, v in parent.items()]
                parent.clear()
                parent.update(entries)
                note(f"rename {pointer} to {key!r}")
        elif op == "graft":  # a copy of one node replaces another
            source, target = _pick(rnd, pointers), _pick(rnd, pointers)
            root = _set(root, target, _copy(_get(root, source)))
            note(f"copy {source} to {target}")
    return root


# --------------------------------------------------------------------------
# The checks themselves.
# --------------------------------------------------------------------------


def test_both_schemas_compile_to_a_fast_checker() -> None:
    """Otherwise is_valid silently falls back to jsonschema and the rest is vacuous."""
    compile_schema(agreement_schema())
    compile_schema(policy_schema())


def test_there_are_documents_to_mutate() -> None:
    assert AGREEMENTS, "no example agreement in agreements/"
    assert CASES, "no case file under tests/validate/cases"


@pytest.mark.parametrize("path", AGREEMENTS + CASES, ids=[p.relative_to(ROOT).as_posix() for p in AGREEMENTS + CASES])
def test_agree_on_project_files(path: Path) -> None:
    data = _data(path, FAST)
    _agree(data, agreement_schema())
    _agree(data, policy_schema())


@pytest.mark.parametrize("path", AGREEMENTS, ids=[p.name for p in AGREEMENTS])
def test_agree_on_agreements_as_ruamel_reads_them(path: Path) -> None:
    _agree(_data(path, PRECISE), agreement_schema())


@pytest.mark.skipif(not SUITE.is_dir(), reason=f"yaml-test-suite corpus not found at {SUITE}")
def test_agree_on_the_yaml_test_suite() -> None:
    checked = 0
    for path in SUITE_INPUTS:
        try:
            data = _data(path, FAST)
        except Exception:  # a loader bug, reported by tests/load/test_yaml_test_suite.py
            continue
        _agree(data, agreement_schema())
        _agree(data, policy_schema())
        checked += 1
    assert checked >= 400


def _subschemas(schema: Any) -> list[dict[str, Any]]:
    """``schema`` and every schema nested in it, through the keywords that hold schemas."""
    if not isinstance(schema, dict):
        return []
    found = [schema]
    for keyword in ("properties", "$defs"):
        for sub in schema.get(keyword, {}).values():
            found.extend(_subschemas(sub))
    for keyword in ("additionalProperties", "propertyNames", "items"):
        found.extend(_subschemas(schema.get(keyword)))
    for keyword in ("anyOf", "oneOf"):
        for sub in schema.get(keyword, []):
            found.extend(_subschemas(sub))
    return found


_NAN = math.nan
EDGE_VALUES = [
    None, True, False, 0, 1, -1, 0.0, -0.0, 1.0, 0.5, 100, 100.5, 1023, 1024, 1024.0, 2**64, 1e308,
    math.inf, -math.inf, _NAN,
    *INTERESTING_TEXT,
    [], [1], [1, 1], [1, 1.0], [1, True], [0, False], ["a", "a"], ["a", "b"], [_NAN, _NAN], [{}, {}],
    [[1], [1.0]], {}, {"a": 1}, {"id": "x"}, {"id": "x", "name": "X", "kind": "other"},
]  # fmt: skip


@pytest.mark.parametrize("which", ["agreement", "policy"])
def test_agree_on_every_subschema_and_edge_values(which: str) -> None:
    """Each schema nested in the schema (with the root's $defs), on numbers, texts and lists at the edges.

    Mutating whole agreements reaches a given field with a given odd value only
    rarely; this checks every place of the schema against every edge value.
    """
    root = agreement_schema() if which == "agreement" else policy_schema()
    disagreements = []
    for sub in _subschemas(root):
        schema = {**sub, "$defs": root.get("$defs", {})}
        fast, reference = compile_schema(schema), validator_for(schema)
        for value in EDGE_VALUES:
            if fast(value) != reference.is_valid(value):
                shown = {k: v for k, v in sub.items() if k not in ("title", "description")}
                disagreements.append(
                    f"{shown} on {value!r}: fast {fast(value)}, jsonschema {reference.is_valid(value)}"
                )
    assert disagreements == []


_BASES: list[Any] = []


def _base_documents() -> list[Any]:
    """The example agreements and valid case files, read once (FAST)."""
    if not _BASES:
        paths = AGREEMENTS + sorted((ROOT / "tests" / "validate" / "cases" / "valid").rglob("*.yaml"))
        _BASES.extend(d for d in (_data(p) for p in paths if not p.name.startswith("_")) if isinstance(d, dict))
    return _BASES


def mutated_agreement(data: st.DataObject) -> Any:
    bases = _base_documents()
    index = data.draw(st.randoms(use_true_random=True), label="base chooser").randrange(len(bases))
    note(f"base: document {index} of {len(bases)}, {bases[index].get('id')!r}")
    return mutate(data, bases[index], data.draw(st.integers(1, 3), label="steps"))


@settings(SETTINGS, max_examples=400)
@given(st.data())
def test_agree_on_mutated_agreements(data: st.DataObject) -> None:
    _agree(mutated_agreement(data), agreement_schema())


@settings(SETTINGS, max_examples=400)
@given(st.data())
def test_agree_on_mutated_policies(data: st.DataObject) -> None:
    policy = load(schema_dir() / "policy.yaml", "policy.yaml", reader=FAST).data
    _agree(mutate(data, policy, data.draw(st.integers(1, 4), label="steps")), policy_schema())


def test_mutations_reach_both_verdicts() -> None:
    """Guard against a generator that only ever produces invalid (or valid) documents."""
    verdicts: set[bool] = set()

    @settings(SETTINGS, max_examples=60)
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        verdicts.add(validator_for(agreement_schema()).is_valid(mutated_agreement(data)))

    collect()
    assert verdicts == {True, False}
