"""Build plain data and source positions from a YAML event stream.

Building the tree ourselves, instead of using a library's constructor, is
what makes the reader safe and exact: anchors and aliases are refused without
ever being expanded (no alias bomb can grow), duplicate keys are reported
instead of silently overwriting, explicit tags cannot instantiate anything,
nesting depth is capped, and every scalar is resolved by YAML 1.2 rules.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from mga_tools.diagnostics import Severity
from mga_tools.load.document import Document, Pointer
from mga_tools.load.scalars import resolve, yaml11_surprise

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

MAX_DEPTH = 64
# One message per anchor or alias is useful; a flood from an alias bomb is not.
MAX_ALIAS_REPORTS = 20

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}str", f"{_CORE}int", f"{_CORE}float", f"{_CORE}bool", f"{_CORE}null", "!"}
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


def build(events: Iterable[Any], doc: Document) -> None:
    """Fill ``doc.data``, ``doc.spans`` and ``doc.key_spans`` from ``events``.

    Problems are recorded on ``doc``; a :class:`SyntaxProblem` raised by the
    event source propagates to the caller.
    """
    stack: list[_Frame] = []
    skipping = 0  # depth inside a subtree that is being left out
    skipping_key = False  # whether that subtree is a mapping key
    documents = 0
    root: Any = None
    spans = doc.spans
    for event in events:
        kind = event.__class__.__name__
        if skipping:
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
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
            if kind == "AliasEvent":
                _alias(doc, pos, f"alias *{event.anchor}: aliases are not allowed; write the content out")
                value: Any = None
                raw = None
            else:
                value, raw = _scalar(event, pos, doc)
            if not stack:
                root = value
                spans[()] = pos
                continue
            top = stack[-1]
            if top.is_map and top.key is None:
                _take_key(top, value, raw, pos, doc)
                continue
            if top.skip_value:
                top.skip_value = False
                top.key = None
                continue
            pointer = _child(top)
            spans[pointer] = pos
            if raw is not None and not isinstance(value, str):
                doc.plain[pointer] = raw
            _store(top, value)
        elif kind == "MappingStartEvent" or kind == "SequenceStartEvent":
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            is_map = kind == "MappingStartEvent"
            _check_node(event, pos, doc, is_map)
            if stack:
                top = stack[-1]
                if top.is_map and top.key is None:
                    doc.add(*pos, "YAML-KEY", _ERROR, "keys must be plain text, not a mapping or a list")
                    top.key = ""
                    skipping = 1
                    skipping_key = True
                    continue
                if top.skip_value or len(stack) >= MAX_DEPTH:
                    if not top.skip_value:
                        doc.add(*pos, "YAML-DEPTH", _ERROR, f"nesting deeper than {MAX_DEPTH} levels is not read")
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
                shown = ".".join(str(v) for v in version)
                doc.add(
                    mark.line + 1,
                    1,
                    "YAML-VERSION",
                    _ERROR,
                    f"the document declares %YAML {shown}, but agreements are read as YAML 1.2; remove the directive",
                )
            if documents == 2:
                mark = event.start_mark
                doc.add(
                    mark.line + 1,
                    mark.column + 1,
                    "YAML-DOCUMENTS",
                    _ERROR,
                    "a second YAML document; a file holds exactly one agreement",
                )
                break
    if documents == 0:
        doc.add(1, 1, "YAML-DOCUMENTS", _ERROR, "the file has no content; an agreement is a YAML mapping")
        return
    doc.data = root
    doc.parsed = True


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


def _take_key(top: _Frame, value: Any, raw: str | None, pos: tuple[int, int], doc: Document) -> None:
    if not isinstance(value, str):
        if not raw:
            doc.add(*pos, "YAML-KEY", _ERROR, "empty key; write the key before the colon")
            value = ""
        else:
            doc.add(*pos, "YAML-KEY", _ERROR, f"key {raw} is not text; quote it ('{raw}')")
            value = raw
    if value in top.container:
        first = doc.key_spans.get((*top.pointer, value), (0, 0))[0]
        doc.add(
            *pos,
            "YAML-DUPLICATE-KEY",
            _ERROR,
            f"duplicate key '{value}' (first at line {first}); the later value would silently replace the earlier",
        )
        top.key = value
        top.skip_value = True
        return
    top.key = value
    doc.key_spans[(*top.pointer, value)] = pos


def _alias(doc: Document, pos: tuple[int, int], message: str) -> None:
    reported = sum(1 for d in doc.diagnostics if d.rule == "YAML-ALIAS")
    if reported < MAX_ALIAS_REPORTS:
        doc.add(*pos, "YAML-ALIAS", _ERROR, message)
    elif reported == MAX_ALIAS_REPORTS:
        doc.add(*pos, "YAML-ALIAS", _ERROR, "more anchors and aliases follow; not listed")


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _check_node(event: Any, pos: tuple[int, int], doc: Document, is_map: bool) -> None:
    if event.anchor is not None:
        _alias(doc, pos, f"anchor &{event.anchor}: anchors are not allowed; write the content out")
    tag = event.tag
    if tag is not None and tag != "!" and tag != f"{_CORE}{'map' if is_map else 'seq'}":
        doc.add(*pos, "YAML-TAG", _ERROR, f"tag {_short(tag)} is not allowed; remove it")


def _scalar(event: Any, pos: tuple[int, int], doc: Document) -> tuple[Any, str | None]:
    """The value of a scalar event and, for plain scalars, its source text."""
    text = event.value
    if event.anchor is not None:
        _alias(doc, pos, f"anchor &{event.anchor}: anchors are not allowed; write the content out")
    tag = event.tag
    plain = event.implicit[0] and not event.style
    if tag is not None and tag not in _SCALAR_TAGS:
        doc.add(*pos, "YAML-TAG", _ERROR, f"tag {_short(tag)} is not allowed; remove it")
        return text, None
    if tag is not None and tag != "!":
        return _tagged(text, tag, pos, doc), None
    if not plain or tag == "!":
        return text, None
    value = resolve(text)
    if value.__class__ is float and not math.isfinite(value):
        doc.add(*pos, "YAML-NUMBER", _ERROR, f"'{text}' is not a finite number; write a number or quote the text")
    surprise = yaml11_surprise(text, value)
    if surprise is not None:
        doc.add(*pos, "YAML-AMBIGUOUS", Severity.WARNING, surprise)
    return value, text


def _tagged(text: str, tag: str, pos: tuple[int, int], doc: Document) -> Any:
    """Honour an explicit core tag such as ``!!str`` or ``!!int``."""
    name = tag[len(_CORE) :]
    if name == "str":
        return text
    value = resolve(text)
    fits = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "null": value is None,
    }[name]
    if fits:
        return float(value) if name == "float" else value
    doc.add(*pos, "YAML-TAG", _ERROR, f"'{text}' cannot be read as !!{name}")
    return text
