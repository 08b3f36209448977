"""Escalation ladders drawn as figures: one drawing for the site and the documents.

:func:`steps` gives the label of every step of a dispute mechanism (names,
never ids); :func:`svg` draws them, and both the site (inline in the page)
and the documents (as a figure file) show that drawing, so they cannot say
different things, and no diagram script is needed to view it. The SVG is our
own drawing: every piece of agreement text in it is XML-escaped character data,
never markup, and labels are wrapped to the box width.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape, quoteattr

from mga_tools.model import Agreement
from mga_tools.model.agreement import Item, label
from mga_tools.model.facts import is_gap
from mga_tools.render.labels import enum_label
from mga_tools.render.pandoc_ast import Node, inlines

FONT = "Libertinus Serif, DejaVu Sans, sans-serif"
# The drawing, in SVG user units (1 unit = 1 CSS px = 0.75 pt when placed at its natural size).
_WIDTH = 480
_BOX_X = 20
_BOX_WIDTH = _WIDTH - 2 * _BOX_X
_PAD = 8
_LINE = 16
_FONT_SIZE = 12
_GAP = 26  # the room for the arrow between two boxes
# Characters per line: the box's inner width over an average letter of Libertinus Serif at this size, with room.
_CHARS = 72
# The width the figure takes on the page, kept in proportion to the drawing.
FIGURE_WIDTH = "12cm"
# On a web page: as wide as drawn, or as the column if that is narrower (a phone), in proportion.
_FLUID = ' style="max-width:100%;height:auto"'


def kind_label(kind: object) -> str:
    """A step's kind as words, the same label everywhere: ``expert-determination`` reads ``Expert determination``."""
    return enum_label("step.kind", kind) if kind else "Step"


def _step_label(agreement: Agreement, step: Item) -> str:
    who = step.get("who", "")
    # A gap reads briefly here; the document and the site's table give its reason.
    shown = f"{kind_label(step.get('kind'))}: {'who is not recorded' if is_gap(who) else agreement.shown(who)}"
    if step.get("body"):
        shown += f", {agreement.name(step['body'])}"
    limit = step.get("time_limit")
    if limit:
        shown += " (time limit not recorded)" if is_gap(limit) else f" (within {agreement.shown(limit)})"
    return " ".join(shown.split())


def steps(agreement: Agreement, mechanism: Item) -> list[str]:
    """The label of each step of ``mechanism``, in order, without numbers (each drawing numbers them)."""
    return [_step_label(agreement, s) for s in mechanism.get("steps") or [] if isinstance(s, dict)]


def _clean(text: str) -> str:
    """``text`` without characters XML cannot carry (control characters), white space as single spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(_clean(text), _CHARS, break_long_words=True, break_on_hyphens=False) or [""]


def title(mechanism: Item) -> str:
    """The drawing's title (its caption): the mechanism's name, then what the drawing is."""
    return f"{_clean(label(mechanism))} — escalation ladder"


def description(agreement: Agreement, mechanism: Item) -> str:
    """The steps in one sentence, for a reader who cannot see the drawing (alt text, SVG ``desc``)."""
    return " ".join(f"{n}. {_clean(s)}." for n, s in enumerate(steps(agreement, mechanism), 1))


def svg(agreement: Agreement, mechanism: Item, *, fluid: bool = False) -> bytes:
    """The ladder of ``mechanism`` as an SVG drawing: one numbered box per step, arrows from each to the next.

    With ``fluid``, the drawing shrinks to the width of a narrower container
    (a web page on a phone); the documents place it at a fixed width instead.
    """
    parts: list[str] = []
    y = _BOX_X // 2
    labels = steps(agreement, mechanism)
    for n, shown in enumerate(labels, 1):
        wrapped = _wrap(f"{n}. {shown}")
        height = len(wrapped) * _LINE + 2 * _PAD
        parts.append(
            f'<rect x="{_BOX_X}" y="{y}" width="{_BOX_WIDTH}" height="{height}" rx="6" '
            'fill="#f4f6f8" stroke="#33414e" stroke-width="1.2"/>'
        )
        for i, line in enumerate(wrapped):
            baseline = y + _PAD + (i + 1) * _LINE - 4
            parts.append(f'<text x="{_BOX_X + _PAD + 2}" y="{baseline}">{escape(line)}</text>')
        y += height
        if n < len(labels):
            mid = _WIDTH // 2
            parts.append(
                f'<line x1="{mid}" y1="{y}" x2="{mid}" y2="{y + _GAP - 7}" stroke="#33414e" stroke-width="1.2"/>'
            )
            parts.append(
                f'<polygon points="{mid - 5},{y + _GAP - 8} {mid + 5},{y + _GAP - 8} {mid},{y + _GAP}" fill="#33414e"/>'
            )
            y += _GAP
    height = y + _BOX_X // 2
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" role="img" font-family={quoteattr(FONT)} '
        f'font-size="{_FONT_SIZE}" fill="#111111"{_FLUID if fluid else ""}>'
    )
    body = [
        head,
        f"<title>{escape(title(mechanism))}</title>",
        f"<desc>{escape(description(agreement, mechanism))}</desc>",
        *parts,
        "</svg>",
    ]
    return ("\n".join(body) + "\n").encode("utf-8")


def file_name(mechanism: Item) -> str:
    """The bare file name the documents use for the ladder of ``mechanism`` (its id is a slug)."""
    return f"ladder-{mechanism['id']}.svg"


def figures(agreement: Agreement) -> dict[str, bytes]:
    """Every ladder the documents show: file name -> SVG bytes, for each mechanism with steps."""
    return {
        file_name(m): svg(agreement, m)
        for m in agreement.mechanisms
        if isinstance(m, dict) and m.get("id") and steps(agreement, m)
    }


def figure(agreement: Agreement, mechanism: Item) -> Node:
    """A pandoc ``Figure`` showing the ladder file of ``mechanism``, with the steps as alt text and a caption."""
    image = {
        "t": "Image",
        "c": [
            ["", [], [["width", FIGURE_WIDTH]]],
            inlines(description(agreement, mechanism)),
            [file_name(mechanism), ""],
        ],
    }
    caption = [{"t": "Plain", "c": inlines(title(mechanism))}]
    return {"t": "Figure", "c": [["", [], []], [None, caption], [{"t": "Plain", "c": [image]}]]}
