"""What a pull request writes cannot reach the terminal or the CI log raw, nor leak what lies outside the repository.

A file name and values holding a line break followed by ``::error::``, an
ESC sequence, a carriage return and U+2028 go through every command and
format that prints them. No raw control character but the tool's own line
breaks reaches stdout or stderr, no line starts a workflow command but the
tool's own annotations, and a symbolic link that leads outside the repository
is refused unread: the secret it leads to never appears, in any format.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from mga_tools.terminal import escaped, quoted_path, safe_lines

CASES = ROOT / "tests" / "validate" / "cases"
CLEAN = CASES / "valid" / "SCENARIO-SAFEGUARDS" / "scenario-fully-answered.yaml"
EXAMPLE = "three-firm-battery-recycling-jv"
HOSTILE = "x\n::error::forged \x1b[2J\r::add-mask::y\u2028##[error]legacy"
# Every character the tool must never print raw; the line feed is the tool's own line break.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
ANNOTATION = re.compile(r"^::(error|warning) file=[^:\n]*,line=\d+,col=\d+,title=[A-Z0-9-]+::")
SECRET = "ghp_0123456789abcdefSECRETtoken"


def _safe(result: subprocess.CompletedProcess[str], *, annotations: int = 0) -> None:
    """No raw control character, no workflow command but ``annotations`` of the tool's own."""
    for stream in (result.stdout, result.stderr):
        assert not RAW.search(stream), repr(stream)
        assert "##[" not in stream
        commands = [line for line in stream.split("\n") if line.lstrip().startswith("::")]
        assert all(ANNOTATION.match(line) for line in commands), commands
        assert len(commands) == (annotations if stream is result.stdout else 0)


