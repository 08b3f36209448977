"""Writing outputs: atomically, with the umask's permissions, never through a symbolic link.

Every file a command writes (a sealed agreement, a signature, a rendered
document, a new agreement) goes through :func:`write_atomic`: the bytes go
to a temporary file beside the target, which then replaces the target with
:func:`os.replace`. A reader, a crash or a full disk therefore sees the old
file or the new one, never a part of one; a link at the target is replaced
by the file, so nothing is ever written into whatever it points to.

Temporary names follow one pattern, ``.NAME.mga-tmp-PID-RANDOM``, which the
project's ``.gitignore`` lists (:data:`GITIGNORE`). A run that was killed
leaves such a file behind; the next write beside it removes the files of
that pattern whose process has ended, and nothing else.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from mga_tools.errors import OutputError

TEMP_TAG = ".mga-tmp-"
# The patterns of every temporary output, as .gitignore lines (see mga_tools.publish.site_swap).
GITIGNORE = (".*.mga-tmp-*", ".*.mga-new-*/", ".*.mga-old-*/")


def umask() -> int:
    """The process's umask, read without changing it (another thread may be creating files meanwhile)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    current = os.umask(0o022)  # no /proc: the only portable way, briefly
    os.umask(current)
    return current


def file_mode() -> int:
    """The permissions ``cp`` gives a new file: 0666 less the umask."""
    return 0o666 & ~umask()


def folder_mode() -> int:
    """The permissions ``mkdir`` gives a new folder: 0777 less the umask."""
    return 0o777 & ~umask()


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (on this machine); a temporary file of a live run is left alone."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def owner(name: str, tag: str) -> int | None:
    """The process id in a temporary name ``.X{tag}PID-RANDOM``, or ``None`` if ``name`` is not one."""
    _, found, rest = name.partition(tag)
    pid = rest.split("-", 1)[0]
    return int(pid) if found and name.startswith(".") and pid.isdigit() else None


def temporary_name(target: Path, tag: str = TEMP_TAG) -> Path:
    """A fresh temporary path beside ``target``, named after it and this process."""
    return target.with_name(f".{target.name}{tag}{os.getpid()}-{secrets.token_hex(4)}")


def clean_stale(target: Path) -> None:
    """Remove the temporary files a killed run left beside ``target``: only this pattern, only of ended runs."""
    prefix = f".{target.name}{TEMP_TAG}"
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            pid = owner(entry.name, TEMP_TAG) if entry.name.startswith(prefix) else None
            if pid is not None and entry.is_file(follow_symlinks=False) and not alive(pid):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def cannot_write(path: Path, error: OSError) -> OutputError:
    """The fatal error for an output that could not be written, e.g. ``cannot write x.pdf: No space left on device``."""
    reason = error.strerror or os.strerror(error.errno or errno.EIO)
    return OutputError(f"cannot write {path.as_posix()}: {reason}")


def write_atomic(path: Path, content: bytes, *, replace: bool = True, durable: bool = True) -> Path:
    """Make ``path`` hold ``content``: written beside it, then moved into place in one step.

    An existing regular file keeps its permissions; a new file (or one that
    replaces a link) gets 0666 less the umask. With ``replace`` false an
    existing ``path`` (or link) is never replaced: :class:`FileExistsError` is
    raised instead. Any other failure (a full disk, a read-only folder)
    raises :class:`mga_tools.errors.OutputError` and leaves no file behind.
    With ``durable`` the bytes reach the disk before the file takes its place
    (a power cut, not only a killed run, then leaves the old or the new file);
    documents that can be rendered again skip that wait.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(path)
        try:
            info = path.lstat()
        except FileNotFoundError:
            info = None
        if info is not None and not replace:
            raise FileExistsError(errno.EEXIST, "File exists", str(path))
        regular = info is not None and not path.is_symlink() and path.is_file()
        mode = info.st_mode & 0o7777 if regular and info is not None else file_mode()
        temporary = temporary_name(path)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        raise
    except OSError as error:
        raise cannot_write(path, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if replace:
            os.replace(temporary, path)  # replaces a link itself, never its target
        else:
            _place_new(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, FileExistsError):
            raise cannot_write(path, error) from error
        raise
    return path


def _place_new(temporary: Path, path: Path) -> None:
    """Move ``temporary`` to ``path`` unless ``path`` exists: a hard link fails rather than replace."""
    try:
        os.link(temporary, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS):
            raise
        # No hard links here: check, then move (a run creating the same file meanwhile is the only risk).
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)
