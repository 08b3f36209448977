"""Shared fixtures: the repository root and a way to run ``mga`` as a user does."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Locally, every run explores new examples; in CI the examples are fixed by
# the test's name, so that a run is reproducible and a red build points at a
# change, not at luck.
settings.register_profile("ci", derandomize=True)

# Builds started by the tests keep their document cache out of the user's home.
os.environ.setdefault("MGA_CACHE_DIR", tempfile.mkdtemp(prefix="mga-test-cache-"))
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SUITE = SHARED / "corpora" / "yaml-test-suite"
# The public YAML test suite lies beside the repository; outside CI a checkout without it skips
# the tests that read it, in CI its absence fails them (the marker is off when CI is set).
needs_suite = pytest.mark.skipif(
    not SUITE.is_dir() and not os.environ.get("CI"), reason=f"yaml-test-suite corpus not found at {SUITE}"
)


@pytest.fixture
def run_mga():
    """Run ``python -m mga_tools ARGS`` in ``cwd``; returns the CompletedProcess."""

    def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
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

    return run
