"""Build plain data and source positions from a YAML event stream.

Building the tree ourselves, instead of using a library's constructor, is
what makes the reader safe and exact: anchors and aliases are refused without
ever being expanded (no alias bomb can grow), duplicate keys are reported
instead of silently overwriting, explicit tags cannot instantiate anything,
nesting depth is capped, and every scalar is resolved by YAML 1.2 rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from mga_tools.diagnostics import Severity
from mga_tools.load.document import Document, Pointer
from mga_tools.load.limits import MAX_DEPTH, MAX_NODES, STOP_DEPTH, shown
from mga_tools.load.nodes import Findings, alias, check_node, scalar

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

__all__ = ["MAX_DEPTH", "build"]

_ERROR = Severity.ERROR


class _Frame:
    """An open mapping or sequence."""

    __slots__ = ("container", "is_map", "key", "key_pos", "pointer", "skip_value")

    def __init__(self, container: Any, pointer: Pointer, is_map: bool) -> None:
        self.container = container
        self.pointer = pointer
        self.is_map = is_map
        self.key: str | None = None
        self.key_pos: tuple[int, int] = (0, 0)
        self.skip_value = False


def build(events: Iterable[Any], doc: Document, read: list[int] | None = None) -> None:
    """Fill ``doc.data``, ``doc.spans`` and ``doc.key_spans`` from ``events``.

    Problems are recorded on ``doc``; a :class:`SyntaxProblem` raised by the
    event source propagates to the caller. Reading stops, and the document
    counts as unreadable, at the first node nested :data:`STOP_DEPTH` deep or
    beyond :data:`MAX_NODES` nodes, so that no input costs more than that.
    ``read``, when given, receives in its first element how many events were
    read, however reading ends (counted here: a wrapping generator would cost
    as much as the rest of the loop).
    """
    found = Findings(doc)
    stack: list[_Frame] = []
    skipping = 0  # depth inside a subtree that is being left out
    skipping_key = False  # whether that subtree is a mapping key
    documents = 0
    nodes = 0
    root: Any = None
    spans = doc.spans
    key_spans = doc.key_spans
    count = 0
    try:
        for count, event in enumerate(events, 1):  # noqa: B007  (read in the finally clause)
            kind = event.__class__.__name__
            if kind in _NODES:
                nodes += 1
                if nodes > MAX_NODES or (kind in _OPENS and len(stack) + skipping >= STOP_DEPTH):
                    _stop(found, event, nodes > MAX_NODES)
                    return
            if skipping:
                if kind in _OPENS:
                    skipping += 1
                elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                    skipping -= 1
                    if not skipping:
                        if skipping_key:
                            # The value that belongs to the refused key goes too.
                            stack[-1].skip_value = True
                            skipping_key = False
                        else:
                            _after_value(stack)
                continue
            if kind == "ScalarEvent" or kind == "AliasEvent":
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                # The common cases are written out here rather than called: this loop runs for every
                # node of every file, and calls cost as much as the work.
                if kind == "AliasEvent":
                    alias(found, pos, f"alias *{shown(event.anchor)}: aliases are not allowed; write the content out")
                    value: Any = None
                    raw = None
                elif event.style and event.anchor is None and event.tag is None:
                    value, raw = event.value, None  # quoted or block text
                else:
                    value, raw = scalar(event, pos, found)
                if not stack:
                    root = value
                    spans[()] = pos
                    continue
                top = stack[-1]
                if top.is_map and top.key is None:
                    if value.__class__ is str and value not in top.container:
                        top.key = value  # a new key, as text
                        key_spans[(*top.pointer, value)] = pos
                    else:
                        _take_key(top, value, raw, pos, found)
                    continue
                if top.skip_value:
                    top.skip_value = False
                    top.key = None
                    continue
                if top.is_map:
                    pointer = (*top.pointer, top.key or "")
                    top.container[top.key] = value
                    top.key = None
                else:
                    pointer = (*top.pointer, len(top.container))
                    top.container.append(value)
                spans[pointer] = pos
                if raw is not None and value.__class__ is not str:
                    doc.plain[pointer] = raw
            elif kind in _OPENS:
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                is_map = kind == "MappingStartEvent"
                check_node(event, pos, found, is_map)
                if stack:
                    top = stack[-1]
                    if top.is_map and top.key is None:
                        found.add(pos, "YAML-KEY", _ERROR, "keys must be plain text, not a mapping or a list")
                        top.key = ""
                        skipping = 1
                        skipping_key = True
                        continue
                    if top.skip_value or len(stack) >= MAX_DEPTH:
                        if not top.skip_value:
                            found.add(pos, "YAML-DEPTH", _ERROR, f"nesting deeper than {MAX_DEPTH} levels is not read")
                        top.skip_value = True
                        skipping = 1
                        continue
                    pointer = _child(top)
                else:
                    pointer = ()
                container: Any = {} if is_map else []
                spans[pointer] = pos
                if stack:
                    _store(stack[-1], container, advance=False)
                else:
                    root = container
                stack.append(_Frame(container, pointer, is_map))
            elif kind == "MappingEndEvent" or kind == "SequenceEndEvent":
                stack.pop()
                _after_value(stack)
            elif kind == "DocumentStartEvent":
                documents += 1
                version = getattr(event, "version", None)
                if version is not None and tuple(version) != (1, 2):
                    mark = event.start_mark
                    shown_version = shown(".".join(str(v) for v in version))
                    found.add(
                        (mark.line + 1, 1),
                        "YAML-VERSION",
                        _ERROR,
                        f"the document declares %YAML {shown_version}, but agreements are read as YAML 1.2; "
                        "remove the directive",
                    )
                if documents == 2:
                    mark = event.start_mark
                    found.add(
                        (mark.line + 1, mark.column + 1),
                        "YAML-DOCUMENTS",
                        _ERROR,
                        "a second YAML document; a file holds exactly one agreement",
                    )
                    break
    finally:
        if read is not None:
            read[0] = count
    if documents == 0:
        doc.add(1, 1, "YAML-DOCUMENTS", _ERROR, "the file has no content; an agreement is a YAML mapping")
        return
    doc.data = root
    doc.parsed = True


_OPENS = frozenset(("MappingStartEvent", "SequenceStartEvent"))
_NODES = _OPENS | {"ScalarEvent", "AliasEvent"}


def _stop(found: Findings, event: Any, too_many: bool) -> None:
    """Stop reading at ``event``: the document is left unread, with the reason located there."""
    mark = event.start_mark
    pos = (mark.line + 1, mark.column + 1)
    if too_many:
        message = f"more than {MAX_NODES} keys and values; reading stops here; split the file"
        found.add(pos, "YAML-SIZE", _ERROR, message)
    elif "YAML-DEPTH" not in found.counts:
        found.add(pos, "YAML-DEPTH", _ERROR, f"nesting deeper than {MAX_DEPTH} levels is not read")
    found.doc.data = None
    found.doc.parsed = False


def _child(top: _Frame) -> Pointer:
    if top.is_map:
        # A value always follows its key: the key is set here.
        return (*top.pointer, top.key or "")
    return (*top.pointer, len(top.container))


def _store(top: _Frame, value: Any, *, advance: bool = True) -> None:
    if top.is_map:
        top.container[top.key] = value
        if advance:
            top.key = None
    else:
        top.container.append(value)


def _after_value(stack: list[_Frame]) -> None:
    """A collection value just closed: its parent mapping awaits the next key."""
    if stack and stack[-1].is_map:
        top = stack[-1]
        top.key = None
        top.skip_value = False


def _take_key(top: _Frame, value: Any, raw: str | None, pos: tuple[int, int], found: Findings) -> None:
    if not isinstance(value, str):
        if not raw:
            found.add(pos, "YAML-KEY", _ERROR, "empty key; write the key before the colon")
            value = ""
        else:
            found.add(pos, "YAML-KEY", _ERROR, f"key {shown(raw)} is not text; quote it ('{shown(raw)}')")
            value = raw
    if value in top.container:
        first = found.doc.key_spans.get((*top.pointer, value), (0, 0))[0]
        found.add(
            pos,
            "YAML-DUPLICATE-KEY",
            _ERROR,
            f"duplicate key '{shown(value)}' (first at line {first}); the later value would silently replace the "
            "earlier",
        )
        top.key = value
        top.skip_value = True
        return
    top.key = value
    found.doc.key_spans[(*top.pointer, value)] = pos
