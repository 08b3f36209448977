"""Frontier plots as SVG, drawn with matplotlib at build time.

Two scored parties get one scatter: every package (when there are few enough
to draw), the efficient packages (the Pareto frontier), each party's BATNA as
a line, the fair points and the adopted package. Three or four get one such
panel per pair of parties, two panels a row, showing the frontier projected
onto that pair. From five parties on, pairs would be too many panels: the
frontier is drawn in parallel coordinates instead, one horizontal axis per
party (names read across, however many parties), one line per package, with
each party's BATNA marked on its axis. Fair points that pick the same package
are one marker, labelled with all their names.

Legibility: the page shows the SVG at most as wide as its content column,
about :data:`COLUMN_PX` CSS pixels. The figure is :data:`WIDTH` inches wide
whatever the number of parties, so it is never scaled down further than
that, and every text is :data:`FONT_SIZE` points: at least
:data:`MIN_TEXT_PX` CSS pixels even when the SVG is stretched or shrunk to
the column's width. More parties make the figure taller, never its text smaller.

The SVG is reproducible (no date, fixed ids) and every label from the
agreement is drawn as plain text: mathtext is off, so a ``$`` in a party's
name is a dollar sign. Text stays text (``svg.fonttype: none``), in a font
list that ends with the generic ``sans-serif``, so it can be searched and
read aloud.
"""

from __future__ import annotations

import io
import itertools
import math
import textwrap
from typing import Any, cast

import numpy as np

from mga_tools.model.scores import merged_fair_points, merged_title

MAX_POINTS = 4000  # frontier packages drawn per panel; more are thinned evenly (and the caption says so)
MAX_CLOUD = 20000  # below this many packages in all, a two-party plot also shows the packages off the frontier
MARKERS = {"nash": "o", "kalai-smorodinsky": "s", "egalitarian": "^", "max-welfare": "D"}
COLOURS = {"nash": "#e65100", "kalai-smorodinsky": "#6a1b9a", "egalitarian": "#00838f", "max-welfare": "#ad1457"}
MAX_PAIRS = 6  # four parties; beyond, parallel coordinates
COLUMN_PX = 700  # the content column of a page at a 1280 px window, in CSS pixels
MIN_TEXT_PX = 11  # the smallest text on a plot, in CSS pixels, shown at the column's width
WIDTH = 7.0  # inches: 504 SVG units (points), drawn at 672 CSS px, just under the column
FONT_SIZE = 9.0  # points: 9 x 700 / 504 = 12.5 CSS px at the column's width, 12 px at the SVG's own size
_WRAP = 34  # characters of a label per line, in a panel half the figure wide
_PANEL = 3.3  # inches of height per row of pair panels
_PARTY_ROW = 0.42  # inches of height per party in parallel coordinates
_STYLE: dict[str, Any] = {
    "svg.hashsalt": "mga-tools",
    "svg.fonttype": "none",  # text stays text: smaller files that can be searched and read aloud
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "sans-serif",
    "font.size": FONT_SIZE,
    # Every text of the figure at the one size: matplotlib makes some smaller ("medium", "small") by default.
    "axes.labelsize": FONT_SIZE,
    "axes.titlesize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE,
    "legend.title_fontsize": FONT_SIZE,
    "figure.titlesize": FONT_SIZE,
}


def thinned(count: int) -> np.ndarray:
    """Indices of at most :data:`MAX_POINTS` of ``count`` items, evenly spread, first and last included."""
    if count <= MAX_POINTS:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, MAX_POINTS).round().astype(int))


def _wrapped(label: str, width: int = _WRAP) -> str:
    """A label over as many lines as it needs (a name too long for its panel would run into the next)."""
    return "\n".join(textwrap.wrap(label, width, break_long_words=True, break_on_hyphens=False)) or label


