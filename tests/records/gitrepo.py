"""Throw-away git repositories for the tests of the records package.

Every commit has a fixed author, committer and e-mail, and a date one day
after the previous commit's, so that commits (and their ids) are reproducible.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mga_tools.records import git as git_module

AUTHOR = "Ada Mediator"
EMAIL = "ada@example.org"
FIRST_DATE = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)
# Variables that would point git at another repository (set, for instance, inside a commit hook).
LOCATING = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY")


def isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep git away from the user's and the system's configuration and from any repository above ``tmp_path``."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in LOCATING:
        monkeypatch.delenv(name, raising=False)


def agreement(agreement_id: str, status: str = "draft", title: str = "Shared river", **extra: str) -> str:
    """A small agreement in YAML."""
    lines = [f"id: {agreement_id}", f"title: {title}", f"status: {status}"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def date(commit_number: int) -> str:
    """The author date of the ``commit_number``-th commit (from 1), as ``git log --format=%aI`` writes it."""
    return (FIRST_DATE + dt.timedelta(days=commit_number - 1)).isoformat()


class GitRepo:
    """A repository at ``root``, created empty on branch ``main``."""

    def __init__(self, root: Path, *, create: bool = True) -> None:
        self.root = root
        self.commits = 0
        if create:
            root.mkdir(parents=True, exist_ok=True)
            self.git("init", "-q", "-b", "main")

    def _env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in LOCATING}
        when = date(self.commits + 1)
        env.update(
            GIT_AUTHOR_NAME=AUTHOR,
            GIT_AUTHOR_EMAIL=EMAIL,
            GIT_AUTHOR_DATE=when,
            GIT_COMMITTER_NAME=AUTHOR,
            GIT_COMMITTER_EMAIL=EMAIL,
            GIT_COMMITTER_DATE=when,
            GIT_CONFIG_GLOBAL=os.devnull,
            GIT_CONFIG_NOSYSTEM="1",
        )
        return env

    def git(self, *args: str) -> str:
        """Run git in the repository; its output, stripped."""
        proc = subprocess.run(
            ["git", *args], cwd=self.root, env=self._env(), capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
        return proc.stdout.strip()

    def write(self, path: str, text: str | bytes) -> None:
        """Write a file (and its folders)."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")

    def read(self, path: str) -> bytes:
        """The bytes of a file in the working tree."""
        return (self.root / path).read_bytes()

    def rename(self, old: str, new: str) -> None:
        """Move a file on disk (git sees a removal and an addition until both are added)."""
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(self.root / old, self.root / new)

    def delete(self, path: str) -> None:
        """Remove a file from disk."""
        (self.root / path).unlink()

    def commit(self, message: str) -> str:
        """Add everything and commit it; the new commit's id."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        self.commits += 1
        return self.git("rev-parse", "HEAD")

    def clone(self, target: Path, *args: str) -> GitRepo:
        """``git clone ARGS file://ROOT TARGET``; the clone, continuing this repository's dates."""
        self.git("clone", "-q", *args, f"file://{self.root}", str(target))
        clone = GitRepo(target, create=False)
        clone.commits = self.commits
        return clone


def count_git(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """From now on, record the argument list of every process the git module starts (it still starts them)."""
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return real(args, **kwargs)

    monkeypatch.setattr(git_module.subprocess, "run", counting)
    return calls
