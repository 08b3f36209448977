"""Shared plumbing of the benchmarks: finding the tools, and publishing results.

Each benchmark owns one section of ``docs/performance.md``, between its own
start and end markers; everything outside the markers is handwritten and kept.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def executable(name: str, benchmark: str) -> str:
    """``name`` from the same virtualenv as this interpreter (falls back to PATH)."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{benchmark}: cannot find '{name}' next to {sys.executable} or on PATH")
    return found


def rel(path: Path) -> str:
    """``path`` relative to the repository when it lies inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def write_section(path: Path, section: str, start: str, end: str, header: str = "# Performance\n") -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) into ``path``."""
    text = path.read_text(encoding="utf-8") if path.is_file() else header
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def publish(
    results: dict,
    results_path: Path,
    summary: str,
    doc: Path | None,
    section: str | None,
    markers: tuple[str, str],
    header: str = "# Performance\n",
) -> None:
    """Write the raw results as JSON, print the summary, and (for a full run) the doc section."""
    results_path.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print()
    print(summary)
    if doc is not None and section is not None:
        write_section(doc, section, *markers, header=header)
        print(f"\nwrote {rel(doc)} and {rel(results_path)}")
    else:
        print(f"\nwrote {rel(results_path)} (no Markdown: --quick or --no-doc)")
