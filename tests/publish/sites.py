"""Helpers: a copy of the repository's agreements, docs and configuration, to build sites from."""

from __future__ import annotations

import shutil
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
