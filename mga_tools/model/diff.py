"""Semantic diff: what a change does to an agreement's substance, item by item.

Two versions of an agreement (plain data as loaded) are compared section by
section, in the order of the agreement's phases. Items are matched by id,
never by list position: parties, interests, options, terms, metrics... by
their ``id``; items without one by a stable key (BATNAs and score sheets by
the party or group that holds them, justifications by party, signatories by
``party/name``). Within a matched item, each changed field is one
:class:`Change`, its ``field`` a dotted path (``threshold.value``,
``steps.2.time_limit``) in which list positions count from 1, as a reader
counts steps: the position in the new list, or in the old one for an element
that was removed. Lists of ids (a term's ``serves``, a scenario's
``metrics``...) are compared as sets and reported whole, old and new; other
lists are aligned by content (:func:`~mga_tools.model.weaken.align`). A fact
recorded as not known (a gap, :mod:`mga_tools.model.facts`) is one value: a
gap filled, or a value replaced by a gap, is one change of that field
(:attr:`Change.gap`), never a change of the gap's own keys.

Section ``agreement`` holds the top-level fields that are no section of their
own (title, status, version, dates, conditions, seal...), each reported whole
under its name. Sections ``preparation``, ``value_creation``,
``value_distribution`` and ``follow_through`` (item ``""``) hold the fields of
a phase that are no list of items, such as the decision rule or the consensus
record. A field set to null counts as absent.

An added or removed agreement carries no item changes: the whole file is new
or gone. Removing an agreement is a weakening of its follow-through.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from mga_tools.model import shape
from mga_tools.model.facts import is_gap
from mga_tools.model.weaken import align, canon, weakenings

# Every section in the order of the agreement's phases, with its singular and plural label.
SECTIONS: dict[str, tuple[str, str]] = {s.name: (s.singular, s.plural) for s in shape.SECTIONS}
# Sections that are the fields of one mapping rather than a list of items: their only item is "".
WHOLE = tuple(s.name for s in shape.SECTIONS if s.form == shape.FIELDS)
# The lists of items each phase holds; the phase's other fields form its own section.
_PHASE_LISTS = {
    phase: tuple(s.name for s in shape.top_lists() if s.path[0] == phase and len(s.path) == 2) for phase in shape.PHASES
}
_TOP_LISTS = tuple(s.name for s in shape.top_lists() if len(s.path) == 1)
# How items without an id are keyed.
_KEYS = {s.name: s.key for s in shape.SECTIONS if s.key != ("id",)}
# Items nested in another item: the field under which a move to another parent is reported.
_PARENT = {"interests": "holder", "options": "issue"}
# Fields holding lists of ids (the schema's ``refs`` and ``idList``): sets, whose order means nothing.
REF_FIELDS = frozenset(
    {"obligated", "beneficiaries", "serves", "adopts", "options", "members", "from", "to", "approved_by", "terms"}
    | {"dispute_mechanisms", "protocols", "metrics", "languages", "changes"}
)
_KINDS = ("added", "removed", "changed")


@dataclass(frozen=True)
class Change:
    """One difference: an item added or removed (``field`` is ``""``), or one field of an item changed."""

    kind: str  # "added" | "removed" | "changed"
    section: str  # a key of SECTIONS
    item: str  # the item's id or key; "" in the sections of WHOLE
    field: str  # dotted path inside the item for "changed"; "" for a whole item added or removed
    old: Any = None  # old value (None when added)
    new: Any = None  # new value (None when removed)

    @property
    def gap(self) -> str | None:
        """``filled`` (a gap became a value), ``unrecorded`` (a value became a gap), ``gap`` (a gap changed).

        ``None`` for any other change, a gap removed without a value included.
        """
        was, now = is_gap(self.old), is_gap(self.new)
        if was and now:
            return "gap"
        if was:
            return "filled" if self.new is not None else None
        return "unrecorded" if now else None


@dataclass(frozen=True)
class AgreementDiff:
    """The difference between two versions of one agreement."""

    id: str  # agreement id (the new one if both versions exist)
    kind: str  # "added" | "removed" | "changed" | "unchanged" | "duplicate" (the id names several files)
    old_path: str | None = None
    new_path: str | None = None
    changes: tuple[Change, ...] = ()
    weakenings: tuple[str, ...] = ()
    files: tuple[str, ...] = ()  # for "duplicate": every file with the id, none of them compared

    @property
    def renamed(self) -> bool:
        """Whether the agreement moved: both paths are known and differ."""
        return self.old_path is not None and self.new_path is not None and self.old_path != self.new_path

    def outline(self) -> str:
        """What changed, without the weakenings: ``3 terms changed, 1 metric removed`` or ``added``."""
        if self.kind == "duplicate":
            files = ", ".join(self.files)
            return f"used by {len(self.files)} files, not compared: {files}; rename all but one (mga rename)"
        text = ", ".join(_counts(self.changes)) if self.kind == "changed" else self.kind
        return f"{text} (renamed from {self.old_path})" if self.renamed else text

    def summary(self) -> str:
        """One line: the id, what changed, and how the change weakens the follow-through."""
        line = f"{self.id}: {self.outline()}"
        return f"{line}; weakens follow-through: {'; '.join(self.weakenings)}" if self.weakenings else line


def diff_agreement(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    *,
    old_path: str | None = None,
    new_path: str | None = None,
) -> AgreementDiff:
    """Compare two versions of an agreement (plain data as loaded); ``None`` for a version that does not exist.

    The paths are carried into the result as given (they tell a rename). An
    added or removed agreement carries no item changes; a changed one carries
    its changes in section order, then item order, and the weakenings of its
    follow-through (:func:`~mga_tools.model.weaken.weakenings`).
    """
    if old is None and new is None:
        raise ValueError("nothing to compare: neither version of the agreement exists")
    ident = _agreement_id(new, new_path) if new is not None else _agreement_id(old, old_path)
    if old is None:
        return AgreementDiff(ident, "added", old_path, new_path)
    if new is None:
        return AgreementDiff(ident, "removed", old_path, new_path, weakenings=(f"removes agreement {ident}",))
    changes = tuple(_changes(old, new))
    if not changes:
        return AgreementDiff(ident, "unchanged", old_path, new_path)
    weak = tuple(weakenings(old, new)) if isinstance(old, Mapping) and isinstance(new, Mapping) else ()
    return AgreementDiff(ident, "changed", old_path, new_path, changes, weak)


def summary_line(diffs: Sequence[AgreementDiff]) -> str:
    """One line over all agreements: ``2 agreements changed, 1 added; follow-through weakened in x``."""
    counts = Counter(d.kind for d in diffs)
    parts: list[str] = []
    for kind in ("changed", "added", "removed", "unchanged"):
        if counts[kind]:
            noun = "" if parts else f" agreement{'' if counts[kind] == 1 else 's'}"
            parts.append(f"{counts[kind]}{noun} {kind}")
    if counts["duplicate"]:
        parts.append(f"{counts['duplicate']} id(s) used by more than one file")
    line = ", ".join(parts) or "no agreements"
    weakened = [d.id for d in diffs if d.weakenings]
    return f"{line}; follow-through weakened in {', '.join(weakened)}" if weakened else line


def _agreement_id(data: Any, path: str | None) -> str:
    ident = data.get("id") if isinstance(data, Mapping) else None
    if isinstance(ident, str) and ident:
        return ident
    return PurePosixPath(path).stem if path else ""


def _counts(changes: Sequence[Change]) -> list[str]:
    """``3 terms changed``, ``status and version changed``... per section, in section order."""
    state: dict[tuple[str, str], str] = {}
    fields: dict[str, list[str]] = {}
    for change in changes:
        state.setdefault((change.section, change.item), change.kind if not change.field else "changed")
        fields.setdefault(change.section, []).append(change.field)
    parts: list[str] = []
    for section, (singular, plural) in SECTIONS.items():
        if section == "agreement" and section in fields:
            names = list(dict.fromkeys(name or "content" for name in fields[section]))  # "": not a mapping at all
            parts.append(f"{' and '.join([', '.join(names[:-1]), names[-1]] if len(names) > 1 else names)} changed")
        elif section in WHOLE and section in fields:
            parts.append(f"{singular} changed")
        else:
            tally = Counter(kind for (s, _), kind in state.items() if s == section)
            parts += [f"{tally[k]} {singular if tally[k] == 1 else plural} {k}" for k in _KINDS if tally[k]]
    return parts


# --- the engine ---------------------------------------------------------------------------------

Items = dict[str, tuple[Any, str | None]]  # key -> (item as compared, key of the parent item)


def _changes(old: Any, new: Any) -> Iterator[Change]:
    before, after = _view(old), _view(new)
    for section in SECTIONS:
        olds, news = before[section], after[section]
        for key in sorted(olds.keys() | news.keys()):
            if key not in news:
                yield Change("removed", section, key, "", old=copy.deepcopy(olds[key][0]))
            elif key not in olds:
                yield Change("added", section, key, "", new=copy.deepcopy(news[key][0]))
            else:
                (was, was_parent), (now, now_parent) = olds[key], news[key]
                if was_parent != now_parent:
                    yield Change("changed", section, key, _PARENT[section], was_parent, now_parent)
                flat = section == "agreement"  # top-level fields are reported whole, under their own name
                for path, a, b in _fields(was, now) if not flat else _top_fields(was, now):
                    yield Change("changed", section, key, path, copy.deepcopy(a), copy.deepcopy(b))


def _view(data: Any) -> dict[str, Items]:
    """The data split into sections of keyed items; every value lands in exactly one place."""
    view: dict[str, Items] = {section: {"": ({}, None)} if section in WHOLE else {} for section in SECTIONS}
    top: dict[str, Any] = {}
    if not isinstance(data, Mapping):  # a document that is no mapping at all: compared as one value
        view["agreement"][""] = ({"": data}, None)
        return view
    for key, value in data.items():
        if key in _PHASE_LISTS and isinstance(value, Mapping):
            rest = {}
            for name, inner in value.items():
                if name in _PHASE_LISTS[key] and isinstance(inner, Mapping if name == "scores" else list):
                    _collect(view, name, inner)
                else:
                    rest[name] = inner
            view[key][""] = (rest, None)
        elif key in _TOP_LISTS and isinstance(value, list):
            _collect(view, key, value)
        else:
            top[key] = value
    view["agreement"][""] = (top, None)
    return view


def _collect(view: dict[str, Items], section: str, items: Any) -> None:
    if isinstance(items, Mapping):  # the scores: party id -> that party's score sheet
        for party, sheet in items.items():
            _put(view[section], str(party), sheet)
        return
    for position, item in enumerate(items, 1):
        key = _key(item, _KEYS.get(section, ("id",)), position)
        if isinstance(item, Mapping):
            item = _nest(view, section, key, item)
        _put(view[section], key, item)


def _nest(view: dict[str, Items], section: str, key: str, item: Mapping[str, Any]) -> Any:
    """Put the lists and items nested in ``item`` in sections of their own; return the rest of it.

    Interests and options are keyed by id (their holder is what they point
    to); a BATNA is keyed by its holder.
    """
    taken = set()
    for inner in shape.nested(section):
        field = inner.path[0]
        if inner.form == shape.LIST and isinstance(item.get(field), list):
            for number, element in enumerate(item[field], 1):
                _put(view[inner.name], _key(element, inner.key, number, f"{key}/"), element, key)
            taken.add(field)
        elif inner.form == shape.HELD and field in item:
            _put(view[inner.name], key, item[field])
            taken.add(field)
    return {k: v for k, v in item.items() if k not in taken} if taken else item


def _key(item: Any, fields: Sequence[str], position: int, prefix: str = "") -> str:
    """The item's id (or its key fields joined by ``/``), else ``#position`` in its list."""
    values = [item.get(f) for f in fields] if isinstance(item, Mapping) else [None]
    if all(isinstance(v, str | int) and not isinstance(v, bool) and str(v) for v in values):
        return "/".join(str(v) for v in values)
    return f"{prefix}#{position}"


