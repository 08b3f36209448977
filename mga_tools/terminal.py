"""Escaping for terminals and CI logs: what the tool prints can neither drive a terminal nor forge a log command.

File names, agreement values and commit messages come from whoever wrote
them, a pull request included. Printed raw, a line break in one of them would
start a line of its own (in GitHub Actions, a ``::error::`` or ``::add-mask::``
workflow command), and an ESC would drive the terminal. Everything human-
readable goes through this module, the one place that decides how:

- :func:`escaped` writes each control character of a value as a C-style
  escape, as git's ``core.quotePath`` does: ``\\n``, ``\\t``, ``\\r``, ``\\033``
  for ESC; DEL, C1 controls, Unicode line separators and bidirectional
  controls as JSON writes them (``\\u2028``), so that JSON output stays JSON;
- :func:`quoted_path` leaves an ordinary path as it is and writes any other
  one in double quotes, escaping ``\\`` and ``"`` too, so that it reads back
  unambiguously;
- :func:`safe_lines` is the net under every command's output: whatever line
  breaks the tool itself writes stay, any other control character is escaped.

GitHub's runner also reads a legacy ``##[command]`` anywhere in a line and a
``::command::`` at the start of one (after spaces): both are broken up
(``##\\u005b``, ``\\072:``). Ordinary text never holds either, so it prints as before.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the
# bidirectional controls that reorder what a terminal shows.
_CONTROL = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{_CONTROL}]|##\\[")
# The same, but for the line feed: the line breaks the tool writes itself.
_UNSAFE_IN_LINES = re.compile(f"[{_CONTROL.replace(chr(0) + '-', chr(0) + '-' + chr(9) + chr(11) + '-')}]")
_NAMED = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
# A workflow command starts a line, after any white space.
_COMMAND_START = re.compile(r"^(\s*):(?=:)", re.MULTILINE)
# ``##[`` with its bracket as a JSON escape: valid in JSON strings, and no longer a command.
_HASHES = "##\\u005b"
_NEEDS_QUOTES = re.compile(f'[{_CONTROL}]|^"|^\\s*::|##\\[|\\\\')


def _escape(char: str) -> str:
    """One control character as a C-style escape (``##[`` comes through whole and keeps its text)."""
    if char == "##[":
        return _HASHES
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    # Octal for C0, as git writes it; the others as JSON writes them, so that JSON output stays JSON.
    return f"\\{code:03o}" if code < 0x20 else f"\\u{code:04x}"


def _sub(match: re.Match[str]) -> str:
    return _escape(match.group())


def escaped(text: str) -> str:
    """``text`` on one line with every control character escaped (``a\\nb``), for a value a message echoes."""
    text = _UNSAFE.sub(_sub, text)
    return _COMMAND_START.sub(r"\1\\072", text) if "::" in text else text


def quoted_path(path: str) -> str:
    """``path`` as git's ``core.quotePath`` prints it: as it is, or in double quotes with C-style escapes."""
    if not _NEEDS_QUOTES.search(path):
        return path
    body = path.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _UNSAFE.sub(_sub, body) + '"'


def safe_lines(text: str, *, commands: bool = False) -> str:
    """``text`` as printed: its ``\\n`` line breaks kept, every other control character escaped.

    A line that would start a workflow command is broken up, unless
    ``commands`` says that the text holds the tool's own annotations (whose
    values are escaped where they are written).
    """
    text = _UNSAFE_IN_LINES.sub(_sub, text)
    if "##[" in text:
        text = text.replace("##[", _HASHES)
    if not commands and "::" in text:
        text = _COMMAND_START.sub(r"\1\\072", text)
    return text
