"""Reporters for semantic diffs, as a name -> reporter map. Reporters return text; they never print.

- ``text``: for terminals, one block per agreement; ``+`` added, ``-`` removed,
  ``~`` changed (``old -> new``), ``!`` a weakening.
- ``markdown``: for a pull-request comment or a job summary: a heading, the
  summary line, a table of agreements, then one collapsible ``<details>``
  section per agreement. Every value from an agreement is escaped as text
  (:mod:`mga_tools.markdown`), never markup.
- ``json``: a documented, stable structure (version 1), values in full with
  their JSON types::

    {"version": 1, "summary": "...", "agreements": [
      {"id": ..., "kind": ..., "old_path": ..., "new_path": ..., "renamed": false,
       "summary": "...", "weakenings": ["..."],
       "changes": [{"kind": ..., "section": ..., "item": ..., "field": ..., "old": ..., "new": ...}]}],
     "signers": {"path": "agreements/allowed_signers", "changes": [
      {"principal": ..., "kind": "added|removed|replaced",
       "added": [{"key": "TYPE BASE64", "fingerprint": "SHA256:..."}], "removed": [...]}]}}

  An agreement of kind ``duplicate`` (files that share its id, not
  compared) also has ``"files"``: their paths.

  ``signers`` (the key changes of ``allowed_signers``, per principal) is
  there whenever the diffs come from :func:`~mga_tools.records.revisions.diff_revisions`.

  A change that fills a fact recorded as not known (a gap), or replaces a
  value by a gap, also has ``"gap"``: ``"filled"``, ``"unrecorded"``, or
  ``"gap"`` for a gap whose kind or reason changed.

Text and markdown shorten long values to an excerpt marked with ``…``
around the first difference; json never shortens. They say in words when a
gap is filled (``time_limit of step 1 of 'x': filled (was not recorded:
REASON) -> "30 days"``) or a value becomes a gap (``now recorded as not
known (REASON)``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from mga_tools.markdown import cell, html, table, text
from mga_tools.model.diff import SECTIONS, AgreementDiff, Change, summary_line
from mga_tools.records import diff_values as values
from mga_tools.records import signers_report
from mga_tools.records.diff_values import ELLIPSIS, gap_phrase, groups, name, pair, text_gap
from mga_tools.terminal import escaped

FORMAT_VERSION = 1

Reporter = Callable[[Sequence[AgreementDiff]], str]


# --- text -----------------------------------------------------------------------------------------


def _text_field(change: Change) -> str:
    gap = text_gap(change)
    if gap is not None:
        return gap
    listed = values.listed(change.old, change.new)
    if listed is not None:
        removed, added = listed
        moves = [f"-{x}" for x in removed] + [f"+{x}" for x in added]
        return f"{change.field}: {' '.join(moves) or 'reordered'}"
    old, new = pair(change.old, change.new)
    if isinstance(change.old, str):
        old = f'"{old}"'
    if isinstance(change.new, str):
        new = f'"{new}"'
    return f"{change.field or '(value)'}: {old} -> {new}"


def as_text(diffs: Sequence[AgreementDiff]) -> str:
    """One block per agreement (what changed, item by item, then the weakenings), then the summary line."""
    blocks = []
    for diff in diffs:
        lines = [f"{diff.id}: {diff.outline()}"]
        for section, item, changes in groups(diff.changes):
            first = changes[0]
            if first.kind in ("added", "removed"):
                label = values.label(first.new if first.kind == "added" else first.old)
                shown = f': "{label}"' if label else ""
                lines.append(f"  {'+' if first.kind == 'added' else '-'} {name(section, item)}{shown}")
                continue
            lines.append(f"  ~ {name(section, item)}")
            lines += [f"      {_text_field(change)}" for change in changes]
        lines += [f"  ! weakens follow-through: {sentence}" for sentence in diff.weakenings]
        # Control characters in ids or keys would break the layout, or drive the terminal: shown escaped.
        blocks.append("\n".join(escaped(line) for line in lines))
    keys = signers_report.changes_of(diffs)
    if keys is not None and keys[1]:
        blocks.append("\n".join(escaped(line) for line in signers_report.as_text(*keys).splitlines()))
    blocks.append(escaped(summary_line(diffs)))
    return "\n\n".join(blocks) + "\n"


# --- markdown -------------------------------------------------------------------------------------


def _md_row(change: Change) -> list[str]:
    section, item = cell(SECTIONS.get(change.section, (change.section,))[0]), cell(change.item)
    if change.kind in ("added", "removed"):
        label = cell(values.label(change.new if change.kind == "added" else change.old))
        old, new = (label, "—") if change.kind == "removed" else ("—", label)
        return [section, item, change.kind, "—", old, new]
    gap = gap_phrase(change)
    if gap is not None:
        phrase, value = gap
        old, new = (phrase, value) if change.gap == "filled" else (value, phrase)
        kind = {"filled": "filled", "unrecorded": "now not known"}.get(str(change.gap), "changed")
        return [section, item, kind, cell(change.field), cell(old), cell(new)]
    listed = values.listed(change.old, change.new)
    if listed is not None:
        removed, added = listed
        old = "removed: " + text(", ".join(removed)) if removed else "—"
        new = "added: " + text(", ".join(added)) if added else ("reordered" if not removed else "—")
        return [section, item, "changed", cell(change.field), old, new]
    a, b = pair(change.old, change.new, none="")
    return [section, item, "changed", cell(change.field), cell(a), cell(b)]


def as_markdown(diffs: Sequence[AgreementDiff]) -> str:
    """A heading, the summary line, a table of agreements, then a ``<details>`` section per agreement."""
    parts = ["## Agreement changes", text(summary_line(diffs))]
    if diffs:
        rows = []
        for diff in diffs:
            path = diff.new_path or diff.old_path
            where = f"{diff.old_path} → {diff.new_path}" if diff.renamed else path
            weak = str(len(diff.weakenings)) if diff.weakenings else "—"
            rows.append([cell(diff.id), cell(where), diff.kind, cell(diff.outline()), weak])
        parts.append(table(["Agreement", "File", "Change", "What changed", "Weakenings"], rows))
    for diff in diffs:
        if not diff.changes and not diff.weakenings:
            continue
        section = [f"<details>\n<summary>{html(f'{diff.id}: {diff.outline()}')}</summary>"]
        if diff.weakenings:
            section.append("**Weakens follow-through**\n\n" + "\n".join(f"- {text(s)}" for s in diff.weakenings))
        if diff.changes:
            headers = ["Section", "Item", "Change", "Field", "Old", "New"]
            section.append(table(headers, [_md_row(change) for change in diff.changes]))
        section.append("</details>")
        parts.append("\n\n".join(section))
    keys = signers_report.changes_of(diffs)
    if keys is not None and keys[1]:
        parts.append(signers_report.as_markdown(*keys))
    return "\n\n".join(parts) + "\n"


# --- json -----------------------------------------------------------------------------------------


def agreement_json(diff: AgreementDiff) -> dict[str, Any]:
    """One agreement's diff as JSON-ready data, values in full (also used by ``mga history``)."""
    return {
        "id": diff.id,
        "kind": diff.kind,
        "old_path": diff.old_path,
        "new_path": diff.new_path,
        "renamed": diff.renamed,
        "summary": diff.summary(),
        "weakenings": list(diff.weakenings),
        "changes": [
            {
                "kind": c.kind,
                "section": c.section,
                "item": c.item,
                "field": c.field,
                "old": c.old,
                "new": c.new,
                **({"gap": c.gap} if c.gap else {}),
            }
            for c in diff.changes
        ],
        # Only for kind "duplicate": the files that share the id (none of them compared).
        **({"files": list(diff.files)} if diff.files else {}),
    }


def as_json(diffs: Sequence[AgreementDiff]) -> str:
    """Every agreement with all its changes, values in full (see the module docstring)."""
    document = {
        "version": FORMAT_VERSION,
        "summary": summary_line(diffs),
        "agreements": [agreement_json(diff) for diff in diffs],
    }
    keys = signers_report.changes_of(diffs)
    if keys is not None:  # what mga diff compared; a bare list of diffs carries no signers file
        document["signers"] = signers_report.as_json(*keys)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Reporter] = {"text": as_text, "markdown": as_markdown, "json": as_json}

__all__ = ["ELLIPSIS", "REPORTERS", "Reporter", "agreement_json", "as_json", "as_markdown", "as_text"]
