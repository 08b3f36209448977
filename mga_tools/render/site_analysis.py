"""The Analysis section of an agreement page: a summary in words, the plot, the packages it marks as a table.

The plot is an SVG file beside the page. A paragraph before it says in words
what it shows, its alt text summarises it too, and the table below it carries
the same figures (each fair point and the adopted package, with every party's
score and gain over its BATNA), so nothing is only in the picture. Fair
points that pick the same package share one row, named by all of them.
"""

from __future__ import annotations

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.model.scores import (
    FAIR_POINT_MEANINGS,
    FAIR_POINT_TECHNICAL_NAMES,
    FAIR_POINT_TITLES,
    merged_fair_points,
    merged_title,
)
from mga_tools.render.site_common import join, ref

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HEADING = "## Analysis { #analysis }"
_DIFFERENCES_NAMED = 2  # a package differing from the adopted one in more issues is left to the table


def plot_name(agreement: Agreement) -> str:
    """The file name of the frontier plot, beside the page in the docs tree."""
    return f"{agreement.id}-frontier.svg"


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _lower(title: str) -> str:
    return title[:1].lower() + title[1:]


def _names(keys: list[str]) -> str:
    """The fair points ``keys`` in a sentence: "best total gain and balanced gains"."""
    titles = [_lower(FAIR_POINT_TITLES[key]) for key in keys]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def _same(package: dict[str, Any], adopted: dict[str, Any] | None) -> bool:
    return adopted is not None and adopted["complete"] and package["options"] == adopted["options"]


def _counts(data: dict[str, Any]) -> str:
    efficient, zone = data["frontier"]["count"], data["zone_of_agreement"]["count"]
    found = (
        f"The parties' scores allow {_count(data['packages'], 'possible package', 'possible packages')} "
        "(one option for each issue). "
        f"Of these, {_count(efficient, 'is', 'are')} efficient: no other package is better for one party without "
        "being worse for another (together, the Pareto frontier). "
    )
    if zone:
        return found + (
            f"{_count(zone, 'of the efficient packages is', 'of the efficient packages are')} better for every "
            "party than its BATNA, its best alternative to this agreement (the zone of possible agreement)."
        )
    return found + "None of them is better for every party than its BATNA: there is no zone of possible agreement."


def _package(a: Agreement, keys: list[str], package: dict[str, Any], adopted: dict[str, Any] | None) -> str:
    """Which package the fair points ``keys`` pick, in words: the adopted one, how it differs, or its options."""
    names = _names(keys)
    if _same(package, adopted):
        return f"The adopted package is also the one marked {names}."
    if adopted is None or not adopted["complete"]:
        return f"The package marked {names} combines " + ", ".join(ref(a, o) for o in package["options"].values()) + "."
    differ = [(i, o) for i, o in package["options"].items() if o != adopted["options"][i]]
    if len(differ) > _DIFFERENCES_NAMED:
        return f"The package marked {names} differs from the adopted one in {len(differ)} issues (see the table)."
    changes = " and ".join(f"{ref(a, o)} instead of {ref(a, adopted['options'][i])}" for i, o in differ)
    return f"The package marked {names} is the adopted one with {changes}."


def _adopted(a: Agreement, adopted: dict[str, Any] | None) -> str:
    if adopted is None or not adopted["complete"]:
        return ""
    below = adopted["below_batna"]
    beats = (
        "better for every party than its BATNA"
        if not below
        else "below the BATNA of " + ", ".join(ref(a, p) for p in below)
    )
    if adopted["improvement"] is None:
        return f"The adopted package is efficient and {beats}."
    return (
        f"The adopted package is {beats}, and it leaves value on the table: the package of the table marked "
        "better than the adopted one gives no party less and some party more."
    )


