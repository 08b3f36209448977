"""An agreement's records files (observations, disputes) in validation: their schema and their rule contexts.

The files are read by :mod:`mga_tools.load.records`; here they are checked
against their schema and given to the rules that run on them (``on=
"observations"``, ``"disputes"`` or ``"records"`` for both, see
:mod:`mga_tools.validate.registry`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mga_tools.load import Document
from mga_tools.load.companion import is_disputes_file
from mga_tools.resources import disputes_schema, observations_schema
from mga_tools.validate import schema
from mga_tools.validate.index import Index
from mga_tools.validate.policy import Policy
from mga_tools.validate.registry import Context


def records_schema(record: Document) -> dict:
    """The schema of an observations or disputes file."""
    return disputes_schema() if is_disputes_file(record.path.name) else observations_schema()


def usable(record: Document) -> bool:
    """Whether the rules can read a records file: parsed, a mapping, and valid against its schema."""
    return record.parsed and isinstance(record.data, dict) and schema.is_valid(record.data, records_schema(record))


def contexts(
    records: Sequence[Document], data: dict, index: Index, policy: Policy, status: str
) -> dict[str, list[Context]]:
    """The rule contexts of the usable records files of the agreement ``data``, by what the rules run on."""
    observed: list[Context] = []
    disputed: list[Context] = []
    shared: dict[str, object] = {}  # what the contexts of one agreement's observations files share (duplicates)
    for record in records:
        if usable(record):
            one = Context(doc=record, data=record.data, index=index, policy=policy, status=status, agreement=data)
            one.derived = shared
            (disputed if is_disputes_file(record.path.name) else observed).append(one)
    return {"observations": observed, "disputes": disputed, "records": observed + disputed}


def fingerprint(paths: Sequence[Path]) -> bytes:
    """The names and bytes of records files, for a memo key: adding, changing or removing one changes it."""
    return b"".join(
        path.name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data
        for path in paths
        for data in (path.read_bytes(),)
    )
