"""The CLI as a user runs it: a subprocess, its exact output and exit code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

CLEAN = ROOT / "tests" / "validate" / "cases" / "valid" / "SCENARIO-SAFEGUARDS" / "scenario-fully-answered.yaml"
BROKEN = ROOT / "tests" / "validate" / "cases" / "invalid" / "SCENARIO-SAFEGUARDS" / "scenario-missing-safeguards.yaml"


def _folder(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "agreements"
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder / file.name)
    return folder


def test_clean_folder_exits_zero(tmp_path, run_mga):
    _folder(tmp_path, CLEAN)
    result = run_mga("validate", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1 file checked: no problems\n", "")


def test_findings_exit_one_with_exact_lines(tmp_path, run_mga):
    _folder(tmp_path, CLEAN, BROKEN)
    result = run_mga("validate", "agreements", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "agreements/scenario-missing-safeguards.yaml:108:7: error SCENARIO-SAFEGUARDS failure scenario "
        "'meetings-lapse-two' names no protocol under protocols; existing protocols that could serve: "
        "progress-report",
        "agreements/scenario-missing-safeguards.yaml:111:16: error SCENARIO-SAFEGUARDS failure scenario "
        "'meetings-lapse-two' names no metric under metrics; existing metrics that could serve: meetings-held",
        "2 files checked: 2 errors, 0 warnings",
    ]


def test_warnings_pass_unless_strict(tmp_path, run_mga):
    result = run_mga("new", "harbour-access", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == (
        "wrote agreements/harbour-access.yaml: fill it in phase by phase, "
        "then run 'mga validate agreements/harbour-access.yaml'\n"
    )
    relaxed = run_mga("validate", cwd=tmp_path)
    strict = run_mga("validate", "--strict", cwd=tmp_path)
    warning = (
        "agreements/harbour-access.yaml:165:3: warning SCENARIO-COUNT 1 failure scenario(s); "
        "at least 3 are needed: ask what could derail the agreement"
    )
    assert relaxed.returncode == 0
    assert strict.returncode == 1
    assert relaxed.stdout == strict.stdout
    # The template's own texts are placeholders: warnings in a draft (TEXT-PLACEHOLDER).
    lines = [line for line in relaxed.stdout.splitlines() if " TEXT-PLACEHOLDER " not in line]
    placeholders = len(relaxed.stdout.splitlines()) - len(lines)
    assert placeholders
    assert lines == [warning, f"1 file checked: 0 errors, {placeholders + 1} warnings"]


def test_new_never_overwrites(tmp_path, run_mga):
    assert run_mga("new", "harbour-access", cwd=tmp_path).returncode == 0
    target = tmp_path / "agreements" / "harbour-access.yaml"
    target.write_text("id: harbour-access\n# my work\n", encoding="utf-8")
    again = run_mga("new", "harbour-access", cwd=tmp_path)
    assert again.returncode == 2
    assert again.stderr == ("mga: agreements/harbour-access.yaml already exists; choose another id or edit that file\n")
    assert target.read_text(encoding="utf-8") == "id: harbour-access\n# my work\n"


def test_new_rejects_bad_slug(tmp_path, run_mga):
    result = run_mga("new", "Harbour Access", cwd=tmp_path)
    assert result.returncode == 2
    assert "not a valid id" in result.stderr
    assert not (tmp_path / "agreements").exists()


def test_new_title_is_text(tmp_path, run_mga):
    title = 'Port "access": <b>tariffs</b> & #eval(x) no'
    assert run_mga("new", "port-access", "--title", title, cwd=tmp_path).returncode == 0
    from mga_tools.load import load

    doc = load(tmp_path / "agreements" / "port-access.yaml")
    assert doc.data["title"] == title


def test_missing_path_is_usage_error(tmp_path, run_mga):
    result = run_mga("validate", "nowhere", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "mga: nowhere: no such file or directory\n"


def test_unknown_option_is_usage_error(run_mga):
    result = run_mga("validate", "--frobnicate")
    assert result.returncode == 2
    assert "unrecognized arguments: --frobnicate" in result.stderr


def test_json_format(tmp_path, run_mga):
    _folder(tmp_path, BROKEN)
    result = run_mga("validate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert report["files"] == ["agreements/scenario-missing-safeguards.yaml"]
    assert report["summary"] == {"files": 1, "errors": 2, "warnings": 0}
    assert report["diagnostics"][0] == {
        "path": "agreements/scenario-missing-safeguards.yaml",
        "line": 108,
        "column": 7,
        "severity": "error",
        "rule": "SCENARIO-SAFEGUARDS",
        "message": "failure scenario 'meetings-lapse-two' names no protocol under protocols; "
        "existing protocols that could serve: progress-report",
    }


def test_github_format_is_automatic_in_actions(tmp_path, run_mga):
    _folder(tmp_path, BROKEN)
    result = run_mga("validate", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines[0] == (
        "::error file=agreements/scenario-missing-safeguards.yaml,line=108,col=7,title=SCENARIO-SAFEGUARDS::"
        "failure scenario 'meetings-lapse-two' names no protocol under protocols; "
        "existing protocols that could serve: progress-report"
    )
    # The plain report follows the annotations, since Actions shows only 50 of them.
    assert lines[2].startswith("agreements/scenario-missing-safeguards.yaml:108:7: error SCENARIO-SAFEGUARDS ")
    assert lines[-1] == "1 file checked: 2 errors, 0 warnings"


def test_explicit_format_wins_over_actions(tmp_path, run_mga):
    _folder(tmp_path, CLEAN)
    result = run_mga("validate", "--format", "text", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout == "1 file checked: no problems\n"


def test_repository_policy_tightens(tmp_path, run_mga):
    _folder(tmp_path, CLEAN)
    (tmp_path / "schema").mkdir()
    policy = (ROOT / "schema" / "policy.yaml").read_text(encoding="utf-8")
    (tmp_path / "schema" / "policy.yaml").write_text(
        policy.replace("min_failure_scenarios: 3", "min_failure_scenarios: 5"), encoding="utf-8"
    )
    result = run_mga("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert "warning SCENARIO-COUNT 3 failure scenario(s); at least 5 are needed" in result.stdout


def test_broken_policy_is_located(tmp_path, run_mga):
    _folder(tmp_path, CLEAN)
    bad = tmp_path / "policy.yaml"
    bad.write_text("rules:\n  PARTY-BATNA: {warn_from: draft, error_from: someday}\n  NO-SUCH-RULE: {}\n")
    result = run_mga("validate", "--policy", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"{bad}:2:47: error POLICY the text 'someday' is not one of: draft," in result.stderr
    assert f"{bad}:3:3: error POLICY unknown rule 'NO-SUCH-RULE'" in result.stderr


def test_version(run_mga):
    result = run_mga("--version")
    assert (result.returncode, result.stdout) == (0, "mga 0.1.0\n")


def test_internal_error_is_not_a_finding(tmp_path, monkeypatch, capsys):
    # A bug must surface as exit 3 with a one-line message, never as findings (1) or usage (2).
    from mga_tools import cli
    from mga_tools.commands import validate

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(validate, "run", broken)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate"]) == 3
    assert capsys.readouterr().err == "mga: internal error, please report it: RuntimeError: boom\n"


def test_only_the_build_ends_with_a_hard_exit():
    # os._exit skips interpreter teardown; it was measured to pay off on ``mga build`` alone.
    from mga_tools.commands import COMMANDS

    assert [c.NAME for c in COMMANDS if getattr(c, "HARD_EXIT", False)] == ["build"]


def test_other_commands_exit_normally(tmp_path):
    # A normal exit runs the interpreter's teardown: an atexit handler still prints.
    _folder(tmp_path, CLEAN)
    code = (
        "import atexit, sys; atexit.register(lambda: print('teardown ran'));"
        "sys.argv = ['mga', 'validate']; from mga_tools.cli import run; run()"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (0, "1 file checked: no problems\nteardown ran\n")


@pytest.mark.parametrize("command", ["validate", "build", "serve", "render", "analyze", "seal"])
def test_every_command_that_validates_takes_a_policy(command):
    from mga_tools.cli import _parser

    words = [command, *(["an-id"] if command in ("render", "analyze", "seal") else []), "--policy", "p.yaml"]
    assert _parser().parse_args(words).policy == "p.yaml"


@pytest.mark.parametrize(
    ("command", "extra"), [("build", "site"), ("serve", "site"), ("render", "documents"), ("analyze", "analysis")]
)
def test_a_command_says_which_extra_to_install(command, extra, monkeypatch, capsys):
    from mga_tools import cli, extras

    monkeypatch.setattr(extras, "_installed", lambda module: module not in extras.EXTRAS[extra])
    words = [command, *(["an-id"] if command in ("render", "analyze") else [])]
    assert cli.main(words) == 2
    assert (
        capsys.readouterr().err == f"mga: mga {command} needs the '{extra}' extra: pip install 'mga-tools[{extra}]'\n"
    )
