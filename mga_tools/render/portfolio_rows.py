"""The rows of the portfolio table: one ``<tr>`` of raw HTML per agreement.

The table is raw HTML, not a Markdown table: Python-Markdown leaves a raw
HTML block alone, so a portfolio of thousands of agreements costs no inline
parsing, and each row can carry what the page's script filters and sorts on
(``data-status``, ``data-parties``, ``data-tags``, a ``data-sort`` value per
cell). Every value that comes from an agreement goes through
:func:`mga_tools.markdown.html`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.model.deadlines import next_deadline, open_amendments
from mga_tools.model.facts import is_gap
from mga_tools.render import wording
from mga_tools.render.labels import ENUMS
from mga_tools.render.site import PAGE_DIR

if TYPE_CHECKING:
    from mga_tools.render.site_records import PageRecords

__all__ = ["COLUMNS", "Column", "agreement_tags", "row", "status_rank"]

# Between the names in a row's list of parties: a newline, which cannot be in a name (white space is
# collapsed), written as a character reference so that each row stays one line of the page.
SEPARATOR = "&#10;"
# How many active parties a row names before "and N more" (all of them when there is one more only).
LEAD = 2
# How many names the parties cell's tooltip lists (the row's data-parties holds all, for the filter).
TOOLTIP = 12
# A deadline's description is cut to about this many characters; the full text is the cell's tooltip.
WHAT_LENGTH = 60
NONE = '<span class="mga-none">—</span>'
_STATUSES = list(ENUMS["agreementStatus"])
# The sortable start of a date as written: 2024, 2024-05 or 2024-05-01 (EDTF qualifiers dropped).
_SORTABLE_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class Column(NamedTuple):
    """A column of the table: its heading, and how the page's script compares its ``data-sort`` values."""

    label: str
    kind: str  # "text" or "number"; ISO dates compare as text


COLUMNS = (
    Column("Agreement", "text"),
    Column("Status", "number"),  # in the order of an agreement's life: draft first, expired last
    Column("Parties", "number"),
    Column("Effective – Expires", "text"),
    Column("Next deadline", "text"),
    Column("Open amendments", "number"),
    Column("Last change", "text"),
)


def status_rank(status: str) -> int:
    """Where ``status`` comes in an agreement's life (unknown statuses last)."""
    return _STATUSES.index(status) if status in _STATUSES else len(_STATUSES)


def agreement_tags(a: Agreement) -> list[str]:
    """The agreement's own ``tags`` (short keywords), as plain text, in the order written."""
    found = a.data.get("tags")
    if not isinstance(found, list):
        return []
    return [t for t in (md.plain(x) for x in found if isinstance(x, str | int | float)) if t]


def _cell(column: Column, content: str, sort: object = None) -> str:
    key = "" if sort is None else f' data-sort="{md.html(sort)}"'
    return f'<td data-label="{column.label}"{key}>{content}</td>'


def _title(a: Agreement) -> str:
    ident = md.html(a.id)
    link = f'<a href="{PAGE_DIR}/{ident}.html">{md.html(a.title)}</a>'
    return _cell(COLUMNS[0], f'{link} <code class="mga-id">{ident}</code>', a.title)


def _parties(a: Agreement) -> str:
    active = [p for p in a.parties if wording.active(p)]
    former = len(a.parties) - len(active)
    names = [a.name(str(p["id"])) for p in active]
    shown = names if len(names) <= LEAD + 1 else names[:LEAD]
    listed = ", ".join(md.html(n) for n in shown)
    if len(names) > len(shown):
        listed += f" and {len(names) - len(shown)} more"
    count = f"<strong>{len(active)}</strong>"
    if former:
        count += f' <span class="mga-none">(+{former} former)</span>'
    content = f"{count}{' · ' + listed if listed else ''}"
    everyone = [a.name(str(p["id"])) for p in a.parties]
    full = "; ".join(everyone[:TOOLTIP])  # a tooltip of thousands of names helps no one
    if len(everyone) > TOOLTIP:
        full += f"; and {len(everyone) - TOOLTIP} more"
    return _cell(COLUMNS[2], f'<span class="mga-clamp" title="{md.html(full)}">{content}</span>', len(active))


def _date(a: Agreement, value: Any) -> tuple[str, str]:
    """(shown, sort key) of a date: as written, a gap as "not recorded", nothing as a dash."""
    if value in (None, ""):
        return NONE, ""
    if is_gap(value):
        return '<span class="mga-none">not recorded</span>', ""
    found = _SORTABLE_DATE.match(str(value))
    return f'<span class="mga-date">{md.html(a.date(value))}</span>', found.group() if found else ""


def _period(a: Agreement) -> str:
    effective, key = _date(a, a.data.get("effective"))
    expires, _ = _date(a, a.data.get("expires"))
    if effective == expires == NONE:
        shown = NONE
    elif expires == NONE:
        shown = f"from {effective}"
    elif effective == NONE:
        shown = f"until {expires}"
    else:
        shown = f"{effective} – {expires}"
    return _cell(COLUMNS[3], shown, key)


def _short(what: str) -> str:
    if len(what) <= WHAT_LENGTH:
        return what
    return what[:WHAT_LENGTH].rsplit(" ", 1)[0] + "…"


def _deadline(a: Agreement, today: datetime.date) -> str:
    found = next_deadline(a, today)
    if found is None:
        return _cell(COLUMNS[4], NONE, "")
    day = found.date.isoformat()
    what = md.plain(found.what)
    content = (
        f'<time datetime="{day}">{day}</time> '
        f'<span class="mga-what mga-clamp" title="{md.html(what)}">{md.html(_short(what))}</span>'
    )
    return _cell(COLUMNS[4], content, day)


def _amendments(a: Agreement, today: datetime.date) -> str:
    count = len(open_amendments(a, today))
    return _cell(COLUMNS[5], str(count) if count else '<span class="mga-none">none</span>', count)


def _last_change(records: PageRecords | None) -> str:
    history = records.history if records is not None else None
    if history is None or not history.entries:
        return _cell(COLUMNS[6], NONE, "")
    day = md.html(history.entries[0].date[:10])
    return _cell(COLUMNS[6], f'<time datetime="{day}">{day}</time>', day)


def row(a: Agreement, today: datetime.date, records: Mapping[str, PageRecords]) -> str:
    """One agreement's row, on one line, with the values the page's script filters on."""
    names = (md.html(a.name(str(p["id"]))).lower() for p in a.parties)
    parties = SEPARATOR.join(n for n in names if n)
    tags = SEPARATOR.join(md.html(t) for t in agreement_tags(a))
    cells = [
        _title(a),
        _cell(COLUMNS[1], md.html(wording.status_words(a.status)), status_rank(a.status)),
        _parties(a),
        _period(a),
        _deadline(a, today),
        _amendments(a, today),
        _last_change(records.get(a.id)),
    ]
    attributes = f'data-status="{md.html(a.status)}" data-parties="{parties}" data-tags="{tags}"'
    return f"<tr {attributes}>{''.join(cells)}</tr>"
