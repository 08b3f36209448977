"""Replacing the site in one step, and clearing what a killed build left behind.

A build writes the new site into a folder beside the output,
``.SITE.mga-new-PID-RANDOM``, then exchanges it with the output in one
``renameat2(RENAME_EXCHANGE)`` (where the system has none: two renames
through ``.SITE.mga-old-PID-RANDOM``). Either way the output is, at every
moment, the old complete site or the new one. Each such folder carries the
site marker from the moment it is created, so that the next build can tell
it from anything else: :func:`clean_stale` removes the folders of that
pattern whose build has ended and that carry the marker (or are empty), and
puts an old site back should a build have died between its two renames.
The patterns are in :data:`mga_tools.outputs.GITIGNORE`.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from mga_tools.errors import OutputError
from mga_tools.outputs import alive, cannot_write, folder_mode, owner
from mga_tools.publish.mkdocs_process import BuildError

MARKER = ".mga-site"  # in every built site, and in every folder a build works in: only such a folder is removed
NEW_TAG = ".mga-new-"
OLD_TAG = ".mga-old-"
_MARKER_TEXT = "built by mga build; replaced by the next build\n"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
# The reasons a write fails for want of room or of a writable place: the disk, not the project, is at fault.
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG}
_ERRNO = re.compile(r"\[Errno (\d+)\]")


def new_folder(out: Path) -> Path:
    """A fresh folder beside ``out`` for the new site: marked, with the permissions ``mkdir`` gives."""
    folder = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}{NEW_TAG}{os.getpid()}-"))
    try:
        os.chmod(folder, folder_mode())  # mkdtemp makes it 0700; the site is shared as mkdocs build would
        (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")  # mkdocs keeps hidden files it finds
    except BaseException:
        remove(folder)  # a full disk: not even the marker fits
        raise
    return folder


def swap(new: Path, out: Path) -> None:
    """Put ``new`` in the place of ``out`` in one step, then remove the old site."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        remove(new)  # it holds the old site now
        return
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}{OLD_TAG}{os.getpid()}-"))
    try:
        (old / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    except BaseException:
        remove(old)
        raise
    os.rename(out, old / "site")
    os.rename(new, out)
    remove(old)


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` atomically; false where the system or file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def remove(folder: Path) -> None:
    """Remove a marked folder, its marker last: a removal cut short is finished by the next build."""
    with contextlib.suppress(FileNotFoundError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name == MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
    with contextlib.suppress(FileNotFoundError):
        (folder / MARKER).unlink()
    with contextlib.suppress(FileNotFoundError):
        folder.rmdir()


def clean_stale(out: Path) -> None:
    """Remove the work folders of builds of ``out`` that were killed; restore the old site if it is missing.

    Only folders named after ``out`` with a build's pattern, whose process
    has ended, that carry the marker or are empty, are touched.
    """
    try:
        entries = sorted(out.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not name.startswith(f".{out.name}.mga-") or entry.is_symlink() or not entry.is_dir():
            continue
        pid = owner(name, NEW_TAG) or owner(name, OLD_TAG)
        if pid is None or alive(pid):
            continue
        with contextlib.suppress(OSError):
            if not (entry / MARKER).is_file():
                entry.rmdir()  # killed before its marker was written: empty, else not ours to remove
                continue
            kept = entry / "site"
            if OLD_TAG in name and not out.exists() and (kept / MARKER).is_file():
                os.rename(kept, out)  # killed between the two renames of a swap: the old site goes back
            remove(entry)


P = ParamSpec("P")
R = TypeVar("R")


def reports_full_disk(build: Callable[P, R]) -> Callable[P, R]:
    """Turn a failure of ``build(project, out, ...)`` for want of room into :class:`OutputError` naming ``out``."""

    @functools.wraps(build)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return build(*args, **kwargs)
        except OSError as error:
            if error.errno not in _NO_ROOM:
                raise
            raise cannot_write(_named(error, _out(args, kwargs)), error) from error
        except BuildError as error:  # mkdocs' process reports the error in its messages
            found = _ERRNO.search(str(error))
            if found is None or int(found.group(1)) not in _NO_ROOM:
                raise
            reason = os.strerror(int(found.group(1)))
            raise OutputError(f"cannot write {_out(args, kwargs).as_posix()}: {reason}") from error

    return run


def _named(error: OSError, out: Path) -> Path:
    """The output, or the file the error names when that lies elsewhere (the cache's folder, say)."""
    if not isinstance(error.filename, str):
        return out
    named, beside = Path(error.filename).resolve(), out.resolve().parent
    return out if named == beside or beside in named.parents else Path(error.filename)


def _out(args: tuple[object, ...], kwargs: dict[str, object]) -> Path:
    out = args[1] if len(args) > 1 else kwargs.get("out")
    return out if isinstance(out, Path) else Path(str(out))
