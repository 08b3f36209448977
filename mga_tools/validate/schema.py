"""JSON Schema validation, each error mapped to the node it is about.

jsonschema's own messages speak of JSON; these speak of what the author
wrote in YAML and say how to fix it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.load import Document, Pointer
from mga_tools.load.limits import MAX_REPORTS, shown
from mga_tools.resources import agreement_schema

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

RULE = "SCHEMA"

_JSON_TYPES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


# Compiled forms, by schema object. The schemas are loaded once per process
# (see mga_tools.resources), so their identity is a cheap, exact cache key.
_COMPILED: dict[tuple[str, int], tuple[object, Any]] = {}


def _compiled(kind: str, schema: dict[str, Any]) -> Any:
    hit = _COMPILED.get((kind, id(schema)))
    if hit is not None and hit[0] is schema:
        return hit[1]
    if kind == "jsonschema":
        from jsonschema import Draft202012Validator, FormatChecker

        compiled: Any = Draft202012Validator(schema, format_checker=FormatChecker(formats=("date",)))
    else:
        from mga_tools.validate.fastschema import Unsupported, compile_schema

        try:
            compiled = compile_schema(schema)
        except Unsupported:
            compiled = None
    _COMPILED[(kind, id(schema))] = (schema, compiled)
    return compiled


def validator_for(schema: dict[str, Any]) -> Any:
    """The jsonschema validator for ``schema`` (built once per schema object)."""
    return _compiled("jsonschema", schema)


def is_valid(data: Any, schema: dict[str, Any] | None = None) -> bool:
    """Whether ``data`` satisfies ``schema``, without importing jsonschema when possible."""
    schema = schema if schema is not None else agreement_schema()
    checker = _compiled("fast", schema)
    if checker is None:
        return validator_for(schema).is_valid(data)
    return checker(data)


def check(doc: Document, schema: dict[str, Any] | None = None, rule: str = RULE) -> list[Diagnostic]:
    """Every schema error in ``doc``, located and explained."""
    validator = validator_for(schema if schema is not None else agreement_schema())
    found: list[Diagnostic] = []
    for error in validator.iter_errors(doc.data):
        for pointer, at_key, message in _explain(error, doc):
            if len(found) == MAX_REPORTS:
                # Explaining each of thousands of errors (with its suggestions) would take seconds.
                more = "more schema errors follow; not listed"
                found.append(doc.diagnostic(pointer, rule, Severity.ERROR, more, key=at_key))
                return found
            found.append(doc.diagnostic(pointer, rule, Severity.ERROR, message, key=at_key))
    return found


def describe(value: Any) -> str:
    """How a YAML value reads in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{shown(value)}'"
    if isinstance(value, dict):
        return "a mapping"
    return "a list"


def did_you_mean(word: str, candidates: list[str]) -> str:
    """``; did you mean 'x'?`` for the closest candidates, or nothing."""
    close = difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


def _what(schema: Any) -> str:
    title = schema.get("title") if isinstance(schema, dict) else None
    return f" ({title})" if title else ""


