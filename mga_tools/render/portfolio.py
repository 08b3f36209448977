"""The portfolio: the home page of the site, one table row per agreement.

The page is a title, one sentence, and one raw HTML block: the filter
controls (status, party, tag), a live count, and the table. The controls
carry ``hidden`` until the page's script (``portfolio.js``, shipped with the
site) shows them, so that without scripts the page is a plain table. The
page hides the theme's navigation and contents sidebars to give the table
the whole width of the window; ``portfolio.css`` turns each row into a card
on a narrow screen.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.render import wording
from mga_tools.render.portfolio_rows import COLUMNS, agreement_tags, row, status_rank
from mga_tools.render.site_common import join

if TYPE_CHECKING:
    from mga_tools.render.site_records import PageRecords

__all__ = ["portfolio_page"]


def _option(value: str, label: str) -> str:
    return f'<option value="{md.html(value)}">{md.html(label)}</option>'


def _filters(agreements: Sequence[Agreement]) -> str:
    """The filter controls and the live count, hidden until the script runs."""
    statuses = sorted({a.status for a in agreements}, key=lambda s: (status_rank(s), s))
    options = "".join(_option(s, wording.status_words(s)) for s in statuses)
    controls = [
        '<label for="mga-filter-status">Status</label>'
        f'<select id="mga-filter-status"><option value="">All statuses</option>{options}</select>',
        '<label for="mga-filter-party">Party</label>'
        '<input id="mga-filter-party" type="search" placeholder="Any party" autocomplete="off">',
    ]
    tags = sorted({t for a in agreements for t in agreement_tags(a)}, key=str.casefold)
    if tags:  # no control that can only say "all"
        options = "".join(_option(t, t) for t in tags)
        controls.append(
            '<label for="mga-filter-tag">Tag</label>'
            f'<select id="mga-filter-tag"><option value="">All tags</option>{options}</select>'
        )
    fields = "".join(f'<div class="mga-filter">{c}</div>' for c in controls)
    count = f'<p class="mga-portfolio-count" aria-live="polite">{len(agreements)} of {len(agreements)} agreements</p>'
    return f'<div class="mga-portfolio-filters" hidden>{fields}{count}</div>'


def _header() -> str:
    cells = []
    for i, column in enumerate(COLUMNS):
        order = "ascending" if i == 0 else "none"  # the rows come sorted by title
        cells.append(
            f'<th scope="col" aria-sort="{order}" data-type="{column.kind}">'
            f'<button type="button">{column.label}</button></th>'
        )
    return f"<thead><tr>{''.join(cells)}</tr></thead>"


def portfolio_page(
    agreements: Sequence[Agreement],
    *,
    records: Mapping[str, PageRecords] | None = None,
    today: datetime.date | None = None,
    editor: bool = False,
    guide: str | None = None,
) -> str:
    """The home page: every agreement with its status, parties, dates, next deadline and last change.

    ``records`` (by agreement id) give the date of each agreement's last change in git; ``today``
    (the day of the build, by default) decides which deadline is next and which amendments are
    still open. ``editor`` is the audience switch every page takes: the portfolio holds no
    validator finding, so both audiences see the same page. ``guide`` is the path of a handwritten
    guide page to link, if the site has one: a strict build refuses a link to a page that is not there.
    """
    del editor  # the same page for readers and editors
    today = today or datetime.date.today()
    records = records or {}
    count = len(agreements)
    intro = f"{count} agreement{'' if count == 1 else 's'}: sort by a column's heading, filter by status, party or tag."
    if not agreements:
        intro = "No agreement yet."
    if guide is not None:
        intro += f" See the [guide]({guide}) for how agreements are written and validated."
    blocks = ["# Agreements", intro]
    if agreements:
        ordered = sorted(agreements, key=lambda a: (md.plain(a.title).casefold(), a.id))
        rows = "\n".join(row(a, today, records) for a in ordered)
        table = f'<table class="mga-portfolio">\n{_header()}\n<tbody>\n{rows}\n</tbody>\n</table>'
        blocks.append(f'<div class="mga-portfolio-wrap">\n{_filters(agreements)}\n{table}\n</div>')
    front = md.front_matter({"title": "Agreements", "hide": ["navigation", "toc"]})
    return front + "\n" + join(blocks) + "\n"
