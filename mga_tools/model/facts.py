"""Facts that are not recorded: declared gaps, and what every reader of an agreement makes of them.

Wherever the policy demands a fact (a time limit, a metric's owner, a
signatory's date, a justification...), an agreement may instead declare that
the fact is not recorded, and why::

    time_limit:
      gap: not-in-sources        # unknown, not-in-sources, withheld or conflicting
      reason: The treaty sets no time limit for consultations.
      consulted: [treaty-text]   # ids of record.sources

A ``conflicting`` gap lists the values the sources give, each with its source::

    date:
      gap: conflicting
      reason: The depositary and the secretariat give different dates.
      values:
        - {value: 1989-01-01, source: depositary}
        - {value: 1989-01-02, source: secretariat}

The validator, the renderers and the diff all read gaps through this module,
so that a gap is shown the same way everywhere: as "not recorded", with its
reason, never as a value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

GAP = "gap"
GAP_KINDS = ("unknown", "not-in-sources", "withheld", "conflicting")
# How each kind of gap reads, after "Not recorded: ".
GAP_LABELS = {
    "unknown": "not known",
    "not-in-sources": "not in the sources",
    "withheld": "withheld",
    "conflicting": "the sources differ",
}

# How an agreement came to be recorded (``record.origin``): negotiated in this tool (the default), or
# recorded after the fact from its sources.
NEGOTIATED = "negotiated"
RECORDED = "recorded"
ORIGINS = (NEGOTIATED, RECORDED)


def is_gap(value: Any) -> bool:
    """Whether ``value`` declares a fact as not recorded (a mapping with ``gap``)."""
    return isinstance(value, dict) and GAP in value


def present(value: Any) -> bool:
    """Whether a fact is recorded: there, not empty, and not a declared gap."""
    if value is None or is_gap(value):
        return False
    return not (isinstance(value, (list, dict, str)) and not value)


def origin(data: Any) -> str:
    """How the agreement was recorded: ``negotiated`` unless ``record.origin`` says ``recorded``."""
    record = data.get("record") if isinstance(data, dict) else None
    value = record.get("origin") if isinstance(record, dict) else None
    return value if value in ORIGINS else NEGOTIATED


def gap_label(gap: dict[str, Any]) -> str:
    """``not in the sources`` and the like, for a gap's kind."""
    kind = gap.get(GAP)
    return GAP_LABELS.get(kind, "not recorded") if isinstance(kind, str) else "not recorded"


def gap_text(gap: dict[str, Any], titles: Mapping[str, str] | None = None) -> str:
    """One line for a reader: ``Not recorded (not in the sources): REASON`` and any conflicting values.

    ``titles`` maps source ids to their titles: a consulted source, or the
    source of a conflicting value, is named by its title where it has one.
    """
    sentences = [f"Not recorded ({gap_label(gap)})"]
    reason = gap.get("reason")
    if isinstance(reason, str) and reason.strip():
        sentences[0] += f": {reason.strip()}"
    values = [v for v in gap.get("values") or () if isinstance(v, dict)] if isinstance(gap.get("values"), list) else []
    if values:
        sentences.append("Values given: " + "; ".join(_value_text(v, titles or {}) for v in values))
    consulted = gap.get("consulted")
    if isinstance(consulted, list) and consulted:
        # Titles hold commas: sources are set apart by semicolons.
        sentences.append("Consulted: " + "; ".join(str((titles or {}).get(str(c), c)) for c in consulted))
    text = sentences[0]
    for sentence in sentences[1:]:  # a reason that ends its own sentence gets no second full stop
        text += (" " if text.endswith((".", "!", "?")) else ". ") + sentence
    return text


def _value_text(value: dict[str, Any], titles: Mapping[str, str]) -> str:
    shown = str(value.get("value", ""))
    said = [str(titles.get(str(value["source"]), value["source"]))] if value.get("source") is not None else []
    said += [str(value["note"])] if value.get("note") else []
    return f"{shown} ({'; '.join(said)})" if said else shown


def gaps(data: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every declared gap under ``data``, with its pointer, in document order."""
    # A loop over a stack, not recursion: the validator walks every agreement this way on every commit, and
    # most agreements declare no gap, which a walk that builds no pointers finds out first.
    if not _any_gap(data):
        return iter(())
    found: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [(at, data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            if GAP in node:
                found.append((pointer, node))
                continue
            inner = [((*pointer, key), value) for key, value in node.items() if isinstance(value, dict | list)]
        elif isinstance(node, list):
            inner = [((*pointer, i), value) for i, value in enumerate(node) if isinstance(value, dict | list)]
        else:
            continue
        stack.extend(reversed(inner))
    return iter(found)


def field(pointer: tuple[str | int, ...]) -> str:
    """The name of the field a gap stands for: the last key of its pointer (``time_limit``)."""
    return next((step for step in reversed(pointer) if isinstance(step, str)), "value")


def tally(data: Any) -> dict[str, int]:
    """How many gaps ``data`` declares, by field name, in the order the fields first appear."""
    counts: dict[str, int] = {}
    for pointer, _ in gaps(data):
        name = field(pointer)
        counts[name] = counts.get(name, 0) + 1
    return counts


def _any_gap(data: Any) -> bool:
    """Whether a gap is declared anywhere under ``data``."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if GAP in node:
                return True
            stack.extend(value for value in node.values() if isinstance(value, dict | list))
        elif isinstance(node, list):
            stack.extend(value for value in node if isinstance(value, dict | list))
    return False