def _explain(error: Any, doc: Document) -> Iterator[tuple[Pointer, bool, str]]:
    pointer: Pointer = tuple(error.absolute_path)
    keyword = error.validator
    value = error.validator_value
    instance = error.instance
    schema = error.schema
    if keyword in ("anyOf", "oneOf"):
        yield from _explain_alternatives(error, doc, pointer)
    elif keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(value)
        yield pointer, False, f"missing required key '{missing}'{_what(schema)}"
    elif keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(k for k in instance if k not in schema.get("properties", {})):
            hint = did_you_mean(key, allowed) or "; allowed keys: " + ", ".join(allowed)
            yield (*pointer, key), True, f"unknown key '{shown(key)}'{_what(schema)}{hint}"
    elif keyword == "propertyNames":
        name = error.instance
        parent = pointer
        yield (
            (*parent, name),
            True,
            f"key '{shown(name)}' is not a valid id: use lower-case letters, digits and single hyphens",
        )
    elif keyword == "type":
        yield pointer, False, _type_message(value, instance, doc.plain.get(pointer))
    elif keyword in ("enum", "const"):
        yield pointer, False, _choice_message(keyword, value, instance, schema)
    elif keyword == "pattern":
        yield pointer, False, _pattern_message(instance, schema)
    elif keyword == "format":
        yield pointer, False, f"'{_quoted(instance)}' is not a valid calendar date"
    elif keyword == "minItems":
        yield pointer, False, f"needs at least {value} {'entry' if value == 1 else 'entries'}{_what(schema)}"
    elif keyword == "uniqueItems":
        yield pointer, False, f"lists {_first_repeat(instance)} more than once"
    elif keyword in ("minimum", "maximum"):
        side = "below the minimum" if keyword == "minimum" else "above the maximum"
        yield pointer, False, f"{instance} is {side} of {value}"
    elif keyword == "maxLength":
        yield pointer, False, f"text is longer than {value} characters"
    else:
        yield pointer, False, _fallback(error)


def _quoted(instance: Any) -> str:
    """A value as a message quotes it: its text, cut short (a message never repeats a whole file)."""
    return shown(str(instance))


def _fallback(error: Any) -> str:
    """jsonschema's own message, with the value it quotes in full cut short."""
    quoted = repr(error.instance)
    return error.message.replace(quoted, shown(quoted)) if len(quoted) > len(shown(quoted)) else error.message


def _first_repeat(values: list[Any]) -> str:
    """The first value of a list that occurs again, described."""
    seen: set[str] = set()
    for value in values:
        key = json.dumps(value, sort_keys=True)
        if key in seen:
            return describe(value)
        seen.add(key)
    return "an entry"


def _explain_alternatives(error: Any, doc: Document, pointer: Pointer) -> Iterator[tuple[Pointer, bool, str]]:
    from jsonschema.exceptions import best_match

    context = list(error.context or ())
    if context and all(sub.validator == "required" for sub in context):
        names = [sub.message.split("'")[1] for sub in context]
        yield pointer, False, "needs " + " or ".join(f"'{n}'" for n in names)
        return
    best = best_match(context) if context else None
    if best is None:
        yield pointer, False, error.message
        return
    yield from _explain(best, doc)


def _type_message(expected: Any, instance: Any, raw: str | None) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_JSON_TYPES.get(n, n) for n in names)
    if raw is not None and "string" in names:
        return f'expected text, but {shown(raw)} was read as {describe(instance)}; quote it ("{shown(raw)}")'
    return f"expected {wanted}, got {describe(instance)}"


def _choice_message(keyword: str, value: Any, instance: Any, schema: dict[str, Any]) -> str:
    if keyword == "const":
        if schema.get("title") == "Binding":
            return "options are never binding: remove 'binding: true' and put the commitment in a term"
        return f"must be {describe(value)}"
    choices = [str(c) for c in value]
    hint = did_you_mean(str(instance), choices) if isinstance(instance, str) else ""
    return f"{describe(instance)} is not one of: {', '.join(choices)}{hint}"


def _pattern_message(instance: Any, schema: dict[str, Any]) -> str:
    title = schema.get("title")
    if title == "Id" or schema.get("pattern", "").startswith("^[a-z0-9]+(-"):
        return (
            f"'{_quoted(instance)}' is not a valid id: use lower-case letters, digits and single hyphens, "
            "e.g. 'water-agency'"
        )
    if title == "Date" or "[0-9]{4}-" in schema.get("pattern", ""):
        return f"'{_quoted(instance)}' is not a date in the form YYYY-MM-DD"
    if title == "Duration" or "business" in schema.get("pattern", ""):
        return (
            f"'{_quoted(instance)}' is not a time span such as '30 days', '10 business days', '6 weeks' or '3 months'"
        )
    if schema.get("pattern") == "\\S":
        return "must not be blank"
    return f"'{_quoted(instance)}' does not have the expected form{_what(schema)}"
