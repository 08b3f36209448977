"""Records: no text is a placeholder left unfilled, and no text is a copy standing in for another.

``mga new`` writes a template whose texts say what to write ("Why the outcome
matters to Party A."). Left in place, such a text reads like part of the
agreement while saying nothing about it; so do the marks that writers leave
for themselves (TODO, ``<party name>``, "...") and a justification copied
from another party's. These rules look at every text once: the template's
texts are read with the loader and normalised once per process, and each text
of the agreement costs one set lookup and one search with a precompiled
pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from mga_tools.load import FAST, Pointer, load_text
from mga_tools.model.facts import is_gap
from mga_tools.validate.index import PACKAGE, SCENARIO, items
from mga_tools.validate.registry import Context, Finding, rule

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

# Template texts of fewer words are names, labels, amounts, ids or enum values ("Party A", "30 days",
# "quarterly", "0.1"): as likely to be the real value as a leftover.
MIN_WORDS = 3
# Template texts offered as sensible defaults, which agreements keep on purpose (normalised as by _normal).
DEFAULTS = frozenset(
    {
        "options discussed at the table are not commitments until adopted as terms",
        "consensus: every party can live with the final package",
        "the representatives of the parties concerned",
        "a mediator chosen by the parties",
        "a single arbitrator",
    }
)
# Marks a writer leaves for later: upper-case words, filler, fill-ins such as <party name> or <DATE>,
# and markers such as __SLUG__.
_MARKER = re.compile(
    r"""(?<![A-Za-z0-9])(?:TODO|TBD|TBC|FIXME|XXX)(?![A-Za-z0-9])
      | (?i:lorem\s+ipsum)
      | <(?:[A-Za-z]+(?:[\ _-][A-Za-z]+)+|[A-Z][A-Z0-9_]*)>
      | (?<![A-Za-z0-9])__[A-Z][A-Z0-9_]*__(?![A-Za-z0-9])""",
    re.VERBOSE,
)
# What each mark contains, searched for in all texts at once before _MARKER is tried on any one text:
# a plain substring search is many times faster than the pattern, and almost every text has no mark.
_HINTS = ("TODO", "TBD", "TBC", "FIXME", "XXX", "<", "__", "orem", "OREM")
# A text made only of dots, an ellipsis, dashes and question marks.
_EMPTY = re.compile(r"[\s.\u2026\-\u2010-\u2015?]+")
# How much of a text a message quotes.
_SHOWN = 60
# No template text of MIN_WORDS words is shorter than this: shorter texts need no normalising.
_SHORTEST = 2 * MIN_WORDS - 1

TEXTS = "texts"
# Where a text is (the pointer of the mapping or list holding it, and its key or index there), the text, and
# whether it is part of a declared gap. Pointers are built only for the texts that are reported.
Text = tuple[Pointer, "str | int", str, bool]


def _normal(text: str) -> str:
    """``text`` compared as a reader would: case, spacing and a final full stop do not count."""
    return " ".join(text.casefold().split()).rstrip(".")


@cache
def template_texts() -> frozenset[str]:
    """The normalised texts of the ``mga new`` template that mark an unfilled agreement."""
    # Found without importing the scaffold package or importlib.resources, which would add to the start-up
    # of every commit hook.
    spec = find_spec("mga_tools.scaffold")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    try:
        raw = (Path(folders[0]) / "template.yaml").read_bytes() if folders else b""
    except OSError:
        raw = b""  # no template shipped: only the marks are looked for
    doc = load_text(raw, "template.yaml", reader=FAST)
    found = {_normal(text) for _, _, text, _ in _walk(doc.data)}
    return frozenset(t for t in found if len(t.split()) >= MIN_WORDS and t not in DEFAULTS)


def _walk(data: Any) -> list[Text]:
    """Every text value under ``data`` (keys aside), with its pointer, in one pass."""
    found: list[Text] = []
    stack: list[tuple[Pointer, Any, bool]] = [((), data, False)]
    while stack:
        pointer, value, in_gap = stack.pop()
        if isinstance(value, dict):
            in_gap = in_gap or is_gap(value)
            pairs: Iterable[tuple[Any, Any]] = value.items()
        elif isinstance(value, list):
            pairs = enumerate(value)
        else:
            continue  # a document that is one text is the schema's to report
        for key, item in pairs:
            if isinstance(item, str):
                found.append((pointer, key, item, in_gap))
            elif isinstance(item, dict | list):
                stack.append(((*pointer, key), item, in_gap))
    return found


def texts(ctx: Context) -> list[Text]:
    """Every text value of the agreement, walked once per context and shared by the rules that read texts."""
    return ctx.derive(TEXTS, lambda c: _walk(c.data))


def shown(text: str) -> str:
    """``text`` on one line, quoted, cut short when long."""
    line = " ".join(text.split())
    return f"'{line[:_SHOWN]}...'" if len(line) > _SHOWN else f"'{line}'"


def _placeholder(text: str, template: frozenset[str], hints: tuple[str, ...]) -> str | None:
    """Why ``text`` is a placeholder (the end of a message), or ``None``; ``hints``: the marks' hints it may hold."""
    if len(text) >= _SHORTEST and _normal(text) in template:
        return "is a placeholder from the 'mga new' template; write what this agreement says"
    if _EMPTY.fullmatch(text):
        return "stands for a text still to be written; write it, or leave the field out"
    if not any(hint in text for hint in hints):
        return None
    match = _MARKER.search(text)
    if match is None:
        return None
    mark = match.group(0)
    if mark.casefold().startswith("lorem"):
        return "is filler text (lorem ipsum); write what this agreement says"
    if mark.startswith("<") or mark.startswith("__"):
        return f"has a blank still to fill in ({mark}); replace it with what it stands for"
    return f"is marked {mark}: finish it and remove the mark"


