"""Renaming an agreement: its ``id``, its file, its score file and its signature folder, together.

ID-FILENAME wants an agreement's file named after its id, so neither can
change alone. :func:`rename` edits the YAML *text*, as sealing does: the only
characters it changes are those of the ``id`` value (its quoting, the
comments and every other line stay as written). The files are then moved
with plain renames, which git follows as renames.

A signed or sealed agreement keeps its id: the id is part of the text its
parties signed, so a new one would change its fingerprint and void every
signature.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.errors import RecordError, UsageError
from mga_tools.load import PRECISE, Document, load_text
from mga_tools.load.companion import SCORES_SUFFIXES, scores_file
from mga_tools.load.lookup import agreement_file, is_agreement_id
from mga_tools.model.canonical import SEAL, digest
from mga_tools.records.files import write_atomic
from mga_tools.records.text_edit import replace_scalar
from mga_tools.validate import check_document, validate_paths
from mga_tools.validate.checked import check_bytes
from mga_tools.validate.clashes import agreement_files, read_identity
from mga_tools.validate.policy import Policy

__all__ = ["Renamed", "rename"]

SIGNED = ("signed", "amended")
SIGNATURES = ".signatures"


@dataclass(frozen=True)
class Renamed:
    """What :func:`rename` did: each move (old path, new path), and the findings of the renamed agreement."""

    moves: tuple[tuple[Path, Path], ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)


def rename(old: str, new: str, folder: Path, policy: Policy) -> Renamed:
    """Give the agreement ``folder/OLD.yaml`` the id ``new``: its ``id`` line, then its files.

    Raises :class:`UsageError` for an unknown agreement, a malformed ``new``
    or one that a file already has, and :class:`RecordError` when the
    agreement is signed or sealed, or its id cannot be edited in place.
    Nothing is written then. The renamed agreement is validated again, with
    the agreements around it; its findings come back with the moves.
    """
    path = agreement_file(old, folder)
    if not is_agreement_id(new):
        raise UsageError(f"{new}: not an agreement id (lower-case words joined by hyphens)")
    display = path.as_posix()
    target = path.with_name(new + path.suffix)
    raw = path.read_bytes()
    checked, doc = check_bytes(path, raw, display, policy)
    data = checked.data
    if data is None or not isinstance(data.get("id"), str) or ("id",) not in doc.spans:
        raise RecordError(f"{display} has no id to rename: fix what 'mga validate {display}' reports first")
    signatures = path.with_name(path.stem + SIGNATURES)
    if data.get("status") in SIGNED or SEAL in data or (signatures.is_dir() and any(signatures.iterdir())):
        raise RecordError(
            f"{display} is signed or sealed: its id is part of the text its parties signed, so renaming it "
            "would change its fingerprint and void every signature; a signed agreement keeps its id"
        )
    _refuse_taken(new, path, folder, policy)
    new_text = replace_scalar(raw.decode("utf-8"), doc, ("id",), data["id"], new)
    scores = scores_file(path)
    scores_target = target.with_name(new + scores.name[len(path.stem) :]) if scores is not None else None
    scores_text = _scores_text(scores, data["id"], new, policy) if scores is not None else None
    before = {d.rule for d in checked.diagnostics if d.severity is Severity.ERROR}
    renamed_scores = None
    if scores_target is not None and scores_text is not None:
        renamed_scores = load_text(scores_text.encode("utf-8"), scores_target.as_posix(), reader=PRECISE)
        renamed_scores.path = scores_target
    introduced = _introduced(new_text.encode("utf-8"), target, {**data, "id": new}, before, policy, renamed_scores)
    if introduced:
        lines = "\n".join(d.format() for d in introduced)
        raise RecordError(f"renaming {display} to '{new}' would add these errors; nothing was written:\n{lines}")
    moves: list[tuple[Path, Path]] = []
    if scores is not None and scores_target is not None:
        moves.append((scores, scores_target))
    if signatures.is_dir():
        moves.append((signatures, target.with_name(new + SIGNATURES)))
    moves.append((path, target))
    for source, destination in moves:
        os.rename(source, destination)
    write_atomic(target, new_text.encode("utf-8"))
    if scores_target is not None and scores_text is not None:
        write_atomic(scores_target, scores_text.encode("utf-8"))
    report = validate_paths([target.as_posix()], policy)
    return Renamed(tuple(moves), tuple(report.diagnostics))


def _refuse_taken(new: str, path: Path, folder: Path, policy: Policy) -> None:
    """Refuse a new id that names a file already there, or that another agreement of the folder has."""
    taken = [path.with_name(new + suffix) for suffix in (".yaml", ".yml", *SCORES_SUFFIXES, SIGNATURES)]
    for candidate in taken:
        if candidate.exists() or candidate.is_symlink():
            raise UsageError(f"{candidate.as_posix()} exists: choose another id, or remove it first")
    for other in agreement_files(folder, recursive=True):
        if other.resolve() == path.resolve():
            continue
        found = read_identity(other, other.as_posix(), policy.max_file_bytes)
        if found is not None and found[1] == new:
            raise UsageError(f"{other.as_posix()} has the id '{new}' already: choose another id")


def _scores_text(scores: Path, old: str, new: str, policy: Policy) -> str | None:
    """The score file's text naming its agreement ``new``; ``None`` when it does not name it ``old`` now."""
    raw = scores.read_bytes()
    doc = load_text(raw, scores.as_posix(), reader=PRECISE, max_bytes=policy.max_file_bytes)
    if not doc.parsed or not isinstance(doc.data, dict) or doc.data.get("agreement") != old:
        return None  # SCORES-AGREEMENT reports it, before and after
    return replace_scalar(raw.decode("utf-8"), doc, ("agreement",), old, new)


def _introduced(
    new: bytes, target: Path, expected: dict, before: set[str], policy: Policy, scores: Document | None
) -> list[Diagnostic]:
    """The errors of the renamed text (and score file) whose rules were not broken before (ID-FILENAME aside)."""
    doc = load_text(new, target.as_posix(), reader=PRECISE, max_bytes=policy.max_file_bytes)
    doc.path = target  # rules look for related agreements beside the file, under its new name
    if not doc.parsed or digest(doc.data) != digest(expected):
        raise RecordError(f"{target.as_posix()}: cannot change the id without changing anything else: edit it by hand")
    return [
        d
        for d in check_document(doc, policy, scores=scores)
        if d.severity is Severity.ERROR and (d.rule not in before or d.rule == "ID-FILENAME")
    ]
