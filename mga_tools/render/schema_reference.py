"""The schema reference page, generated from ``schema/agreement.schema.json``.

One section per kind of mapping (the agreement itself, each phase, each
``$defs`` entry), each with a table of its keys: type, whether it is
required, and the title and description that editors also show. Value types
(ids, dates, durations, enumerations) are listed once at the end.
"""

from __future__ import annotations

from mga_tools import markdown as md

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Schema = dict[str, "Any"]


def _prose(value: object) -> str:
    """Schema prose: literal text, except that `code spans` stay code."""
    parts = str(value).split("`")
    return "".join(f"<code>{md.html(p)}</code>" if i % 2 else _spaced(p) for i, p in enumerate(parts))


def _spaced(part: str) -> str:
    """Escaped text that keeps a space at either end (it separates it from a code span)."""
    lead = " " if part[:1].isspace() else ""
    trail = " " if part[-1:].isspace() and part.strip() else ""
    return lead + md.text(part) + trail


def _anchor(name: str) -> str:
    return "key-" + "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


class _Page:
    def __init__(self, root: Schema) -> None:
        self.root = root
        self.defs: Schema = root.get("$defs", {})
        self.sections: list[tuple[str, Schema]] = []  # (name, object schema), in order of discovery
        self.named: dict[int, str] = {}

    def section_for(self, name: str, schema: Schema) -> str:
        """The anchor of the section describing ``schema`` (created on first use)."""
        if id(schema) not in self.named:
            self.named[id(schema)] = name
            self.sections.append((name, schema))
        return _anchor(self.named[id(schema)])

    def type_of(self, schema: Schema, name: str) -> str:
        """A short, linked description of a value's type."""
        if "$ref" in schema:
            target_name = schema["$ref"].rsplit("/", 1)[-1]
            target = self.defs[target_name]
            if target.get("type") == "object":
                return f"[{md.text(target.get('title', target_name))}](#{self.section_for(target_name, target)})"
            return f"[{md.text(target.get('title', target_name))}](#value-{target_name.lower()})"
        if "enum" in schema:
            return "one of " + ", ".join(f"<code>{md.html(v)}</code>" for v in schema["enum"])
        choices = schema.get("anyOf") or schema.get("oneOf")
        if isinstance(choices, list) and choices and "type" not in schema and "properties" not in schema:
            # A value or its alternative, such as a fact recorded as not known (a gap) in place of the value.
            return " or ".join(self.type_of(choice, name) for choice in choices)
        if "const" in schema:
            return f"always <code>{md.html(str(schema['const']).lower())}</code>"
        kind = schema.get("type")
        if kind == "array":
            return "list of " + self.type_of(schema.get("items", {}), f"{name}[]")
        if kind == "object":
            if "properties" in schema:
                return f"[mapping](#{self.section_for(name, schema)})"
            values = schema.get("additionalProperties")
            if isinstance(values, dict):
                return "mapping of id to " + self.type_of(values, f"{name}.*")
            return "mapping"
        names = {"string": "text", "number": "number", "integer": "whole number", "boolean": "true or false"}
        return names.get(str(kind), "value")

    def table(self, schema: Schema, name: str) -> str:
        required = set(schema.get("required", []))
        rows = ["| Key | Type | Required | Description |", "| --- | --- | --- | --- |"]
        for key, sub in schema.get("properties", {}).items():
            ref = self.defs.get(sub["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in sub else {}
            title = sub.get("title") or ref.get("title") or key
            description = sub.get("description") or ref.get("description") or ""
            child = f"{name}.{key}" if name != "agreement" else key
            rows.append(
                f"| <code>{md.html(key)}</code> | {self.type_of(sub, child)} | {'yes' if key in required else ''} "
                f"| **{md.text(title)}.** {_prose(description)} |"
            )
        return "\n".join(rows)


def _value_types(defs: Schema) -> str:
    rows = ["| Value type | Form | Description |", "| --- | --- | --- |"]
    for name, schema in defs.items():
        if schema.get("type") == "object":
            continue
        if "enum" in schema:
            form = ", ".join(f"<code>{md.html(v)}</code>" for v in schema["enum"])
        elif "pattern" in schema:
            form = f"text matching <code>{md.html(schema['pattern'])}</code>"
        elif schema.get("type") == "array":
            form = "list of ids"
        else:
            form = "text"
        anchor = f"value-{name.lower()}"
        rows.append(
            f'| <span id="{anchor}"></span>{md.text(schema.get("title", name))} | {form} '
            f"| {_prose(schema.get('description', ''))} |"
        )
    return "\n".join(rows)


def schema_page(schema: Schema, scores: Schema | None = None) -> str:
    """The Markdown of the schema reference page (with the score file's keys when ``scores`` is given).

    ``scores`` must share the agreement schema's definitions, as
    :func:`mga_tools.resources.scores_schema` does.
    """
    page = _Page(schema)
    page.section_for("agreement", schema)
    parts = [
        "# Schema reference",
        "Generated from <code>schema/agreement.schema.json</code> at build time: every key an agreement file "
        "may hold, its type, whether it is required, and what it means. Editors that understand JSON Schema "
        "show the same titles and descriptions while you type."
        + (
            " The keys of a score file (<code>schema/scores.schema.json</code>) follow the agreement's."
            if scores
            else ""
        ),
    ]
    done = 0
    pending = scores
    while done < len(page.sections) or pending is not None:
        if done == len(page.sections) and pending is not None:
            page.section_for("score-file", pending)  # after every section of the agreement
            pending = None
        name, section = page.sections[done]
        titles = {"agreement": "Agreement (the top level)", "score-file": "Score file (ID.scores.yaml, the top level)"}
        title = titles.get(name) or section.get("title") or name
        heading = f"## {md.text(title)} {{ #{_anchor(name)} }}"
        body = page.table(section, name)
        description = section.get("description")
        parts.extend([heading, _prose(description)] if description else [heading])
        parts.append(body)
        done += 1
    parts.extend(["## Value types { #value-types }", _value_types(schema.get("$defs", {}))])
    return "\n\n".join(parts) + "\n"
