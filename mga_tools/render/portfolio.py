"""The portfolio: the home page of the site, one table row per agreement."""

from __future__ import annotations

from collections.abc import Sequence

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.render.site import page_path
from mga_tools.render.site_common import date, join
from mga_tools.render.site_follow import SAFEGUARDS

__all__ = ["portfolio_page", "safeguard_coverage"]


def safeguard_coverage(a: Agreement) -> dict[str, int]:
    """How many failure scenarios name at least one mechanism, protocol, metric; and the total."""
    counts = {"scenarios": len(a.scenarios)}
    for key in SAFEGUARDS:
        counts[key] = sum(1 for s in a.scenarios if a.safeguards(s)[key])
    return counts


def _row(a: Agreement) -> list[str]:
    counts = safeguard_coverage(a)
    total = counts["scenarios"]
    return [
        f"[{md.text(a.title)}]({page_path(a)})",
        md.text(a.status),
        "; ".join(md.text(a.name(str(p["id"]))) for p in a.parties) or "—",
        date(a, a.data.get("effective")),
        date(a, a.data.get("expires")),
        str(total),
        *(f"{counts[key]}/{total}" for key in SAFEGUARDS),
    ]


def portfolio_page(agreements: Sequence[Agreement], *, guide: str | None = None) -> str:
    """The home page: every agreement with status, parties, dates and safeguard coverage.

    ``guide`` is the path of a handwritten guide page to link, if the site has one:
    a strict build refuses a link to a page that is not there.
    """
    header = ["Agreement", "Status", "Parties", "Effective", "Expires", "Failure scenarios"]
    header += ["With mechanism", "With protocol", "With metric"]
    rows = [_row(a) for a in sorted(agreements, key=lambda a: a.id)]
    intro = (
        "Every agreement kept in this repository. A failure scenario is covered when it names a dispute "
        "mechanism, a communication protocol and a metric."
    )
    if guide is not None:
        intro += f" See the [guide]({guide}) for how agreements are written and validated."
    table = md.table(header, rows) if rows else "No agreement yet."
    return md.front_matter({"title": "Agreements"}) + "\n" + join(["# Agreements", intro, table]) + "\n"
