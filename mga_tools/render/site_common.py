"""Helpers shared by the site page sections: values as text, anchors and cross-references by name.

Every value of the agreement reaches the page through :func:`text` or
:func:`cell` (or :func:`ref`/:func:`refs` for ids), which show a fact
recorded as not known as ``Not recorded (...): REASON``, its sources by title.
Items are named, never shown by their id: an id appears only as a small
reference (:func:`mga_tools.markdown.ident`) next to the item's name in its
own heading or title cell.
"""

from __future__ import annotations

import re
from functools import cache

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.model.facts import is_gap
from mga_tools.render import wording

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# The anchor prefix of each collection: ``#term-ID``, ``#interest-ID``, ...
_KINDS: tuple[tuple[str, str], ...] = (
    ("parties", "party"),
    ("groups", "group"),
    ("approvers", "approver"),
    ("non_parties", "non-party"),
    ("issues", "issue"),
    ("packages", "package"),
    ("criteria", "criterion"),
    ("allocations", "allocation"),
    ("terms", "term"),
    ("bodies", "body"),
    ("mechanisms", "mechanism"),
    ("protocols", "protocol"),
    ("metrics", "metric"),
    ("scenarios", "scenario"),
    ("amendments", "amendment"),
    ("decisions", "decision"),
    ("sources", "source"),
)
# A web address shown as a link: http(s) only, and nothing that could leave the attribute.
_URL = re.compile(r"https?://[^\s<>\"'`]+")


@cache
def kinds(agreement: Agreement) -> dict[str, str]:
    """id -> anchor prefix, for every item of the agreement that has an anchor on its page."""
    found: dict[str, str] = {}
    for attribute, kind in _KINDS:
        for item in getattr(agreement, attribute):
            found.setdefault(str(item["id"]), kind)
    for issue in agreement.issues:
        for option in issue.get("options", []):
            found.setdefault(str(option["id"]), "option")
    for _, interest in agreement.interests:
        found.setdefault(str(interest["id"]), "interest")
    return found


def text(agreement: Agreement, value: Any) -> str:
    """A value as escaped text; a gap as ``Not recorded (...): REASON`` naming its sources by title."""
    return md.text(agreement.shown(value))


def cell(agreement: Agreement, value: Any) -> str:
    """A table cell: escaped text (a gap as not recorded), or an em dash when empty."""
    return md.cell(agreement.shown(value) if is_gap(value) else value)


def date(agreement: Agreement, value: Any) -> str:
    """A date as a cell: a full date as written, a rougher one in words, a gap as not recorded, or a dash."""
    return md.cell(agreement.date(value)) if value not in (None, "") else "—"


def url(value: Any) -> str:
    """A web address as a link that shows the address itself (nothing is fetched); other text as text."""
    address = str(value).strip()
    if not _URL.fullmatch(address):
        return md.text(address)
    return f'<a href="{md.html(address)}">{md.text(address)}</a>'


def ref(agreement: Agreement, ident: Any) -> str:
    """A link to the item ``ident`` on the page, labelled with its name; plain text if unknown; a gap as such."""
    if is_gap(ident):
        return text(agreement, ident)
    kind = kinds(agreement).get(str(ident))
    if kind is None:
        return md.text(ident)
    return md.link(wording.named(agreement, ident), kind, ident)


def refs(agreement: Agreement, idents: Any) -> str:
    """Links to several items, comma-separated, or an em dash; a gap as not recorded."""
    if is_gap(idents):
        return text(agreement, idents)
    if not isinstance(idents, list) or not idents:
        return "—"
    return ", ".join(ref(agreement, i) for i in idents)


def title_cell(agreement: Agreement, item: dict[str, Any], kind: str, *, bold: bool = True) -> str:
    """The first cell of an item's row: its anchor, its name (in bold) and its id as a small reference."""
    shown = md.text(wording.named(agreement, item["id"]))
    return f"{md.target(kind, item['id'])}{f'**{shown}**' if bold else shown} {md.ident(item['id'])}"


def heading(agreement: Agreement, level: int, item: dict[str, Any], kind: str) -> str:
    """An item's heading: its name, its id as a small reference, and its anchor."""
    return md.heading(level, wording.named(agreement, item["id"]), kind, item["id"])


# How many names a list shows before "and N more".
NAMES_SHOWN = 8


def first_names(shown: list[str], total: int) -> str:
    """``shown`` (already Markdown: the first :data:`NAMES_SHOWN` names) joined, then ``and N more`` of ``total``."""
    listed = ", ".join(shown[:NAMES_SHOWN])
    more = total - min(len(shown), NAMES_SHOWN)
    return f"{listed} and {more:,} more" if more > 0 else listed


def fold(summary: str, body: str) -> str:
    """A folded block: ``summary`` (plain text, escaped here) always shown, ``body`` (Markdown) on demand.

    Needs the ``md_in_html`` extension; a heading stays outside, so the table of contents lists it.
    """
    if not body:
        return ""
    return f'<details class="mga-fold" markdown="1">\n<summary>{md.html(summary)}</summary>\n\n{body}\n\n</details>'


# Sections of fewer items than this are short enough to show unfolded.
FOLD_AT = 6


def folded(number: int, singular: str, plural: str | None, body: str) -> str:
    """``body`` folded under a count of what it holds (``12 parties``) when it holds many items, else as it is."""
    return fold(count(number, singular, plural), body) if number >= FOLD_AT else body


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``1 party``, ``12 parties``."""
    return f"{number:,} {singular if number == 1 else (plural or singular + 's')}"


def field(label: str, value: str) -> str:
    """A labelled line (``**Label:** value``); ``value`` is already Markdown."""
    return f"**{label}:** {value}"


def items(values: Any) -> str:
    """A bullet list of escaped texts (nothing for an empty list; a gap as one line)."""
    if is_gap(values):
        return f"- {md.text(values)}"
    if not isinstance(values, list) or not values:
        return ""
    return "\n".join(f"- {md.text(v)}" for v in values)


def join(blocks: list[str]) -> str:
    """Blocks separated by blank lines, empty blocks dropped."""
    return "\n\n".join(b for b in blocks if b)


def table(headers: list[str], rows: list[list[str]], optional: tuple[str, ...] = ()) -> str:
    """A Markdown table (cells already escaped) without those ``optional`` columns that are empty in every row."""
    keep = [i for i, h in enumerate(headers) if h not in optional or any(row[i] != "—" for row in rows)]
    return md.table([headers[i] for i in keep], [[row[i] for i in keep] for row in rows])
