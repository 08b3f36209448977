"""Git: the one module that runs ``git``.

Every call is an argument list (never a shell) with a fixed locale, so that
output parses the same everywhere, and without prompts, so that a command
never waits for a password. Reading any number of files costs one
``git cat-file --batch`` process, and the history of a folder one ``git log``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mga_tools.errors import EXIT_INTERNAL, MgaError, UsageError
from mga_tools.load.companion import is_companion_file

__all__ = ["MAIN_BRANCHES", "Commit", "FileChange", "GitError", "NotARepository", "Repo", "is_agreement"]

SUFFIXES = (".yaml", ".yml")
# Where the main line of development is, in the order tried by :meth:`Repo.default_base`.
MAIN_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")
_MAIN_REFS = {
    "origin/HEAD": "refs/remotes/origin/HEAD",
    "origin/main": "refs/remotes/origin/main",
    "origin/master": "refs/remotes/origin/master",
    "main": "refs/heads/main",
    "master": "refs/heads/master",
}
# Variables that point git at another repository or index. Inside a commit hook git sets them for the
# repository being committed to; a Repo is found from its path alone.
_LOCATING = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
)
_REGULAR = ("100644", "100755")  # symbolic links and submodules are not agreement files
# Settings that would change the output parsed here; the options given on each command cover the rest.
_CONFIG = ("-c", "log.showSignature=false", "-c", "log.follow=false", "-c", "color.ui=false")


class NotARepository(UsageError):
    """The folder is not inside a git repository, or git is not installed."""


class GitError(MgaError):
    """git failed in a way that is not the caller's doing (a damaged repository, say)."""

    exit_code = EXIT_INTERNAL


@dataclass(frozen=True)
class FileChange:
    """One agreement file touched by a commit; ``None`` on a side where it is not an agreement file."""

    status: str  # git's letter: A, M, D, R or T
    old_path: str | None
    new_path: str | None
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class Commit:
    """A commit of :meth:`Repo.log` with the agreement files it touched."""

    sha: str
    short: str
    date: str  # author date, ISO 8601
    author: str
    subject: str
    changes: tuple[FileChange, ...]


def is_agreement(path: str, folder: str) -> bool:
    """Whether the repository path ``path`` is an agreement file under ``folder`` (as ``mga validate`` sees it)."""
    if folder:
        if not path.startswith(folder + "/"):
            return False
        path = path[len(folder) + 1 :]
    pure = PurePosixPath(path)
    if is_companion_file(pure.name):
        return False  # a score, observations or disputes file belongs to its agreement; it is not one
    return pure.suffix in SUFFIXES and not any(part.startswith(".") for part in pure.parts)


def _pathspec(folder: str) -> list[str]:
    return ["--", folder] if folder else ["--"]


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _LOCATING}
    # Reads never take the index lock (GIT_OPTIONAL_LOCKS), and a folder name is never a wildcard pattern.
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", GIT_LITERAL_PATHSPECS="1")
    return env


def _run(cwd: Path, args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *_CONFIG, *args], cwd=cwd, input=stdin, capture_output=True, check=False, env=_environment()
        )
    except FileNotFoundError as exc:
        raise NotARepository(f"{cwd}: cannot read its git history: git is not installed") from exc
    except OSError as exc:
        raise NotARepository(f"{cwd}: cannot read its git history: cannot run git: {exc.strerror or exc}") from exc


def _reason(proc: subprocess.CompletedProcess[bytes]) -> str:
    lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1].removeprefix("fatal: ") if lines else f"git exited with status {proc.returncode}"


