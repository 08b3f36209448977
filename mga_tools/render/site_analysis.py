"""The Analysis section of an agreement page: the frontier plot and the packages it marks, as a table too.

The plot is an SVG file beside the page; the table below it carries the same
information as text (each fair point and the adopted package, with every
party's utility and gain over its BATNA), so nothing is only in the picture.
"""

from __future__ import annotations

from mga_tools import markdown as md
from mga_tools.model import Agreement
from mga_tools.model.scores import FAIR_POINT_TITLES
from mga_tools.render.site_common import join, ref

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HEADING = "## Analysis { #analysis }"


def plot_name(agreement: Agreement) -> str:
    """The file name of the frontier plot, beside the page in the docs tree."""
    return f"{agreement.id}-frontier.svg"


def _alt(data: dict[str, Any]) -> str:
    names = ", ".join(p["name"] for p in data["parties"])
    return (
        f"Frontier plot of the utilities of {names}: {data['frontier']['count']} efficient packages, "
        f"{data['zone_of_agreement']['count']} of them better than every BATNA; "
        "the table below lists the marked packages"
    )


def _row(a: Agreement, label: str, package: dict[str, Any], parties: list[str]) -> list[str]:
    options = ", ".join(ref(a, o) for o in package["options"].values())
    cells = [f"{package['utilities'][p]:.2f} ({package['gains'][p]:+.2f})" for p in parties]
    return [label, options, *cells]


def analysis(a: Agreement, data: dict[str, Any] | None, plot: str | None) -> str:
    """The section, or nothing for an agreement without an analysis."""
    if data is None:
        return ""
    parties = [p["id"] for p in data["parties"]]
    intro = (
        f"From the parties' scores: {data['packages']} possible packages, {data['frontier']['count']} on the "
        f"Pareto frontier, {data['zone_of_agreement']['count']} in the zone of possible agreement (efficient and "
        "better than every party's BATNA). Utilities are on the 0–100 scale of the scores; gains over each "
        "BATNA are in brackets."
    )
    rows = []
    for key, point in data["fair_points"].items():
        if point is not None:
            rows.append(_row(a, md.text(FAIR_POINT_TITLES[key]), point, parties))
    adopted = data["adopted"]
    verdicts = []
    if adopted is not None and adopted["complete"]:
        rows.append(_row(a, f"**Adopted**: {ref(a, adopted['id'])}", adopted, parties))
        below = adopted["below_batna"]
        verdicts.append(
            "The adopted package beats every party's BATNA."
            if not below
            else "The adopted package is below the BATNA of " + ", ".join(ref(a, p) for p in below) + "."
        )
        better = adopted["improvement"]
        if better is None:
            verdicts.append("It is Pareto-efficient: no package gives every party as much and one of them more.")
        else:
            rows.append(_row(a, "Better than the adopted package", better, parties))
            verdicts.append("It leaves value on the table: the last package in the table gives no party less.")
    if not any(point is not None for point in data["fair_points"].values()):
        verdicts.append("No package gives every party at least its BATNA: there is no zone of possible agreement.")
    headers = ["Package", "Options", *(ref(a, p) for p in parties)]
    return join(
        [
            HEADING,
            intro,
            f"![{md.text(_alt(data))}]({plot})" if plot else "",
            md.table(headers, rows) if rows else "",
            " ".join(verdicts),
            "\n".join(f"- {md.text(note)}" for note in data["notes"]),
        ]
    )
