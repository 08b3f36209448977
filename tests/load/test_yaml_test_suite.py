"""The whole yaml-test-suite corpus goes through the loader and the validator.

None of those 402 inputs is an agreement, and many are not even valid YAML:
the point is robustness. Whatever the bytes, ``load`` and ``check_file`` must
return diagnostics instead of raising, every diagnostic must be located
(1-based line and column) and carry a rule id, and the ``mga validate``
command must end with exit code 0 or 1, never with a traceback.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SUITE, needs_suite

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.load import FAST, PRECISE, Document, load
from mga_tools.validate import AUTO, check_file, default_policy

INPUTS = sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []
EXPECTED_INPUTS = 402
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")


def case_id(path: Path) -> str:
    """``229Q`` or ``SM9W/00``: the folder of ``in.yaml`` relative to the suite."""
    return path.parent.relative_to(SUITE).as_posix()


IDS = [case_id(p) for p in INPUTS]


def _lines(path: Path) -> int:
    """How many lines a located diagnostic may point at (one past the end for end-of-file)."""
    return path.read_bytes().count(b"\n") + 1


def _assert_located(found: list[Diagnostic], display: str, last_line: int) -> None:
    for d in found:
        assert d.path == display, d
        assert isinstance(d.line, int) and 1 <= d.line <= last_line, d
        assert isinstance(d.col, int) and d.col >= 1, d
        assert isinstance(d.rule, str) and RULE_ID.match(d.rule), d
        assert isinstance(d.severity, Severity), d
        assert d.message.strip(), d


def _assert_plain(value: object, where: tuple = ()) -> None:
    """``Document.data`` holds only JSON-like plain data (its documented contract)."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), (where, key)
            _assert_plain(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _assert_plain(item, (*where, i))
    else:
        assert value is None or type(value) in (str, int, float, bool), (where, type(value))


@pytest.fixture(scope="module")
def policy():
    return default_policy(ROOT)


@needs_suite
def test_the_corpus_has_402_inputs() -> None:
    assert len(INPUTS) == EXPECTED_INPUTS
    assert len(set(IDS)) == EXPECTED_INPUTS


@needs_suite
@pytest.mark.parametrize("engine", [AUTO, PRECISE])
@pytest.mark.parametrize("path", INPUTS, ids=IDS)
def test_check_file_reports_instead_of_raising(path: Path, engine: str, policy) -> None:
    display = case_id(path)
    found = check_file(path, display, policy, engine)
    _assert_located(found, display, _lines(path))


@needs_suite
@pytest.mark.parametrize("reader", [FAST, PRECISE])
@pytest.mark.parametrize("path", INPUTS, ids=IDS)
def test_load_reports_instead_of_raising(path: Path, reader: str) -> None:
    display = case_id(path)
    doc: Document = load(path, display, reader=reader)
    _assert_located(doc.diagnostics, display, _lines(path))
    if not doc.parsed:
        assert doc.data is None
        assert any(d.severity is Severity.ERROR for d in doc.diagnostics), "unreadable, but no error reported"
    _assert_plain(doc.data)
    for table in (doc.spans, doc.key_spans):
        for pointer, (line, col) in table.items():
            assert 1 <= line <= _lines(path) and col >= 1, (pointer, line, col)


@needs_suite
def test_cli_validates_the_whole_corpus_in_one_run(tmp_path: Path, run_mga, policy) -> None:
    """One ``mga validate --format json FOLDER`` over copies of all 402 inputs.

    Asserted: exit code 0 or 1 (never 2 or a crash), nothing on stderr (so no
    traceback), a JSON report (version 1) that lists every copied file exactly
    once, a summary that matches the diagnostics, exit code 1 exactly when
    there is an error, and every diagnostic located (line >= 1, column >= 1)
    in a listed file with a rule id. No input is an agreement (each is a
    scalar, a list, a mapping without the required keys, empty or not YAML at
    all), so every file must get at least one located error and the exit code
    is 1. Finally the command's diagnostics for each file equal what
    ``check_file`` returns in-process for the same path.
    """
    folder = tmp_path / "suite"
    folder.mkdir()
    copies: dict[str, Path] = {}
    for path in INPUTS:
        target = folder / (case_id(path).replace("/", "-") + ".yaml")
        shutil.copyfile(path, target)
        copies[target.as_posix()] = target
    assert len(copies) == EXPECTED_INPUTS

    result = run_mga("validate", "--format", "json", folder.as_posix())

    assert "Traceback" not in result.stderr, result.stderr[-4000:]
    assert result.stderr == ""
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert sorted(report["files"]) == sorted(copies)
    assert len(report["files"]) == len(set(report["files"]))
    diagnostics = report["diagnostics"]
    errors = sum(1 for d in diagnostics if d["severity"] == "error")
    assert report["summary"] == {
        "files": EXPECTED_INPUTS,
        "errors": errors,
        "warnings": len(diagnostics) - errors,
    }
    assert result.returncode == (1 if errors else 0)
    assert result.returncode == 1
    by_file: dict[str, list[dict]] = {name: [] for name in copies}
    for d in diagnostics:
        assert d["path"] in copies, d
        assert isinstance(d["line"], int) and d["line"] >= 1, d
        assert isinstance(d["column"], int) and d["column"] >= 1, d
        assert d["severity"] in ("error", "warning"), d
        assert RULE_ID.match(d["rule"]), d
        assert d["message"].strip(), d
        by_file[d["path"]].append(d)
    for name, path in copies.items():
        expected = [
            {
                "path": x.path,
                "line": x.line,
                "column": x.col,
                "severity": x.severity.value,
                "rule": x.rule,
                "message": x.message,
            }
            for x in check_file(path, name, policy, AUTO)
        ]
        assert by_file[name] == expected, name
        assert any(d["severity"] == "error" for d in by_file[name]), f"{name}: no error, yet it is not an agreement"