def _put(items: Items, key: str, value: Any, parent: str | None = None) -> None:
    unique, n = key, 1
    while unique in items:  # duplicated ids (a draft's mistake) stay apart rather than hide each other
        n += 1
        unique = f"{key}#{n}"
    items[unique] = (value, parent)


def _is_refs(path: str, a: Any, b: Any) -> bool:
    return (
        path.rpartition(".")[2] in REF_FIELDS
        and all(isinstance(v, list | None) for v in (a, b))
        and all(isinstance(x, str) for v in (a, b) for x in v or [])
    )


def _same(path: str, a: Any, b: Any) -> bool:
    if _is_refs(path, a, b):
        return set(a or []) == set(b or [])
    return canon(a) == canon(b)


def _top_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if not _same(name, a, b):
            yield name, a, b


def _fields(a: Any, b: Any, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(dotted path, old, new) for each difference between two values of one item."""
    if _same(path, a, b):
        return
    if is_gap(a) or is_gap(b):  # a gap stands for the value it replaces: compared whole
        yield path, a, b
    elif isinstance(a, Mapping) and isinstance(b, Mapping):
        for name in sorted(a.keys() | b.keys(), key=str):
            yield from _fields(a.get(name), b.get(name), _join(path, name))
    elif isinstance(a, list) and isinstance(b, list) and not _is_refs(path, a, b):
        # Removed elements are named by their old position, the others by their new one.
        for i, j in align(a, b):
            if j is None and i is not None:
                yield _join(path, i + 1), a[i], None
            elif i is None and j is not None:
                yield _join(path, j + 1), None, b[j]
            elif i is not None and j is not None:
                yield from _fields(a[i], b[j], _join(path, j + 1))
    else:
        yield path, a, b


def _join(path: str, step: object) -> str:
    return f"{path}.{step}" if path else str(step)
