"""Run ``mkdocs build`` in its own process, started early so that its imports overlap other work.

mkdocs runs in a separate process: its plugins keep module state, and a
build must not leave any behind in the caller (``mga serve`` builds again and
again). Starting that process and importing mkdocs, Material and the
Markdown extensions costs about half a second whatever the size of the site;
:class:`MkdocsProcess` starts it when the build starts, so the cost is paid
while ``mga build`` validates the agreements and renders the documents. On
Linux, from a caller with a single thread, the process is a fork of the
caller (no interpreter to start); elsewhere it is a new interpreter.

That early process splits ``mkdocs build`` with mkdocs internals (see
:mod:`mga_tools.publish.mkdocs_internals.runner`). With the speed-ups
switched off (``MGA_BUILD_SPEED_HOOKS=0``), nothing starts early and
:meth:`MkdocsProcess.build` runs the public command ``python -m mkdocs build
--strict -f CONFIG -d SITE`` in a subprocess.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

from mga_tools.errors import EXIT_FINDINGS, MgaError
from mga_tools.publish import mkdocs_internals

RUNNER = "mga_tools.publish.mkdocs_internals.runner"


class BuildError(MgaError):
    """mkdocs refused the generated site, or the documents could not be rendered."""

    exit_code = EXIT_FINDINGS


class _Forked:
    """The runner in a child forked from this process, with the part of ``Popen``'s interface used here.

    A fork skips starting an interpreter and finding the runner module (about
    30 ms before mkdocs even starts loading). Only taken where forking is
    sound: on Linux, from a process with a single thread (a fork copies no
    other thread, and so no lock another thread might hold).
    """

    def __init__(self, out: IO[bytes], err: IO[bytes]) -> None:
        read, write = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # else the child would write the parent's pending output too
            stream.flush()
        pid = os.fork()
        if pid == 0:
            from mga_tools.publish.mkdocs_internals.runner import run_forked

            run_forked(read, write, out.fileno(), err.fileno())  # never returns
        os.close(read)
        self.pid = pid
        self.stdin: IO[bytes] | None = os.fdopen(write, "wb")
        self.returncode: int | None = None

    @staticmethod
    def usable() -> bool:
        return sys.platform == "linux" and threading.active_count() == 1

    def _reap(self, flags: int) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, flags)
            if pid == self.pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def poll(self) -> int | None:
        return self._reap(os.WNOHANG)

    def wait(self) -> int:
        code = self._reap(0)
        assert code is not None
        return code

    def kill(self) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)


class MkdocsProcess:
    """A waiting mkdocs process: :meth:`prepare`, then :meth:`build`, once. Use it as a context manager.

    With the speed-ups off (see :mod:`mga_tools.publish.mkdocs_internals`), no
    process waits: :meth:`build` runs ``mkdocs build`` from its command line.
    """

    def __init__(self) -> None:
        # Output goes to files, not pipes: the process writes while the caller is busy elsewhere.
        # Closed in close(), which the context manager calls.
        self._out: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._process: _Forked | subprocess.Popen[bytes] | None = None
        self._prepared: tuple[str, str] | None = None
        if not mkdocs_internals.enabled():
            return
        if _Forked.usable():
            self._process = _Forked(self._out, self._err)
        else:
            self._process = subprocess.Popen(
                [sys.executable, "-m", RUNNER],
                stdin=subprocess.PIPE,
                stdout=self._out,
                stderr=self._err,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )

    def prepare(self, config: Path, site: Path) -> None:
        """Have mkdocs load ``config`` (a strict build into ``site``) while the caller goes on."""
        self._prepared = (str(config.resolve()), str(site.resolve()))
        if self._process is not None:
            self._send({"config": self._prepared[0], "site": self._prepared[1]})

    def build(self, extra_env: dict[str, str] | None = None) -> None:
        """Build the prepared site; raises :class:`BuildError` with mkdocs' messages if it fails."""
        env = {"NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
        process = self._process
        if process is None:
            code = self._command(env)
        else:
            self._send({"env": env})
            if process.stdin is not None:
                # A process that stopped early (a configuration it refused) leaves unsent bytes that
                # closing would flush again; its exit status and messages say why it stopped.
                with contextlib.suppress(BrokenPipeError):
                    process.stdin.close()
            code = process.wait()
        if code != 0:
            raise BuildError(f"mkdocs build failed:\n{self._messages()}")

    def _command(self, env: dict[str, str]) -> int:
        """``mkdocs build --strict`` of the prepared configuration, as its command line runs it."""
        if self._prepared is None:
            return 0  # nothing prepared, nothing to build (as the waiting process does)
        config, site = self._prepared
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", site]
        done = subprocess.run(command, stdout=self._out, stderr=self._err, env={**os.environ, **env}, check=False)
        return done.returncode

    def _send(self, request: dict[str, object]) -> None:
        assert self._process is not None
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
        if process is not None:
            if process.poll() is None:
                process.kill()  # it has built nothing: nothing to finish or clean up
                process.wait()
            if process.stdin is not None and not process.stdin.closed:
                with contextlib.suppress(BrokenPipeError):
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
