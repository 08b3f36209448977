"""Titles: the items that pages and documents list by name carry a title, not just an id."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.diagnostics import Severity
from mga_tools.validate.index import MECHANISM, METRIC, PROTOCOL, SCENARIO, TERM
from mga_tools.validate.registry import Context, Finding, rule

# Protocols, metrics and dispute mechanisms were once named with ``name``; it is still read, but ``title`` is
# what every titled item uses.
_NAMED = (PROTOCOL, METRIC, MECHANISM)

# From signature on, the text changes only by amendment (and a changed text no longer matches its seal): a title
# added or a key renamed for presentation is not worth either, so a signed text is left as it was signed.
_FIXED = ("signed", "amended", "terminated", "expired")


def _text(value: object) -> bool:
    """Whether ``value`` is text with something in it (the schema reports any other value)."""
    return isinstance(value, str) and bool(value.strip())


@rule("TITLE-MISSING", group="follow-through", severity=Severity.WARNING)
def item_has_title(ctx: Context) -> Iterator[Finding]:
    """Every term, failure scenario, protocol, metric and dispute mechanism has a title (not a name)."""
    if ctx.status in _FIXED:
        return
    for entry in ctx.index.of(TERM, SCENARIO, PROTOCOL, METRIC, MECHANISM):
        if "title" in entry.item:
            continue  # an empty or mistyped title is the schema's to report
        if entry.kind in _NAMED and _text(entry.item.get("name")):
            yield Finding(
                (*entry.pointer, "name"),
                f"{entry.kind} '{entry.id}' uses name; call it title, as terms and scenarios do",
                key=True,
            )
        else:
            yield Finding(
                entry.pointer,
                f"{entry.kind} '{entry.id}' has no title; give it one so pages and documents do not show a bare id",
            )
