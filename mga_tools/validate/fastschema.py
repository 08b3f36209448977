"""A compiled yes/no check of the JSON Schema keywords that our schemas use.

Importing jsonschema costs more than the whole commit-hook budget, so clean
files are certified by this small compiled checker instead. It only answers
"valid or not": as soon as it says "not", the file is validated again by
jsonschema, whose errors are the ones reported. A schema that uses any
keyword this module does not implement is refused at compile time, and the
caller then always uses jsonschema. Tests run both on every case file and on
thousands of generated mutations to show that they agree.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

Check = Callable[[object], bool]

# Keywords that only annotate; they never change whether an instance is valid.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "default", "examples", "$defs", "deprecated"}
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Unsupported(Exception):
    """The schema uses a keyword this checker does not implement."""


def _is_number(value: Any) -> bool:
    return (value.__class__ is int or value.__class__ is float) and value.__class__ is not bool


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: ``1 == 1.0`` but ``true != 1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return a == b and type(a) in (int, float, str, type(None)) and type(b) in (int, float, str, type(None))


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, target: str) -> Check:
        if target not in self.refs:
            if not target.startswith("#/"):
                raise Unsupported(f"$ref {target}")
            node: Any = self.root
            for part in target[2:].split("/"):
                node = node[part]
            slot: list[Check] = []
            self.refs[target] = lambda v: slot[0](v)  # allows recursion
            slot.append(self.compile(node))
        return self.refs[target]

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        found = (self.keyword(k, v, schema) for k, v in schema.items() if k not in _ANNOTATIONS)
        checks = [c for c in found if c is not None]
        if len(checks) == 1:
            return checks[0]
        every = tuple(checks)
        return lambda v: all(c(v) for c in every)

    def keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> Check | None:
        """The check for one keyword (``None`` when it constrains nothing)."""
        if keyword == "$ref":
            return self.ref(value)
        if keyword == "type":
            tests = [_TYPES[n] for n in ([value] if isinstance(value, str) else value)]
            return lambda v: any(t(v) for t in tests)
        if keyword == "enum":
            return lambda v: any(_equal(v, c) for c in value)
        if keyword == "const":
            return lambda v: _equal(v, value)
        if keyword == "pattern":
            rx = re.compile(value)
            return lambda v: not isinstance(v, str) or rx.search(v) is not None
        if keyword == "format":
            if value != "date":
                raise Unsupported(f"format {value}")
            return _is_date
        if keyword in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"):
            return _bound(keyword, value)
        if keyword == "required":
            names = tuple(value)
            return lambda v: not isinstance(v, dict) or all(n in v for n in names)
        if keyword == "properties":
            props = {k: self.compile(sub) for k, sub in value.items()}
            return lambda v: not isinstance(v, dict) or all(props[k](x) for k, x in v.items() if k in props)
        if keyword == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            known = frozenset(schema.get("properties", {}))
            extra = self.compile(value)
            return lambda v: not isinstance(v, dict) or all(extra(x) for k, x in v.items() if k not in known)
        if keyword == "propertyNames":
            name_check = self.compile(value)
            return lambda v: not isinstance(v, dict) or all(name_check(k) for k in v)
        if keyword == "items":
            item = self.compile(value)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        if keyword == "uniqueItems":
            return _unique if value else None
        if keyword in ("anyOf", "oneOf"):
            options = [self.compile(sub) for sub in value]
            if keyword == "anyOf":
                return lambda v: any(o(v) for o in options)
            return lambda v: sum(1 for o in options if o(v)) == 1
        raise Unsupported(keyword)


def _bound(keyword: str, limit: Any) -> Check:
    if keyword == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= limit
    if keyword == "maxLength":
        return lambda v: not isinstance(v, str) or len(v) <= limit
    if keyword == "minItems":
        return lambda v: not isinstance(v, list) or len(v) >= limit
    if keyword == "maxItems":
        return lambda v: not isinstance(v, list) or len(v) <= limit
    # Written as jsonschema compares, so that NaN passes both the same way.
    if keyword == "minimum":
        return lambda v: not _is_number(v) or not v < limit
    return lambda v: not _is_number(v) or not v > limit


def _unique(value: Any) -> bool:
    if not isinstance(value, list):
        return True
    if all(isinstance(x, str) for x in value):
        return len(set(value)) == len(value)
    return not any(_equal(value[i], value[j]) for i in range(len(value)) for j in range(i + 1, len(value)))


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function telling whether an instance is valid; raises :class:`Unsupported`."""
    return _Compiler(schema).compile(schema)