def _strings(value: object) -> list[str]:
    """Every text in a JSON document, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *_strings(item))]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    base.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_CEILING_DIRECTORIES=str(root.parent))
    base.update(GIT_AUTHOR_NAME="Ada", GIT_AUTHOR_EMAIL="ada@example.org", GIT_COMMITTER_NAME="Ada")
    base.update(GIT_COMMITTER_EMAIL="ada@example.org", **(env or {}))
    subprocess.run(["git", *args], cwd=root, env=base, check=True, capture_output=True)


def _hostile_agreement(ident: str) -> str:
    """The clean case, renamed, with hostile text in a title and a status that the schema echoes."""
    text = CLEAN.read_text(encoding="utf-8").replace("id: scenario-fully-answered", f"id: {ident}", 1)
    text = text.replace('title: "Harbour \\"access\\" <b>"', f"title: {json.dumps(HOSTILE)}", 1)
    return text.replace("status: draft", f"status: {json.dumps(HOSTILE)}", 1)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with one clean agreement committed, then a hostile file name and hostile values."""
    root = tmp_path_factory.mktemp("hostile") / "repo"
    (root / "agreements").mkdir(parents=True)
    shutil.copy(CLEAN, root / "agreements")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", f"first {HOSTILE}")
    (root / "agreements" / f"{HOSTILE}.yaml").write_text(_hostile_agreement("hostile-name"), encoding="utf-8")
    (root / "agreements" / "hostile-values.yaml").write_text(_hostile_agreement("hostile-values"), encoding="utf-8")
    changed = CLEAN.read_text(encoding="utf-8").replace('version: "0.1"', f"version: {json.dumps(HOSTILE)}", 1)
    (root / "agreements" / CLEAN.name).write_text(changed, encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_validate_prints_no_raw_control_character(repo: Path, run_mga, fmt: str) -> None:
    result = run_mga("validate", "--format", fmt, cwd=repo)
    assert result.returncode == 1
    count = len(json.loads(run_mga("validate", "--format", "json", cwd=repo).stdout)["diagnostics"])
    _safe(result, annotations=count if fmt == "github" else 0)
    if fmt == "json":  # still JSON, the values in full once decoded
        data = json.loads(result.stdout)
        assert f"agreements/{HOSTILE}.yaml" in data["files"]
        assert any(HOSTILE in d["message"] for d in data["diagnostics"])
    else:
        assert quoted_path(f"agreements/{HOSTILE}.yaml") in result.stdout


def test_validate_of_a_hostile_path_argument(repo: Path, run_mga) -> None:
    result = run_mga("validate", f"{HOSTILE}.yaml", cwd=repo)
    assert result.returncode == 2
    _safe(result)
    assert result.stderr == f"mga: {quoted_path(HOSTILE + '.yaml')}: no such file or directory\n"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff_prints_no_raw_control_character(repo: Path, run_mga, fmt: str) -> None:
    result = run_mga("diff", "HEAD", "--format", fmt, cwd=repo)
    assert result.returncode == 0, result.stderr
    _safe(result)
    if fmt == "json":
        assert any(HOSTILE in text for text in _strings(json.loads(result.stdout)))  # in full, once decoded


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_history_prints_no_raw_control_character(repo: Path, run_mga, fmt: str) -> None:
    result = run_mga("history", "scenario-fully-answered", "--format", fmt, cwd=repo)
    assert result.returncode == 0, result.stderr
    _safe(result)
    assert "first x" in result.stdout


@pytest.mark.parametrize("command", ["render", "seal", "verify", "analyze"])
def test_error_paths_print_no_raw_control_character(repo: Path, run_mga, command: str) -> None:
    result = run_mga(command, "hostile-values", cwd=repo)
    assert result.returncode in (1, 2), result.stderr
    _safe(result)


# Slow: each run loads the analysis (numpy, scipy) in a fresh interpreter.
@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("name", [HOSTILE, "x\n::error::forged ##[error]legacy"])
def test_analyze_prints_no_raw_control_character(tmp_path: Path, run_mga, fmt: str, name: str) -> None:
    text = (ROOT / "agreements" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    hostile = text.replace("name: Lumen Cell Chemistry AB", f"name: {json.dumps(name)}", 1)
    (tmp_path / f"{EXAMPLE}.yaml").write_text(hostile, encoding="utf-8")
    result = run_mga("analyze", EXAMPLE, "--dir", str(tmp_path), "--format", fmt)
    # The analysis, or the findings that refuse characters an agreement may not hold: either is printed safely.
    assert result.returncode in (0, 1), result.stderr
    _safe(result)


# --- links out of the repository ------------------------------------------------------------------


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    """A repository whose agreements folder holds links to a secret outside it, beside a clean agreement."""
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    root = tmp_path / "repo"
    (root / "agreements").mkdir(parents=True)
    (root / ".git").mkdir()  # where the repository ends; no git needed
    shutil.copy(CLEAN, root / "agreements")
    (root / "agreements" / "leak.yaml").symlink_to(secret)
    (root / "agreements" / "scenario-fully-answered.scores.yaml").symlink_to(secret)
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_link_out_of_the_repository_is_refused_unread(leaky: Path, run_mga, fmt: str) -> None:
    result = run_mga("validate", "--format", fmt, cwd=leaky)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    report = json.loads(run_mga("validate", "--format", "json", cwd=leaky).stdout)
    found = {(d["path"], d["rule"]) for d in report["diagnostics"]}
    # Each link is named; the agreement beside the score file link is still checked, and only the link fails.
    assert found == {
        ("agreements/leak.yaml", "FILE-OUTSIDE"),
        ("agreements/scenario-fully-answered.scores.yaml", "FILE-OUTSIDE"),
    }
    assert "agreements/leak.yaml:1:1: error FILE-OUTSIDE a link that leads outside the repository" in (
        result.stdout if fmt != "json" else run_mga("validate", cwd=leaky).stdout
    )


def test_a_link_out_of_a_folder_outside_any_repository(tmp_path: Path, run_mga) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "work" / "agreements"
    folder.mkdir(parents=True)
    (folder / "leak.yaml").symlink_to(secret)
    result = run_mga("validate", "agreements", cwd=tmp_path / "work")
    assert (result.returncode, SECRET in result.stdout) == (1, False)
    assert "agreements/leak.yaml:1:1: error FILE-OUTSIDE" in result.stdout


@pytest.mark.parametrize("command", ["seal", "sign", "verify", "render", "analyze"])
def test_commands_by_id_refuse_a_link_out_of_the_repository(leaky: Path, run_mga, command: str) -> None:
    args = ["--key", str(leaky / "none")] if command == "sign" else []
    result = run_mga(command, "leak", *args, cwd=leaky)
    assert result.returncode == 2
    assert SECRET not in result.stdout + result.stderr
    assert result.stderr == "mga: agreements/leak.yaml: a link that leads outside the repository: not read; " + (
        "replace it with the file itself\n"
    )


def test_a_link_inside_the_repository_is_followed(leaky: Path, run_mga) -> None:
    (leaky / "agreements" / "leak.yaml").unlink()
    (leaky / "agreements" / "scenario-fully-answered.scores.yaml").unlink()
    (leaky / "shared").mkdir()
    shutil.move(leaky / "agreements" / CLEAN.name, leaky / "shared" / CLEAN.name)
    (leaky / "agreements" / CLEAN.name).symlink_to(Path("..") / "shared" / CLEAN.name)
    result = run_mga("validate", cwd=leaky)
    assert (result.returncode, result.stdout) == (0, "1 file checked: no problems\n")


def test_schema_messages_quote_a_short_excerpt(tmp_path: Path, run_mga) -> None:
    text = CLEAN.read_text(encoding="utf-8").replace("status: draft", f"status: {SECRET * 20}", 1)
    (tmp_path / CLEAN.name).write_text(text, encoding="utf-8")
    for fmt in ("text", "json", "github"):
        result = run_mga("validate", str(tmp_path), "--format", fmt)
        assert result.returncode == 1
        assert SECRET * 2 not in result.stdout
        assert f"the text '{(SECRET * 20)[:60]}...' is not one of" in result.stdout


# --- the escaping itself --------------------------------------------------------------------------


def test_ordinary_text_is_unchanged() -> None:
    for text in ("agreements/river-basin-water-sharing.yaml", "Harbour \"access\" <b> 'é' — ok: 1, 2"):
        assert escaped(text) == text
        assert safe_lines(text + "\n" + text) == text + "\n" + text
    assert quoted_path("agreements/a b.yaml") == "agreements/a b.yaml"


def test_escapes_as_git_quotes_paths() -> None:
    assert quoted_path('a\n"b\\c\t\x1b.yaml') == '"a\\n\\"b\\\\c\\t\\033.yaml"'
    assert quoted_path("::error::x.yaml") == '"::error::x.yaml"'
    assert escaped("a\r\u2028\x7f\x9b") == "a\\r\\u2028\\u007f\\u009b"
    assert escaped("see ##[error]x") == "see ##\\u005berror]x"
    assert safe_lines("ok\n  ::error::x\n", commands=False) == "ok\n  \\072:error::x\n"
    assert safe_lines("::error file=a,line=1,col=1,title=R::m\n", commands=True).startswith("::error")


def test_json_stays_json_through_the_net() -> None:
    value = {"m": "a##[error]b\x7f\u2028\x85\x1b\n"}
    assert json.loads(safe_lines(json.dumps(value, ensure_ascii=False))) == value
