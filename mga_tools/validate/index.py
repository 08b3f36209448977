"""Every id an agreement defines, with its kind and where it is defined.

Ids share one namespace per agreement, so a reference can always say what
an id is when it is not what the reference expects. The index is built
defensively: it skips anything of the wrong type (the schema reports that).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator

from mga_tools.load import Pointer

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

PARTY = "party"
GROUP = "group"
APPROVER = "approver"
NON_PARTY = "affected non-party"
INTEREST = "interest"
ISSUE = "issue"
OPTION = "option"
PACKAGE = "package"
FINDING = "fact-finding record"
CRITERION = "criterion"
ALLOCATION = "allocation"
TERM = "term"
MECHANISM = "dispute mechanism"
PROTOCOL = "protocol"
METRIC = "metric"
SCENARIO = "failure scenario"
AMENDMENT = "amendment"
BODY = "body"

# Where each kind of item lives: (path to the list, kind, nested lists).
_COLLECTIONS: tuple[tuple[tuple[str, ...], str, tuple[tuple[str, str], ...]], ...] = (
    (("preparation", "parties"), PARTY, (("interests", INTEREST),)),
    (("preparation", "groups"), GROUP, (("interests", INTEREST),)),
    (("preparation", "approvers"), APPROVER, ()),
    (("preparation", "affected_non_parties"), NON_PARTY, ()),
    (("value_creation", "issues"), ISSUE, (("options", OPTION),)),
    (("value_creation", "packages"), PACKAGE, ()),
    (("value_creation", "fact_finding"), FINDING, ()),
    (("value_distribution", "criteria"), CRITERION, ()),
    (("value_distribution", "allocations"), ALLOCATION, ()),
    (("terms",), TERM, ()),
    (("follow_through", "bodies"), BODY, ()),
    (("follow_through", "dispute_mechanisms"), MECHANISM, ()),
    (("follow_through", "protocols"), PROTOCOL, ()),
    (("follow_through", "metrics"), METRIC, ()),
    (("follow_through", "failure_scenarios"), SCENARIO, ()),
    (("amendments",), AMENDMENT, ()),
)


def get(data: Any, *path: str | int) -> Any:
    """``data[path...]`` or ``None`` when any step is missing or of the wrong type."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or step >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        else:
            data = data.get(step)
            continue
        data = data[step]
    return data


def items(data: Any, path: tuple[str | int, ...]) -> Iterator[tuple[Pointer, dict[str, Any]]]:
    """The mappings in the list at ``path``, with their pointers."""
    found = get(data, *path)
    if isinstance(found, list):
        for i, item in enumerate(found):
            if isinstance(item, dict):
                yield (*path, i), item


def texts(value: Any) -> list[str]:
    """The text entries of a list (anything else is skipped)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


class Entry(namedtuple("Entry", "id kind pointer item")):
    """One defined id: the id, its kind, where it is defined, and the mapping that defines it."""

    __slots__ = ()


class Index:
    """All ids of one agreement."""

    def __init__(self, data: Any) -> None:
        self.entries: list[Entry] = []
        self.by_id: dict[str, Entry] = {}
        self.by_kind: dict[str, list[Entry]] = {}
        for path, kind, nested in _COLLECTIONS:
            for pointer, item in items(data, path):
                self._add(kind, pointer, item)
                for key, sub_kind in nested:
                    for sub_pointer, sub_item in items(item, (key,)):
                        self._add(sub_kind, (*pointer, *sub_pointer), sub_item)

    def _add(self, kind: str, pointer: Pointer, item: dict[str, Any]) -> None:
        ident = item.get("id")
        if not isinstance(ident, str):
            return
        entry = Entry(ident, kind, pointer, item)
        self.entries.append(entry)
        self.by_id.setdefault(ident, entry)
        self.by_kind.setdefault(kind, []).append(entry)

    def of(self, *kinds: str) -> list[Entry]:
        """Entries of the given kinds, in document order."""
        return [e for kind in kinds for e in self.by_kind.get(kind, ())]

    def ids(self, *kinds: str) -> list[str]:
        """Ids of the given kinds, in document order."""
        return [e.id for e in self.of(*kinds)]