def frontier_svg(data: dict[str, Any], frontier: np.ndarray, cloud: np.ndarray | None = None) -> bytes:
    """The frontier plot of :func:`mga_tools.analyze.analysis.analysis_json` data, as SVG bytes.

    ``frontier`` holds the scores (in points, one row per frontier package,
    one column per party of ``data``); ``cloud`` optionally the same for every
    package, drawn behind a two-party frontier.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    parties = [p["id"] for p in data["parties"]]
    names = {p["id"]: p["name"] for p in data["parties"]}
    pairs = list(itertools.combinations(range(len(parties)), 2))
    frontier = frontier[thinned(len(frontier))] if len(frontier) else frontier.reshape(0, len(parties))
    parallel = len(pairs) > MAX_PAIRS or not pairs
    columns = 1 if parallel or len(pairs) == 1 else 2
    rows = 1 if parallel else math.ceil(len(pairs) / columns)
    # Three parties: three panels and the legend in the fourth place of a 2 x 2 grid.
    inside = not parallel and len(pairs) % 2 == 1 and len(pairs) > 1
    # Without the legend, whose height is measured once it is drawn; one pair gets one larger panel.
    height = _PARTY_ROW * len(parties) + 0.8 if parallel else (_PANEL * rows if len(pairs) > 1 else 4.6)
    with matplotlib.rc_context(cast(Any, _STYLE)):
        figure, axes = plt.subplots(rows, columns, figsize=(WIDTH, height), squeeze=False)
        try:
            if parallel:
                _parallel(axes[0, 0], data, parties, names, frontier)
            for panel, (a, b) in zip(axes.flat, [] if parallel else pairs, strict=False):
                _panel(panel, data, parties, names, (a, b), frontier, cloud if len(parties) == 2 else None)
            _legend(figure, axes, list(axes.flat)[max(1, 0 if parallel else len(pairs)) :], inside, height)
            out = io.BytesIO()
            figure.savefig(out, format="svg", metadata={"Date": None})
        finally:
            plt.close(figure)
    return out.getvalue()


def _legend(figure: Any, axes: Any, spare: list[Any], inside: bool, height: float) -> None:
    """The legend: in the place of the first spare panel (``inside``), or below the panels, the figure growing."""
    handles, labels = axes.flat[0].get_legend_handles_labels()
    labels = [_wrapped(label) for label in labels]
    if inside:
        figure.tight_layout()
        figure.legend(handles, labels, loc="center", bbox_to_anchor=spare[0].get_position(), frameon=False)
    for panel in spare:
        figure.delaxes(panel)
    if not inside:
        legend = figure.legend(handles, labels, loc="lower center", ncol=2, frameon=False)
        below = legend.get_window_extent(figure.canvas.get_renderer()).height / figure.dpi + 0.15
        figure.set_size_inches(WIDTH, height + below)
        figure.tight_layout(rect=(0, below / (height + below), 1, 1))


def _panel(
    ax: Any,
    data: dict[str, Any],
    parties: list[str],
    names: dict[str, str],
    pair: tuple[int, int],
    frontier: np.ndarray,
    cloud: np.ndarray | None,
) -> None:
    a, b = pair
    if cloud is not None and len(cloud) <= MAX_CLOUD:
        ax.scatter(cloud[:, a], cloud[:, b], s=5, color="#c8c8c8", label="other packages", zorder=1)
    order = np.argsort(frontier[:, a], kind="stable")
    ax.scatter(frontier[order, a], frontier[order, b], s=12, color="#3f51b5", label="efficient packages", zorder=2)
    reservation = {p["id"]: p["reservation_value"] for p in data["parties"]}
    ax.axvline(reservation[parties[a]], color="#b71c1c", linestyle="--", linewidth=0.9, label="BATNA", zorder=1)
    ax.axhline(reservation[parties[b]], color="#b71c1c", linestyle="--", linewidth=0.9, zorder=1)
    for key, label, u in _marked(data):
        if key == "adopted":
            ax.scatter([u[parties[a]]], [u[parties[b]]], marker="*", s=130, color="#1b5e20", label=label, zorder=3)
        else:
            ax.scatter(
                [u[parties[a]]], [u[parties[b]]], marker=MARKERS[key], s=60, facecolors="none",
                edgecolors=COLOURS[key], linewidths=1.3, label=label, zorder=4,
            )  # fmt: skip
    ax.set_xlabel(_wrapped(f"{names[parties[a]]} (score)"))
    ax.set_ylabel(_wrapped(f"{names[parties[b]]} (score)"))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xticks(range(0, 101, 25))
    ax.set_yticks(range(0, 101, 25))
    ax.grid(True, linewidth=0.3)


def _marked(data: dict[str, Any]) -> list[tuple[str, str, dict[str, float]]]:
    """The packages marked on a plot, each once: key, label and scores; the fair points, then the adopted package.

    Fair points that pick the same package are one mark, with the first one's
    marker and all their names.
    """
    found = [
        (keys[0], merged_title(keys), point["utilities"]) for keys, point in merged_fair_points(data["fair_points"])
    ]
    adopted = data["adopted"]
    if adopted is not None and adopted.get("complete"):
        found.append(("adopted", "adopted package", adopted["utilities"]))
    return found


def _parallel(ax: Any, data: dict[str, Any], parties: list[str], names: dict[str, str], frontier: np.ndarray) -> None:
    y = np.arange(len(parties))
    for row in frontier:
        ax.plot(row, y, color="#3f51b5", alpha=0.25, linewidth=0.7, zorder=1)
    ax.plot([], [], color="#3f51b5", alpha=0.5, label="efficient packages")
    reservation = [next(p["reservation_value"] for p in data["parties"] if p["id"] == party) for party in parties]
    ax.scatter(reservation, y, marker="|", s=200, color="#b71c1c", linewidths=1.8, label="BATNA", zorder=3)
    for key, label, u in _marked(data):
        values = [u[p] for p in parties]
        if key == "adopted":
            ax.plot(values, y, color="#1b5e20", linewidth=2.2, marker="*", markersize=10, label=label, zorder=3)
        else:
            ax.plot(
                values,
                y,
                color=COLOURS[key],
                linewidth=1.2,
                marker=MARKERS[key],
                markersize=6,
                markerfacecolor="none",
                label=label,
                zorder=4,
            )  # fmt: skip  (drawn over the adopted line)
    ax.set_yticks(y, [_wrapped(names[p], 30) for p in parties])
    ax.set_ylim(len(parties) - 0.5, -0.5)  # the first party at the top, as in the table
    ax.set_xlim(0, 100)
    ax.set_xlabel("score (0-100)")
    ax.grid(True, axis="x", linewidth=0.3)
    for position in y:
        ax.axhline(position, color="#9e9e9e", linewidth=0.5, zorder=0)
