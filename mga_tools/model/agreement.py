"""A read-only view of one agreement that has passed validation without errors."""

from __future__ import annotations

from functools import cached_property

from mga_tools.model.shape import SAFEGUARDS, section

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

Item = dict[str, "Any"]


def _list(data: Any, *path: str) -> list[Item]:
    for step in path:
        data = data.get(step, {}) if isinstance(data, dict) else {}
    return data if isinstance(data, list) else []


def _items(data: Any, name: str) -> list[Item]:
    """The list of items called ``name``, where the agreement's shape puts it (``[]`` if absent)."""
    return _list(data, *section(name).path)


class Agreement:
    """Lookups over an agreement's data: ids, names, and the links between phases."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    # --- identity -------------------------------------------------------------

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def status(self) -> str:
        return str(self.data["status"])

    @property
    def version(self) -> str:
        """The stated version, or ``unversioned``."""
        return str(self.data.get("version", "unversioned"))

    # --- collections, in document order ---------------------------------------

    @property
    def parties(self) -> list[Item]:
        return _items(self.data, "parties")

    @property
    def groups(self) -> list[Item]:
        return _items(self.data, "groups")

    @property
    def approvers(self) -> list[Item]:
        return _items(self.data, "approvers")

    @property
    def non_parties(self) -> list[Item]:
        return _items(self.data, "affected_non_parties")

    @property
    def issues(self) -> list[Item]:
        return _items(self.data, "issues")

    @property
    def packages(self) -> list[Item]:
        return _items(self.data, "packages")

    @property
    def criteria(self) -> list[Item]:
        return _items(self.data, "criteria")

    @property
    def allocations(self) -> list[Item]:
        return _items(self.data, "allocations")

    @property
    def terms(self) -> list[Item]:
        return _items(self.data, "terms")

    @property
    def bodies(self) -> list[Item]:
        return _items(self.data, "bodies")

    @property
    def mechanisms(self) -> list[Item]:
        return _items(self.data, "dispute_mechanisms")

    @property
    def protocols(self) -> list[Item]:
        return _items(self.data, "protocols")

    @property
    def metrics(self) -> list[Item]:
        return _items(self.data, "metrics")

    @property
    def scenarios(self) -> list[Item]:
        return _items(self.data, "failure_scenarios")

    @property
    def signatories(self) -> list[Item]:
        return _items(self.data, "signatories")

    @property
    def amendments(self) -> list[Item]:
        return _items(self.data, "amendments")

    # --- lookups ----------------------------------------------------------------

    @cached_property
    def interests(self) -> list[tuple[Item, Item]]:
        """Every interest with the party or group that holds it."""
        return [(holder, i) for holder in [*self.parties, *self.groups] for i in _list(holder, "interests")]

    @cached_property
    def by_id(self) -> dict[str, Item]:
        """Every item that has an id."""
        found: dict[str, Item] = {}
        collections = [
            self.parties, self.groups, self.approvers, self.non_parties, self.issues, self.packages,
            self.criteria, self.allocations, self.terms, self.bodies, self.mechanisms, self.protocols,
            self.metrics, self.scenarios, self.amendments,
            [o for issue in self.issues for o in _list(issue, "options")],
            [i for _, i in self.interests],
        ]  # fmt: skip
        for collection in collections:
            for item in collection:
                found.setdefault(str(item["id"]), item)
        return found

    def name(self, ident: str) -> str:
        """A readable name for an id: its name or title, or the id itself."""
        item = self.by_id.get(ident, {})
        return str(item.get("name") or item.get("title") or ident)

    def members(self, ident: str) -> list[str]:
        """The parties an id stands for: a party itself, or a group's members."""
        item = self.by_id.get(ident)
        if item is not None and item in self.groups:
            return [str(m) for m in item.get("members", [])]
        return [ident]

    def terms_serving(self, interest_id: str) -> list[Item]:
        """The terms that list ``interest_id`` under ``serves``."""
        return [t for t in self.terms if interest_id in t.get("serves", [])]

    def coverage(self) -> dict[tuple[str, str], list[str]]:
        """(holder id, interest id) -> ids of the terms that serve it (possibly none)."""
        return {
            (str(holder["id"]), str(interest["id"])): [str(t["id"]) for t in self.terms_serving(str(interest["id"]))]
            for holder, interest in self.interests
        }

    def safeguards(self, scenario: Item) -> dict[str, list[Item]]:
        """The mechanisms, protocols and metrics a failure scenario names, resolved."""
        return {key: [self.by_id[i] for i in scenario.get(key, []) if i in self.by_id] for key in SAFEGUARDS}
