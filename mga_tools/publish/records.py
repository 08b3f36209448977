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
    from mga_tools.records.signatures import seal_state, signing_key, verify

    unavailable = None
    try:
        found = histories(project, agreements_dir, {path.resolve(): a.data for a, path in agreements})
    except NotARepository:
        found, unavailable = {}, NOT_A_REPOSITORY
    except MgaError as exc:
        found, unavailable = {}, f"The history could not be read from git: {exc}"
    records: dict[str, PageRecords] = {}
    changed: dict[Path, str | None] = {}  # per folder: when its allowed_signers last changed
    for agreement, path in agreements:
        seal, signatures = None, cast("tuple[SignatureCheck, ...]", ())
        keys: tuple[str | None, ...] = ()
        trust = None
        if agreement.status in SEALED_STATUSES or "seal" in agreement.data:
            seal = seal_state(path, agreement.data)
            try:
                signatures = tuple(verify(path, agreement.data))
            except MgaError as exc:
                # ssh-keygen missing, or a signers file that is refused: the seal is still shown, and why not the rest.
                signatures, trust = (), f"The signatures could not be checked: {exc}"
            keys = tuple(signing_key(check) for check in signatures)
            if path.parent not in changed:
                changed[path.parent] = None if unavailable else _signers_changed(project, path.parent)
            trust = trust or changed[path.parent]
        history = found.get(agreement.id)
        note = unavailable or (None if history else "Not committed yet.")
        records[agreement.id] = PageRecords(
            history=history, unavailable=note, seal=seal, signatures=signatures, keys=keys, trust=trust
        )
    return records


def _signers_changed(project: Path, folder: Path) -> str | None:
    """One sentence: when ``folder/allowed_signers`` last changed in git; ``None`` when git cannot tell."""
    from mga_tools.records import signers
    from mga_tools.records.git import Repo

    try:
        repo = Repo.find(project)
        path = signers.repo_path(repo, folder)
        last = signers.last_change(repo, path)
    except MgaError:
        return None
    if last is None:
        return f"The keys are read from {path}, which is not committed yet."
    short, date, subject = last
    return f"The keys are read from {path}, last changed on {date[:10]} in {short}: {subject}"
