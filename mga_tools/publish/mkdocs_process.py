"""Run ``mkdocs build`` in its own process, started early so that its imports overlap other work.

mkdocs runs in a separate interpreter: its plugins keep module state, and a
build must not leave any behind in the caller (``mga serve`` builds again and
again). Starting that interpreter and importing mkdocs, Material and the
Markdown extensions costs about half a second whatever the size of the site;
:class:`MkdocsProcess` starts it when the build starts, so the cost is paid
while ``mga build`` validates the agreements and renders the documents.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO

from mga_tools.errors import EXIT_FINDINGS, MgaError


class BuildError(MgaError):
    """mkdocs refused the generated site, or the documents could not be rendered."""

    exit_code = EXIT_FINDINGS


class MkdocsProcess:
    """A waiting mkdocs process: :meth:`prepare`, then :meth:`build`, once. Use it as a context manager."""

    def __init__(self) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        # Output goes to files, not pipes: the process writes while the caller is busy elsewhere.
        # Closed in close(), which the context manager calls.
        self._out: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            [sys.executable, "-m", "mga_tools.publish.mkdocs_runner"],
            stdin=subprocess.PIPE,
            stdout=self._out,
            stderr=self._err,
            env=env,
        )

    def prepare(self, config: Path, site: Path) -> None:
        """Have mkdocs load ``config`` (a strict build into ``site``) while the caller goes on."""
        self._send({"config": str(config.resolve()), "site": str(site.resolve())})

    def build(self, extra_env: dict[str, str] | None = None) -> None:
        """Build the prepared site; raises :class:`BuildError` with mkdocs' messages if it fails."""
        self._send({"env": {"NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}})
        process = self._process
        if process.stdin is not None:
            process.stdin.close()
        code = process.wait()
        if code != 0:
            raise BuildError(f"mkdocs build failed:\n{self._messages()}")

    def _send(self, request: dict[str, object]) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            stdin.flush()
        except BrokenPipeError:
            pass  # the process has stopped (a configuration it refused); its status and messages say why

    def _messages(self) -> str:
        texts = []
        for stream in (self._err, self._out):
            stream.seek(0)
            texts.append(stream.read().decode("utf-8", errors="replace").strip())
        return texts[0] or texts[1]

    def close(self) -> None:
        """End the process if no build ran in it; release its output files."""
        process = self._process
        if process.poll() is None:
            process.kill()  # it has built nothing: nothing to finish or clean up
            process.wait()
        if process.stdin is not None and not process.stdin.closed:
            process.stdin.close()
        self._out.close()
        self._err.close()

    def __enter__(self) -> MkdocsProcess:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def run_mkdocs(config: Path, site: Path, extra_env: dict[str, str] | None = None) -> None:
    """A strict ``mkdocs build`` of ``config`` into ``site`` in a fresh process."""
    with MkdocsProcess() as process:
        process.prepare(config, site)
        process.build(extra_env)
