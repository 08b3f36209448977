"""A content-addressed memo of results that are costly to compute and cheap to store.

The build keeps in a memo the validation result of each file and the
generated Markdown of each page, keyed by everything that decides them: the
bytes of the inputs, the settings, and the code of mga-tools itself (every
file of the package and of the schema folder, hashed once per process). A
changed input, setting or tool therefore never meets a stale entry; it simply
misses.

Each project has its own folder; :meth:`Memo.prune` keeps only the entries
the last build used, so the memo does not grow with every edit.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from mga_tools.resources import schema_dir

TYPE_CHECKING = False  # typing stays out of start-up
if TYPE_CHECKING:
    from typing import Any

_PACKAGE = Path(__file__).resolve().parent
_SUFFIX = ".pickle"


@cache
def code_hash() -> str:
    """SHA-256 over every file of the package and the schema folder (paths and bytes)."""
    digest = hashlib.sha256()
    for root in (_PACKAGE, schema_dir()):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def key(*parts: str | bytes) -> str:
    """The memo key of ``parts`` and the code that computes the result."""
    digest = hashlib.sha256(code_hash().encode("ascii"))
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        # Length-prefixed, so that no two different lists of parts hash alike.
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def project_key(project: Path) -> str:
    """A short name for ``project`` under a cache root: every project gets its own folders."""
    return hashlib.sha256(str(project.resolve()).encode("utf-8")).hexdigest()[:16]


class Memo:
    """One project's memo: a folder of pickled results, one file per key."""

    def __init__(self, root: Path, project: Path, kind: str) -> None:
        self.folder = root / "memo" / kind / project_key(project)
        self.used: set[str] = set()

    def get(self, entry: str) -> Any | None:
        """The stored result for ``entry``, or ``None`` (also for an unreadable entry: it is recomputed)."""
        self.used.add(entry)
        try:
            with open(self.folder / f"{entry}{_SUFFIX}", "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def put(self, entry: str, value: Any) -> None:
        """Store ``value`` under ``entry``, atomically (a reader sees the whole entry or none)."""
        self.used.add(entry)
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(name, self.folder / f"{entry}{_SUFFIX}")
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise

    def prune(self) -> None:
        """Delete the entries this memo's user did not ask for."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            # Temporary files are left alone: another build may be about to rename one into place.
            if path.suffix == _SUFFIX and path.stem not in self.used:
                path.unlink(missing_ok=True)
