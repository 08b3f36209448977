"""Builders for the pandoc JSON AST: every piece of agreement text becomes ``Str``/``Space`` nodes.

Nothing here parses or emits markup. Text from an agreement is split on white
space into words (``Str``) and gaps (``Space``); pandoc's writers then escape
each word for their output format, so ``*stars*`` or ``#eval(...)`` show as
written in every format. A fact recorded as not known (a gap) reads
``Not recorded (...): REASON``, never as the mapping it is written as.
"""

from __future__ import annotations

from mga_tools.model.facts import gap_text, is_gap

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Node = dict[str, "Any"]
Inlines = list[Node]
Blocks = list[Node]

API_VERSION = [1, 23, 1]
NO_ATTR: list[Any] = ["", [], []]


def inlines(text: object) -> Inlines:
    """``text`` as words and spaces; any run of white space becomes one ``Space``."""
    out: Inlines = []
    shown = gap_text(text) if isinstance(text, dict) and is_gap(text) else str(text)
    for word in shown.split():
        if out:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def _inl(*parts: str | Inlines) -> Inlines:
    """Join text and ready-made inlines, separated by a space where neither side brings one."""
    out: Inlines = []
    for part in parts:
        nodes = inlines(part) if isinstance(part, str) else part
        if out and nodes:
            out.append({"t": "Space"})
        out.extend(nodes)
    return out


def strong(*parts: str | Inlines) -> Node:
    return {"t": "Strong", "c": _inl(*parts)}


def emph(*parts: str | Inlines) -> Node:
    return {"t": "Emph", "c": _inl(*parts)}


def para(*parts: str | Inlines) -> Node:
    return {"t": "Para", "c": _inl(*parts)}


def plain(*parts: str | Inlines) -> Node:
    return {"t": "Plain", "c": _inl(*parts)}


def labelled(label: str, *parts: str | Inlines) -> Node:
    """``Label: value`` with the label in bold, as a ``Plain`` block (for list items)."""
    return plain([strong(f"{label}:")], *parts)


def header(level: int, *parts: str | Inlines) -> Node:
    return {"t": "Header", "c": [level, ["", ["unnumbered"], []], _inl(*parts)]}


def lines(blocks: Blocks) -> Blocks:
    """Consecutive ``Plain`` blocks of a list item become one, with line breaks (else writers join them)."""
    out: Blocks = []
    for block in blocks:
        if block["t"] == "Plain" and out and out[-1]["t"] == "Plain":
            out[-1] = {"t": "Plain", "c": [*out[-1]["c"], {"t": "LineBreak"}, *block["c"]]}
        else:
            out.append(block)
    return out


def bullets(items: list[Blocks]) -> Node:
    return {"t": "BulletList", "c": [lines(item) for item in items if item]}


def ordered(items: list[Blocks], start: int = 1) -> Node:
    return {"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}], [lines(i) for i in items]]}


def div(blocks: Blocks, cls: str) -> Node:
    return {"t": "Div", "c": [["", [cls], []], blocks]}


def meta_text(text: object) -> Node:
    return {"t": "MetaInlines", "c": inlines(text)}


def document(blocks: Blocks, meta: dict[str, Node] | None = None) -> Node:
    """A whole pandoc document."""
    return {"pandoc-api-version": API_VERSION, "meta": dict(meta or {}), "blocks": blocks}
