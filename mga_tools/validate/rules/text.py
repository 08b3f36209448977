"""Text: every text shows what it says, with no character that reorders or hides part of it.

An agreement is read as YAML by the validator and the fingerprint, and as a
page or a PDF by the people who sign it. A bidirectional override
(``EUR`` + U+202E + ``000,01``) is shown as ``EUR 10,000`` while the file says
``EUR 000,01``; a zero-width space makes two ids or amounts look equal that
are not; a control character written as an escape (``"\\x07"``) reaches the
PDF step and breaks it. These rules look at every text value and every
mapping key, of the agreement and of its score file, in one pass with one
precompiled pattern.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.validate.registry import Context, Finding, rule

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

# Bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069) and the
# implicit marks (LRM, RLM, ALM). The renderers apply the Unicode bidirectional algorithm to each
# paragraph, so Arabic or Hebrew text needs none of them; any of them can reorder what a reader sees.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Everything else that is not shown as itself: C0 controls except TAB and LF (TAB is written "\t" in a
# double-quoted string, see YAML-TAB; LF is a line break), DEL, C1 controls, the line and paragraph
# separators (a line break for some readers, nothing for others), lone surrogates (which no file can
# be encoded with), and every format character (Unicode category Cf) that is not a bidi control:
# soft hyphen, zero-width space and joiners, word joiner, invisible operators, BOM, interlinear
# annotation, tags and the rest. The list is that of Unicode 15.1; tests/validate/test_text.py checks
# that it covers category Cf of the running Python.
CONTROL = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f"
    "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_HIDDEN = re.compile(f"[{BIDI}{CONTROL}]")
_IS_BIDI = re.compile(f"[{BIDI}]")
# ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER are part of how Persian, the Indic scripts and emoji
# sequences are written; between two such characters they are allowed (see _joins).
_JOINERS = "\u200c\u200d"
# Names for the controls that have none in the Unicode character database (their usual aliases).
_C0 = [
    "NULL",
    "START-OF-HEADING",
    "START-OF-TEXT",
    "END-OF-TEXT",
    "END-OF-TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER-TABULATION",
    "LINE-FEED",
    "LINE-TABULATION",
    "FORM-FEED",
    "CARRIAGE-RETURN",
    "SHIFT-OUT",
    "SHIFT-IN",
    "DATA-LINK-ESCAPE",
    "DEVICE-CONTROL-ONE",
    "DEVICE-CONTROL-TWO",
    "DEVICE-CONTROL-THREE",
    "DEVICE-CONTROL-FOUR",
    "NEGATIVE-ACKNOWLEDGE",
    "SYNCHRONOUS-IDLE",
    "END-OF-TRANSMISSION-BLOCK",
    "CANCEL",
    "END-OF-MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "FILE-SEPARATOR",
    "GROUP-SEPARATOR",
    "RECORD-SEPARATOR",
    "UNIT-SEPARATOR",
]
# How much of the text around the character a message shows.
_AROUND = 12

HIDDEN_CHARACTERS = "hidden-characters"
Hit = tuple[Pointer, bool, str, list[int]]  # pointer, whether it is a key, the text, indexes of its hidden characters


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: a character's code point and name."""
    code = ord(char)
    name = unicodedata.name(char, "")
    if not name:
        if code < 0x20:
            name = _C0[code].replace("-", " ")
        elif code == 0x7F:
            name = "DELETE"
        elif 0xD800 <= code <= 0xDFFF:
            name = "SURROGATE"
        else:
            name = "CONTROL CHARACTER"
    return f"U+{code:04X} {name}"


def _joins(text: str, index: int) -> bool:
    """Whether the joiner at ``index`` sits between two letters, marks or symbols outside ASCII."""
    if text[index] not in _JOINERS or index == 0 or index == len(text) - 1:
        return False
    for neighbour in (text[index - 1], text[index + 1]):
        if neighbour < "\x80":
            return False
        category = unicodedata.category(neighbour)
        if category[0] not in "LM" and category not in ("So", "Sk"):
            return False
    return True


def _visible(text: str) -> str:
    """``text`` with every hidden character and line break written as an escape."""
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text).replace("\n", "\\n")


def excerpt(text: str, index: int) -> str:
    """The text around ``index``, quoted, with hidden characters made visible."""
    start, end = max(0, index - _AROUND), min(len(text), index + _AROUND + 1)
    before = "..." if start else ""
    after = "..." if end < len(text) else ""
    return f"'{before}{_visible(text[start:end])}{after}'"


# The hidden characters that ASCII has: the C0 controls but tab, line feed and carriage return (which YAML
# reads as a line break), and DEL. A simple class is searched many times faster than _HIDDEN's.
_ASCII_HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(source: str) -> bool:
    """Whether ``source`` holds no hidden character (an ASCII text is checked for its controls alone)."""
    if source.isascii():
        return _ASCII_HIDDEN.search(source) is None
    return _HIDDEN.search(source) is None


def _scan(ctx: Context) -> list[Hit]:
    """Every key and text in the file with a hidden character in it (one walk, one search per text)."""
    source = ctx.doc.source if ctx.doc.data is ctx.data else None  # the text the data was read from, if it was
    if source is not None and "\\" not in source and _clean(source):
        # Without an escape, every character of every key and text is written in the file as it is: a file
        # that holds none of them holds no key or text with one. Most files end here, without the walk.
        return []
    found: list[Hit] = []
    search = _HIDDEN.search
    stack: list[tuple[Pointer, Any]] = [((), ctx.data)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                where = (*pointer, key)
                if isinstance(key, str) and search(key):
                    _record(found, where, True, key)
                if isinstance(item, str):
                    if search(item):
                        _record(found, where, False, item)
                elif isinstance(item, dict | list):
                    stack.append((where, item))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    if search(item):
                        _record(found, (*pointer, i), False, item)
                elif isinstance(item, dict | list):
                    stack.append(((*pointer, i), item))
        elif isinstance(value, str) and search(value):
            _record(found, pointer, False, value)
    found.sort(key=lambda hit: ctx.doc.position(hit[0], key=hit[1]))
    return found


def _record(found: list[Hit], pointer: Pointer, key: bool, text: str) -> None:
    indexes = [m.start() for m in _HIDDEN.finditer(text) if not _joins(text, m.start())]
    if indexes:
        found.append((pointer, key, text, indexes))


def _findings(ctx: Context, bidi: bool, why: str) -> Iterator[Finding]:
    hits: list[Hit] = ctx.derive(HIDDEN_CHARACTERS, _scan)
    for pointer, key, text, indexes in hits:
        mine = [i for i in indexes if bool(_IS_BIDI.match(text, i)) is bidi]
        if not mine:
            continue
        first = mine[0]
        more = f" and {len(mine) - 1} more like it" if len(mine) > 1 else ""
        what = "key" if key else "text"
        yield Finding(
            pointer,
            f"{what} {excerpt(text, first)} holds {describe(text[first])} at character {first + 1}{more}: {why}",
            key=key,
        )


@rule("TEXT-BIDI", group="text", on="both")
def no_bidi_controls(ctx: Context) -> Iterator[Finding]:
    """No key or text holds a bidirectional control, which reorders what a reader sees."""
    yield from _findings(ctx, True, "it changes the order in which the text is shown, not what it says; delete it")


@rule("TEXT-CONTROL", group="text", on="both")
def no_control_characters(ctx: Context) -> Iterator[Finding]:
    """No key or text holds a control or invisible format character."""
    yield from _findings(ctx, False, "it is shown differently or not at all depending on the reader; delete it")
