"""Values of a semantic diff as short text, and changes to facts recorded as not known, in words.

Shared by the reporters of :mod:`mga_tools.records.diff_report`: long values
are cut to an excerpt marked with ``…`` around the first difference; a gap
filled or made reads ``time_limit of step 1 of 'x': filled (was not
recorded: REASON)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from itertools import groupby
from typing import Any

from mga_tools.model import shape
from mga_tools.model.diff import SECTIONS, Change
from mga_tools.model.facts import gap_label
from mga_tools.model.weaken import canon

WIDTH = 120  # longest value shown in text and markdown, in characters (a whole seal fits)
CONTEXT = 30  # characters kept before the first difference of two long texts
ELLIPSIS = "…"
NONE = "(none)"
# The field that names an item best, for whole items added or removed.
_LABELS = ("title", "name", "statement", "principle", "what", "question", "measure", "description", "summary", "text")


def plain(value: Any) -> str:
    """A value as one line: text as it is, anything else as compact JSON."""
    if isinstance(value, str):
        return " ".join(value.split())
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def short(value: str, width: int = WIDTH) -> str:
    if len(value) <= width:
        return value
    space = value.rfind(" ", width // 2, width)  # end at a word where one ends near the limit
    return value[: space if space >= 0 else width - 1] + ELLIPSIS


def excerpts(old: str, new: str) -> tuple[str, str]:
    """Two long texts cut to the stretch where they differ, so that the difference stays in view."""
    if len(old) <= WIDTH and len(new) <= WIDTH:
        return old, new
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start = max(0, prefix - CONTEXT)
    if start:  # begin at a word, inside the stretch both texts share
        space = old.find(" ", start, prefix)
        start = space + 1 if space >= 0 else start

    def cut(value: str) -> str:
        stop = min(len(value), len(value) - suffix + CONTEXT, start + WIDTH)
        if stop < len(value):  # end at a word, without cutting into a difference that fits
            space = value.rfind(" ", max(start, min(len(value) - suffix, start + WIDTH // 2)), stop)
            stop = space if space >= 0 else stop
        return (ELLIPSIS if start else "") + value[start:stop] + (ELLIPSIS if stop < len(value) else "")

    return cut(old), cut(new)


def pair(old: Any, new: Any, none: str = NONE) -> tuple[str, str]:
    """Old and new value as short text; ``none`` for a missing one."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):  # a whole mapping (a seal): only what differs
        keys = [k for k in dict.fromkeys([*old, *new]) if canon(old.get(k)) != canon(new.get(k))]
        old, new = ({k: v[k] for k in keys if k in v} for v in (old, new))
    a, b = (plain(v) if v is not None else none for v in (old, new))
    if isinstance(old, str) and isinstance(new, str) and a == b:  # only white space differs: show it escaped
        a, b = json.dumps(old, ensure_ascii=False)[1:-1], json.dumps(new, ensure_ascii=False)[1:-1]
    if old is not None and new is not None:
        return excerpts(a, b)
    return short(a), short(b)


def minus(values: list[Any], other: list[Any]) -> list[str]:
    """The elements of ``values`` not in ``other`` (as multisets, in the order of ``values``), as short text."""
    left = [canon(x) for x in other]
    found = []
    for value in values:
        key = canon(value)
        if key in left:
            left.remove(key)
        else:
            found.append(short(plain(value)))
    return found


def listed(old: Any, new: Any) -> tuple[list[str], list[str]] | None:
    """For two lists (or a list and nothing): the elements removed and added, else ``None``."""
    if not (isinstance(old, list | None) and isinstance(new, list | None)) or old is new is None:
        return None
    return minus(old or [], new or []), minus(new or [], old or [])


def label(value: Any) -> str:
    if isinstance(value, Mapping):
        for name in _LABELS:
            if isinstance(value.get(name), str):
                return short(plain(value[name]))
    return ""


def groups(changes: Sequence[Change]) -> Iterator[tuple[str, str, list[Change]]]:
    """The changes of each item, in the order given: (section, item, changes)."""
    for (section, item), group in groupby(changes, key=lambda c: (c.section, c.item)):
        yield section, item, list(group)


def name(section: str, item: str) -> str:
    """``term water-rates``; ``agreement`` or ``preparation`` for the sections without items."""
    singular = SECTIONS.get(section, (section, section))[0]
    if not item:
        return "agreement" if section == "agreement" else singular
    return f"{singular} {item}"


# --- gaps -----------------------------------------------------------------------------------------


def singular(name: str) -> str:
    """``step`` for ``steps``: the label of one element of a list field."""
    known = shape.singular(name)
    if known != name:
        return known
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def where(change: Change) -> str:
    """A field in words, innermost first: ``time_limit of step 1 of 'x'``."""
    parts = change.field.split(".") if change.field else []
    named: list[str] = []
    for part in parts:
        if part.isdigit() and named:
            named[-1] = f"{singular(named[-1])} {part}"
        else:
            named.append(part)
    named.reverse()
    if change.item:
        named.append(f"'{change.item}'")
    elif change.section != "agreement":
        named.append(name(change.section, ""))
    return " of ".join(named) or "(value)"


def reason(gap: Mapping[str, Any]) -> str:
    """Why a fact is not recorded, on one line (the kind of gap when no reason is given)."""
    given = gap.get("reason")
    shown = " ".join(given.split()) if isinstance(given, str) else ""
    return short(shown or gap_label(dict(gap)))


def gap_phrase(change: Change) -> tuple[str, str] | None:
    """For a change that fills or makes a gap: (what happened in words, the value now or before); else ``None``."""
    if change.gap == "filled":
        return f"filled (was not recorded: {reason(change.old)})", short(plain(change.new))
    if change.gap == "unrecorded":
        was = short(plain(change.old)) if change.old is not None else ""
        return f"now recorded as not known ({reason(change.new)})", was
    if change.gap == "gap":
        return f'still not recorded; reason now "{reason(change.new)}" (was "{reason(change.old)}")', ""
    return None


def text_gap(change: Change) -> str | None:
    """A gap change as one line of the text report (``None`` for other changes)."""
    found = gap_phrase(change)
    if found is None:
        return None
    phrase, value = found
    if change.gap == "filled":
        return f"{where(change)}: {phrase} -> " + (f'"{value}"' if isinstance(change.new, str) else value)
    if change.gap == "unrecorded" and value:
        return f"{where(change)}: {phrase}; was " + (f'"{value}"' if isinstance(change.old, str) else value)
    return f"{where(change)}: {phrase}"
