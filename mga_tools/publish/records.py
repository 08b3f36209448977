"""What the site shows of each agreement's record: its history in git, its seal and its signatures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from mga_tools.errors import MgaError
from mga_tools.model import Agreement
from mga_tools.render.site_records import PageRecords

if TYPE_CHECKING:
    from mga_tools.records.signatures import SignatureCheck

SEALED_STATUSES = ("signed", "amended")
NOT_A_REPOSITORY = "The project is not in a git repository, so no history is shown."


def gather(project: Path, agreements_dir: str, agreements: list[tuple[Agreement, Path]]) -> dict[str, PageRecords]:
    """One :class:`PageRecords` per agreement id; git and ssh-keygen problems become notes, never failures."""
    from mga_tools.records.git import NotARepository
    from mga_tools.records.history import histories
    from mga_tools.records.signatures import seal_state, verify

    unavailable = None
    try:
        found = histories(project, agreements_dir, {path.resolve(): a.data for a, path in agreements})
    except NotARepository:
        found, unavailable = {}, NOT_A_REPOSITORY
    except MgaError as exc:
        found, unavailable = {}, f"The history could not be read from git: {exc}"
    records: dict[str, PageRecords] = {}
    for agreement, path in agreements:
        seal, signatures = None, cast("tuple[SignatureCheck, ...]", ())
        if agreement.status in SEALED_STATUSES or "seal" in agreement.data:
            seal = seal_state(path, agreement.data)
            try:
                signatures = tuple(verify(path, agreement.data))
            except MgaError:
                signatures = ()  # ssh-keygen missing: the seal is still shown, the signatures cannot be checked
        history = found.get(agreement.id)
        note = unavailable or (None if history else "Not committed yet.")
        records[agreement.id] = PageRecords(history=history, unavailable=note, seal=seal, signatures=signatures)
    return records
