"""Random, local edits of plain data (as loaded from YAML), for property tests.

The edits are drawn step by step and each is recorded with hypothesis'
``note``, so a failing example reads as a reproducer.
"""

from __future__ import annotations

import math
from random import Random
from typing import Any

from hypothesis import note
from hypothesis import strategies as st

Pointer = tuple


def copy_tree(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: copy_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_tree(v) for v in value]
    return value


def pointers_of(value: Any, prefix: Pointer = ()) -> list[Pointer]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(pointers_of(item, (*prefix, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.extend(pointers_of(item, (*prefix, i)))
    return found


def get_at(value: Any, pointer: Pointer) -> Any:
    for step in pointer:
        value = value[step]
    return value


def set_at(root: Any, pointer: Pointer, new: Any) -> Any:
    if not pointer:
        return new
    get_at(root, pointer[:-1])[pointer[-1]] = new
    return root


def strings_at(value: Any, key: str) -> list[str]:
    """Every text value stored under ``key`` anywhere (ids, statuses, ...)."""
    found: list[str] = []
    for pointer in pointers_of(value):
        if pointer and pointer[-1] == key and isinstance(get_at(value, pointer), str):
            found.append(get_at(value, pointer))
    return found


INTERESTING_TEXT = [
    "", " ", "\t", "\n", "x", "X", "a-b", "a--b", "-a", "a-", "a_b", "a b", "é", "ab\n", "\nab",
    "a" * 80, "a" * 81, "x" * 20001, " \u00a0", "\u2028",
    "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024-01-01\n",
    "2024-01-01T00:00:00", "\u0662\u0660\u0662\u0664-01-01", "２０２４-01-01",
    "30 days", "1 business day", "10 business days", "0 days", "6 weeks", "3 months", "1 year", "1 years",
    "30 days\n", "30  days", "30 Days",
    "draft", "negotiating", "proposed", "agreed", "signed", "amended", "terminated", "expired", "never",
    "party", "prospective", "withdrawn", "expelled", "public", "arbitration", "court", "mediation",
    "en", "en-GB", "EN", "e", "<", ">=", "high", "essential", "other", "state",
    "PARTY-BATNA", "SCENARIO-SAFEGUARDS", "NOT-A-RULE", "lower-case", "A--B", "A-", "A1-B2",
]  # fmt: skip

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**65), max_value=2**65),
    st.sampled_from([0, 1, -1, 100, 101, 1023, 1024, 1025, 1048576]),
    st.floats(),
    st.sampled_from([0.0, -0.0, 1.0, 1.5, 100.0, 100.5, 1024.0, -1.0, math.inf, math.nan]),
    st.sampled_from(INTERESTING_TEXT),
    st.text(max_size=12),
    st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}\Z"),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "x", "name"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def known_keys(value: Any) -> list[str]:
    return sorted({p[-1] for p in pointers_of(value) if p and isinstance(p[-1], str)})


def shape_of(pointer: Pointer) -> Pointer:
    return tuple("[]" if isinstance(step, int) else step for step in pointer)


def pick(rnd: Random, pointers: list[Pointer]) -> Pointer:
    """A node; half the time its place in the structure is chosen first, so rare places get their turn."""
    if rnd.random() < 0.5:
        shape = rnd.choice(sorted({shape_of(p) for p in pointers}, key=repr))
        pointers = [p for p in pointers if shape_of(p) == shape]
    return rnd.choice(pointers)


OPS = ("delete", "duplicate", "retype", "text", "known-value", "empty", "add-key", "rename-key", "graft")


def mutate(data: st.DataObject, root: Any, steps: int) -> Any:
    """``steps`` random edits of a copy of ``root``, each noted for the failure report.

    Nodes and edits are chosen uniformly by a random generator that hypothesis
    seeds (hypothesis' own choices strongly favour the first of a list);
    values are drawn by hypothesis.
    """
    rnd = data.draw(st.randoms(use_true_random=True), label="chooser")
    root = copy_tree(root)
    for _ in range(steps):
        pointers = pointers_of(root)
        inner = pointers[1:]
        op = rnd.choice(OPS)
        if op == "delete" and inner:
            pointer = pick(rnd, inner)
            del get_at(root, pointer[:-1])[pointer[-1]]
            note(f"delete {pointer}")
        elif op == "duplicate":
            items = [p for p in inner if isinstance(p[-1], int)]
            if items:
                pointer = pick(rnd, items)
                parent = get_at(root, pointer[:-1])
                parent.insert(pointer[-1] + 1, copy_tree(parent[pointer[-1]]))
                note(f"duplicate {pointer}")
        elif op == "retype":
            pointer = pick(rnd, pointers)
            new = data.draw(VALUES)
            root = set_at(root, pointer, new)
            note(f"set {pointer} = {new!r}")
        elif op == "text":
            pointer = pick(rnd, [p for p in pointers if isinstance(get_at(root, p), str)] or pointers)
            new = data.draw(st.one_of(st.sampled_from(INTERESTING_TEXT), st.text(max_size=20)))
            root = set_at(root, pointer, new)
            note(f"set {pointer} = {new!r}")
        elif op == "known-value":
            # A value of the right kind from elsewhere: an id, a status, a date...
            leaves = [p for p in inner if isinstance(p[-1], str) and isinstance(get_at(root, p), str)]
            if leaves:
                pointer = pick(rnd, leaves)
                new = rnd.choice(sorted(set(strings_at(root, "id")) | set(strings_at(root, str(pointer[-1])))))
                root = set_at(root, pointer, new)
                note(f"set {pointer} = {new!r}")
        elif op == "empty":
            containers = [p for p in pointers if isinstance(get_at(root, p), (dict, list))]
            if containers:
                pointer = pick(rnd, containers)
                get_at(root, pointer).clear()
                note(f"empty {pointer}")
        elif op == "add-key":
            maps = [p for p in pointers if isinstance(get_at(root, p), dict)]
            if maps:
                pointer = pick(rnd, maps)
                key = rnd.choice(known_keys(root) or ["x"]) if rnd.random() < 0.7 else data.draw(st.text(max_size=8))
                new = data.draw(VALUES)
                get_at(root, pointer)[key] = new
                note(f"add {(*pointer, key)} = {new!r}")
        elif op == "rename-key":
            keys = [p for p in inner if isinstance(p[-1], str)]
            if keys:
                pointer = pick(rnd, keys)
                parent = get_at(root, pointer[:-1])
                key = rnd.choice(known_keys(root)) if rnd.random() < 0.7 else data.draw(st.text(max_size=8))
                entries = [(key if k == pointer[-1] else k, v) for k, v in parent.items()]
                parent.clear()
                parent.update(entries)
                note(f"rename {pointer} to {key!r}")
        elif op == "graft":  # a copy of one node replaces another
            source, target = pick(rnd, pointers), pick(rnd, pointers)
            root = set_at(root, target, copy_tree(get_at(root, source)))
            note(f"copy {source} to {target}")
    return root
