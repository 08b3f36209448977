"""Every id an agreement defines, with its kind and where it is defined.

Ids share one namespace per agreement, so a reference can always say what
an id is when it is not what the reference expects. The index is built
defensively: it skips anything of the wrong type (the schema reports that).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.model import shape

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

# The kinds of item, named as the agreement's shape labels them (:mod:`mga_tools.model.shape`).
PARTY = shape.section("parties").singular
GROUP = shape.section("groups").singular
APPROVER = shape.section("approvers").singular
NON_PARTY = shape.section("affected_non_parties").singular
INTEREST = shape.section("interests").singular
ISSUE = shape.section("issues").singular
OPTION = shape.section("options").singular
PACKAGE = shape.section("packages").singular
FINDING = shape.section("fact_finding").singular
CRITERION = shape.section("criteria").singular
ALLOCATION = shape.section("allocations").singular
TERM = shape.section("terms").singular
MECHANISM = shape.section("dispute_mechanisms").singular
PROTOCOL = shape.section("protocols").singular
METRIC = shape.section("metrics").singular
SCENARIO = shape.section("failure_scenarios").singular
AMENDMENT = shape.section("amendments").singular
BODY = shape.section("bodies").singular
DECISION = shape.section("decisions").singular
SOURCE = shape.section("sources").singular

# Where each kind of item with an id lives: (path to the list, kind, nested lists as (key, kind)).
_COLLECTIONS: tuple[tuple[tuple[str, ...], str, tuple[tuple[str, str], ...]], ...] = tuple(
    (s.path, s.singular, tuple((n.path[0], n.singular) for n in shape.nested(s.name, shape.LIST) if n.identified))
    for s in shape.top_lists()
    if s.identified
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
