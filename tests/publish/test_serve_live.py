"""``mga serve`` as a user runs it: the preview answers, and follows an edited agreement."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sites import make_project

# A real server builds the site, then again after the edit, polled until the page changes.
pytestmark = pytest.mark.slow

PAGE = "/agreements/three-firm-battery-recycling-jv.html"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, wanted: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if wanted in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {wanted!r} within {seconds} s")


def test_preview_follows_an_edited_agreement(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mga_tools", "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}{PAGE}"
        _wait_for(url, "Triloop Battery Materials", 120)
        source = project / "agreements" / "three-firm-battery-recycling-jv.yaml"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("title: Shareholders' Agreement", "title: Revised Shareholders' Agreement", 1))
        _wait_for(url, "Revised Shareholders", 120)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_preview_outlives_a_half_saved_mkdocs_yml_and_answers_only_its_hosts(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    log = tmp_path / "stderr.txt"
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "mga_tools", "serve", "--addr", f"127.0.0.1:{port}", "--host", "a.lan,b.lan"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}{PAGE}"
        _wait_for(url, "Triloop Battery Materials", 120)
        for host, status in (("evil.example", 421), (f"localhost:{port}", 200), ("b.lan", 200)):
            request = urllib.request.Request(url, headers={"Host": host})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    assert (host, response.status) == (host, status)
            except urllib.error.HTTPError as refused:
                assert (host, refused.code) == (host, status)
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text[: len(text) // 2] + "\nnav: [\n", encoding="utf-8")
        shown = _wait_for(url, "mga-preview-error", 120)
        assert "Triloop Battery Materials" in shown  # the last good page, under the banner
        assert "not valid YAML" in shown
        assert "mkdocs.yml: not valid YAML" in log.read_text(encoding="utf-8")
        config.write_text(text, encoding="utf-8")
        deadline = time.monotonic() + 120
        while "mga-preview-error" in _wait_for(url, "Triloop", 120):
            assert time.monotonic() < deadline, "the banner stayed after mkdocs.yml was fixed"
            time.sleep(0.5)
        assert server.poll() is None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
