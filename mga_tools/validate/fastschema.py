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
        checks: list[Check] = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            if keyword == "$ref":
                checks.append(self.ref(value))
            elif keyword == "type":
                names = [value] if isinstance(value, str) else value
                tests = [_TYPES[n] for n in names]
                checks.append(lambda v, tests=tests: any(t(v) for t in tests))
            elif keyword == "enum":
                checks.append(lambda v, choices=value: any(_equal(v, c) for c in choices))
            elif keyword == "const":
                checks.append(lambda v, c=value: _equal(v, c))
            elif keyword == "pattern":
                rx = re.compile(value)
                checks.append(lambda v, rx=rx: not isinstance(v, str) or rx.search(v) is not None)
            elif keyword == "format":
                if value != "date":
                    raise Unsupported(f"format {value}")
                checks.append(_is_date)
            elif keyword in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"):
                checks.append(_bound(keyword, value))
            elif keyword == "required":
                checks.append(lambda v, names=tuple(value): not isinstance(v, dict) or all(n in v for n in names))
            elif keyword == "properties":
                props = {k: self.compile(s) for k, s in value.items()}
                checks.append(
                    lambda v, props=props: (
                        not isinstance(v, dict) or all(props[k](x) for k, x in v.items() if k in props)
                    )
                )
            elif keyword == "additionalProperties":
                known = frozenset(schema.get("properties", {}))
                if "patternProperties" in schema:
                    raise Unsupported("patternProperties")
                extra = self.compile(value)
                checks.append(
                    lambda v, known=known, extra=extra: (
                        not isinstance(v, dict) or all(extra(x) for k, x in v.items() if k not in known)
                    )
                )
            elif keyword == "propertyNames":
                names_check = self.compile(value)
                checks.append(lambda v, c=names_check: not isinstance(v, dict) or all(c(k) for k in v))
            elif keyword == "items":
                item = self.compile(value)
                checks.append(lambda v, item=item: not isinstance(v, list) or all(item(x) for x in v))
            elif keyword == "uniqueItems":
                if value:
                    checks.append(_unique)
            elif keyword == "anyOf":
                options = [self.compile(s) for s in value]
                checks.append(lambda v, options=options: any(o(v) for o in options))
            elif keyword == "oneOf":
                options = [self.compile(s) for s in value]
                checks.append(lambda v, options=options: sum(1 for o in options if o(v)) == 1)
            else:
                raise Unsupported(keyword)
        if len(checks) == 1:
            return checks[0]
        return lambda v, checks=tuple(checks): all(c(v) for c in checks)


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
