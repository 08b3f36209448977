"""The two YAML event sources: libyaml (fast) and ruamel.yaml (reference).

Both yield the same event objects by class name and attributes (``value``,
``anchor``, ``tag``, ``implicit``, ``style``, ``start_mark``), so one tree
builder serves both. ruamel.yaml is the reference reader: its messages are
the ones users see. libyaml is only used to certify quickly that a file has
no findings at all; any finding sends the file back through ruamel.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SyntaxProblem(Exception):
    """The text is not well-formed YAML (1-based position)."""

    line: int
    col: int
    message: str


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


def libyaml_available() -> bool:
    """Whether PyYAML was built with libyaml."""
    try:
        import yaml
    except ImportError:  # pragma: no cover - depends on the installation
        return False
    return bool(getattr(yaml, "__with_libyaml__", False))


def libyaml_events(text: str) -> Iterator[Any]:
    """Events from libyaml; raises :class:`SyntaxProblem`."""
    import yaml
    import yaml.cyaml

    parser = yaml.cyaml.CParser(text)
    try:
        while True:
            try:
                event = parser.get_event()
            except yaml.YAMLError as exc:
                raise _located(exc, text) from None
            if event is None:
                return
            yield event
    finally:
        parser.dispose()


def ruamel_events(text: str) -> Iterator[Any]:
    """Events from ruamel.yaml's pure-Python parser; raises :class:`SyntaxProblem`."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    events = YAML(typ="rt", pure=True).parse(text)
    while True:
        try:
            event = next(events)
        except StopIteration:
            return
        except YAMLError as exc:
            raise _located(exc, text) from None
        yield event


def _located(exc: Exception, text: str) -> SyntaxProblem:
    found = _problem(exc)
    position = getattr(exc, "position", None)
    if getattr(exc, "problem_mark", None) is None and isinstance(position, int):
        line, col = _reader_position(text, min(position, len(text)))
        return SyntaxProblem(line, col, found.message)
    return found
