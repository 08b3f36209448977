"""The build's documents, rendered in the background while the pages are generated."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from mga_tools.model import Agreement

Progress = Callable[[str], None]


class BackgroundDocuments:
    """The PDF and DOCX documents, rendered on a thread while the pages are generated.

    Rendering spends its time in pandoc's processes and in Typst, so the pages
    (Python work) are generated meanwhile. :meth:`wait` waits for it, and
    :meth:`check` raises its error in the caller's thread.
    """

    def __init__(self, downloads: Path, cache: Path, jobs: int | None, progress: Progress) -> None:
        self._downloads, self._cache, self._jobs, self._progress = downloads, cache, jobs, progress
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def start(self, agreements: list[tuple[Agreement, Path]]) -> None:
        """Start rendering the documents of ``agreements`` (validated, each with its source file)."""
        self._progress(f"documents for {len(agreements)} agreement(s)")
        from mga_tools.render import render_documents  # pandoc and Typst load only when documents are built

        def run() -> None:
            try:
                render_documents(agreements, self._downloads, jobs=self._jobs, cache_dir=self._cache, link=True)
            except BaseException as error:  # re-raised by finish(), in the caller's thread
                self._error = error

        self._thread = threading.Thread(target=run, name="mga-documents")
        self._thread.start()

    def wait(self) -> None:
        """Wait until the rendering has ended (or at once if it never started)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def check(self) -> None:
        """Raise the rendering's error, if it had one."""
        if self._error is not None:
            error, self._error = self._error, None
            raise error
