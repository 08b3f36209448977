"""A read-only view of one agreement that has passed validation without errors."""

from __future__ import annotations

from functools import cached_property

from mga_tools.model import dates, facts
from mga_tools.model.shape import SAFEGUARDS, section

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

Item = dict[str, "Any"]


def _list(data: Any, *path: str) -> list[Item]:
    for step in path:
        data = data.get(step, {}) if isinstance(data, dict) else {}
    return data if isinstance(data, list) else []


def _items(data: Any, name: str) -> list[Item]:
    """The list of items called ``name``, where the agreement's shape puts it (``[]`` if absent)."""
    return _list(data, *section(name).path)


def label(item: Any) -> str:
    """What an item is called: its ``title``, else its ``name`` (a criterion's ``principle``), else its id.

    Protocols, metrics and dispute mechanisms once had a ``name`` where they
    now have a ``title``; both still read, the title first.
    """
    if not isinstance(item, dict):
        return str(item)
    for key in ("title", "name", "principle"):
        if isinstance(item.get(key), str) and item[key]:
            return str(item[key])
    return str(item.get("id", ""))


class Agreement:
    """Lookups over an agreement's data: ids, names, and the links between phases."""

    def __init__(self, data: dict[str, Any], others: Mapping[str, str] | None = None) -> None:
        self.data = data
        # The titles of other agreements this one refers to by id (related ones, conditions on their
        # performance), where the caller knows them: the data names them by id only.
        self.others = dict(others or {})

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

    @property
    def decisions(self) -> list[Item]:
        """Decisions taken under the agreement by its bodies (``follow_through.decisions``)."""
        return _list(self.data, "follow_through", "decisions")

    # --- how the record was made ----------------------------------------------

    @property
    def record(self) -> Item:
        """``record``: how this record was made and from which sources (``{}`` if absent)."""
        record = self.data.get("record")
        return record if isinstance(record, dict) else {}

    @property
    def origin(self) -> str:
        """``negotiated`` (the default) or ``recorded`` after the fact from its sources."""
        return facts.origin(self.data)

    @property
    def sources(self) -> list[Item]:
        """The sources this record was made from (``record.sources``)."""
        return _list(self.record, "sources")

    @cached_property
    def source_titles(self) -> dict[str, str]:
        """Source id -> its title, to name the sources a gap consulted."""
        return {str(s["id"]): label(s) for s in self.sources if isinstance(s, dict) and "id" in s}

    def shown(self, value: Any) -> str:
        """A value as a reader sees it: a gap as ``Not recorded (...): REASON``, anything else as text."""
        if facts.is_gap(value):
            return facts.gap_text(value, self.source_titles)
        return "" if value is None else str(value)

    def date(self, value: Any) -> str:
        """A date as a reader sees it: a full date as written, a rougher one in words (``about 1987``), a gap."""
        if facts.is_gap(value) or value is None:
            return self.shown(value)
        text = str(value)
        return text if dates.is_calendar_date(text) else dates.describe(text)

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
            self.metrics, self.scenarios, self.amendments, self.decisions, self.sources,
            [o for issue in self.issues for o in _list(issue, "options")],
            [i for _, i in self.interests],
        ]  # fmt: skip
        for collection in collections:
            for item in collection:
                if isinstance(item, dict) and "id" in item:
                    found.setdefault(str(item["id"]), item)
        return found

    def name(self, ident: Any) -> str:
        """A readable name for an id (:func:`label` of its item), or the id itself; a gap as not recorded."""
        if facts.is_gap(ident):
            return self.shown(ident)
        item = self.by_id.get(str(ident))
        return label(item) if item is not None else str(ident)

    @property
    def referenced_agreements(self) -> list[str]:
        """The ids of other agreements this one names: related agreements and conditions on their performance."""
        places = [*_list(self.data, "related"), *_list(self.data, "conditions")]
        places += [c for t in self.terms for c in _list(t, "conditions")]
        found = [p.get("agreement") for p in places if isinstance(p, dict)]
        return list(dict.fromkeys(i for i in found if isinstance(i, str) and i))

    def agreement_name(self, ident: Any) -> str:
        """The title of another agreement named by id, where known; else the id."""
        return self.others.get(str(ident), str(ident))

    def members(self, ident: str) -> list[str]:
        """The parties an id stands for: a party itself, or a group's listed members (none if it lists none)."""
        item = self.by_id.get(ident)
        if item is not None and any(item is g for g in self.groups):
            members = item.get("members")
            return [str(m) for m in members] if isinstance(members, list) else []
        return [ident]

    def terms_serving(self, interest_id: str) -> list[Item]:
        """The terms that list ``interest_id`` under ``serves``."""
        return [t for t in self.terms if interest_id in (t.get("serves") or [])]

    def coverage(self) -> dict[tuple[str, str], list[str]]:
        """(holder id, interest id) -> ids of the terms that serve it (possibly none)."""
        return {
            (str(holder["id"]), str(interest["id"])): [str(t["id"]) for t in self.terms_serving(str(interest["id"]))]
            for holder, interest in self.interests
        }

    def safeguards(self, scenario: Item) -> dict[str, list[Item]]:
        """The mechanisms, protocols and metrics a failure scenario names, resolved."""
        return {key: [self.by_id[i] for i in scenario.get(key, []) if i in self.by_id] for key in SAFEGUARDS}


def linked(datas: list[dict[str, Any]]) -> list[Agreement]:
    """An :class:`Agreement` for each of ``datas`` that knows the titles of the others among them it names."""
    titles = {str(d.get("id")): str(d["title"]) for d in datas if isinstance(d.get("title"), str)}
    found = []
    for data in datas:
        agreement = Agreement(data)
        agreement.others = {i: titles[i] for i in agreement.referenced_agreements if i in titles}
        found.append(agreement)
    return found
