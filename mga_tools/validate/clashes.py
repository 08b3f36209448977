"""One id, one file: an agreement id used by two files of one agreements folder is an error.

Each file is checked on its own (see :func:`mga_tools.validate.check_file`),
so the rule that compares files runs once over all of them, in
:func:`mga_tools.validate.validate_paths`. Publishing writes a page, a
download and documents named after the id: a second file with the same id
would silently replace the first.

A folder named to ``mga validate`` is one tree. A file named alone belongs
to the tree of the nearest folder named ``agreements`` on its path below the
current folder (``agreements/zz/ID.yaml`` to ``agreements/``), so that
checking one file finds the files that clash with it; a file outside such a
folder is compared with the files beside it only (a folder of test cases, or
of examples, is no set of agreements published together).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.load import FAST, PRECISE, Document, confined, fast_available, load
from mga_tools.load.companion import is_companion_file

RULE = "AGREEMENT-ID-DUPLICATE"
AGREEMENTS = "agreements"  # the folder of the agreements, as every command defaults to it

# What one file contributes: its displayed path, its id, and where the id is written.
Identity = tuple[str, str, int, int]

# The one form the quick read takes on trust: ``id: VALUE`` on one line, then only a comment. VALUE is a plain
# scalar that YAML reads as text (a letter first: no number, date, alias, tag or indicator), or a quoted one
# without escapes.
_ID_LINE = re.compile(
    r"""id:[ ]+(?P<value>[A-Za-z][A-Za-z0-9_.-]*|"[^"\\\x00-\x1f\x7f]+"|'[^'\x00-\x1f\x7f]+')"""
    r"""(?:[ ]+\#.*)?[ ]*\r?"""
)
# Plain words YAML reads as booleans or null (1.1 and 1.2): not text, so left to the full read.
_NOT_TEXT = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}
_ODD_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# How much of a file the quick read reads: agreements write their id in the first lines.
_HEAD = 4096


def identity(doc: Document | None) -> tuple[str, int, int] | None:
    """The agreement id of a loaded document and its position, or ``None`` when it has no usable id."""
    if doc is None or not doc.parsed or not isinstance(doc.data, dict):
        return None
    ident = doc.data.get("id")
    if not isinstance(ident, str) or not ident:
        return None
    line, col = doc.position(("id",))
    return ident, line, col


def tree_of(path: Path, cwd: Path) -> tuple[Path, bool]:
    """The folder whose agreements a file named alone is compared with, and whether to search it recursively."""
    try:
        folders = path.resolve().relative_to(cwd.resolve()).parts[:-1]
    except ValueError:
        folders = ()  # outside the current folder: no agreements folder of this project holds it
    if AGREEMENTS in folders:
        # The nearest: a project's agreements folder, never a folder of the same name further up.
        depth = len(folders) - folders[::-1].index(AGREEMENTS)
        return cwd.joinpath(*folders[:depth]), True
    return path.parent, False


def agreement_files(folder: Path, recursive: bool) -> list[Path]:
    """The agreement files of ``folder`` as ``mga validate FOLDER`` finds them (no companion files, no hidden ones)."""
    return [Path(path) for path in agreement_paths(str(folder), recursive)]


