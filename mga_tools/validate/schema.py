"""JSON Schema validation, each error mapped to the node it is about.

jsonschema's own messages speak of JSON; these speak of what the author
wrote in YAML and say how to fix it.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.load import Document, Pointer
from mga_tools.load.limits import MAX_REPORTS, shown
from mga_tools.model import dates
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

        formats = FormatChecker(formats=("date",))
        formats.checks("edtf")(_is_edtf)
        compiled: Any = Draft202012Validator(schema, format_checker=formats)
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
    said: set[tuple[Pointer, str]] = set()
    for error in validator.iter_errors(doc.data):
        for pointer, at_key, message in _explain(error, doc):
            if (pointer, message) in said:
                continue  # a list of ids is explained once at the list, not once per id
            said.add((pointer, message))
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
    listed = _ids_for_mappings(error, doc)
    if listed is not None:
        yield listed
    elif keyword in ("anyOf", "oneOf"):
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
        yield from _format_message(pointer, value, instance, schema)
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


def _is_edtf(instance: object) -> bool:
    """The format ``edtf``: an EDTF level 1 date, as :mod:`mga_tools.model.dates` reads them."""
    return not isinstance(instance, str) or dates.is_date(instance)


# What a `when` may look like, shown when a text is in none of its forms.
EDTF_FORMS = (
    "write 2020, 2020-05 or 2020-05-03, optionally followed by ? (uncertain), ~ (approximate) or % (both), "
    "199X for an unspecified digit, or an interval such as 1987-09-16/1989 or 2001/.."
)


def _format_message(
    pointer: Pointer, value: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[tuple[Pointer, bool, str]]:
    if value == "edtf":
        wrong = dates.problem(instance)
        if wrong == f"{instance} is not a calendar date":
            yield pointer, False, f"'{_quoted(instance)}' is not a valid calendar date"
        elif wrong == dates.UNKNOWN_FORM:
            yield pointer, False, f"'{_quoted(instance)}' is not a date in EDTF (level 1): {EDTF_FORMS}"
        else:
            yield pointer, False, f"'{_quoted(instance)}' is not a date: {wrong}"
        return
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and isinstance(instance, str) and re.search(pattern, instance) is None:
        return  # not even of the form YYYY-MM-DD: the pattern's message says so, once
    yield pointer, False, f"'{_quoted(instance)}' is not a valid calendar date"


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

    if error.validator == "oneOf" and not error.context and isinstance(error.instance, dict):
        # Several alternatives hold: keys that exclude each other are both given.
        keys = [
            k
            for c in error.validator_value
            if isinstance(c, dict)
            for k in c.get("required", ())
            if k in error.instance
        ]
        if len(keys) > 1:
            yield pointer, False, " and ".join(f"'{k}'" for k in keys) + " exclude each other: give one of them"
            return
    context = _meant(error, list(error.context or ()))
    for sub in context:
        listed = _ids_for_mappings(sub, doc)
        if listed is not None:
            yield listed  # the list's own alternative (a gap, say) is not what its author meant
            return
    if len(context) == 1 and context[0].validator in ("anyOf", "oneOf"):
        yield from _explain(context[0], doc)  # the alternatives within are weighed on their own
        return
    if context and all(sub.validator == "required" for sub in context):
        names = [sub.message.split("'")[1] for sub in context]
        yield pointer, False, "needs " + " or ".join(f"'{n}'" for n in names)
        return
    # A date's text that is no date, where a gap's mapping is the other choice: what is wrong is the date.
    formats = [sub for sub in context if sub.validator == "format"]
    best = formats[0] if formats else best_match(context) if context else None
    if best is None:
        yield pointer, False, error.message
        return
    yield from _explain(best, doc)


def _meant(error: Any, context: list[Any]) -> list[Any]:
    """The errors of the alternative the author meant, so that the message is about what they wrote.

    An alternative that fixes a key to the value written (``gap: conflicting``) is the one meant. A value that
    may be a gap is meant as a gap only when it declares one (``gap:``): a mistyped value is no failed gap,
    and a gap with a mistake is no failed value.
    """
    choices = error.validator_value if isinstance(error.validator_value, list) else []
    meant: set[int] = set()
    if isinstance(error.instance, dict):
        for i, choice in enumerate(choices):
            fixed = choice.get("properties", {}) if isinstance(choice, dict) else {}
            if any(error.instance.get(key) in _allowed(rule) for key, rule in fixed.items() if key in error.instance):
                meant.add(i)
    gaps = {i for i, choice in enumerate(choices) if isinstance(choice, dict) and choice.get("$ref") == "#/$defs/gap"}
    declared = isinstance(error.instance, dict) and "gap" in error.instance
    if not meant and gaps:
        meant = gaps if declared else set(range(len(choices))) - gaps
    if not meant:
        return context
    kept = [sub for sub in context if sub.relative_schema_path and sub.relative_schema_path[0] in meant]
    if declared:
        # A gap's kind and keys come first; only a well-formed one is told that a conflicting gap lists values.
        kept = [sub for sub in kept if sub.validator not in ("anyOf", "oneOf")] or kept
    return kept or context


def _allowed(rule: Any) -> list[Any]:
    """The values a property's rule fixes it to (its ``const`` or ``enum``), or none."""
    if not isinstance(rule, dict):
        return []
    if "const" in rule:
        return [rule["const"]]
    return list(rule["enum"]) if isinstance(rule.get("enum"), list) else []


def _ids_for_mappings(error: Any, doc: Document) -> tuple[Pointer, bool, str] | None:
    """One explanation, at the list, for ids written where mappings naming a party are expected; else None.

    ``agreed_by: [a, b]`` reads naturally but each entry must say who and when: the message shows the entry's
    form, with the keys its schema requires (and its ``date``), instead of one error per id.
    """
    schema = error.schema
    path = tuple(error.absolute_path)
    if (
        error.validator != "type"
        or not isinstance(error.instance, str)
        or not path
        or not isinstance(path[-1], int)
        or not isinstance(schema, dict)
        or schema.get("type") != "object"
        or "party" not in (schema.get("required") or ())
    ):
        return None
    keys = [k for k in schema["required"] if isinstance(k, str)]
    if "date" in (schema.get("properties") or {}) and "date" not in keys:
        keys.append("date")
    listed: Any = doc.data
    for step in path[:-1]:
        listed = listed[step] if isinstance(listed, (dict, list)) else None
    # The example names the list's first id, so that every id of the list gives the same message (said once).
    ids = [value for value in listed if isinstance(value, str)] if isinstance(listed, list) else []
    first = ids[0] if ids else error.instance
    example = {"party": shown(first), "date": "2025-03-01"}
    entry = ", ".join(f"{key}: {example.get(key, '...')}" for key in keys)
    parts = [f"the {key}" for key in keys]
    wanted = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    name = next((str(step) for step in reversed(path[:-1]) if isinstance(step, str)), "the list")
    return path[:-1], False, f'{name} lists ids, but each entry is a mapping with {wanted}: write "- {{{entry}}}"'


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
        reduced = dates.precision(instance)
        if reduced in ("year", "month"):
            return f"'{_quoted(instance)}' is a {reduced}, not a full date: write YYYY-MM-DD"
        return f"'{_quoted(instance)}' is not a date in the form YYYY-MM-DD"
    if title == "Duration" or "business" in schema.get("pattern", ""):
        return (
            f"'{_quoted(instance)}' is not a time span such as '30 days', '10 business days', '6 weeks' or '3 months'"
        )
    if schema.get("pattern") == "\\S":
        return "must not be blank"
    return f"'{_quoted(instance)}' does not have the expected form{_what(schema)}"
