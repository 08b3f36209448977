"""Plain-scalar resolution by the YAML 1.2 core schema, and YAML 1.1 surprises.

Every file is read as YAML 1.2: ``no`` is the text "no", ``052`` is the number
52 and ``2025-01-31`` is the text "2025-01-31" (the schema checks it is a
date). Tools that still speak YAML 1.1 would read some of those differently,
so such scalars are reported with a suggestion to quote them: the meaning of
what an author wrote never depends on which tool reads it.
"""

from __future__ import annotations

import math
import re

from mga_tools.load.limits import MAX_NUMBER_CHARS

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")

# Scalars that YAML 1.1 resolves to something other than what 1.2 gives.
_BOOL_11 = {
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "on", "On", "ON", "off", "Off", "OFF",
}  # fmt: skip
_OCTAL_11 = re.compile(r"[-+]?0[0-7_]+\Z")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+\Z")
_BINARY_11 = re.compile(r"[-+]?0b[01_]+\Z")
# The lookahead asks for an underscore without the backtracking of "[0-9_]*_[0-9_]*",
# which is quadratic on a long run of underscores.
_UNDERSCORE_11 = re.compile(r"[-+]?[0-9](?=[0-9]*_)[0-9_]*(\.[0-9_]*)?\Z")
_SEXAGESIMAL_11 = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?\Z")

# A plain scalar starting with any other character is text in both versions.
MAYBE_SPECIAL = frozenset("-+.0123456789~nNtTfFyYoO")
# Of those, a scalar starting with a sign, a dot or a digit may be a number; any other is special only
# when it is one of these words, in YAML 1.2 or 1.1.
NUMERIC_START = frozenset("-+.0123456789")
SPECIAL_WORDS = frozenset(_NULL | _TRUE | _FALSE | _BOOL_11)


def plain_text(text: str) -> bool:
    """Whether a plain scalar is text in YAML 1.2 and in 1.1 alike (most keys and values are)."""
    return bool(text) and text[0] not in NUMERIC_START and text not in SPECIAL_WORDS


def long_number(text: str) -> bool:
    """Whether ``text`` reads as a number but is too long to be converted (over :data:`MAX_NUMBER_CHARS`)."""
    if len(text) <= MAX_NUMBER_CHARS or text[0] not in MAYBE_SPECIAL:
        return False
    return any(pattern.match(text) for pattern in (_INT, _OCT, _HEX, _FLOAT))


def resolve(text: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar.

    A :func:`long_number` is left as its text: the caller reports it.
    """
    if not text:
        return None
    if text[0] not in MAYBE_SPECIAL or long_number(text):
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text) and text not in {".", "-.", "+."}:
        return float(text)
    if _INF.match(text):
        return -math.inf if text[0] == "-" else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def yaml11_surprise(text: str, value: Any) -> str | None:
    """Explain how YAML 1.1 would read ``text`` differently, or ``None``."""
    if not text or text[0] not in MAYBE_SPECIAL:
        return None
    if text in _BOOL_11:
        meaning = "true" if text.lower() in {"y", "yes", "on"} else "false"
        return (
            f"'{text}' is read as the text \"{text}\", but YAML 1.1 tools read it as {meaning}; "
            f"quote it ('{text}') if it is text, or write {meaning}"
        )
    if len(text) > MAX_NUMBER_CHARS:
        return None  # too long to be a number (YAML-NUMBER says so when it would be one)
    if _LEADING_ZERO.match(text):
        old = f"the octal number {int(text.replace('_', ''), 8)}" if _OCTAL_11.match(text) else f'the text "{text}"'
        return (
            f"'{text}' is read as the number {value}, but YAML 1.1 tools read {old}; "
            f"quote it ('{text}') if it is text, or write {value}"
        )
    if _BINARY_11.match(text) or _UNDERSCORE_11.match(text):
        digits = text.replace("_", "")
        number = int(digits.replace("0b", ""), 2) if "0b" in digits else resolve(digits)
        return (
            f"'{text}' is read as text, but YAML 1.1 tools read the number {number}; "
            f"quote it ('{text}') if it is text, or write {number}"
        )
    if _SEXAGESIMAL_11.match(text):
        return f"'{text}' is read as text, but YAML 1.1 tools read it as a base-60 number; quote it ('{text}')"
    return None
