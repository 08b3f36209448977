"""Escaping: every value from an agreement becomes literal text in generated Markdown.

This is the one module that turns agreement data into Markdown fragments.
Values from YAML are text, never markup: HTML-significant characters become
entities, Markdown punctuation is backslash-escaped (or written as an entity
where Python-Markdown has no backslash escape for it), and white space is
collapsed so that no value can open a block (heading, list, code block,
table row, front matter). A fact recorded as not known (a gap,
:mod:`mga_tools.model.facts`) reads ``Not recorded (...): REASON`` wherever a
value would be, never as the mapping it is written as. YAML front matter has its own
helper because its syntax differs.
"""

from __future__ import annotations

import json
import re

from mga_tools.model.facts import gap_text, is_gap

# Python-Markdown's own backslash escapes (``markdown.Markdown.ESCAPED_CHARS``).
_BACKSLASH = frozenset("\\`*_{}[]()#+-.!")
# Characters without a backslash escape in Python-Markdown, or HTML-significant:
# written as entities. ``|`` (tables), ``:`` (emoji, definition lists), ``~``,
# ``^``, ``=`` (other extensions), ``$`` (maths), ``@`` (mentions), ``'`` (quotes).
_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "|": "&#124;",
    ":": "&#58;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "$": "&#36;",
    "@": "&#64;",
    "%": "&#37;",
}
_WHITESPACE = re.compile(r"\s+")
# One translation table (applied in C, which matters for pages of thousands of values).
_TEXT = str.maketrans({**{c: "\\" + c for c in _BACKSLASH}, **_ENTITIES})


def plain(value: object) -> str:
    """``value`` as one line of plain text (not yet escaped): a gap as ``Not recorded (...): REASON``."""
    shown = gap_text(value) if isinstance(value, dict) and is_gap(value) else str(value)
    return _WHITESPACE.sub(" ", shown).strip()


def text(value: object) -> str:
    """``value`` as literal inline Markdown text, safe anywhere: paragraphs, table cells, list items."""
    return plain(value).translate(_TEXT)


def html(value: object) -> str:
    """``value`` HTML-escaped (``& < > " '``), for places that take HTML but not Markdown (titles, tags)."""
    return "".join(_ENTITIES[c] if c in "&<>\"'" else c for c in plain(value))


_ANCHOR_SAFE = re.compile(r"[^a-z0-9-]")


def anchor(kind: str, ident: object) -> str:
    """A stable anchor id such as ``term-ID``; ids are already ``[a-z0-9-]`` but are filtered anyway."""
    return f"{kind}-{_ANCHOR_SAFE.sub('-', str(ident).lower())}"


def link(label: object, kind: str, ident: object) -> str:
    """A link to an anchor on the same page, with an escaped label.

    Written as an inline HTML ``<a>`` rather than ``[label](#anchor)``: Python-Markdown
    parses Markdown links in time quadratic in the length of the line, so a line of
    thousands of them (every party of a large agreement) would take minutes.
    """
    return f'<a href="#{anchor(kind, ident)}">{text(label)}</a>'


def ident(value: object) -> str:
    """An item's id as the small reference shown next to its name (``<code class="mga-id">``)."""
    return f'<code class="mga-id">{html(value)}</code>'


# Braces would end an attribute list early: written as entities inside its quoted value.
_ATTRIBUTE = str.maketrans({"{": "&#123;", "}": "&#125;"})


def heading(level: int, label: object, kind: str, item: object, *, show_id: bool = True) -> str:
    """A heading with an explicit stable anchor (needs the ``attr_list`` extension).

    With ``show_id``, the item's id follows its name as a small reference; the
    table of contents reads the name alone (``data-toc-label``, from the ``toc`` extension).
    """
    if not show_id:
        return f"{'#' * level} {text(label)} {{ #{anchor(kind, item)} }}"
    toc = html(label).translate(_ATTRIBUTE)
    return f'{"#" * level} {text(label)} {ident(item)} {{ #{anchor(kind, item)} data-toc-label="{toc}" }}'


def target(kind: str, ident: object) -> str:
    """An empty HTML element carrying a stable anchor, for items that are not headings."""
    return f'<span id="{anchor(kind, ident)}"></span>'


def cell(value: object) -> str:
    """A table cell: escaped text, or an em dash when empty."""
    escaped = text(value) if value not in (None, "") else ""
    return escaped or "—"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; ``headers`` and ``rows`` hold already-escaped cells."""
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def front_matter(fields: dict[str, object]) -> str:
    """YAML front matter; every value is written as JSON (a subset of YAML), so it stays data."""
    lines = ["---"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    lines.append("---")
    return "\n".join(lines) + "\n"
