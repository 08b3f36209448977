"""What a change does to the follow-through: the weakenings between two versions of an agreement.

A weakening is a sentence naming ids, such as ``removes the only metric of
scenario drought-shortfall``. Adding things is never a weakening; taking away
a safeguard, a step of an escalation ladder, a metric's threshold or the term
that served an interest is.

The module also holds the two primitives the diff engine shares with it:
:func:`canon`, which decides when two values are the same data, and
:func:`align`, which matches the elements of two lists that have no ids.

Both versions may be drafts or broken files: nothing here assumes that the
data passed validation, and nothing raises on unexpected shapes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from mga_tools.model import shape
from mga_tools.model.facts import is_gap, present
from mga_tools.model.shape import section

# --- primitives shared with the diff engine -----------------------------------------------------

# Above this many element pairs, lists are matched by position: the alignment is quadratic.
_ALIGN_LIMIT = 250_000


def canon(value: Any) -> str:
    """A text equal for two values exactly when they are the same data.

    JSON with sorted keys: ``1``, ``1.0`` and ``true`` differ (as in the
    agreement's fingerprint), and a NaN equals itself, so that a version
    compared with itself never shows a change.
    """
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):  # keys that are not text: only in data that did not come from YAML
        return repr(value)


def align(old: Sequence[Any], new: Sequence[Any]) -> list[tuple[int | None, int | None]]:
    """Match the elements of two lists without ids: pairs of positions (old, new), ``None`` on the missing side.

    Equal elements are matched along a longest common subsequence; between two
    matches, the elements left over on both sides are paired in order (an
    element that was edited), the rest are removed or added. Ties are broken
    by the elements' content, never by which list comes first, so comparing
    new with old gives the same pairs mirrored.
    """
    a, b = [canon(x) for x in old], [canon(x) for x in new]
    n, m = len(a), len(b)
    if n * m > _ALIGN_LIMIT:
        return [(i if i < n else None, i if i < m else None) for i in range(max(n, m))]
    # length[i][j]: length of a longest common subsequence of a[i:] and b[j:]
    length = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            length[i][j] = length[i + 1][j + 1] + 1 if a[i] == b[j] else max(length[i + 1][j], length[i][j + 1])
    pairs: list[tuple[int | None, int | None]] = []
    gone: list[int] = []
    came: list[int] = []

    def close_gap() -> None:
        for k in range(max(len(gone), len(came))):
            pairs.append((gone[k] if k < len(gone) else None, came[k] if k < len(came) else None))
        gone.clear()
        came.clear()

    i = j = 0
    while i < n or j < m:
        if i < n and j < m and a[i] == b[j]:
            close_gap()
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif j == m or (i < n and (length[i + 1][j], a[i]) > (length[i][j + 1], b[j])):
            gone.append(i)
            i += 1
        else:
            came.append(j)
            j += 1
    close_gap()
    return pairs


# --- reading drafts -----------------------------------------------------------------------------


def _at(data: Any, *path: str) -> Any:
    for step in path:
        data = data.get(step) if isinstance(data, Mapping) else None
    return data


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _by_id(items: Any) -> dict[str, Mapping[str, Any]]:
    """The mappings of a list that carry a text id, by id (the first of duplicates wins)."""
    found: dict[str, Mapping[str, Any]] = {}
    for item in _list(items):
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            found.setdefault(item["id"], item)
    return found


def _follow(data: Any, kind: str) -> dict[str, Mapping[str, Any]]:
    """The items of one list of the follow-through, by id."""
    return _by_id(_at(data, "follow_through", kind))


def _refs(item: Mapping[str, Any], key: str) -> list[str]:
    value = item.get(key)
    refs = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    return list(dict.fromkeys(refs))


def _names(noun: str, ids: Sequence[str]) -> str:
    """``scenario x`` or ``scenarios x, y``."""
    return f"{noun}{'' if len(ids) == 1 else 's'} {', '.join(ids)}"


# --- weakenings ---------------------------------------------------------------------------------

SAFEGUARDS = {name: section(name).singular for name in shape.SAFEGUARDS}
# A ladder must end in a step that decides (see the schema's ``step.kind``).
_DECIDING = frozenset({"expert-determination", "arbitration", "court"})
# Fields whose loss leaves a metric unable to signal trouble, or nobody to see that it does.
_METRIC_FIELDS = ("threshold", "trigger", "owner", "cadence", "data_source")
# For each comparator, the direction in which moving the value signals trouble later.
_LOOSER = {">": 1, ">=": 1, "<": -1, "<=": -1}


def weakenings(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The sentences saying how ``new`` weakens the follow-through of ``old``, in the order of the agreement."""
    return [*_interests(old, new), *_definitions(old, new), *_scenarios(old, new)]


def _coverage(data: Mapping[str, Any]) -> dict[str, set[str]]:
    """Each interest id -> the ids of the terms that serve it."""
    holders = [*_by_id(_at(data, "preparation", "parties")).values()]
    holders += _by_id(_at(data, "preparation", "groups")).values()
    coverage: dict[str, set[str]] = {i: set() for holder in holders for i in _by_id(holder.get("interests"))}
    for term_id, term in _by_id(data.get("terms")).items():
        for interest in _refs(term, "serves"):
            if interest in coverage:
                coverage[interest].add(term_id)
    return coverage


def _interests(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[str]:
    before, after = _coverage(old), _coverage(new)
    terms = _by_id(new.get("terms"))
    for interest in sorted(before.keys() & after.keys()):
        lost = sorted(before[interest] - after[interest])
        if not lost:
            continue
        if not after[interest]:
            yield f"interest {interest} is left with no term serving it ({_names('term', lost)} served it)"
            continue
        for term in lost:
            if term in terms:
                yield f"term {term} no longer serves interest {interest}"
            else:
                yield f"removes term {term}, which served interest {interest}"


def _users(data: Mapping[str, Any], kind: str) -> dict[str, list[str]]:
    """Each safeguard id -> the ids of the scenarios that name it under ``kind``."""
    users: dict[str, list[str]] = {}
    for scenario_id, scenario in sorted(_follow(data, "failure_scenarios").items()):
        for ref in _refs(scenario, kind):
            users.setdefault(ref, []).append(scenario_id)
    return users


def _definitions(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[str]:
    """Bodies, mechanisms, protocols and metrics removed or hollowed out."""
    for body in sorted(_follow(old, "bodies").keys() - _follow(new, "bodies").keys()):
        yield f"removes body {body}"
    for kind, noun in SAFEGUARDS.items():
        before, after = _follow(old, kind), _follow(new, kind)
        users = _users(old, kind)
        for ident in sorted(before.keys() | after.keys()):
            if ident not in after:
                used = f", used by {_names('scenario', users[ident])}" if ident in users else ""
                yield f"removes {noun} {ident}{used}"
            elif ident in before and kind == "dispute_mechanisms":
                yield from _ladder(ident, before[ident], after[ident])
            elif ident in before and kind == "metrics":
                yield from _metric(ident, before[ident], after[ident])


def _decides(step: Any) -> bool:
    if not isinstance(step, Mapping):
        return False
    kind = step.get("kind")  # any YAML value in a document being edited, a mapping too
    return step.get("decides") is True or (isinstance(kind, str) and kind in _DECIDING)


def _ladder(ident: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[str]:
    before, after = _list(old.get("steps")), _list(new.get("steps"))
    for i, j in align(before, after):
        if i is not None and j is None:
            yield f"escalation ladder of mechanism {ident} loses step {i + 1}"
        elif i is not None and j is not None and _field(before[i], "time_limit") and not _field(after[j], "time_limit"):
            gap = isinstance(after[j], Mapping) and is_gap(after[j].get("time_limit"))
            now = " (now recorded as not known)" if gap else ""
            yield f"step {j + 1} of mechanism {ident} loses its time_limit{now}"
    if before and _decides(before[-1]) and not (after and _decides(after[-1])):
        yield f"escalation ladder of mechanism {ident} no longer ends in a step that decides"


def _field(item: Any, name: str) -> bool:
    # A fact declared as not recorded (a gap) is no safeguard: replacing a value with a gap weakens.
    return isinstance(item, Mapping) and present(item.get(name))


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _metric(ident: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[str]:
    for field in _METRIC_FIELDS:
        if field == "cadence" and isinstance(new.get("reporting"), Mapping):
            continue  # a structured reporting says how often, in place of the free-text cadence
        if present(old.get(field)) and not present(new.get(field)):
            note = " (now recorded as not known)" if is_gap(new.get(field)) else ""
            yield f"metric {ident} loses its {field}{note}"
    before, after = old.get("threshold"), new.get("threshold")
    if not (isinstance(before, Mapping) and isinstance(after, Mapping)):
        return
    comparator, was, now = before.get("comparator"), _number(before.get("value")), _number(after.get("value"))
    direction = _LOOSER.get(comparator, 0) if isinstance(comparator, str) else 0
    if after.get("comparator") == comparator and was is not None and now is not None and (now - was) * direction > 0:
        yield f"metric {ident}'s threshold is loosened from {comparator} {was!r} to {comparator} {now!r}"


def _scenarios(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[str]:
    """Scenarios removed, or left with fewer (or no) mechanisms, protocols or metrics that exist."""
    before, after = _follow(old, "failure_scenarios"), _follow(new, "failure_scenarios")
    # A safeguard counts only where it is defined: a scenario naming a metric that was removed has lost it.
    defined_before = {kind: _follow(old, kind).keys() for kind in SAFEGUARDS}
    defined_after = {kind: _follow(new, kind).keys() for kind in SAFEGUARDS}
    for ident in sorted(before):
        if ident not in after:
            yield f"removes failure scenario {ident}"
            continue
        for kind, noun in SAFEGUARDS.items():
            had = [ref for ref in _refs(before[ident], kind) if ref in defined_before[kind]]
            has = [ref for ref in _refs(after[ident], kind) if ref in defined_after[kind]]
            lost = [ref for ref in had if ref not in has]
            if lost and not has:
                yield f"removes {'the only' if len(had) == 1 else 'every'} {noun} of scenario {ident}"
            elif lost:
                # A safeguard removed outright is already named, with its scenarios, by _definitions.
                yield from (f"scenario {ident} loses {noun} {ref}" for ref in lost if ref in defined_after[kind])
