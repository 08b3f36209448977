"""Live preview: regenerate and rebuild the site when a source changes, and serve the last good one.

:class:`Preview` owns a generated docs tree and its mkdocs configuration.
:meth:`Preview.regenerate` rewrites the pages (only files whose content
changed) and removes those of removed agreements; :meth:`Preview.refresh`
then builds them into a new site folder, and never raises: a half-saved
``mkdocs.yml``, a file that vanished mid-way or a page mkdocs refuses
becomes an error message, and the previous site stays. :meth:`Preview.changed`
polls the modification times of the agreements, the handwritten docs and
``mkdocs.yml``. :func:`serve` serves the last good site with
:class:`~mga_tools.publish.preview_server.PreviewServer` and polls until
stopped.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from types import FrameType

from mga_tools.errors import MgaError, UsageError
from mga_tools.publish.build import Progress, Tree, _quiet, generate_tree
from mga_tools.publish.docs_tree import prune
from mga_tools.publish.mkdocs_process import run_mkdocs
from mga_tools.publish.preview_server import PreviewServer, allowed_hosts
from mga_tools.publish.site_config import docs_dir, write_config
from mga_tools.report import REPORTERS
from mga_tools.validate.policy import Policy


class Preview:
    """A generated docs tree kept in step with the project's agreements, and the last site built from it.

    A preview is for the people who write the agreements: its pages show the
    validator's findings (an ``editor`` build, see :func:`~mga_tools.publish.build.generate_tree`).
    ``today`` fixes the day deadlines are counted from; by default, the day of each regeneration.
    """

    def __init__(
        self,
        project: Path,
        work: Path,
        *,
        agreements_dir: str = "agreements",
        policy: Policy | None = None,
        today: datetime.date | None = None,
    ) -> None:
        self.project = project
        self.work = work
        self.agreements_dir = agreements_dir
        self.policy = policy
        self.today = today
        self.docs = work / "docs"
        self.config = work / "mkdocs.yml"
        self.site: Path | None = None  # the last good site
        self._builds = 0
        self._seen: dict[str, float] = {}

    def _watched(self) -> dict[str, float]:
        try:
            docs = docs_dir(self.project)
        except Exception:  # a half-saved mkdocs.yml: watch the usual folder until it is fixed
            docs = "docs"
        found: dict[str, float] = {}
        for folder in (self.project / self.agreements_dir, self.project / docs):
            # os.walk skips a folder that vanishes while it is walked; a file may vanish too.
            for current, _, names in os.walk(folder):
                for name in names:
                    _note(found, Path(current) / name)
        _note(found, self.project / "mkdocs.yml")
        return found

    def changed(self) -> bool:
        """Whether an agreement, a handwritten page or mkdocs.yml was added, removed or modified since the last look."""
        now = self._watched()
        if now == self._seen:
            return False
        self._seen = now
        return True

    def regenerate(self, progress: Progress = _quiet) -> Tree:
        """Validate and rewrite the pages; with errors, the previous pages stay as they were."""
        self._seen = self._watched()
        tree = generate_tree(
            self.project,
            self.docs,
            agreements_dir=self.agreements_dir,
            policy=self.policy,
            progress=progress,
            editor=True,
            today=self.today,
        )
        if tree.ok:
            prune(self.docs, tree.files)  # the page of a removed agreement goes too
            write_config(self.project, self.docs, self.config)
        return tree

    def refresh(self, progress: Progress = _quiet) -> str | None:
        """Regenerate and build a new site into :attr:`site`; on failure, the error and :attr:`site` unchanged."""
        try:
            tree = self.regenerate(progress)
        except Exception as error:  # the preview outlives any half-saved or vanishing file
            return _describe(error)
        if not tree.ok:
            return REPORTERS["text"](tree.report).rstrip("\n") + f"\n{tree.report.errors} error(s)"
        self._builds += 1
        site = self.work / f"site-{self._builds}"
        progress("mkdocs build --strict")
        try:
            run_mkdocs(self.config, site)
        except Exception as error:
            shutil.rmtree(site, ignore_errors=True)
            return _describe(error)
        # The site before the previous one goes: the previous may still be read by a request in flight.
        for old in self.work.glob("site-*"):
            if old not in (site, self.site):
                shutil.rmtree(old, ignore_errors=True)
        self.site = site
        return None


def _note(found: dict[str, float], path: Path) -> None:
    try:
        info = path.stat()
    except OSError:  # removed since it was listed (or never there): not watched
        return
    if stat.S_ISREG(info.st_mode):
        found[str(path)] = info.st_mtime


def _describe(error: Exception) -> str:
    text = str(error) if isinstance(error, MgaError) else f"{type(error).__name__}: {error}"
    return _COLOUR.sub("", text)  # mkdocs colours its warnings; the page shows plain text


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def split_address(address: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8000`` for IPv6) as a host and a port."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or int(port) > 65535:
        raise UsageError(f"--addr {address}: expected HOST:PORT, e.g. 127.0.0.1:8000")
    return host.strip("[]"), int(port)


def _stop_on_sigterm() -> None:
    """Let SIGTERM stop the preview as Ctrl-C does, so that its temporary folder is removed."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)


def serve(
    project: Path,
    *,
    address: str = "127.0.0.1:8000",
    hosts: Iterable[str] = (),
    agreements_dir: str = "agreements",
    policy: Policy | None = None,
    progress: Progress = _quiet,
    interval: float = 1.0,
    today: datetime.date | None = None,
) -> int:
    """Serve the site at ``address`` until interrupted; rebuild it when a source changes.

    ``hosts`` are the host names answered besides loopback and the bound address.
    Returns 0 when stopped, 1 at once when the first build fails (its error goes
    to ``progress``). Later failures keep the last good site, shown with the
    error in a banner, until the sources are fixed. The pages show the
    validator's findings; ``today`` is :class:`Preview`'s.
    """
    host, port = split_address(address)
    with tempfile.TemporaryDirectory(prefix="mga-serve-") as work:
        preview = Preview(project, Path(work), agreements_dir=agreements_dir, policy=policy, today=today)
        error = preview.refresh(progress)
        if error is not None or preview.site is None:
            progress(f"{error}\nnot serving: nothing could be built yet")
            return 1
        try:
            server = PreviewServer((host, port), allowed_hosts(host, hosts))
        except OSError as problem:
            raise UsageError(f"--addr {address}: cannot listen there: {problem.strerror or problem}") from None
        server.show(preview.site)
        threading.Thread(target=server.serve_forever, name="mga-preview", daemon=True).start()
        progress(f"serving http://{address}/ (Ctrl-C to stop)")
        _stop_on_sigterm()
        try:
            while True:
                time.sleep(interval)
                if not preview.changed():
                    continue
                progress("change detected: regenerating")
                error = preview.refresh(progress)
                if error is None and preview.site is not None:
                    server.show(preview.site)
                    progress("preview updated")
                else:
                    server.fail(error or "")
                    progress(f"{error}\nthe preview keeps the last good pages, with this error on top")
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            server.server_close()
    return 0
