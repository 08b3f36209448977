"""The record sections of an agreement page: its seal and signatures, and its history in git."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mga_tools import markdown as md
from mga_tools.model import shape
from mga_tools.render import wording
from mga_tools.render.site_common import folded, join

if TYPE_CHECKING:
    from mga_tools.model import Agreement
    from mga_tools.model.diff import Change
    from mga_tools.records.history import Entry, History
    from mga_tools.records.signatures import SealState, SignatureCheck

HEADING = "## History { #history }"
# How many semantic changes of one version are listed before "and N more".
CHANGES_SHOWN = 8
_GAP_WORDS = {"filled": "filled in (was not recorded)", "unrecorded": "now recorded as not known"}
_STATE_LABELS = {
    "valid": "✅ verifies",
    "superseded": "⚠️ verifies, over an earlier seal",
    "invalid": "❌ does not verify",
    "unsigned": "— not signed",
}


class PageRecords(NamedTuple):
    """What the build learnt about one agreement from git and from its signature files."""

    history: History | None = None
    unavailable: str | None = None  # why there is no history (not a repository...)
    seal: SealState | None = None
    signatures: tuple[SignatureCheck, ...] = ()
    keys: tuple[str | None, ...] = ()  # per signature: the fingerprint of the key that made it
    trust: str | None = None  # where the keys come from (allowed_signers and its last change), or why unchecked


def _short(fingerprint: str | None) -> str:
    return f"`sha256:{fingerprint[:16]}`" if fingerprint else "—"


def _party(a: Agreement | None, ident: str) -> str:
    """A party named by id in a record, by its name where the agreement knows it."""
    return a.name(ident) if a is not None and ident in a.by_id else ident


def seal_and_signatures(records: PageRecords, a: Agreement | None = None) -> str:
    """The seal (does the content still match it?) and, per signatory, what was signed and whether it verifies.

    With the agreement ``a``, parties read by name.
    """
    seal = records.seal
    if seal is None:
        return ""
    if seal.sealed is None:
        state = "Not sealed yet: once signed, `mga seal` records the fingerprint of the content."
    elif seal.matches:
        state = (
            f"Sealed on {md.text(seal.date or '—')} with fingerprint {_short(seal.sealed)}; "
            "the content still matches the seal."
        )
    else:
        state = (
            f'!!! danger "The content no longer matches its seal"\n\n    Sealed {_short(seal.sealed)}, '
            f"content {_short(seal.content)}."
        )
    keys = records.keys + (None,) * (len(records.signatures) - len(records.keys))
    rows = [
        [
            md.cell(check.name),
            md.cell(_party(a, check.party)),
            md.cell(check.principal),
            f"`{key}`" if key else "—",  # base64 and a prefix only: nothing to escape
            _short(check.fingerprint),
            _STATE_LABELS.get(check.state, md.text(check.state)),
        ]
        for check, key in zip(records.signatures, keys, strict=False)
    ]
    headers = ["Signatory", "Party", "Key holder", "Signing key", "Signed fingerprint", "Signature"]
    table = md.table(headers, rows) if rows else ""
    trust = md.text(records.trust) if records.trust else ""
    return join(["## Seal and signatures", state, table, trust])


def _when(entry: Entry) -> str:
    return md.text(entry.date[:10])


def _item(a: Agreement | None, change: Change) -> str:
    """The item a change is about, by name: as the agreement now names it, or as the changed data named it."""
    if a is not None and change.item in a.by_id:
        return wording.named(a, change.item)
    for value in (change.new, change.old):
        if isinstance(value, dict):
            return wording.title(value, change.item)
    return change.item


def _change_lines(entry: Entry, a: Agreement | None) -> list[str]:
    lines = []
    for weakening in entry.changes.weakenings:
        lines.append(f"    - ⚠️ {md.text(weakening)}")
    changes = entry.changes.changes
    for change in changes[:CHANGES_SHOWN]:
        singular = shape.singular(change.section)
        field = f" ({md.text(change.field)})" if change.field else ""
        if change.section == "agreement":
            what = f"{md.text(change.field)} {change.kind}"
        elif not change.item:  # a phase's own fields, such as the decision rule
            what = f"{md.text(singular)} {change.kind}{field}"
        else:
            what = f"{md.text(singular)} {md.text(_item(a, change))} {change.kind}{field}"
        if change.gap in _GAP_WORDS:  # a fact filled in, or now recorded as not known
            what += f": {_GAP_WORDS[change.gap]}"
        lines.append(f"    - {what}")
    if len(changes) > CHANGES_SHOWN:
        lines.append(f"    - and {len(changes) - CHANGES_SHOWN} more")
    return lines


def history(records: PageRecords, a: Agreement | None = None) -> str:
    """Each committed version, newest first, with what it changed in substance (items by name, given ``a``).

    The list of versions folds under its count; the last change stays in view.
    """
    found = records.history
    if found is None:
        return join([HEADING, md.text(records.unavailable or "No history is available.")])
    notes = []
    if found.modified:
        notes.append("This page shows changes not committed yet.")
    if found.note:
        notes.append(md.text(found.note))
    if not found.entries:
        return join([HEADING, "Not committed yet.", *notes])
    newest = found.entries[0]
    lead = f"Last changed on {_when(newest)} in `{md.text(newest.short)}`: {md.text(newest.message)}"
    items = []
    for entry in found.entries:
        status = md.text(entry.status or "—")
        head = (
            f"- **{_when(entry)}** `{md.text(entry.short)}` {md.text(entry.author)}: {md.text(entry.message)} "
            f"(status {status}, fingerprint {_short(entry.fingerprint)})"
        )
        summary = "no change of substance" if entry.changes.kind == "unchanged" else None
        items.append(head + (f" — {summary}" if summary else ""))
        items.extend(_change_lines(entry, a))
    return join([HEADING, lead, *notes, folded(len(found.entries), "version", None, "\n".join(items))])


def last_changed(records: PageRecords | None) -> str:
    """When the agreement last changed in git, for the summary at the top of the page (empty if unknown)."""
    if records is None or records.history is None or not records.history.entries:
        return ""
    newest = records.history.entries[0]
    return f'{_when(newest)}: {md.text(newest.message)} (<a href="#history">history</a>)'


__all__: Sequence[str] = ["PageRecords", "history", "last_changed", "seal_and_signatures"]
