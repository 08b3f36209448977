"""The build's documents, rendered in the background while the pages are generated."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mga_tools.model import Agreement

Progress = Callable[[str], None]  # a build's progress line, e.g. 'documents ready'


READY = "ready"
ENV = "MGA_DOCUMENTS_FLAG"  # tells the mkdocs hooks which file says that the documents are there


def signal(flag: Path, outcome: str) -> None:
    """Write ``outcome`` to ``flag`` at once: a reader sees no file or the whole word."""
    partial = flag.with_name(flag.name + ".partial")
    partial.write_text(outcome, encoding="utf-8")
    os.replace(partial, flag)


def wait_for(flag: Path, alive: Callable[[], bool], poll: float = 0.005) -> bool:
    """Wait until ``flag`` exists (true if it says the documents are ready) or ``alive()`` turns false."""
    while not flag.exists():
        if not alive():
            return False
        time.sleep(poll)
    return flag.read_text(encoding="utf-8") == READY


class BackgroundDocuments:
    """The PDF and DOCX documents, rendered on a thread while the pages are generated.

    Rendering spends its time in pandoc's processes and in Typst, so the pages
    (Python work) are generated meanwhile, and mkdocs may start too: the
    downloads are links placed before rendering, and the hooks wait for
    ``flag`` before mkdocs copies them. :meth:`wait` waits for the rendering,
    and :meth:`check` raises its error in the caller's thread.
    """

    def __init__(self, downloads: Path, cache: Path, jobs: int | None, progress: Progress, flag: Path) -> None:
        self._downloads, self._cache, self._jobs, self._progress = downloads, cache, jobs, progress
        self.flag = flag
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._placed = threading.Event()

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self, agreements: list[tuple[Agreement, Path]]) -> None:
        """Start rendering the documents of ``agreements`` (validated, each with its source file)."""
        self._progress(f"documents for {len(agreements)} agreement(s)")
        from mga_tools.render import render_documents  # pandoc and Typst load only when documents are built

        def run() -> None:
            outcome = READY
            try:
                render_documents(
                    agreements,
                    self._downloads,
                    jobs=self._jobs,
                    cache_dir=self._cache,
                    link=True,
                    placed=self._placed.set,
                )
            except BaseException as error:  # re-raised by check(), in the caller's thread
                self._error = error
                outcome = "failed"
            finally:
                self._placed.set()
            signal(self.flag, outcome)
            if outcome == READY:
                self._progress("documents ready")

        self._thread = threading.Thread(target=run, name="mga-documents")
        self._thread.start()

    def wait_placed(self) -> None:
        """Wait until every document has its place in the downloads folder (a link, maybe not rendered yet)."""
        if self._thread is not None:
            self._placed.wait()

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
