"""The two YAML event sources: libyaml (fast) and ruamel.yaml (reference).

Both yield the same event objects by class name and attributes (``value``,
``anchor``, ``tag``, ``implicit``, ``style``, ``start_mark``), so one tree
builder serves both. ruamel.yaml is the reference reader: its messages are
the ones users see. libyaml is only used to certify quickly that a file has
no findings at all; any finding sends the file back through ruamel.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Generator

from mga_tools.load.limits import STOP_DEPTH

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any


class TooCostly(Exception):
    """The precise reader would exceed its budget on this text (an internal signal, never a finding)."""


class SyntaxProblem(Exception):
    """The text is not well-formed YAML (1-based position)."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(line, col, message)
        self.line = line
        self.col = col
        self.message = message


class TooDeep(SyntaxProblem):
    """libyaml gave up on nesting 1,000 levels deep, before any node below 64 levels reached the builder."""


def _problem(exc: Exception) -> SyntaxProblem:
    """Turn either library's error into a located, one-line message."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if mark is None and hasattr(exc, "position"):
        # Reader errors: a character YAML does not allow (given as text or as a code).
        char = getattr(exc, "character", "")
        number = ord(char) if isinstance(char, str) and len(char) == 1 else char
        code = f"#x{number:04x}" if isinstance(number, int) else repr(char)
        return SyntaxProblem(1, 1, f"character {code} is not allowed in YAML; remove it")
    message = problem or context or str(exc).splitlines()[0]
    if problem and context:
        # Say where the construct that could not be finished began.
        start = getattr(exc, "context_mark", None)
        where = f" at line {start.line + 1}, column {start.column + 1}" if start is not None else ""
        message = f"{problem} ({context.removeprefix('while ')} that began{where})"
    if problem == "mapping values are not allowed here":
        message += "; quote text that contains ': '"
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return SyntaxProblem(line, col, message)


def _reader_position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# Constructs on which libyaml and ruamel.yaml disagree about what is valid
# YAML: a block scalar whose first lines hold only spaces, and a comment
# glued to a block scalar header. The fast reader hands texts containing them
# to ruamel.yaml, so that both readers always give the same result.
# (A line of blanks holding a space is written "\t*[ ][ \t]*": unlike "[ \t]*[ ][ \t]*",
# it cannot backtrack quadratically over a long run of spaces.)
_DISAGREEMENTS = re.compile(r"[|>][0-9+-]*(?:#|[ \t]*(?:#[^\n]*)?\n\t*[ ][ \t]*\n)")


def libyaml_agrees(text: str) -> bool:
    """Whether ``text`` avoids the constructs the two readers disagree on."""
    return _DISAGREEMENTS.search(text) is None


def libyaml_available() -> bool:
    """Whether PyYAML was built with libyaml."""
    try:
        import yaml
    except ImportError:  # pragma: no cover - depends on the installation
        return False
    return bool(getattr(yaml, "__with_libyaml__", False))


def libyaml_events(text: str) -> Generator[Any, None, None]:
    """Events from libyaml; raises :class:`SyntaxProblem`."""
    from yaml import YAMLError
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # not in cyaml's __all__

    parser = CParser(text)
    try:
        # The parser's own iteration, in C: a Python loop here would cost as much as the rest of reading.
        yield from iter(parser.get_event, None)
    except YAMLError as exc:
        found = _located(exc, text)
        if getattr(exc, "problem", None) == "exceeded maximum nesting depth":
            raise TooDeep(found.line, found.col, found.message) from None
        raise found from None
    finally:
        parser.dispose()


def ruamel_events(text: str, max_events: int | None = None) -> Generator[Any, None, None]:
    """Events from ruamel.yaml's pure-Python parser; raises :class:`SyntaxProblem`.

    The safe parser is used, not the round-trip one: the latter keeps markers
    for folded lines inside scalar values and trips over some comment layouts.
    Past ``max_events`` events it raises :class:`TooCostly`.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    reader = YAML(typ="safe", pure=True)
    reader.Scanner = _capped_scanner()
    events = reader.parse(text)
    last = None
    while True:
        try:
            event = next(events)
        except StopIteration:
            return
        except YAMLError as exc:
            raise _located(exc, text) from None
        except Exception as exc:
            # Some inputs make the parser fail with an internal error (an
            # assertion on a %YAML version it does not know, for example).
            # They are still problems in the file, reported where reading stopped.
            mark = getattr(last, "end_mark", None)
            line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            raise SyntaxProblem(line, col, f"cannot be read as YAML ({exc})") from None
        last = event
        if max_events is not None:
            max_events -= 1
            if max_events < 0:
                raise TooCostly
        yield event


_CAPPED: list[Any] = []


def _capped_scanner() -> Any:
    """ruamel.yaml's scanner, made to stop at a flow nesting no document is read to.

    The scanner looks ahead up to 1,024 characters for a possible simple key
    and checks every open flow level for each token it reads: on thousands of
    nested brackets that costs minutes. Past :data:`STOP_DEPTH` levels (where
    the tree builder has stopped reading), it ends the stream instead.
    """
    if not _CAPPED:
        from ruamel.yaml.scanner import Scanner

        class CappedScanner(Scanner):
            def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:
                if len(self.flow_context) > STOP_DEPTH:
                    self.fetch_stream_end()
                    return
                super().fetch_flow_collection_start(TokenClass, to_push)

        _CAPPED.append(CappedScanner)
    return _CAPPED[0]


def _located(exc: Exception, text: str) -> SyntaxProblem:
    found = _problem(exc)
    position = getattr(exc, "position", None)
    if getattr(exc, "problem_mark", None) is None and isinstance(position, int):
        line, col = _reader_position(text, min(position, len(text)))
        return SyntaxProblem(line, col, found.message)
    return found
