"""Shared fixtures: the repository root, a way to run ``mga`` as a user does, and one built site to read."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# Two hypothesis profiles. ``ci`` (chosen when CI is set) runs the full example counts with the
# examples fixed by the test's name, so that a run is reproducible and a red build points at a
# change, not at luck. ``dev`` (the default elsewhere) runs a tenth of them, drawn afresh each
# time, so that the everyday run stays quick and still explores. HYPOTHESIS_PROFILE (or
# pytest's --hypothesis-profile) picks one explicitly.
CI_EXAMPLES = 100  # hypothesis' own default, which the ci profile keeps
settings.register_profile("ci", derandomize=True, max_examples=CI_EXAMPLES)
settings.register_profile("dev", max_examples=CI_EXAMPLES // 10)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


def examples(ci_count: int) -> int:
    """How many examples a test that runs ``ci_count`` in CI runs under the active profile.

    Tests that set their own ``max_examples`` call this, so that their count scales with the
    profile like every other test's (read when the test module is imported, after the profile
    has been chosen).
    """
    return max(1, round(ci_count * settings.default.max_examples / CI_EXAMPLES))


# Builds started by the tests keep their document cache out of the user's home.
os.environ.setdefault("MGA_CACHE_DIR", tempfile.mkdtemp(prefix="mga-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SUITE = SHARED / "corpora" / "yaml-test-suite"
# The public YAML test suite lies beside the repository; outside CI a checkout without it skips
# the tests that read it, in CI its absence fails them (the marker is off when CI is set).
needs_suite = pytest.mark.skipif(
    not SUITE.is_dir() and not os.environ.get("CI"),
    reason=f"yaml-test-suite corpus not found at {SUITE} (../shared/corpora/yaml-test-suite beside the repository)",
)


def mga(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m mga_tools ARGS`` in ``cwd`` as a user does (outside GitHub Actions); the CompletedProcess."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mga_tools", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


@pytest.fixture(scope="session")
def run_mga():
    """Run ``python -m mga_tools ARGS`` in ``cwd``; returns the CompletedProcess.

    Session-scoped (it holds no state), so that module fixtures can run a command once for many tests.
    """

    return mga


@dataclass(frozen=True)
class BuiltSite:
    """A copy of the repository's project, the site ``mga build --no-documents`` made of it, and what it printed."""

    project: Path
    site: Path
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's site, built once per run for every test that only reads it.

    A build takes seconds and most site tests only look at its HTML or its output, so
    they share this one; a test that edits the project or the site builds its own
    (``sites.make_project``). The signable documents are left out: they cost the most
    to render, and the tests that read them render their own.
    """
    # Imported here: sites.py imports this module, and the tests that use this fixture live
    # beside it, so pytest has already put its folder on sys.path.
    from sites import make_project

    project = make_project(tmp_path_factory.mktemp("built-site") / "project")
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = subprocess.run(
        [sys.executable, "-m", "mga_tools", "build", "--no-documents"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(project=project, site=project / "site", stdout=result.stdout, stderr=result.stderr)
