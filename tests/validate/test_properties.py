"""Property tests on the example agreements, with hypothesis.

(a) However a document is mutated (nodes deleted, list items duplicated,
    nodes retyped to int/str/list/dict/None/bool/float, texts replaced),
    ``check_document`` returns diagnostics instead of raising, for the data of
    either reader, and every diagnostic is located inside the file.
(b) Taking a failure scenario's ``metrics``, ``protocols`` or
    ``dispute_mechanisms`` away (deleting the key or emptying the list) is
    always a SCENARIO-SAFEGUARDS error, at every status.
(c) For mutated agreements written back to disk, the auto engine (libyaml and
    the compiled schema check, falling back to ruamel.yaml and jsonschema) and
    the precise engine give identical diagnostics.

Hypothesis forbids function-scoped fixtures inside ``@given``, so files are
written with ``tempfile``; the example database is off (nothing is written to
the repository).
"""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, examples
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from mutations import copy_tree, get_at, mutate, pointers_of

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.load import FAST, PRECISE, Document, load_text
from mga_tools.load.companion import is_companion_file
from mga_tools.validate import AUTO, check_document, check_file, default_policy
from mga_tools.validate.policy import STATUSES, Policy

AGREEMENTS = sorted(p for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name))
VALID_CASES = sorted(
    p for p in (ROOT / "tests" / "validate" / "cases" / "valid").rglob("*.yaml") if not p.name.startswith("_")
)
SAFEGUARDS = ("dispute_mechanisms", "protocols", "metrics")
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# No shrinking: examples are whole agreements and each costs tens of milliseconds,
# so shrinking a failure can take many minutes. Every edit is noted, so the
# failing example hypothesis prints (file, reader, a few edits) reads as a
# reproducer as it is.
SETTINGS = settings(
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def policy() -> Policy:
    return default_policy(ROOT)


@cache
def read(path: Path, reader: str) -> tuple[Document, tuple[int, ...]]:
    """The document as ``reader`` builds it, and the length of each line of the text it was built from."""
    raw = path.read_bytes()  # read once: spans and line lengths describe the same text
    doc = load_text(raw, path.relative_to(ROOT).as_posix(), reader=reader)
    doc.path = path  # rules look for related agreements beside the file
    return doc, tuple(len(line) for line in raw.decode("utf-8", "replace").split("\n"))


def with_data(original: Document, data: Any) -> Document:
    """``original`` as if it held ``data`` (positions and loader diagnostics kept)."""
    return Document(
        path=original.path,
        display=original.display,
        data=data,
        parsed=True,
        spans=dict(original.spans),
        key_spans=dict(original.key_spans),
        plain=dict(original.plain),
        diagnostics=list(original.diagnostics),
    )


def assert_located(found: list[Diagnostic], display: str, lines: tuple[int, ...]) -> None:
    for d in found:
        assert d.path == display, d
        assert 1 <= d.line <= len(lines), d
        assert 1 <= d.col <= lines[d.line - 1] + 1, d
        assert RULE_ID.match(d.rule), d
        assert isinstance(d.severity, Severity), d
        assert d.message.strip(), d


def _choose(data: st.DataObject, paths: list[Path]) -> Path:
    """One of ``paths``, uniformly (hypothesis' own choice favours the first)."""
    path = data.draw(st.randoms(use_true_random=True), label="file chooser").choice(paths)
    note(f"file: {path.relative_to(ROOT).as_posix()}")
    return path


# --------------------------------------------------------------------------
# (a) check_document never raises on mutated documents; findings are located.
# --------------------------------------------------------------------------


def test_there_are_example_agreements() -> None:
    assert AGREEMENTS, "no example agreement in agreements/"


def _reported_not_raised(data: st.DataObject, bases: list[Path]) -> None:
    path = _choose(data, bases)
    reader = data.draw(st.sampled_from([FAST, PRECISE]), label="reader")
    original, lines = read(path, reader)
    mutated = mutate(data, original.data, data.draw(st.integers(2, 6), label="steps"))
    found = check_document(with_data(original, mutated), policy())
    assert_located(found, original.display, lines)


@settings(SETTINGS, max_examples=examples(60))
@given(st.data())
def test_mutated_documents_are_reported_not_raised(data: st.DataObject) -> None:
    _reported_not_raised(data, AGREEMENTS)


@settings(SETTINGS, max_examples=examples(400))
@given(st.data())
def test_mutated_small_documents_are_reported_not_raised(data: st.DataObject) -> None:
    """The same on the (small) valid case files, so that many more mutations fit in the time."""
    _reported_not_raised(data, VALID_CASES or AGREEMENTS)


SMALL = ROOT / "tests" / "validate" / "cases" / "valid" / "SCENARIO-SAFEGUARDS" / "scenario-fully-answered.yaml"
ONE_OF_EACH_TYPE = (7, "x", ["x"], {"x": "x"}, None, True, 1.5)


# About 1,200 full checks, whatever the hypothesis profile: seconds.
@pytest.mark.slow
def test_every_node_of_a_small_agreement_deleted_or_retyped_is_reported_not_raised() -> None:
    """Exhaustively, on one small but complete agreement: each node deleted, and retyped to each type.

    Random mutations of large documents reach a given node only now and then;
    this sweep reaches every one of them (about 150 nodes, 8 edits each).
    """
    original, lines = read(SMALL, FAST)
    crashes: list[str] = []
    for pointer in pointers_of(original.data)[1:]:
        for new in ("<deleted>", *ONE_OF_EACH_TYPE):
            mutated = copy_tree(original.data)
            if new == "<deleted>":
                del get_at(mutated, pointer[:-1])[pointer[-1]]
            else:
                get_at(mutated, pointer[:-1])[pointer[-1]] = copy_tree(new)
            try:
                found = check_document(with_data(original, mutated), policy())
            except Exception as exc:
                frame = exc.__traceback__
                while frame is not None and frame.tb_next is not None:
                    frame = frame.tb_next
                at = f"{Path(frame.tb_frame.f_code.co_filename).name}:{frame.tb_lineno}" if frame else "?"
                crashes.append(f"{pointer} = {new!r}: {type(exc).__name__}: {exc} (at {at})")
                continue
            assert_located(found, original.display, lines)
    assert crashes == [], f"{len(crashes)} edits make check_document raise:\n" + "\n".join(crashes)


# --------------------------------------------------------------------------
# (b) a failure scenario without a safeguard is an error at every status.
# --------------------------------------------------------------------------


def _scenarios(data: Any) -> list[tuple[tuple, str]]:
    """``(pointer, id)`` of each failure scenario with an id."""
    follow_through = data.get("follow_through") if isinstance(data, dict) else None
    listed = follow_through.get("failure_scenarios") if isinstance(follow_through, dict) else None
    if not isinstance(listed, list):
        return []
    return [
        (("follow_through", "failure_scenarios", i), s["id"])
        for i, s in enumerate(listed)
        if isinstance(s, dict) and isinstance(s.get("id"), str)
    ]


@cache
def _safeguard_findings(path: Path) -> list[Diagnostic]:
    return [d for d in check_document(read(path, FAST)[0], policy()) if d.rule == "SCENARIO-SAFEGUARDS"]


def test_some_example_agreement_has_failure_scenarios() -> None:
    assert any(_scenarios(read(p, FAST)[0].data) for p in AGREEMENTS)


@settings(SETTINGS, max_examples=examples(80))
@given(st.data())
def test_a_scenario_without_safeguards_is_an_error_at_every_status(data: st.DataObject) -> None:
    path = _choose(data, [p for p in AGREEMENTS if _scenarios(read(p, FAST)[0].data)])
    original, lines = read(path, FAST)
    pointer, scenario_id = data.draw(st.randoms(use_true_random=True)).choice(_scenarios(original.data))
    note(f"scenario {scenario_id} at {pointer}")
    removed = data.draw(st.lists(st.sampled_from(SAFEGUARDS), min_size=1, max_size=3, unique=True), label="keys")
    emptied = data.draw(st.lists(st.booleans(), min_size=len(removed), max_size=len(removed)), label="empty?")
    status = data.draw(st.sampled_from([*STATUSES, None]), label="status")  # None: no status at all

    mutated = copy_tree(original.data)
    scenario = get_at(mutated, pointer)
    for key, empty in zip(removed, emptied, strict=True):
        if empty:
            scenario[key] = []
        else:
            scenario.pop(key, None)
    if status is None:
        del mutated["status"]
    else:
        mutated["status"] = status
    found = check_document(with_data(original, mutated), policy())

    assert _safeguard_findings(path) == [], "the example agreement already misses a safeguard"
    reported = [d for d in found if d.rule == "SCENARIO-SAFEGUARDS"]
    assert all(d.severity is Severity.ERROR for d in reported), reported
    assert all(f"'{scenario_id}'" in d.message for d in reported), reported
    # One error per safeguard taken away, at the scenario or at its emptied list.
    assert len(reported) == len(removed), reported
    where = {original.spans[pointer], *(original.spans.get((*pointer, key)) for key in removed)}
    assert {(d.line, d.col) for d in reported} <= where, (reported, where)
    for key in removed:
        assert any(f"under {key}" in d.message for d in reported), (key, reported)
    assert_located(found, original.display, lines)


# --------------------------------------------------------------------------
# (c) auto and precise engines agree on mutated files.
# --------------------------------------------------------------------------


def _engines_agree(data: st.DataObject, bases: list[Path]) -> None:
    path = _choose(data, bases)
    original, _ = read(path, FAST)
    mutated = mutate(data, original.data, data.draw(st.integers(0, 3), label="steps"))
    ident = mutated.get("id") if isinstance(mutated, dict) else None
    # ID-FILENAME wants the file named after the id; both engines see the same name either way.
    name = f"{ident}.yaml" if isinstance(ident, str) and SLUG.match(ident) else "mutated-agreement.yaml"
    text = yaml.dump(mutated, Dumper=DUMPER, sort_keys=False, allow_unicode=True)
    with tempfile.TemporaryDirectory(prefix="mga-properties-") as folder:
        target = Path(folder) / name
        target.write_text(text, encoding="utf-8")
        auto = check_file(target, name, policy(), AUTO)
        precise = check_file(target, name, policy(), PRECISE)
    assert auto == precise, f"auto: {[d.format() for d in auto]}\nprecise: {[d.format() for d in precise]}"


@settings(SETTINGS, max_examples=examples(15))
@given(st.data())
def test_engines_agree_on_mutated_agreements(data: st.DataObject) -> None:
    _engines_agree(data, AGREEMENTS)


@settings(SETTINGS, max_examples=examples(60))
@given(st.data())
def test_engines_agree_on_mutated_small_agreements(data: st.DataObject) -> None:
    """The same on the (small) valid case files, so that many more mutations fit in the time."""
    _engines_agree(data, VALID_CASES or AGREEMENTS)
