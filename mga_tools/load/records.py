"""Read an agreement's records (observations, disputes) from the files beside it, with positions.

:func:`records_documents` reads each companion file as a document (YAML by the
loader, CSV by :mod:`mga_tools.load.table`), for validation; :func:`observations`
and :func:`disputes` give the records themselves, each with where it was
written, for readers such as a monitor.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mga_tools.load import PRECISE, Document, load
from mga_tools.load.companion import OBSERVATIONS_CSV, is_disputes_file, records_files
from mga_tools.load.limits import MAX_BYTES
from mga_tools.load.table import load_table
from mga_tools.model.observations import Dispute, Location, Observation, dispute_from, observation_from


def records_documents(
    agreement: Path, display: str, *, reader: str = PRECISE, max_bytes: int = MAX_BYTES
) -> list[Document]:
    """The documents of the observations (YAML, then CSV) and disputes files beside ``agreement``.

    Each is displayed beside ``display``, the agreement's displayed path.
    """
    found = []
    for path in records_files(agreement):
        shown = str(PurePosixPath(display).with_name(path.name))
        if path.name.endswith(OBSERVATIONS_CSV):
            found.append(load_table(path, shown, max_bytes=max_bytes))
        else:
            found.append(load(path, shown, reader=reader, max_bytes=max_bytes))
    return found


def _entries(doc: Document, key: str) -> list[tuple[dict, Location]]:
    data = doc.data if doc.parsed and isinstance(doc.data, dict) else {}
    listed = data.get(key)
    if not isinstance(listed, list):
        return []
    return [
        (item, Location(doc.display, *doc.position((key, index))))
        for index, item in enumerate(listed)
        if isinstance(item, dict)
    ]


def observations_in(doc: Document) -> list[Observation]:
    """The observations a loaded observations document holds, in file order."""
    return [observation_from(item, at) for item, at in _entries(doc, "observations")]


def disputes_in(doc: Document) -> list[Dispute]:
    """The disputes a loaded disputes document holds, in file order."""
    return [dispute_from(item, at) for item, at in _entries(doc, "disputes")]


def recorded(agreement: Path, display: str | None = None) -> tuple[list[Observation], list[Dispute]]:
    """Every observation (the YAML file's, then the CSV export's) and every dispute recorded beside ``agreement``.

    Each records file is read once, for both.
    """
    docs = records_documents(agreement, display or agreement.as_posix())
    found: tuple[list[Observation], list[Dispute]] = ([], [])
    for doc in docs:
        if is_disputes_file(doc.path.name):
            found[1].extend(disputes_in(doc))
        else:
            found[0].extend(observations_in(doc))
    return found


def observations(agreement: Path, display: str | None = None) -> list[Observation]:
    """Every observation recorded beside ``agreement``: the YAML file's, then the CSV export's."""
    return recorded(agreement, display)[0]


def disputes(agreement: Path, display: str | None = None) -> list[Dispute]:
    """Every dispute recorded beside ``agreement``."""
    return recorded(agreement, display)[1]
