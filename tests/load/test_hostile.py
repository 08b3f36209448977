"""Hostile inputs end fast, located, with bounded memory, whichever path reads them.

``mga validate`` runs in a subprocess on every class of ``hostile.py`` at
several sizes up to the 1 MiB limit: it must exit 0 or 1, print only
``path:line:col: severity RULE message`` lines and the summary, and stay
within :data:`BUDGET_SECONDS` (best of up to three attempts: the machine is
shared) and :data:`BUDGET_MB` of memory. Then every reader path (libyaml,
ruamel.yaml, ``load_text`` as ``mga diff`` and ``mga history`` use it, a
score file beside an agreement) must report the same loader rules for the
same content.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import hostile
import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from mga_tools.load import FAST, PRECISE, load, load_text
from mga_tools.load.events import _DISAGREEMENTS
from mga_tools.load.limits import MAX_MESSAGE, MAX_NODES, PRECISE_MAX_CHARS, clipped
from mga_tools.load.scalars import _UNDERSCORE_11
from mga_tools.records.revisions import parse
from mga_tools.validate import check_file, default_policy

BUDGET_SECONDS = 1.0
BUDGET_MB = 300
ATTEMPTS = 3
# Under CI every class runs at four sizes; locally at the largest only (the slowest), plus the
# 40 kB deep-flow file that once took a minute.
SIZES = (1_000, 40_000, 250_000, hostile.LARGEST) if os.environ.get("CI") else (hostile.LARGEST,)
CASES = [(name, size) for size in SIZES for name in hostile.CLASSES]
if ("deep_flow_sequence", 40_000) not in CASES:
    CASES.append(("deep_flow_sequence", 40_000))

LINE = re.compile(r"hostile\.yaml:[1-9][0-9]*:[1-9][0-9]*: (error|warning) [A-Z][A-Z0-9]*(-[A-Z0-9]+)* \S.*")
SUMMARY = re.compile(r"1 file checked: (no problems|[0-9]+ errors?, [0-9]+ warnings?)")

# Runs ``python -m mga_tools validate FILE`` and reports its exit code, output, wall time and the
# peak memory of that child alone (ru_maxrss of RUSAGE_CHILDREN covers only this wrapper's children).
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run([sys.executable, "-m", "mga_tools", "validate", sys.argv[1]], capture_output=True, text=True)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"code": done.returncode, "out": done.stdout, "err": done.stderr, "wall": wall, "mb": peak}))
"""


def _validate(folder: Path) -> dict:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, "hostile.yaml"],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout)


# A fresh process per 1 MiB file, every class: seconds in all, so that size is marked slow.
@pytest.mark.parametrize(
    ("name", "size"),
    [pytest.param(name, size, marks=pytest.mark.slow if size == hostile.LARGEST else ()) for name, size in CASES],
    ids=[f"{name}-{size}" for name, size in CASES],
)
def test_validate_ends_fast_located_and_small(name: str, size: int, tmp_path: Path) -> None:
    content = hostile.CLASSES[name](size)
    (tmp_path / "hostile.yaml").write_bytes(content)
    runs = []
    for _ in range(ATTEMPTS):
        runs.append(_validate(tmp_path))
        if runs[-1]["wall"] < BUDGET_SECONDS:
            break
    run = runs[-1]
    figures = f"{name} at {len(content)} bytes: wall {[round(r['wall'], 3) for r in runs]} s, peak {run['mb']:.0f} MB"
    assert run["code"] in (0, 1), f"{figures}; exit {run['code']}: {run['err'][-2000:]}"
    assert run["err"] == "", f"{figures}; stderr: {run['err'][-2000:]}"
    lines = run["out"].splitlines()
    assert lines, figures
    assert SUMMARY.fullmatch(lines[-1]), f"{figures}; last line: {lines[-1][:300]}"
    for line in lines[:-1]:
        assert LINE.fullmatch(line), f"{figures}; not a diagnostic line: {line[:300]}"
        assert len(line) < 2 * MAX_MESSAGE, f"{figures}; line of {len(line)} characters"
    assert min(r["wall"] for r in runs) < BUDGET_SECONDS, figures
    assert max(r["mb"] for r in runs) < BUDGET_MB, figures


def _loader_rules(found: list) -> set[str]:
    return {d.rule for d in found if d.rule.startswith("YAML-")}


# The ways the same content is read: straight from a file by each reader, from bytes as the
# record commands read git blobs, and as a score file beside an agreement.
# Six reads of 1 MiB take seconds per class, so that size is marked slow; at 40 kB every class
# still goes through every path in the everyday run.
READER_SIZES = (40_000, pytest.param(hostile.LARGEST, marks=pytest.mark.slow))
# Text the two parsers accept differently (random indicators): libyaml and ruamel.yaml may stop at
# different places with different findings; the paths must still agree reader by reader.
PARSERS_DIFFER = {"random_yaml_soup"}


