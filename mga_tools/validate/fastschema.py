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

from mga_tools.model.dates import is_date

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


# Each JSON type as a Python expression on ``v``.
_TYPES: dict[str, str] = {
    "object": "isinstance(v, dict)",
    "array": "isinstance(v, list)",
    "string": "isinstance(v, str)",
    "number": "(isinstance(v, (int, float)) and not isinstance(v, bool))",
    "integer": "((isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()))",
    "boolean": "isinstance(v, bool)",
    "null": "v is None",
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


def _is_edtf(value: Any) -> bool:
    return not isinstance(value, str) or is_date(value)


# Each format this checker knows, by the name of its check among the generated code's constants.
_FORMATS = {"date": "_is_date", "edtf": "_is_edtf"}


class _Compiler:
    """Writes one Python function per subschema, then compiles them all at once.

    Generated straight-line code (a loop with an early ``return False``)
    instead of nested closures and ``all(...)`` generators: the checker runs
    on every agreement in the commit hook and in bulk, and this form is
    several times faster. The keywords mean exactly what they meant to the
    closures they replace; the tests compare the checker with jsonschema.
    """

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, str] = {}
        self.names: dict[int, str] = {}  # id(subschema) -> its function, so that shared subschemas compile once
        self.keep: list[Any] = []  # the subschemas named in ``names``, kept alive while compiling
        self.functions: list[str] = []
        self.tables: list[dict[str, Any]] = []  # property name -> function name, until the functions exist
        self.constants: dict[str, Any] = {
            "_equal": _equal,
            "_is_date": _is_date,
            "_is_edtf": _is_edtf,
            "_unique": _unique,
        }

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def ref(self, target: str) -> str:
        if target not in self.refs:
            if not target.startswith("#/"):
                raise Unsupported(f"$ref {target}")
            node: Any = self.root
            for part in target[2:].split("/"):
                node = node[part]
            self.refs[target] = self.function(node)
        return self.refs[target]

    def function(self, schema: Any) -> str:
        """The name of the generated function checking ``schema`` (written on first use)."""
        known = self.names.get(id(schema))
        if known is not None:
            return known
        name = f"_s{len(self.names)}"
        self.names[id(schema)] = name
        self.keep.append(schema)
        if schema is True:
            body = ["return True"]
        elif schema is False:
            body = ["return False"]
        else:
            body = [line for k, v in schema.items() if k not in _ANNOTATIONS for line in self.keyword(k, v, schema)]
            body.append("return True")
        self.functions.append(f"def {name}(v):\n" + "".join(f"    {line}\n" for line in body))
        return name

    def keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> list[str]:
        """The statements checking one keyword on ``v`` (none when it constrains nothing)."""
        if keyword == "$ref":
            return [f"if not {self.ref(value)}(v): return False"]
        if keyword == "type":
            tests = " or ".join(_TYPES[n] for n in ([value] if isinstance(value, str) else value))
            return [f"if not ({tests}): return False"]
        if keyword == "enum":
            if value and all(isinstance(c, str) for c in value):
                # Only text equals text: a value that is not text matches none of them.
                return [f"if not (isinstance(v, str) and v in {self.constant(frozenset(value))}): return False"]
            return [f"if not any(_equal(v, c) for c in {self.constant(tuple(value))}): return False"]
        if keyword == "const":
            return [f"if not _equal(v, {self.constant(value)}): return False"]
        if keyword == "pattern":
            rx = self.constant(re.compile(value))
            return [f"if isinstance(v, str) and {rx}.search(v) is None: return False"]
        if keyword == "format":
            if value not in _FORMATS:
                raise Unsupported(f"format {value}")
            return [f"if not {_FORMATS[value]}(v): return False"]
        if keyword in _BOUNDS:
            guard, fails = _BOUNDS[keyword]
            return [f"if {guard} and {fails.format(limit=self.constant(value))}: return False"]
        if keyword == "required":
            return [f"if isinstance(v, dict) and not {self.constant(frozenset(value))}.issubset(v): return False"]
        if keyword == "properties":
            if "additionalProperties" in schema:
                return []  # checked together with additionalProperties, in one pass over the keys
            return self.properties(value, None)
        if keyword == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            return self.properties(schema.get("properties", {}), value)
        if keyword == "propertyNames":
            check = self.function(value)
            return ["if isinstance(v, dict):", "    for k in v:", f"        if not {check}(k): return False"]
        if keyword == "items":
            check = self.function(value)
            return ["if isinstance(v, list):", "    for x in v:", f"        if not {check}(x): return False"]
        if keyword == "uniqueItems":
            return ["if not _unique(v): return False"] if value else []
        if keyword in ("anyOf", "oneOf"):
            calls = [f"{self.function(sub)}(v)" for sub in value]
            if keyword == "anyOf":
                return [f"if not ({' or '.join(calls)}): return False"]
            return [f"if ({' + '.join(calls)}) != 1: return False"]
        raise Unsupported(keyword)

    def properties(self, properties: dict[str, Any], additional: Any) -> list[str]:
        """One pass over a mapping's entries: each named property by its check, the others by ``additional``."""
        names = {k: self.function(sub) for k, sub in properties.items()}
        self.tables.append(names)
        table = self.constant(names)
        lines = ["if isinstance(v, dict):", "    for k, x in v.items():", f"        f = {table}.get(k)"]
        if additional is None:
            return [*lines, "        if f is not None and not f(x): return False"]
        extra = self.function(additional)
        return [
            *lines,
            "        if f is None:",
            f"            if not {extra}(x): return False",
            "        elif not f(x): return False",
        ]

    def build(self) -> Check:
        root = self.function(self.root)
        namespace = dict(self.constants)
        exec(compile("\n".join(self.functions), "<mga_tools.validate.fastschema>", "exec"), namespace)
        # The tables of properties name functions: replace the names by the functions themselves.
        for table in self.tables:
            for key, function in list(table.items()):
                table[key] = namespace[function]
        checker: Check = namespace[root]
        return checker


# keyword -> (what the value must be for it to apply, the comparison that fails it).
# minimum and maximum fail as jsonschema compares, so that NaN passes both the same way.
_NUMBER = "(v.__class__ is int or v.__class__ is float)"
_BOUNDS = {
    "minLength": ("isinstance(v, str)", "len(v) < {limit}"),
    "maxLength": ("isinstance(v, str)", "len(v) > {limit}"),
    "minItems": ("isinstance(v, list)", "len(v) < {limit}"),
    "maxItems": ("isinstance(v, list)", "len(v) > {limit}"),
    "minimum": (_NUMBER, "v < {limit}"),
    "maximum": (_NUMBER, "v > {limit}"),
}


def _unique(value: Any) -> bool:
    if not isinstance(value, list):
        return True
    if all(isinstance(x, str) for x in value):
        return len(set(value)) == len(value)
    return not any(_equal(value[i], value[j]) for i in range(len(value)) for j in range(i + 1, len(value)))


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function telling whether an instance is valid; raises :class:`Unsupported`."""
    compiler = _Compiler(schema)
    return compiler.build()