class Repo:
    """A git working tree, found from any path inside it."""

    def __init__(self, root: Path, shallow: bool, shallow_file: Path) -> None:
        self.root = root
        self._shallow = shallow
        self._shallow_file = shallow_file

    @classmethod
    def find(cls, path: Path) -> Repo:
        """The repository that holds ``path`` (a folder or a file)."""
        if not path.exists():
            raise NotARepository(f"{path}: no such folder")
        folder = path if path.is_dir() else path.parent
        proc = _run(folder, ["rev-parse", "--show-toplevel", "--is-shallow-repository", "--git-path", "shallow"])
        lines = proc.stdout.decode("utf-8", "surrogateescape").splitlines()
        if proc.returncode or len(lines) != 3:
            reason = _reason(proc)
            # git's usual answer says no more than the message; others (a bare repository, a repository owned by
            # another user) are worth passing on.
            detail = "" if reason.startswith("not a git repository") else f" ({reason})"
            raise NotARepository(f"{path}: not a git repository{detail}")
        return cls(Path(lines[0]), lines[1] == "true", folder / lines[2])

    def git(self, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        """Run ``git ARGS`` in the repository; the caller checks the status."""
        return _run(self.root, list(args), stdin)

    def _output(self, *args: str, stdin: bytes | None = None) -> bytes:
        proc = self.git(*args, stdin=stdin)
        if proc.returncode:
            raise GitError(f"{self.root}: git {args[0]} failed: {_reason(proc)}")
        return proc.stdout

    def is_shallow(self) -> bool:
        """Whether this is a shallow clone (older history is missing)."""
        return self._shallow

    def shallow_commits(self) -> frozenset[str]:
        """The commits at the edge of a shallow clone: their parents are not in the repository."""
        try:
            return frozenset(self._shallow_file.read_text(encoding="ascii").split())
        except OSError:
            return frozenset()

    def head(self) -> str | None:
        """The commit checked out, or ``None`` in a repository without commits."""
        proc = self.git("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        return proc.stdout.decode("ascii").strip() if proc.returncode == 0 else None

    def rev_parse(self, rev: str) -> str:
        """The full commit id that ``rev`` names; :class:`UsageError` when there is none."""
        # A leading dash would be read as an option.
        if not rev or rev.startswith("-"):
            raise UsageError(f"unknown revision {rev}")
        proc = self.git("rev-parse", "--verify", "--quiet", rev + "^{commit}")
        if proc.returncode:
            raise UsageError(f"unknown revision {rev}{self._shallow_hint()}")
        return proc.stdout.decode("ascii").strip()

    def merge_base(self, a: str, b: str) -> str:
        """The best common ancestor of the commits ``a`` and ``b``."""
        # Revisions are checked only when git fails, so the common case is one process; one that starts with a
        # dash would be read as an option.
        proc = None if a.startswith("-") or b.startswith("-") else self.git("merge-base", a, b)
        if proc is None or proc.returncode:
            self.rev_parse(a)
            self.rev_parse(b)
            raise UsageError(f"{a} and {b} have no common ancestor{self._shallow_hint()}")
        return proc.stdout.decode("ascii").split()[0]

    def default_base(self) -> str:
        """The merge-base of HEAD with the main branch (the first of :data:`MAIN_BRANCHES` that exists)."""
        head = self.head()
        if head is None:
            raise UsageError(f"{self.root}: the repository has no commits yet")
        # One process lists which of the candidates exist; a pattern also matches refs below it, hence the filter.
        listed = self._output("for-each-ref", "--format=%(refname)", *_MAIN_REFS.values()).decode().split()
        for name in MAIN_BRANCHES:
            if _MAIN_REFS[name] in listed:
                return self.merge_base(head, _MAIN_REFS[name])
        raise UsageError(
            f"{self.root}: no main branch to compare with (tried {', '.join(MAIN_BRANCHES)}); name the base revision"
        )

    def _shallow_hint(self) -> str:
        return " (this is a shallow clone; `git fetch --unshallow` fetches the full history)" if self._shallow else ""

    def agreement_files(self, commit: str, folder: str) -> list[tuple[str, str]]:
        """``(path, blob id)`` of every agreement file under ``folder`` at ``commit``, by path."""
        out = self._output("ls-tree", "-r", "-z", "--full-tree", commit, *_pathspec(folder))
        found = []
        for record in out.split(b"\0"):
            meta, _, name = record.partition(b"\t")
            fields = meta.decode("ascii").split()
            path = os.fsdecode(name)
            if len(fields) == 3 and fields[0] in _REGULAR and is_agreement(path, folder):
                found.append((path, fields[2]))
        return sorted(found)

    def read_blobs(self, ids: Iterable[str]) -> dict[str, bytes]:
        """The content of each blob in ``ids`` (full or abbreviated ids), read by ONE ``git cat-file`` process.

        An id that names no blob is left out of the result.
        """
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        out = self._output("cat-file", "--batch", stdin="".join(name + "\n" for name in wanted).encode("ascii"))
        found: dict[str, bytes] = {}
        pos = 0
        # The answers come in the order asked: "<id> <type> <size>\n<content>\n", or "<name> missing\n".
        for name in wanted:
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            pos = end + 1
            if len(header) == 3:
                size = int(header[2])
                if header[1] == b"blob":
                    found[name] = out[pos : pos + size]
                pos += size + 1
        return found

    def log(self, commit: str, folder: str) -> list[Commit]:
        """The commits reachable from ``commit`` that touch agreement files under ``folder``, newest first.

        One ``git log`` with rename detection; merge commits are left out (the
        commits they bring in are listed themselves).
        """
        fmt = "%H%x00%h%x00%aI%x00%an%x00%s"
        args = ["log", "-M", "--raw", "-z", "--root", "--no-merges", "--date-order", f"--format={fmt}", commit]
        tokens = self._output(*args, *_pathspec(folder)).split(b"\0")
        commits: list[Commit] = []
        i = 0
        while i < len(tokens):
            if not tokens[i].strip(b"\n"):  # the end of the output
                i += 1
                continue
            sha, short, date, author, subject = (token.decode("utf-8", "replace") for token in tokens[i : i + 5])
            i += 5
            changes: list[FileChange] = []
            while i < len(tokens) and tokens[i].lstrip(b"\n").startswith(b":"):
                old_mode, new_mode, old_blob, new_blob, status = tokens[i].lstrip(b"\n")[1:].decode("ascii").split()
                two = status[0] in "RC"
                old_path = os.fsdecode(tokens[i + 1])
                new_path = os.fsdecode(tokens[i + 2]) if two else old_path
                i += 3 if two else 2
                old = old_mode in _REGULAR and is_agreement(old_path, folder)
                new = new_mode in _REGULAR and is_agreement(new_path, folder)
                if old or new:
                    changes.append(
                        FileChange(
                            status[0],
                            old_path if old else None,
                            new_path if new else None,
                            old_blob if old else None,
                            new_blob if new else None,
                        )
                    )
            commits.append(Commit(sha.strip("\n"), short, date, author, subject, tuple(changes)))
        return commits

    def renames(self, base: str, head: str | None, folder: str) -> dict[str, str]:
        """Agreement files that git sees as renamed from ``base`` to ``head`` (``None``: the working tree).

        Old path -> new path. Files git does not track are not compared here.
        """
        revs = [base] if head is None else [base, head]
        out = self._output("diff", "-M", "--name-status", "-z", "--no-color", *revs, *_pathspec(folder))
        tokens = out.split(b"\0")
        found: dict[str, str] = {}
        i = 0
        while i < len(tokens) and tokens[i]:
            status = tokens[i].decode("ascii")
            if status[0] in "RC":
                old, new = os.fsdecode(tokens[i + 1]), os.fsdecode(tokens[i + 2])
                if status[0] == "R" and is_agreement(old, folder) and is_agreement(new, folder):
                    found[old] = new
                i += 3
            else:
                i += 2
        return found
