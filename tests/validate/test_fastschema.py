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
from typing import Any

import pytest
from conftest import ROOT, SUITE, examples, needs_suite
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from mutations import INTERESTING_TEXT, mutate

from mga_tools.load import FAST, PRECISE, load
from mga_tools.load.companion import is_companion_file
from mga_tools.resources import agreement_schema, policy_schema, schema_dir
from mga_tools.validate.fastschema import compile_schema
from mga_tools.validate.schema import is_valid, validator_for

AGREEMENTS = sorted(p for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name))
CASES = sorted((ROOT / "tests" / "validate" / "cases").rglob("*.yaml"))
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


@needs_suite
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


@settings(SETTINGS, max_examples=examples(400))
@given(st.data())
def test_agree_on_mutated_agreements(data: st.DataObject) -> None:
    _agree(mutated_agreement(data), agreement_schema())


@settings(SETTINGS, max_examples=examples(400))
@given(st.data())
def test_agree_on_mutated_policies(data: st.DataObject) -> None:
    policy = load(schema_dir() / "policy.yaml", "policy.yaml", reader=FAST).data
    _agree(mutate(data, policy, data.draw(st.integers(1, 4), label="steps")), policy_schema())


def test_mutations_reach_both_verdicts() -> None:
    """Guard against a generator that only ever produces invalid (or valid) documents."""
    verdicts: set[bool] = set()

    # A fixed count under every profile: a handful of examples may well all land on one verdict.
    @settings(SETTINGS, max_examples=60)
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        verdicts.add(validator_for(agreement_schema()).is_valid(mutated_agreement(data)))

    collect()
    assert verdicts == {True, False}