@cache
def _suspects() -> re.Pattern[str]:
    """Where, in all texts joined by NUL, a text may begin as a placeholder does: as a template text's first
    24 characters (any spacing, any case), or with nothing but dots and dashes. One search over the whole
    file replaces a check of every text."""
    starts = {r"\s+".join(re.escape(word) for word in text[:24].split()) for text in template_texts()}
    openings = "|".join(sorted(starts, key=len, reverse=True))
    return re.compile(rf"\x00\s*(?:{openings})|\x00[\s.\u2026\-\u2010-\u2015?]+\x00", re.IGNORECASE)


@rule("TEXT-PLACEHOLDER", group="records")
def no_placeholder(ctx: Context) -> Iterator[Finding]:
    """No text is a placeholder: a template text, a TODO-style mark, filler, a fill-in or dots."""
    template = template_texts()
    found = texts(ctx)
    everything = "\x00" + "\x00".join(text for _, _, text, _ in found) + "\x00"
    hints = tuple(hint for hint in _HINTS if hint in everything)
    if not hints and _suspects().search(everything) is None:
        return  # the usual case: no text can be a placeholder
    for parent, key, text, _ in found:
        why = _placeholder(text, template, hints)
        if why is not None:
            yield Finding((*parent, key), f"text {shown(text)} {why}")


def _said(ctx: Context) -> Iterator[tuple[Pointer, str, str]]:
    """Justification texts and package rationales: ``(pointer, text, whose)``, in document order."""
    for pointer, package in items(ctx.data, ("value_creation", "packages")):
        if isinstance(package.get("rationale"), str):
            yield (*pointer, "rationale"), package["rationale"], f"the rationale of {PACKAGE} '{package.get('id')}'"
    for pointer, justification in items(ctx.data, ("value_distribution", "justifications")):
        if isinstance(justification.get("text"), str):
            whose = f"the justification of '{justification.get('party')}'"
            yield (*pointer, "text"), justification["text"], whose


@rule("TEXT-REPEATED", group="records")
def no_repeated_text(ctx: Context) -> Iterator[Finding]:
    """No justification or rationale repeats another word for word; no two failure scenarios are the same."""
    first: dict[str, str] = {}
    for pointer, text, whose in _said(ctx):
        said = _normal(text)
        if said in first:
            yield Finding(
                pointer,
                f"{whose} repeats {first[said]} word for word; say what this one adds, in its own words",
            )
        elif said:
            first[said] = whose
    described: dict[str, str] = {}
    for entry in ctx.index.of(SCENARIO):
        text = entry.item.get("description")
        if not isinstance(text, str) or not _normal(text):
            continue
        said = _normal(text)
        if said in described:
            yield Finding(
                (*entry.pointer, "description"),
                f"{SCENARIO} '{entry.id}' has the same description as '{described[said]}'; "
                "describe another way the agreement could fail, or merge the two",
            )
        else:
            described[said] = entry.id
