"""The compiled fast checker says "valid" exactly when jsonschema does.

The auto engine certifies a file clean with :func:`schema.is_valid` (the
compiled checker of fastschema.py) and never imports jsonschema for it, so
any instance on which the two disagree is a file that is either certified
clean although jsonschema finds errors, or sent to the slow path for nothing.
Compared on: the example agreements, every case file, every yaml-test-suite
input (odd shapes and types), and generated mutations of the agreements and of
the shipped policy.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mga_tools.load import FAST, PRECISE, load
from mga_tools.resources import agreement_schema, policy_schema, schema_dir
from mga_tools.validate.fastschema import compile_schema
from mga_tools.validate.schema import is_valid, validator_for

AGREEMENTS = sorted((ROOT / "agreements").glob("*.yaml"))
CASES = sorted((ROOT / "tests" / "validate" / "cases").rglob("*.yaml"))
SUITE = SHARED / "corpora" / "yaml-test-suite"
SUITE_INPUTS = sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []

SETTINGS = settings(
    deadline=None,
    database=None,
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
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "x", "name"]), inner, max_size=3),
    max_leaves=6,
)


def _known_keys(value: Any) -> list[str]:
    return sorted({p[-1] for p in _pointers(value) if p and isinstance(p[-1], str)})


def mutate(draw: Any, root: Any, steps: int) -> Any:
    """Apply ``steps`` random edits to a copy of ``root`` (``draw`` is hypothesis' data.draw)."""
    root = _copy(root)
    for _ in range(steps):
        pointers = _pointers(root)
        op = draw(
            st.sampled_from(
                ["delete", "duplicate", "retype", "text", "known-value", "empty", "add-key", "rename-key", "graft"]
            ),
            label="op",
        )
        if op == "delete":
            inner = [p for p in pointers if p]
            if not inner:
                continue
            pointer = draw(st.sampled_from(inner), label="delete")
            parent = _get(root, pointer[:-1])
            del parent[pointer[-1]]
        elif op == "duplicate":
            items = [p for p in pointers if p and isinstance(p[-1], int)]
            if not items:
                continue
            pointer = draw(st.sampled_from(items), label="duplicate")
            parent = _get(root, pointer[:-1])
            parent.insert(pointer[-1] + 1, _copy(parent[pointer[-1]]))
        elif op == "retype":
            pointer = draw(st.sampled_from(pointers), label="retype")
            root = _set(root, pointer, draw(VALUES, label="value"))
        elif op == "text":
            leaves = [p for p in pointers if isinstance(_get(root, p), str)] or pointers
            pointer = draw(st.sampled_from(leaves), label="text at")
            text = draw(st.one_of(st.sampled_from(INTERESTING_TEXT), st.text(max_size=20)), label="text")
            root = _set(root, pointer, text)
        elif op == "known-value":
            # A value of the right kind from elsewhere: an id, a status, a date...
            leaves = [p for p in pointers if p and isinstance(p[-1], str) and isinstance(_get(root, p), str)]
            if not leaves:
                continue
            pointer = draw(st.sampled_from(leaves), label="known at")
            choices = sorted(set(_strings_at(root, "id")) | set(_strings_at(root, str(pointer[-1]))))
            root = _set(root, pointer, draw(st.sampled_from(choices), label="known"))
        elif op == "empty":
            containers = [p for p in pointers if isinstance(_get(root, p), (dict, list))]
            if not containers:
                continue
            _get(root, draw(st.sampled_from(containers), label="empty")).clear()
        elif op == "add-key":
            maps = [p for p in pointers if isinstance(_get(root, p), dict)]
            if not maps:
                continue
            target = _get(root, draw(st.sampled_from(maps), label="add to"))
            key = draw(st.one_of(st.sampled_from(_known_keys(root) or ["x"]), st.text(max_size=8)), label="key")
            target[key] = draw(VALUES, label="value")
        elif op == "rename-key":
            keys = [p for p in pointers if p and isinstance(p[-1], str)]
            if not keys:
                continue
            pointer = draw(st.sampled_from(keys), label="rename")
            parent = _get(root, pointer[:-1])
            new = draw(st.one_of(st.sampled_from(_known_keys(root)), st.text(max_size=8)), label="new key")
            entries = [(new if k == pointer[-1] else k, v) for k, v in parent.items()]
            parent.clear()
            parent.update(entries)
        else:  # graft: a copy of one node replaces another
            source = draw(st.sampled_from(pointers), label="graft from")
            target = draw(st.sampled_from(pointers), label="graft to")
            root = _set(root, target, _copy(_get(root, source)))
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


@st.composite
def mutated_agreements(draw: Any) -> Any:
    base = _base_documents()
    root = base[draw(st.integers(0, len(base) - 1), label="base")]
    return mutate(draw, root, draw(st.integers(1, 3), label="steps"))


_BASES: list[Any] = []


def _base_documents() -> list[Any]:
    """The example agreements and valid case files, read once (FAST)."""
    if not _BASES:
        paths = AGREEMENTS + sorted((ROOT / "tests" / "validate" / "cases" / "valid").rglob("*.yaml"))
        _BASES.extend(d for d in (_data(p) for p in paths if not p.name.startswith("_")) if isinstance(d, dict))
    return _BASES


@settings(SETTINGS, max_examples=400)
@given(mutated_agreements())
def test_agree_on_mutated_agreements(data: Any) -> None:
    _agree(data, agreement_schema())


@st.composite
def mutated_policies(draw: Any) -> Any:
    policy = load(schema_dir() / "policy.yaml", "policy.yaml", reader=FAST).data
    return mutate(draw, policy, draw(st.integers(1, 4), label="steps"))


@settings(SETTINGS, max_examples=400)
@given(mutated_policies())
def test_agree_on_mutated_policies(data: Any) -> None:
    _agree(data, policy_schema())


def test_mutations_reach_both_verdicts() -> None:
    """Guard against a generator that only ever produces invalid (or valid) documents."""
    verdicts: set[bool] = set()

    @settings(SETTINGS, max_examples=60)
    @given(mutated_agreements())
    def collect(data: Any) -> None:
        verdicts.add(validator_for(agreement_schema()).is_valid(data))

    collect()
    assert verdicts == {True, False}