def summary(a: Agreement, data: dict[str, Any]) -> str:
    """The paragraph beside the plot: how many packages, how many efficient and acceptable, which are marked."""
    sentences = [_counts(data), _adopted(a, data["adopted"])]
    sentences += [_package(a, keys, point, data["adopted"]) for keys, point in merged_fair_points(data["fair_points"])]
    return " ".join(s for s in sentences if s)


def _alt(data: dict[str, Any]) -> str:
    names = ", ".join(p["name"] for p in data["parties"])
    adopted = data["adopted"]
    marked = [
        merged_title(keys) + (" (the adopted package)" if _same(point, adopted) else "")
        for keys, point in merged_fair_points(data["fair_points"])
    ]
    if (
        adopted is not None
        and adopted["complete"]
        and not any(_same(p, adopted) for p in data["fair_points"].values() if p)
    ):
        marked.append("the adopted package")
    return (
        f"Plot of the scores of {names}, from 0 to 100: {data['frontier']['count']:,} efficient packages, "
        f"{data['zone_of_agreement']['count']:,} of them better than every BATNA"
        + (f"; marked: {'; '.join(marked)}" if marked else "")
        + ". The table below gives the same figures."
    )


def _row(a: Agreement, label: str, package: dict[str, Any], parties: list[str]) -> list[str]:
    options = ", ".join(ref(a, o) for o in package["options"].values())
    cells = [f"{package['utilities'][p]:.2f} ({package['gains'][p]:+.2f})" for p in parties]
    return [label, options, *cells]


def _meanings() -> str:
    return "\n".join(
        f"- **{md.text(title)}**: {md.text(FAIR_POINT_MEANINGS[key])} "
        f"<small>(Also called the {md.text(FAIR_POINT_TECHNICAL_NAMES[key])}.)</small>"
        for key, title in FAIR_POINT_TITLES.items()
    )


def _rows(a: Agreement, data: dict[str, Any], parties: list[str]) -> list[list[str]]:
    """The adopted package first, then each other package a fair point picks, then a better one if there is.

    A package appears once: named by every fair point that picks it, and as
    the adopted one or the one better than it when it is.
    """
    adopted = data["adopted"]
    complete = adopted is not None and adopted["complete"]
    better = adopted["improvement"] if complete else None
    merged = merged_fair_points(data["fair_points"])
    rows = []
    if complete:
        also = "".join(f"; also {md.text(merged_title(keys))}" for keys, p in merged if _same(p, adopted))
        rows.append(_row(a, f"**Adopted**: {ref(a, adopted['id'])}{also}", adopted, parties))
    for keys, point in merged:
        if _same(point, adopted):
            continue
        improves = better is not None and point["options"] == better["options"]
        label = md.text(merged_title(keys)) + ("; better than the adopted package" if improves else "")
        rows.append(_row(a, label, point, parties))
    if better is not None and not any(point["options"] == better["options"] for _, point in merged):
        rows.append(_row(a, "Better than the adopted package", better, parties))
    return rows


def analysis(a: Agreement, data: dict[str, Any] | None, plot: str | None) -> str:
    """The section, or nothing for an agreement without an analysis."""
    if data is None:
        return ""
    parties = [p["id"] for p in data["parties"]]
    rows = _rows(a, data, parties)
    merged = merged_fair_points(data["fair_points"])
    headers = ["Package", "Options", *(ref(a, p) for p in parties)]
    scale = (
        "Scores are on the 0–100 scale of the parties' score sheets; each party's gain over its BATNA is in brackets."
    )
    meaning = (
        "The fair points are packages that every party does better with than with its BATNA, each chosen by a "
        "principle a representative can explain at home:"
    )
    return join(
        [
            HEADING,
            summary(a, data),
            f"![{md.text(_alt(data))}]({plot})" if plot else "",
            md.table(headers, rows) if rows else "",
            scale if rows else "",
            f"{meaning}\n\n{_meanings()}" if merged else "",
            "\n".join(f"- {md.text(note)}" for note in data["notes"]),
        ]
    )
