"""The shape of an agreement: every section and list of items it holds, declared once.

Validation (the index of ids), the semantic diff, the weakenings, the model
and the renderers all read this declaration, so that a new list of items
added to the schema is added here, once, and every one of them knows it.

Sections come in order: the agreement's own fields, its record (how it was
made, and the sources it draws on), then its phases. Each is one of:

- :data:`FIELDS`: the fields of a mapping that are no list of items (the
  agreement's top-level fields, the record's origin, or a phase's, such as
  its decision rule);
- :data:`LIST`: a list of items, at ``path`` from the root or, for a nested
  list, at ``path`` inside each item of its ``holders``;
- :data:`MAP`: a mapping of items keyed by a party (the score sheets);
- :data:`HELD`: one item under ``path`` inside each item of its ``holders``
  (a party's BATNA).
"""

from __future__ import annotations

from collections import namedtuple

FIELDS = "fields"
LIST = "list"
MAP = "map"
HELD = "held"

# The mappings at the root that hold lists of items, in order: the record of how the agreement was made (its
# sources), then the four phases of the Mutual Gains Approach.
PHASES = ("record", "preparation", "value_creation", "value_distribution", "follow_through")


class Section(namedtuple("Section", "name singular plural form path holders key identified")):
    """One section of an agreement.

    ``name`` is the key of its list (and the name of its diff section);
    ``singular`` and ``plural`` label its items; ``key`` lists the fields
    that identify an item; ``identified`` says whether its items' ids join
    the agreement's one namespace of ids.
    """

    __slots__ = ()


def _section(
    name: str,
    singular: str,
    plural: str,
    form: str,
    path: tuple[str, ...] = (),
    holders: tuple[str, ...] = (),
    key: tuple[str, ...] = ("id",),
    identified: bool = False,
) -> Section:
    return Section(name, singular, plural, form, path, holders, key, identified)


def _items(name: str, singular: str, plural: str, *path: str) -> Section:
    """A list of items with ids, at ``path`` from the root."""
    return _section(name, singular, plural, LIST, path or (name,), identified=True)


SECTIONS: tuple[Section, ...] = (
    _section("agreement", "agreement field", "agreement fields", FIELDS),
    _section("record", "record", "record", FIELDS, ("record",)),
    _items("sources", "source", "sources", "record", "sources"),
    _section("preparation", "preparation", "preparation", FIELDS, ("preparation",)),
    _items("parties", "party", "parties", "preparation", "parties"),
    _section("interests", "interest", "interests", LIST, ("interests",), ("parties", "groups"), identified=True),
    _section("batnas", "BATNA", "BATNAs", HELD, ("batna",), ("parties", "groups")),
    _items("groups", "group", "groups", "preparation", "groups"),
    _items("approvers", "approver", "approvers", "preparation", "approvers"),
    _items("affected_non_parties", "affected non-party", "affected non-parties", "preparation", "affected_non_parties"),
    _section("value_creation", "value creation", "value creation", FIELDS, ("value_creation",)),
    _items("issues", "issue", "issues", "value_creation", "issues"),
    _section("options", "option", "options", LIST, ("options",), ("issues",), identified=True),
    _items("packages", "package", "packages", "value_creation", "packages"),
    _items("fact_finding", "fact-finding record", "fact-finding records", "value_creation", "fact_finding"),
    _section("scores", "score sheet", "score sheets", MAP, ("value_creation", "scores")),
    _section("value_distribution", "value distribution", "value distribution", FIELDS, ("value_distribution",)),
    _items("criteria", "criterion", "criteria", "value_distribution", "criteria"),
    _items("allocations", "allocation", "allocations", "value_distribution", "allocations"),
    _section(
        "justifications",
        "justification",
        "justifications",
        LIST,
        ("value_distribution", "justifications"),
        (),
        ("party",),
    ),
    _items("terms", "term", "terms"),
    _section("follow_through", "follow-through", "follow-through", FIELDS, ("follow_through",)),
    _items("bodies", "body", "bodies", "follow_through", "bodies"),
    _items("dispute_mechanisms", "dispute mechanism", "dispute mechanisms", "follow_through", "dispute_mechanisms"),
    _items("protocols", "protocol", "protocols", "follow_through", "protocols"),
    _items("metrics", "metric", "metrics", "follow_through", "metrics"),
    _items("failure_scenarios", "failure scenario", "failure scenarios", "follow_through", "failure_scenarios"),
    _items("decisions", "decision", "decisions", "follow_through", "decisions"),
    _section("signatories", "signatory", "signatories", LIST, ("signatories",), key=("party", "name")),
    _items("amendments", "amendment", "amendments"),
)

BY_NAME: dict[str, Section] = {s.name: s for s in SECTIONS}

# What each failure scenario names to keep the deal on track (the lists of a scenario that hold their ids).
SAFEGUARDS = ("dispute_mechanisms", "protocols", "metrics")


def section(name: str) -> Section:
    """The section called ``name``."""
    return BY_NAME[name]


def singular(name: str) -> str:
    """The label of one item of section ``name`` (the name itself for a section that is not declared)."""
    found = BY_NAME.get(name)
    return found.singular if found is not None else name


def heading(name: str) -> str:
    """The heading of section ``name``: its plural, capitalised (``Dispute mechanisms``)."""
    plural = BY_NAME[name].plural
    return plural[:1].upper() + plural[1:]


def top_lists() -> tuple[Section, ...]:
    """The lists and maps of items reached from the agreement's root, in order."""
    return tuple(s for s in SECTIONS if s.form in (LIST, MAP) and not s.holders)


def nested(holder: str, *forms: str) -> tuple[Section, ...]:
    """The sections held inside each item of ``holder`` (of the given forms; all when none are given)."""
    return tuple(s for s in SECTIONS if holder in s.holders and (not forms or s.form in forms))
