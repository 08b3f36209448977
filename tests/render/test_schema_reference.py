"""The schema reference page covers every key of the schema, and its links land."""

from __future__ import annotations

import re

from mga_tools import markdown as md
from mga_tools.render.schema_reference import schema_page
from mga_tools.resources import agreement_schema


def _keys(schema: object) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        found.update(schema.get("properties", {}))
        for value in schema.values():
            found |= _keys(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _keys(value)
    return found


def test_every_key_of_the_schema_is_described():
    page = schema_page(agreement_schema())
    listed = set(re.findall(r"^\| <code>([a-z_]+)</code> \|", page, re.MULTILINE))
    assert _keys(agreement_schema()) - listed == set()


def test_every_link_lands_on_an_anchor_of_the_page():
    page = schema_page(agreement_schema())
    anchors = set(re.findall(r"\{ #([a-z0-9-]+) \}", page)) | set(re.findall(r'<span id="([a-z0-9-]+)">', page))
    links = set(re.findall(r"\]\(#([a-z0-9-]+)\)", page))
    assert links
    assert links - anchors == set()


def test_every_definition_has_a_section_or_a_value_row():
    page = schema_page(agreement_schema())
    for name, definition in agreement_schema()["$defs"].items():
        assert md.text(definition.get("title", name)) in page, name
