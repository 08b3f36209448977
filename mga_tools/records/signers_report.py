"""How ``mga diff`` reports the key changes of ``allowed_signers``, in text, markdown and json."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mga_tools.markdown import cell, table, text
from mga_tools.records.signers import KeyChange, key_fingerprint


def changes_of(diffs: Sequence[object]) -> tuple[str, tuple[KeyChange, ...]] | None:
    """The signers file and its key changes carried by ``diffs`` (see ``RevisionDiffs``); ``None`` if none."""
    changes = getattr(diffs, "signers", None)
    path = getattr(diffs, "path", None)
    return (path, changes) if isinstance(changes, tuple) and isinstance(path, str) else None


def _moves(change: KeyChange) -> str:
    return " ".join(
        [f"+{key_fingerprint(k)}" for k in change.added] + [f"-{key_fingerprint(k)}" for k in change.removed]
    )


def as_text(path: str, changes: Sequence[KeyChange]) -> str:
    """A block naming each principal whose keys changed, with the keys' fingerprints; ``""`` when none did."""
    if not changes:
        return ""
    lines = [f"{path}: keys of {len(changes)} principal(s) changed"]
    lines += [f"  ~ {change.principal}: {change.kind} {_moves(change)}" for change in changes]
    return "\n".join(lines)


def _code(keys: Sequence[str]) -> str:
    # A fingerprint is "SHA256:" and base64: nothing in it needs escaping inside a code span.
    return ", ".join(f"`{key_fingerprint(k)}`" for k in keys) or "—"


def as_markdown(path: str, changes: Sequence[KeyChange]) -> str:
    """A heading and a table of the principals whose keys changed; ``""`` when none did."""
    if not changes:
        return ""
    rows = [
        [
            cell(c.principal),
            c.kind,
            _code(c.added),
            _code(c.removed),
        ]
        for c in changes
    ]
    heading = f"### Signing keys ({text(path)})"
    return "\n\n".join([heading, table(["Principal", "Change", "Keys added", "Keys removed"], rows)])


def as_json(path: str, changes: Sequence[KeyChange]) -> dict[str, Any]:
    """``{"path": ..., "changes": [{"principal", "kind", "added", "removed"}]}``, each key with its fingerprint."""

    def keys(found: Sequence[str]) -> list[dict[str, str]]:
        return [{"key": k, "fingerprint": key_fingerprint(k)} for k in found]

    return {
        "path": path,
        "changes": [
            {"principal": c.principal, "kind": c.kind, "added": keys(c.added), "removed": keys(c.removed)}
            for c in changes
        ],
    }
