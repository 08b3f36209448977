"""What the loader says about single nodes: scalars, tags, anchors and aliases.

Each finding goes through :class:`Findings`, which lists at most
:data:`MAX_REPORTS` of a rule, so that a file made of thousands of the same
mistake costs no more than its nodes.
"""

from __future__ import annotations

import math

from mga_tools.diagnostics import Severity
from mga_tools.load.document import Document
from mga_tools.load.limits import MAX_NUMBER_CHARS, MAX_REPORTS, shown
from mga_tools.load.scalars import long_number, plain_text, resolve, yaml11_surprise

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

# One message per anchor or alias is useful; a flood from an alias bomb is not.
MAX_ALIAS_REPORTS = 20

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}str", f"{_CORE}int", f"{_CORE}float", f"{_CORE}bool", f"{_CORE}null", "!"}
_ERROR = Severity.ERROR


class Findings:
    """The loader's findings on a document, at most :data:`MAX_REPORTS` of each rule.

    Counted per rule as they come, so that a flood of findings costs no more
    than the nodes that cause it.
    """

    __slots__ = ("counts", "doc")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.counts: dict[str, int] = {}

    def add(
        self,
        pos: tuple[int, int],
        rule: str,
        severity: Severity,
        message: str,
        *,
        limit: int = MAX_REPORTS,
        more: str = "more findings of this kind follow; not listed",
    ) -> None:
        seen = self.counts.get(rule, 0)
        self.counts[rule] = seen + 1
        if seen < limit:
            self.doc.add(*pos, rule, severity, message)
        elif seen == limit:
            self.doc.add(*pos, rule, severity, more)


def alias(found: Findings, pos: tuple[int, int], message: str) -> None:
    more = "more anchors and aliases follow; not listed"
    found.add(pos, "YAML-ALIAS", _ERROR, message, limit=MAX_ALIAS_REPORTS, more=more)


def _short(tag: str) -> str:
    return shown("!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag)


def check_node(event: Any, pos: tuple[int, int], found: Findings, is_map: bool) -> None:
    if event.anchor is not None:
        alias(found, pos, f"anchor &{shown(event.anchor)}: anchors are not allowed; write the content out")
    tag = event.tag
    if tag is not None and tag != "!" and tag != f"{_CORE}{'map' if is_map else 'seq'}":
        found.add(pos, "YAML-TAG", _ERROR, f"tag {_short(tag)} is not allowed; remove it")


def _long_number(text: str, pos: tuple[int, int], found: Findings) -> str:
    """Report a number too long to convert; it is kept as its text."""
    message = (
        f"'{shown(text)}' is a number of {len(text)} characters, over the limit of {MAX_NUMBER_CHARS}; "
        "write a shorter number or quote the text"
    )
    found.add(pos, "YAML-NUMBER", _ERROR, message)
    return text


def scalar(event: Any, pos: tuple[int, int], found: Findings) -> tuple[Any, str | None]:
    """The value of a scalar event and, for plain scalars, its source text."""
    text = event.value
    if event.anchor is None and event.tag is None:
        # Most scalars: quoted or block text, or plain text that no schema reads as anything else.
        if event.style:
            return text, None
        if event.implicit[0] and plain_text(text):
            return text, text
    if event.anchor is not None:
        alias(found, pos, f"anchor &{shown(event.anchor)}: anchors are not allowed; write the content out")
    tag = event.tag
    plain = event.implicit[0] and not event.style
    if tag is not None and tag not in _SCALAR_TAGS:
        found.add(pos, "YAML-TAG", _ERROR, f"tag {_short(tag)} is not allowed; remove it")
        return text, None
    if tag is not None and tag != "!":
        return tagged(text, tag, pos, found), None
    if not plain or tag == "!":
        return text, None
    if long_number(text):
        return _long_number(text, pos, found), None
    value = resolve(text)
    if value.__class__ is float and not math.isfinite(value):
        message = f"'{shown(text)}' is not a finite number; write a number or quote the text"
        found.add(pos, "YAML-NUMBER", _ERROR, message)
    surprise = yaml11_surprise(text, value)
    if surprise is not None:
        found.add(pos, "YAML-AMBIGUOUS", Severity.WARNING, surprise)
    return value, text


def tagged(text: str, tag: str, pos: tuple[int, int], found: Findings) -> Any:
    """Honour an explicit core tag such as ``!!str`` or ``!!int``."""
    name = tag[len(_CORE) :]
    if name == "str":
        return text
    if text and long_number(text):
        return _long_number(text, pos, found)
    value = resolve(text)
    fits = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "null": value is None,
    }[name]
    if fits:
        return float(value) if name == "float" else value
    found.add(pos, "YAML-TAG", _ERROR, f"'{shown(text)}' cannot be read as !!{name}")
    return text
