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

from collections.abc import Iterable, Sequence
from pathlib import Path

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.load import FAST, PRECISE, Document, fast_available, load
from mga_tools.load.companion import is_scores_file

RULE = "AGREEMENT-ID-DUPLICATE"
AGREEMENTS = "agreements"  # the folder of the agreements, as every command defaults to it

# What one file contributes: its displayed path, its id, and where the id is written.
Identity = tuple[str, str, int, int]


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
    """The agreement files of ``folder`` as ``mga validate FOLDER`` finds them (no score files, no hidden ones)."""
    found = folder.rglob("*") if recursive else folder.glob("*")
    return sorted(
        path
        for path in found
        if path.suffix in (".yaml", ".yml")
        and path.is_file()
        and not is_scores_file(path.name)
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def read_identity(path: Path, display: str, max_bytes: int) -> Identity | None:
    """The identity of a file that was not validated in this run (only its id is read)."""
    found = identity(load(path, display, reader=FAST if fast_available() else PRECISE, max_bytes=max_bytes))
    return (display, *found) if found is not None else None


def unchecked(paths: Sequence[str], checked: Iterable[Path], max_bytes: int) -> list[Identity]:
    """The identities of the files of the trees of the files named in ``paths`` that were not checked."""
    cwd = Path.cwd()
    seen = {path.resolve() for path in checked}
    trees = {tree_of(Path(arg), cwd) for arg in paths if not Path(arg).is_dir()}
    found = []
    for folder, recursive in sorted(trees):
        for path in agreement_files(folder, recursive):
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            try:
                display = path.resolve().relative_to(cwd.resolve()).as_posix()
            except ValueError:
                display = path.as_posix()
            one = read_identity(path, display, max_bytes)
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
