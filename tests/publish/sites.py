"""Helpers: a copy of the repository's agreements, docs and configuration, to build sites from."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def make_project(target: Path) -> Path:
    """Copy what ``mga build`` reads into ``target``."""
    for name in ("agreements", "docs", "schema"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copyfile(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def unseal(path: Path) -> None:
    """Remove the ``seal`` block of an agreement (the last top-level key), so that it may be edited freely."""
    text = path.read_text(encoding="utf-8")
    start = text.index("\nseal:\n")
    path.write_text(text[: start + 1], encoding="utf-8")


def build_published(project: Path, *extra: str, env: dict[str, str] | None = None) -> Path:
    """Run ``mga build --no-documents`` in ``project`` as a user would (a process of its own); the site's path."""
    result = subprocess.run(
        [sys.executable, "-m", "mga_tools", "build", "--no-documents", "--out", "site", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"
