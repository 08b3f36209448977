"""Live preview: regenerate the pages when an agreement changes, and let ``mkdocs serve`` show them.

:class:`Preview` owns a generated docs tree and its mkdocs configuration.
:meth:`Preview.regenerate` rewrites the pages (only files whose content
changed, so mkdocs rebuilds little) and removes those of removed agreements; :meth:`Preview.changed` polls the
modification times of the agreements and handwritten docs. :func:`serve`
runs ``mkdocs serve`` on the tree and polls until it stops.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mga_tools.publish.build import Progress, Tree, _docs_dir, _quiet, generate_tree, write_config
from mga_tools.publish.docs_tree import prune
from mga_tools.validate.policy import Policy


class Preview:
    """A generated docs tree kept in step with the project's agreements."""

    def __init__(
        self, project: Path, work: Path, *, agreements_dir: str = "agreements", policy: Policy | None = None
    ) -> None:
        self.project = project
        self.work = work
        self.agreements_dir = agreements_dir
        self.policy = policy
        self.docs = work / "docs"
        self.config = work / "mkdocs.yml"
        self._seen: dict[str, float] = {}

    def _watched(self) -> dict[str, float]:
        found: dict[str, float] = {}
        for folder in (self.project / self.agreements_dir, self.project / _docs_dir(self.project)):
            if folder.is_dir():
                for path in folder.rglob("*"):
                    if path.is_file():
                        found[str(path)] = path.stat().st_mtime
        return found

    def changed(self) -> bool:
        """Whether an agreement or a handwritten page was added, removed or modified since the last look."""
        now = self._watched()
        if now == self._seen:
            return False
        self._seen = now
        return True

    def regenerate(self, progress: Progress = _quiet) -> Tree:
        """Validate and rewrite the pages; with errors, the previous pages stay as they were."""
        self._seen = self._watched()
        tree = generate_tree(
            self.project, self.docs, agreements_dir=self.agreements_dir, policy=self.policy, progress=progress
        )
        if tree.ok:
            prune(self.docs, tree.files)  # the page of a removed agreement goes too
            write_config(self.project, self.docs, self.config, [a for a, _ in tree.agreements])
        return tree


def serve(
    project: Path,
    *,
    address: str = "127.0.0.1:8000",
    agreements_dir: str = "agreements",
    policy: Policy | None = None,
    progress: Progress = _quiet,
    interval: float = 1.0,
) -> int:
    """Run ``mkdocs serve`` on a generated tree until it stops; regenerate when agreements change.

    Returns mkdocs' exit code. A first generation with errors returns 1 at once.
    """
    with tempfile.TemporaryDirectory(prefix="mga-serve-") as work:
        preview = Preview(project, Path(work), agreements_dir=agreements_dir, policy=policy)
        if not preview.regenerate(progress).ok:
            return 1
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(preview.config), "-a", address]
        child = subprocess.Popen(command, env=env)
        try:
            while child.poll() is None:
                time.sleep(interval)
                if preview.changed():
                    progress("change detected: regenerating")
                    tree = preview.regenerate(progress)
                    if not tree.ok:
                        progress(f"{tree.report.errors} error(s): the preview keeps the last good pages")
        except KeyboardInterrupt:
            pass
        finally:
            if child.poll() is None:
                child.terminate()
                child.wait(timeout=10)
        return child.returncode or 0
