"""The limits every reader of a YAML file goes through, defined once.

Whatever its bytes, a file of up to :data:`MAX_BYTES` is read in bounded
time and memory: each limit below turns what would make a reader slow or
hungry into a located diagnostic. They are documented in docs/rules.md
(section "Reading the file"); the policy file can lower or raise the size
limit only.
"""

from __future__ import annotations

# Files larger than this are refused unread (YAML-SIZE); the policy's
# ``max_file_bytes`` defaults to it.
MAX_BYTES = 1024 * 1024
# Nodes nested deeper than this are left out (YAML-DEPTH) ...
MAX_DEPTH = 64
# ... and at this depth reading stops: no parser spends more on nesting.
STOP_DEPTH = 2 * MAX_DEPTH
# Reading stops at this many nodes (keys, values, collections; YAML-SIZE).
# An agreement of 60 kB has about 4,000; the limit keeps the slowest file
# that is read in full well within a second.
MAX_NODES = 50_000
# A plain scalar longer than this that reads as a number is refused
# (YAML-NUMBER) instead of being converted: converting a number with
# hundreds of thousands of digits takes seconds, and Python refuses to print
# one with more than 4,300 digits.
MAX_NUMBER_CHARS = 100
# Each loader rule lists at most this many findings in a file, then says
# that more follow.
MAX_REPORTS = 100
# Values that messages quote are cut to this many characters ...
MAX_SHOWN = 60
# ... and any message, whoever wrote it, to about this many (the longest
# message about a normal file, the list of allowed keys, has 400).
MAX_MESSAGE = 1000

# ruamel.yaml (the precise reader) is written in Python and is ten to forty
# times slower than libyaml. It reads a text only when that text is at most
# this long and holds at most this many parser events; any other text is read
# by libyaml, whose findings are the same apart from the wording of syntax
# errors and the position of a few empty nodes.
PRECISE_MAX_CHARS = 64 * 1024
PRECISE_MAX_EVENTS = 6_000


def shown(text: str) -> str:
    """``text`` as a message quotes it: cut to :data:`MAX_SHOWN` characters, ending in ``...`` when cut."""
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "..."


def clipped(message: str) -> str:
    """``message`` with its middle cut out when it is over :data:`MAX_MESSAGE` characters.

    Messages that quote a value of the file can be as long as the file; the
    start says what is wrong and the end how to fix it, so both are kept.
    """
    if len(message) <= MAX_MESSAGE:
        return message
    cut = len(message) - MAX_MESSAGE + 200
    return f"{message[: MAX_MESSAGE - 300]} [... {cut} characters ...] {message[-100:]}"
