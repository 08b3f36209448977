"""Agreement files stay inside their repository: a link that leads out of it is never read.

A pull request can add ``agreements/x.yaml`` as a symbolic link to any file on
the machine that checks it (a token, ``/etc/passwd``). Read, its content would
come back in the findings (the schema quotes what it reads) and in the
published site. So every agreement and score file is resolved first, and one
whose real location lies outside the repository is refused unread
(FILE-OUTSIDE, documented in docs/rules.md). Links inside the repository are
followed as before.
"""

from __future__ import annotations

import os
from pathlib import Path

RULE = "FILE-OUTSIDE"
MESSAGE = "a link that leads outside the repository: not read; replace it with the file itself"


def repository_root(folder: Path) -> Path:
    """The resolved root that bounds the files found in ``folder`` (an absolute path, not resolved).

    That is the nearest folder above it with a ``.git`` (a folder, or a file in
    a worktree); outside any repository, the current directory when ``folder``
    lies in it, else ``folder`` itself.
    """
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate.resolve()
    cwd = Path.cwd()
    return cwd.resolve() if folder.is_relative_to(cwd) else folder.resolve()


def outside(path: Path) -> bool:
    """Whether ``path``, followed through every link, lies outside the repository it is found in.

    The root is found from where the path is written, before any link is
    followed: a link cannot move the boundary it is checked against. A loop of
    links counts as outside.
    """
    written = Path(os.path.abspath(path))
    try:
        real = written.resolve(strict=False)
    except (OSError, RuntimeError):
        return True
    if real == written:  # no link on the way: the common case costs no search for the root
        return False
    return not real.is_relative_to(repository_root(written.parent))
