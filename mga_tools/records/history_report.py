"""``mga history`` output: text for a terminal, JSON for tools. A name -> reporter map, as for diffs."""

from __future__ import annotations

import json
from collections.abc import Callable

from mga_tools.records.clashes import named
from mga_tools.records.diff_report import FORMAT_VERSION, agreement_json
from mga_tools.records.history import History
from mga_tools.terminal import escaped

HistoryReporter = Callable[[History], str]


def as_text(found: History) -> str:
    """One line per version, newest first, with the summary of what it changed under it."""
    lines = []
    count = len(found.entries)
    when = f", last changed {found.last_changed[:10]}" if found.last_changed else ""
    lines.append(f"{found.id}: {count} version(s){when}")
    if found.clash:
        lines.append(f"error: {named(found.id, found.clash)}")
    for entry in found.entries:
        fingerprint = f"sha256:{entry.fingerprint[:12]}" if entry.fingerprint else "-"
        status = entry.status or "-"
        lines.append(
            f"{entry.short}  {entry.date[:10]}  {status:<11} {fingerprint:<19} {entry.author}: {entry.message}"
        )
        if entry.changes.kind == "unchanged":
            lines.append("    no change of substance")
        else:
            lines.append(f"    {entry.changes.summary()}")
    if found.modified:
        lines.append("the working tree holds changes not committed yet ('mga diff' shows them)")
    if found.note:
        lines.append(f"note: {found.note}")
    # Authors, commit messages and agreement values are anyone's text: each line stays one line.
    return "\n".join(escaped(line) for line in lines) + "\n"


def as_json(found: History) -> str:
    """The history with every version's changes in full."""
    document = {
        "version": FORMAT_VERSION,
        "id": found.id,
        "last_changed": found.last_changed,
        "modified": found.modified,
        "shallow": found.shallow,
        "note": found.note,
        # Only when several working files have the id (AGREEMENT-ID-DUPLICATE): all of them.
        **({"files": list(found.clash)} if found.clash else {}),
        "versions": [
            {
                "commit": e.commit,
                "date": e.date,
                "author": e.author,
                "message": e.message,
                "path": e.path,
                "status": e.status,
                "fingerprint": e.fingerprint,
                "changes": agreement_json(e.changes),
            }
            for e in found.entries
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


HISTORY_REPORTERS: dict[str, HistoryReporter] = {"text": as_text, "json": as_json}
