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

Text and markdown shorten long values to an excerpt marked with ``…``
around the first difference; json never shortens.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import groupby
from typing import Any

from mga_tools.markdown import cell, html, table, text
from mga_tools.model.diff import SECTIONS, AgreementDiff, Change, summary_line
from mga_tools.model.weaken import canon
from mga_tools.records import signers_report
from mga_tools.terminal import escaped

FORMAT_VERSION = 1
WIDTH = 120  # longest value shown in text and markdown, in characters (a whole seal fits)
CONTEXT = 30  # characters kept before the first difference of two long texts
ELLIPSIS = "…"
NONE = "(none)"
# The field that names an item best, for whole items added or removed.
_LABELS = ("title", "name", "statement", "principle", "what", "question", "measure", "description", "summary", "text")

Reporter = Callable[[Sequence[AgreementDiff]], str]


# --- values as short text -------------------------------------------------------------------------


def _plain(value: Any) -> str:
    """A value as one line: text as it is, anything else as compact JSON."""
    if isinstance(value, str):
        return " ".join(value.split())
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _short(value: str, width: int = WIDTH) -> str:
    if len(value) <= width:
        return value
    space = value.rfind(" ", width // 2, width)  # end at a word where one ends near the limit
    return value[: space if space >= 0 else width - 1] + ELLIPSIS


def _excerpts(old: str, new: str) -> tuple[str, str]:
    """Two long texts cut to the stretch where they differ, so that the difference stays in view."""
    if len(old) <= WIDTH and len(new) <= WIDTH:
        return old, new
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start = max(0, prefix - CONTEXT)
    if start:  # begin at a word, inside the stretch both texts share
        space = old.find(" ", start, prefix)
        start = space + 1 if space >= 0 else start

    def cut(value: str) -> str:
        stop = min(len(value), len(value) - suffix + CONTEXT, start + WIDTH)
        if stop < len(value):  # end at a word, without cutting into a difference that fits
            space = value.rfind(" ", max(start, min(len(value) - suffix, start + WIDTH // 2)), stop)
            stop = space if space >= 0 else stop
        return (ELLIPSIS if start else "") + value[start:stop] + (ELLIPSIS if stop < len(value) else "")

    return cut(old), cut(new)


def _pair(old: Any, new: Any, none: str = NONE) -> tuple[str, str]:
    """Old and new value as short text; ``none`` for a missing one."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):  # a whole mapping (a seal): only what differs
        keys = [k for k in dict.fromkeys([*old, *new]) if canon(old.get(k)) != canon(new.get(k))]
        old, new = ({k: v[k] for k in keys if k in v} for v in (old, new))
    a, b = (_plain(v) if v is not None else none for v in (old, new))
    if isinstance(old, str) and isinstance(new, str) and a == b:  # only white space differs: show it escaped
        a, b = json.dumps(old, ensure_ascii=False)[1:-1], json.dumps(new, ensure_ascii=False)[1:-1]
    if old is not None and new is not None:
        return _excerpts(a, b)
    return _short(a), _short(b)


def _minus(values: list[Any], other: list[Any]) -> list[str]:
    """The elements of ``values`` not in ``other`` (as multisets, in the order of ``values``), as short text."""
    left = [canon(x) for x in other]
    found = []
    for value in values:
        key = canon(value)
        if key in left:
            left.remove(key)
        else:
            found.append(_short(_plain(value)))
    return found


def _listed(old: Any, new: Any) -> tuple[list[str], list[str]] | None:
    """For two lists (or a list and nothing): the elements removed and added, else ``None``."""
    if not (isinstance(old, list | None) and isinstance(new, list | None)) or old is new is None:
        return None
    return _minus(old or [], new or []), _minus(new or [], old or [])


def _label(value: Any) -> str:
    if isinstance(value, Mapping):
        for name in _LABELS:
            if isinstance(value.get(name), str):
                return _short(_plain(value[name]))
    return ""


def _groups(changes: Sequence[Change]) -> Iterator[tuple[str, str, list[Change]]]:
    """The changes of each item, in the order given: (section, item, changes)."""
    for (section, item), group in groupby(changes, key=lambda c: (c.section, c.item)):
        yield section, item, list(group)


def _name(section: str, item: str) -> str:
    """``term water-rates``; ``agreement`` or ``preparation`` for the sections without items."""
    singular = SECTIONS.get(section, (section, section))[0]
    if not item:
        return "agreement" if section == "agreement" else singular
    return f"{singular} {item}"


# --- text -----------------------------------------------------------------------------------------


def _text_field(change: Change) -> str:
    listed = _listed(change.old, change.new)
    if listed is not None:
        removed, added = listed
        moves = [f"-{x}" for x in removed] + [f"+{x}" for x in added]
        return f"{change.field}: {' '.join(moves) or 'reordered'}"
    old, new = _pair(change.old, change.new)
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
        for section, item, changes in _groups(diff.changes):
            first = changes[0]
            if first.kind in ("added", "removed"):
                label = _label(first.new if first.kind == "added" else first.old)
                shown = f': "{label}"' if label else ""
                lines.append(f"  {'+' if first.kind == 'added' else '-'} {_name(section, item)}{shown}")
                continue
            lines.append(f"  ~ {_name(section, item)}")
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
        label = cell(_label(change.new if change.kind == "added" else change.old))
        old, new = (label, "—") if change.kind == "removed" else ("—", label)
        return [section, item, change.kind, "—", old, new]
    listed = _listed(change.old, change.new)
    if listed is not None:
        removed, added = listed
        old = "removed: " + text(", ".join(removed)) if removed else "—"
        new = "added: " + text(", ".join(added)) if added else ("reordered" if not removed else "—")
        return [section, item, "changed", cell(change.field), old, new]
    a, b = _pair(change.old, change.new, none="")
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
            {"kind": c.kind, "section": c.section, "item": c.item, "field": c.field, "old": c.old, "new": c.new}
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

__all__ = ["REPORTERS", "Reporter", "agreement_json", "as_json", "as_markdown", "as_text"]
