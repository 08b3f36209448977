"""The GitHub workflows are valid by the public workflow schema (shipped with check-jsonschema)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_matches_github_schema(workflow):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_there_is_a_workflow():
    assert WORKFLOWS


def _load(name: str) -> dict:
    import yaml

    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def _runs(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def _mga_invocations(run: str) -> list[list[str]]:
    """Every ``mga ...`` command of a ``run`` script, split like a shell would (up to a redirection)."""
    import shlex

    found = []
    for part in run.replace("&&", "\n").splitlines():
        words = shlex.split(part.split(">>")[0].split("|")[0])
        if words and words[0].endswith("/mga"):
            found.append(words[1:])
    return found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_mga_command_in_a_workflow_exists(workflow):
    from mga_tools.cli import _parser

    for run in _runs(_load(workflow.name)):
        for args in _mga_invocations(run):
            expanded = [a.replace("$GITHUB_BASE_REF", "main") for a in args]
            _parser().parse_args(expanded)  # exits (fails the test) on an unknown command or option


def test_pull_requests_are_validated_diffed_and_built():
    workflow = _load("pull-request.yml")
    assert set(workflow[True]) == {"pull_request"}  # YAML 1.1 reads the key `on` as true
    commands = [args for run in _runs(workflow) for args in _mga_invocations(run)]
    assert ["validate", "agreements/"] in commands
    assert ["validate", "--base", "origin/$GITHUB_BASE_REF", "agreements/"] in commands
    assert ["diff", "origin/$GITHUB_BASE_REF", "HEAD", "--format", "markdown"] in commands
    assert ["build", "--out", "site"] in commands
    assert any('>> "$GITHUB_STEP_SUMMARY"' in run for run in _runs(workflow))
    checkout = workflow["jobs"]["agreements"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0


def test_main_is_built_and_deployed_to_pages():
    workflow = _load("pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert ["build", "--out", "site"] in [args for run in _runs(workflow) for args in _mga_invocations(run)]


# The extra each command needs beyond the core package (mga_tools.extras); other commands need none.
_NEEDS = {"build": "site", "serve": "site", "render": "documents", "analyze": "analysis"}


def _extras_of(extra: str) -> set[str]:
    """``extra`` and every extra it pulls in through ``mga-tools[...]`` in pyproject.toml."""
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    found, todo = set(), [extra]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        for requirement in declared[name]:
            if requirement.startswith("mga-tools["):
                todo.extend(n.strip() for n in requirement.removeprefix("mga-tools[").removesuffix("]").split(","))
    return found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_job_installs_the_extras_its_commands_need(workflow):
    import re

    for name, job in _load(workflow.name)["jobs"].items():
        runs = [step["run"] for step in job.get("steps", []) if "run" in step]
        installed: set[str] = set()
        for extras in re.findall(r"pip install [^&\n]*-e '\.\[([a-z,]+)\]'", "\n".join(runs)):
            for extra in extras.split(","):
                installed |= _extras_of(extra)
        for args in (args for run in runs for args in _mga_invocations(run)):
            needed = _NEEDS.get(args[0])
            assert needed is None or needed in installed, f"{name}: mga {args[0]} needs the '{needed}' extra"
