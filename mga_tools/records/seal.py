"""Sealing: record in a signed agreement the fingerprint of the text its parties signed.

:func:`seal` edits the YAML *text*, not the data: the only lines it writes are
the ``seal`` block (appended at the end, or replacing an existing block) and,
when an amendment is sealed, the value of ``status``. Comments, key order,
quoting and line endings stay exactly as the authors wrote them. Before the
file is replaced, the new text is read back and must hold the same data
(apart from those fields) and validate without error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.errors import RecordError
from mga_tools.load import PRECISE, Document, load_text
from mga_tools.model.canonical import SEAL, digest, fingerprint
from mga_tools.outputs import clean_stale
from mga_tools.records.files import write_atomic
from mga_tools.records.text_edit import lines_of, replace_scalar
from mga_tools.validate import check_document, default_policy
from mga_tools.validate.checked import check_bytes
from mga_tools.validate.index import items
from mga_tools.validate.policy import Policy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SEALABLE = ("signed", "amended")
# Findings that sealing itself resolves (or refuses with its own message): they do not block it.
SEAL_RULES = frozenset({"SEAL-MISMATCH", "SEAL-MISSING"})

SEALED = "sealed"  # a seal was written (the first one, or a repaired one over unchanged content)
RESEALED = "resealed"  # sealed again after an amendment; status is now amended
UNCHANGED = "unchanged"  # already sealed over this content: nothing written
REFUSED = "refused"  # the agreement has errors: nothing written, see diagnostics

_COMMENT_OR_BLANK = re.compile(r"^[ ]*(#.*)?\r?$")
_DOCUMENT_END = re.compile(r"^\.\.\.([ ]+#.*)?\r?$")


@dataclass(frozen=True)
class SealResult:
    """What :func:`seal` did: the outcome, the seal now in the file, and the findings that refused it."""

    path: Path
    outcome: str
    fingerprint: str = ""
    date: str = ""
    amendments: int = 0
    status: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def written(self) -> bool:
        """Whether the file was changed."""
        return self.outcome in (SEALED, RESEALED)


def seal(path: Path, *, today: date, policy: Policy | None = None) -> SealResult:
    """Seal the agreement at ``path`` on ``today``; see the module docstring.

    Raises :class:`RecordError` when the agreement cannot be sealed in its
    state (not signed or amended; content changed without a new amendment;
    a layout that cannot be edited without touching anything else).
    """
    policy = policy or default_policy()
    display = path.as_posix()
    clean_stale(path)  # a sealing that was killed left its temporary file: even an unchanged seal clears it
    raw = path.read_bytes()
    checked, doc = check_bytes(path, raw, display, policy)
    diagnostics = checked.diagnostics
    data = doc.data
    if doc.parsed and isinstance(data, dict) and data.get("status") not in SEALABLE:
        raise RecordError(
            f"{display} has status {data.get('status')!r}; only a signed or amended agreement is sealed "
            "(set the status when the parties have signed)"
        )
    if any(d.severity is Severity.ERROR and d.rule not in SEAL_RULES for d in diagnostics):
        return SealResult(path, REFUSED, diagnostics=tuple(diagnostics))
    ident = data["id"]
    count = len(list(items(data, ("amendments",))))
    old = data.get(SEAL)
    status = data["status"]
    outcome, when = SEALED, today.isoformat()
    if old is not None:
        if fingerprint(data) == old["fingerprint"]:
            if old["amendments"] == count:
                return SealResult(path, UNCHANGED, old["fingerprint"], old["date"], count, status)
            when = old["date"]  # same content, miscounted seal: rewrite the count, keep the date it was sealed
        elif count > old["amendments"]:
            outcome, status = RESEALED, "amended"
        else:
            raise RecordError(
                f"{display} changed since it was sealed on {old['date']}, but no amendment was added "
                f"(the seal counts {old['amendments']}): restore the sealed content, or record the change "
                f"under amendments and run 'mga seal {ident}' again"
            )
    content = {key: value for key, value in data.items() if key != SEAL}
    content["status"] = status
    new_seal: dict[str, Any] = {"fingerprint": fingerprint(content), "date": when, "amendments": count}
    new_text = raw.decode("utf-8")
    if status != data["status"]:  # first: it keeps every line where the document's positions say it is
        new_text = replace_scalar(new_text, doc, ("status",), data["status"], status)
    new_text = _with_seal(new_text, doc, new_seal)
    _check(new_text.encode("utf-8"), path, {**content, SEAL: new_seal}, policy)
    if path.read_bytes() != raw:
        raise RecordError(f"{display} changed while it was being sealed; run 'mga seal {ident}' again")
    write_atomic(path, new_text.encode("utf-8"))
    return SealResult(path, outcome, new_seal["fingerprint"], when, count, status)


def _block(indent: str, new_seal: dict[str, Any], newline: str) -> str:
    rows = [
        f"{indent}seal:",
        f"{indent}  fingerprint: {new_seal['fingerprint']}",
        f"{indent}  date: {new_seal['date']}",
        f"{indent}  amendments: {new_seal['amendments']}",
    ]
    return newline.join(rows) + newline


def _with_seal(text: str, doc: Document, new_seal: dict[str, Any]) -> str:
    """``text`` with the top-level seal block replaced, or appended when there is none."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = lines_of(text)
    top_keys = [pos for pointer, pos in doc.key_spans.items() if len(pointer) == 1]
    root_col = min(top_keys)[1] if top_keys else 1
    block = _block(" " * (root_col - 1), new_seal, newline)
    top = sorted(line - 1 for line, _ in top_keys)
    if (SEAL,) in doc.key_spans:
        start = doc.key_spans[(SEAL,)][0] - 1
        end = min((line for line in top if line > start), default=len(lines))
    else:
        start = end = len(lines)
        # A closing "..." (and the comments after it) stays last: content after it would be a second document.
        ending = next((i for i in range(len(lines) - 1, -1, -1) if _DOCUMENT_END.match(lines[i])), None)
        if ending is not None and all(_COMMENT_OR_BLANK.match(line) for line in lines[ending + 1 :]):
            start = end = ending
    # Blank lines and comments at the root's level that close the range belong to what follows.
    while end > start + 1 and _gap(lines[end - 1], root_col):
        end -= 1
    before, after = "".join(lines[:start]), "".join(lines[end:])
    if before and not before.endswith("\n"):
        before += newline
    if (SEAL,) not in doc.key_spans and before and start and lines[start - 1].strip():
        before += newline  # an appended block is set off by a blank line, as top-level sections usually are
    if not after and not text.endswith("\n"):
        block = block[: -len(newline)]  # the file had no final line break; it still has none
    return before + block + after


def _gap(line: str, root_col: int) -> bool:
    if not _COMMENT_OR_BLANK.match(line):
        return bool(_DOCUMENT_END.match(line))
    stripped = line.lstrip(" ")
    return not stripped.strip() or len(line) - len(stripped) < root_col


def _check(new: bytes, path: Path, expected: dict[str, Any], policy: Policy) -> None:
    """Refuse to write unless ``new`` reads back as ``expected`` and validates without error."""
    display = path.as_posix()
    doc = load_text(new, display, reader=PRECISE, max_bytes=policy.max_file_bytes)
    doc.path = path
    same = doc.parsed and isinstance(doc.data, dict) and digest(doc.data) == digest(expected)
    errors = [d.format() for d in check_document(doc, policy) if d.severity is Severity.ERROR] if same else []
    if not same or errors:
        seal = expected[SEAL]
        raise RecordError(
            f"cannot add the seal to {display} without changing anything else in it; nothing was written. "
            f"Add it by hand at the end of the file:\nseal:\n  fingerprint: {seal['fingerprint']}\n"
            f"  date: {seal['date']}\n  amendments: {seal['amendments']}" + "".join(f"\n{e}" for e in errors)
        )