@pytest.mark.parametrize("size", READER_SIZES)
@pytest.mark.parametrize("name", sorted(hostile.CLASSES))
def test_every_reader_path_reports_the_same_rules(name: str, size: int, tmp_path: Path) -> None:
    content = hostile.CLASSES[name](size)
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    start = time.perf_counter()
    fast = _loader_rules(load(path, "hostile.yaml", reader=FAST).diagnostics)
    precise = _loader_rules(load(path, "hostile.yaml", reader=PRECISE).diagnostics)
    assert _loader_rules(load_text(content, "hostile.yaml", reader=FAST).diagnostics) == fast
    assert _loader_rules(load_text(content, "hostile.yaml").diagnostics) == precise
    parse(content, "hostile.yaml")  # mga diff and mga history: data or None, never an exception
    if name not in PARSERS_DIFFER:
        assert fast == precise, f"{name}: fast {sorted(fast)}, precise {sorted(precise)}"
    (tmp_path / "a.yaml").write_text("id: a\ntitle: A\nstatus: draft\n", encoding="utf-8")
    (tmp_path / "a.scores.yaml").write_bytes(content)
    found = check_file(tmp_path / "a.yaml", "a.yaml", default_policy(ROOT))
    assert _loader_rules([d for d in found if d.path == "a.scores.yaml"]) == precise
    # The whole of it in-process, six reads of up to 1 MiB: a generous bound, well below minutes.
    assert time.perf_counter() - start < 10 * BUDGET_SECONDS


def test_deep_flow_is_reported_at_the_first_node_too_deep_by_every_reader() -> None:
    content = b"x: " + b"[" * 20_000 + b"]" * 20_000 + b"\n"
    for raw in (content, content + b"# padding\n" * (PRECISE_MAX_CHARS // 10)):
        for reader in (FAST, PRECISE):
            start = time.perf_counter()
            doc = load_text(raw, "deep.yaml", reader=reader)
            assert time.perf_counter() - start < BUDGET_SECONDS
            assert [d.format() for d in doc.diagnostics] == [
                "deep.yaml:1:67: error YAML-DEPTH nesting deeper than 64 levels is not read"
            ]
            assert not doc.parsed


def test_nesting_between_the_limits_is_left_out_and_the_rest_read() -> None:
    doc = load_text(b"a: " + b"[" * 100 + b"]" * 100 + b"\nb: 1\n", "d.yaml")
    assert doc.parsed and doc.data["b"] == 1
    assert [d.rule for d in doc.diagnostics] == ["YAML-DEPTH"]


@pytest.mark.parametrize("reader", [FAST, PRECISE])
@pytest.mark.parametrize(
    "number", ["9" * 5000, "-" + "9" * 101, "0x" + "f" * 200, "0o" + "7" * 200, "1." + "5" * 200, "0" + "7" * 200]
)
def test_a_long_number_is_refused_located_not_converted(number: str, reader: str) -> None:
    for text in (f"x: {number}\n", f"x: !!int {number}\n", f"{number}: x\n"):
        doc = load_text(text.encode(), "n.yaml", reader=reader)
        found = [d for d in doc.diagnostics if d.rule == "YAML-NUMBER"]
        assert len(found) == 1, doc.diagnostics
        assert (found[0].line, found[0].col) in {(1, 4), (1, 10), (1, 1)}
        assert f"a number of {len(number)} characters" in found[0].message
        assert len(found[0].message) < 200


def test_too_many_nodes_stop_reading_where_the_limit_is_passed() -> None:
    doc = load_text(("x:\n" + "- 1\n" * (MAX_NODES + 10)).encode(), "w.yaml", reader=FAST)
    # Node 50,001: the mapping, its key and the sequence come before the items, one a line from line 2.
    assert [(d.line, d.rule) for d in doc.diagnostics] == [(MAX_NODES - 1, "YAML-SIZE")]
    assert not doc.parsed


def test_findings_of_one_rule_are_listed_a_hundred_times_at_most() -> None:
    doc = load_text(b"k: 1\n" * 1000, "k.yaml")
    assert len(doc.diagnostics) == 101
    assert doc.diagnostics[-1].message == "more findings of this kind follow; not listed"


def test_load_text_has_the_size_limit_of_load() -> None:
    doc = load_text(b"x: 1\n" + b"#" * (1024 * 1024), "big.yaml")
    assert [d.rule for d in doc.diagnostics] == ["YAML-SIZE"]
    assert parse(b"x: 1\n" + b"#" * (1024 * 1024), "big.yaml") is None
    assert load_text(b"x: 1\n" + b"#" * 2000, "big.yaml", max_bytes=1024).diagnostics[0].rule == "YAML-SIZE"


def test_messages_are_clipped_in_the_middle() -> None:
    message = "id '" + "a" * 100_000 + "' does not match; rename it"
    shown = clipped(message)
    assert len(shown) < MAX_MESSAGE + 50
    assert shown.startswith("id 'aaa") and shown.endswith("' does not match; rename it")


_OLD_DISAGREEMENTS = re.compile(r"[|>][0-9+-]*(?:#|[ \t]*(?:#[^\n]*)?\n[ \t]*[ ][ \t]*\n)")
_OLD_UNDERSCORE_11 = re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?\Z")


@given(st.text(alphabet="|>1+-# \t\nx", max_size=12))
def test_the_disagreement_pattern_matches_as_before(text: str) -> None:
    assert (_DISAGREEMENTS.search(text) is None) == (_OLD_DISAGREEMENTS.search(text) is None)


@given(st.text(alphabet="-+0123_.x", max_size=12))
def test_the_underscore_pattern_matches_as_before(text: str) -> None:
    assert (_UNDERSCORE_11.match(text) is None) == (_OLD_UNDERSCORE_11.match(text) is None)


def test_the_patterns_do_not_backtrack_on_long_runs() -> None:
    start = time.perf_counter()
    _DISAGREEMENTS.search("|\n" + " " * 200_000 + "x")
    _UNDERSCORE_11.match("1" + "_" * 200_000 + "x")
    assert time.perf_counter() - start < 0.5
