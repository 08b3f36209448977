"""Helpers for fault tests: a small full disk, a umask, commands killed at random moments, leftovers."""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# Every name a temporary output may have (mga_tools.outputs.GITIGNORE, and those of older versions).
LITTER = re.compile(r"^\..*(\.mga-(tmp|new|old)-|\.(new|old)-)")


def litter(folder: Path) -> list[str]:
    """The temporary outputs left anywhere under ``folder``."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(".*") if LITTER.match(p.name))


@contextlib.contextmanager
def small_disk(where: Path, size: str = "64k") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``where`` (unmounted afterwards); skips the test where none can be mounted."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root on Linux")
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path) -> None:
    """Write into ``folder`` until its file system has no byte left."""
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for chunk in (65536, 4096, 1):  # unbuffered: every byte that fits is written
            with contextlib.suppress(OSError):
                while os.write(handle, b"\0" * chunk):
                    pass
    finally:
        os.close(handle)


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    """Run the block (and the processes it starts) under ``mask``."""
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def killed_run(*args: str, cwd: Path, within: float, rng: random.Random) -> None:
    """Start ``mga ARGS`` and SIGKILL it, with every process it started, after a random 0-``within`` s."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mga_tools", *args],
        cwd=cwd,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches mkdocs' process too
    )
    time.sleep(rng.uniform(0, within))
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # a child that outlived the group leader