def agreement_paths(folder: str, recursive: bool, *, scores: bool = False) -> list[str]:
    """:func:`agreement_files` as text, in the same order (with ``scores``, companion files too: score,
    observations and disputes YAML files).

    The commit hook lists a whole folder to check one file: with hundreds of
    agreements, building and sorting path objects would cost more than
    reading their ids. Like ``Path.rglob``, links to folders are not followed.
    """
    found: list[str] = []
    for parent, folders, files in os.walk(folder) if recursive else _top(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if (
                name.endswith((".yaml", ".yml"))
                and not name.startswith(".")
                and (scores or not is_companion_file(name))
            ):
                path = os.path.join(parent, name)
                if os.path.isfile(path):
                    found.append(path)
    return sorted(found, key=lambda path: path.split(os.sep))


def _top(folder: str) -> list[tuple[str, list[str], list[str]]]:
    """The files right in ``folder``, shaped as one step of ``os.walk``."""
    try:
        return [(folder, [], [entry.name for entry in os.scandir(folder) if not entry.is_dir()])]
    except OSError:
        return []


def quick_identity(text: str, complete: bool = True) -> tuple[str, int, int] | None:
    """The id of an agreement's text and its position, read from its ``id:`` line alone; ``None`` when unsure.

    The commit hook checks one file, and every other file of its folder is read
    for its id: reading them whole would cost more than checking the file
    itself. The answer is taken only when the first line that is neither blank
    nor a comment is ``id: VALUE`` at column 0 (so ``id`` is the first key of
    the top-level mapping, and the one a YAML reader keeps) and the line after
    it starts at column 0; else ``None``, and the file is read whole. ``text``
    may be the head of a file only (``complete=False``): then both lines must
    be in it. What else is wrong in that file is its own check's business: its
    id still names it here.
    """
    start = 0
    while True:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip() and not line.lstrip().startswith("#"):
            break
        if end < 0:
            return None  # no content at all (in the head read)
        start = end + 1
    if end < 0 and not complete:
        return None  # the id line may go on past the head
    end = len(text) if end < 0 else end
    if _ODD_BREAKS.search(text, 0, end + 1):  # a line break only YAML sees would move the lines
        return None
    match = _ID_LINE.fullmatch(text, start, end)
    rest = text[end + 1 :].lstrip("\r\n")
    if match is None or rest[:1] in (" ", "\t") or (not rest and not complete):
        return None  # an indented line next: a plain value may go on there, a quoted one is broken
    value = match["value"]
    if value[0] in "\"'":
        value = value[1:-1]
    elif value.lower() in _NOT_TEXT:
        return None
    return value, text.count("\n", 0, start) + 1, match.start("value") - start + 1


def read_identity(path: Path | str, display: str, max_bytes: int, *, real: str | None = None) -> Identity | None:
    """The identity of a file that was not validated in this run (only its id is read).

    The ``id:`` line is enough for a file written as agreements are
    (:func:`quick_identity`); any other file is read whole, as validating it does.
    ``real`` is ``path`` resolved, when the caller has it: a path that no link
    leads elsewhere needs no second look for the repository it must stay in.
    """
    linked = real is None or real != os.path.abspath(path)
    try:
        if not (linked and confined.outside(Path(path))):
            with open(path, "rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                head = stream.read(_HEAD) if size <= max_bytes else b""
            if head and not head.startswith(_BOMS):
                # As the full read decodes: an invalid byte is replaced (here also one cut by the head's end).
                found = quick_identity(head.decode("utf-8", "replace"), complete=len(head) == size)
                if found is not None:
                    return (display, *found)
    except OSError:
        pass  # unreadable: the full read reports it, as validating the file does
    found = identity(load(Path(path), display, reader=FAST if fast_available() else PRECISE, max_bytes=max_bytes))
    return (display, *found) if found is not None else None


def unchecked(paths: Sequence[str], checked: Iterable[Path], max_bytes: int) -> list[Identity]:
    """The identities of the files of the trees of the files named in ``paths`` that were not checked."""
    cwd = Path.cwd()
    here = os.path.join(os.path.realpath(cwd), "")
    seen = {os.path.realpath(path) for path in checked}
    trees = {tree_of(Path(arg), cwd) for arg in paths if not Path(arg).is_dir()}
    found = []
    for folder, recursive in sorted(trees):
        top = str(folder)
        real_top = os.path.realpath(top)
        for path in agreement_paths(top, recursive):
            # The walk follows no link to a folder, so only the folder itself and the file can be links:
            # resolving the folder once spares an lstat per part of every path.
            real = os.path.realpath(path) if os.path.islink(path) else real_top + path[len(top) :]
            if real in seen:
                continue
            seen.add(real)
            display = real[len(here) :] if real.startswith(here) else path
            one = read_identity(path, display.replace(os.sep, "/"), max_bytes, real=real)
            if one is not None:
                found.append(one)
    return found


def clashes(checked: Sequence[Identity], others: Iterable[Identity] = ()) -> list[Diagnostic]:
    """An error at the id of each checked file whose id another file (checked or not) also has.

    ``others`` are files of the same trees that were not checked in this run:
    they are named in the messages, never reported themselves.
    """
    holders: dict[str, list[str]] = {}
    for display, ident, _, _ in [*checked, *others]:
        if display not in holders.setdefault(ident, []):
            holders[ident].append(display)
    found = []
    for display, ident, line, col in checked:
        rest = sorted(p for p in holders[ident] if p != display)
        if rest:
            named = ", ".join(rest)
            message = (
                f"id '{ident}' is also the id of {named}; an agreement id names one file only: "
                f"rename one of them (mga rename)"
            )
            found.append(Diagnostic(display, line, col, RULE, Severity.ERROR, message))
    return found
