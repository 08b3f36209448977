"""Frontier plots as SVG, drawn with matplotlib at build time.

Two scored parties get one scatter: every package (when there are few enough
to draw), the Pareto frontier, each party's BATNA as a line, the fair points
and the adopted package. Three or four get one such panel per pair of
parties, showing the frontier projected onto that pair. From five parties on,
pairs would be too many panels: the frontier is drawn in parallel
coordinates instead, one vertical axis per party, one line per package, with
each party's BATNA marked on its axis.

The SVG is reproducible (no date, fixed ids) and every label from the
agreement is drawn as plain text: mathtext is off, so a ``$`` in a party's
name is a dollar sign.
"""

from __future__ import annotations

import io
import itertools
import math
from typing import Any, cast

import numpy as np

MAX_POINTS = 4000  # frontier packages drawn per panel; more are thinned evenly (and the caption says so)
MAX_CLOUD = 20000  # below this many packages in all, a two-party plot also shows the packages off the frontier
MARKERS = {"nash": "o", "kalai-smorodinsky": "s", "egalitarian": "^", "max-welfare": "D"}
LABELS = {
    "nash": "Nash",
    "kalai-smorodinsky": "Kalai-Smorodinsky",
    "egalitarian": "egalitarian",
    "max-welfare": "max welfare",
}
COLOURS = {"nash": "#e65100", "kalai-smorodinsky": "#6a1b9a", "egalitarian": "#00838f", "max-welfare": "#ad1457"}
MAX_PAIRS = 6  # four parties; beyond, parallel coordinates
_STYLE: dict[str, Any] = {
    "svg.hashsalt": "mga-tools",
    "svg.fonttype": "none",  # text stays text: smaller files that can be searched and read aloud
    "text.parse_math": False,
    "text.usetex": False,
    "font.size": 8,
}


def thinned(count: int) -> np.ndarray:
    """Indices of at most :data:`MAX_POINTS` of ``count`` items, evenly spread, first and last included."""
    if count <= MAX_POINTS:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, MAX_POINTS).round().astype(int))


def frontier_svg(data: dict[str, Any], frontier: np.ndarray, cloud: np.ndarray | None = None) -> bytes:
    """The frontier plot of :func:`mga_tools.analyze.analysis.analysis_json` data, as SVG bytes.

    ``frontier`` holds the utilities (in points, one row per frontier package,
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
    columns = 1 if parallel else min(3, len(pairs))
    rows = 1 if parallel else math.ceil(len(pairs) / columns)
    size = (max(6.0, 0.9 * len(parties)), 4.2) if parallel else (4.2 * columns, 3.9 * rows)
    with matplotlib.rc_context(cast(Any, _STYLE)):
        figure, axes = plt.subplots(rows, columns, figsize=size, squeeze=False)
        try:
            if parallel:
                _parallel(axes[0, 0], data, parties, names, frontier)
            for panel, (a, b) in zip(axes.flat, [] if parallel else pairs, strict=False):
                _panel(panel, data, parties, names, (a, b), frontier, cloud if len(parties) == 2 else None)
            for panel in list(axes.flat)[max(1, 0 if parallel else len(pairs)) :]:
                panel.set_visible(False)
            handles, labels = axes.flat[0].get_legend_handles_labels()
            figure.legend(handles, labels, loc="lower center", ncol=min(4, len(labels)), frameon=False)
            figure.tight_layout(rect=(0, 0.12 if rows == 1 else 0.06, 1, 1))
            out = io.BytesIO()
            figure.savefig(out, format="svg", metadata={"Date": None})
        finally:
            plt.close(figure)
    return out.getvalue()


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
        ax.scatter(cloud[:, a], cloud[:, b], s=4, color="#c8c8c8", label="other packages", zorder=1)
    order = np.argsort(frontier[:, a], kind="stable")
    ax.scatter(frontier[order, a], frontier[order, b], s=9, color="#3f51b5", label="Pareto frontier", zorder=2)
    reservation = {p["id"]: p["reservation_value"] for p in data["parties"]}
    ax.axvline(reservation[parties[a]], color="#b71c1c", linestyle="--", linewidth=0.8, label="BATNA", zorder=1)
    ax.axhline(reservation[parties[b]], color="#b71c1c", linestyle="--", linewidth=0.8, zorder=1)
    for key, u in _marked(data):
        if key == "adopted":
            ax.scatter([u[parties[a]]], [u[parties[b]]], marker="*", s=110, color="#1b5e20", label="adopted", zorder=3)
        else:
            ax.scatter(
                [u[parties[a]]], [u[parties[b]]], marker=MARKERS[key], s=46, facecolors="none",
                edgecolors=COLOURS[key], linewidths=1.2, label=LABELS[key], zorder=4,
            )  # fmt: skip
    ax.set_xlabel(names[parties[a]], wrap=True)
    ax.set_ylabel(names[parties[b]], wrap=True)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.grid(True, linewidth=0.3)


def _marked(data: dict[str, Any]) -> list[tuple[str, dict[str, float]]]:
    """The packages marked on a plot: each fair point there is, then the adopted package."""
    found = [(key, point["utilities"]) for key, point in data["fair_points"].items() if point is not None]
    adopted = data["adopted"]
    if adopted is not None and adopted.get("complete"):
        found.append(("adopted", adopted["utilities"]))
    return found


def _parallel(ax: Any, data: dict[str, Any], parties: list[str], names: dict[str, str], frontier: np.ndarray) -> None:
    x = np.arange(len(parties))
    for row in frontier:
        ax.plot(x, row, color="#3f51b5", alpha=0.25, linewidth=0.7, zorder=1)
    ax.plot([], [], color="#3f51b5", alpha=0.5, label="Pareto frontier")
    reservation = [next(p["reservation_value"] for p in data["parties"] if p["id"] == party) for party in parties]
    ax.scatter(x, reservation, marker="_", s=260, color="#b71c1c", linewidths=1.6, label="BATNA", zorder=3)
    for key, u in _marked(data):
        values = [u[p] for p in parties]
        if key == "adopted":
            ax.plot(x, values, color="#1b5e20", linewidth=2.2, marker="*", markersize=9, label="adopted", zorder=3)
        else:
            ax.plot(
                x,
                values,
                color=COLOURS[key],
                linewidth=1.2,
                marker=MARKERS[key],
                markersize=5,
                markerfacecolor="none",
                label=LABELS[key],
                zorder=4,
            )  # fmt: skip  (drawn over the adopted line)
    ax.set_xticks(x, [names[p] for p in parties], rotation=30, ha="right")
    ax.set_ylim(0, 100)
    ax.set_ylabel("utility (0-100)")
    ax.grid(True, axis="y", linewidth=0.3)
    for position in x:
        ax.axvline(position, color="#9e9e9e", linewidth=0.5, zorder=0)
