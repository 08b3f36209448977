"""What the site shows of an agreement's scores: its analysis and frontier plot, when they may be published.

Scores in the agreement are public with it, so its analysis is shown. Scores
in a score file are private unless the file says ``publish_analysis: true``:
otherwise the page has no Analysis section at all, since the plot and the
gains would reveal the scores.
"""

from __future__ import annotations

import itertools
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mga_tools.load import load_text
from mga_tools.memo import Memo
from mga_tools.memo import key as memo_key


def score_sheet(raw: bytes, path: Path, max_bytes: int) -> dict[str, Any] | None:
    """The data of a score file, from its bytes, read under the policy's size limit (``None`` unless a mapping)."""
    data = load_text(raw, path.as_posix(), max_bytes=max_bytes).data
    return data if isinstance(data, dict) else None


def published(
    data: dict[str, Any], sheet: dict[str, Any] | None, memo: Memo | None = None
) -> tuple[dict[str, Any], bytes] | None:
    """The analysis (as plain data) and its frontier plot (SVG), or ``None`` when nothing is to be shown.

    With ``memo``, a plot drawn before from the same analysis is reused: an
    edit that leaves the scores alone (a term's text, say) does not draw it again.
    """
    found = plotted(data, sheet)
    if found is None:
        return None
    result, frontier, cloud = found
    return result, _drawn(result, frontier, cloud, memo)


def _drawn(result: dict[str, Any], frontier: Any, cloud: Any, memo: Memo | None) -> bytes:
    """The frontier plot's SVG: a pure function of its inputs and of matplotlib, so it is memoised by them."""
    from mga_tools.render.plots import frontier_svg

    if memo is None:
        return frontier_svg(result, frontier, cloud)
    arrays = [b"" if a is None else f"{a.dtype.str}{a.shape}".encode() + a.tobytes() for a in (frontier, cloud)]
    entry = memo_key("plot", json.dumps(result, sort_keys=True, default=str), *arrays, version("matplotlib"))
    svg = memo.get(entry)
    if not isinstance(svg, bytes):
        svg = frontier_svg(result, frontier, cloud)
        memo.put(entry, svg)
    return svg


def plotted(data: dict[str, Any], sheet: dict[str, Any] | None) -> tuple[dict[str, Any], Any, Any] | None:
    """What the frontier plot is drawn from: the analysis, the frontier's utilities and (two parties) the cloud.

    ``None`` when nothing is to be shown. Computing these is mga-tools' own
    work; drawing them is matplotlib's (:func:`mga_tools.render.plots.frontier_svg`).
    """
    embedded = (data.get("value_creation") or {}).get("scores")
    if sheet is not None and sheet.get("publish_analysis") is not True:
        return None
    if not embedded and sheet is None:
        return None
    from mga_tools.analyze.analysis import analysis_json, analyze
    from mga_tools.analyze.scoring import scoring
    from mga_tools.render.plots import MAX_CLOUD

    found, _ = scoring(data, sheet)
    if found is None:
        return None  # the page's open warnings (SCORES-INCOMPLETE) say what is missing
    analysis = analyze(found)
    # The page shows counts and the marked packages; the plot takes the frontier's utilities as they are.
    result = analysis_json(analysis, packages=False)
    frontier = found.problem.to_points(analysis.frontier.utilities)
    cloud = None
    if len(found.parties) == 2 and result["packages"] <= MAX_CLOUD:
        import numpy as np

        choices = np.array(list(itertools.product(*(range(len(o)) for o in found.options))))
        cloud = found.problem.to_points(found.problem.utilities(choices))
    return result, frontier, cloud
