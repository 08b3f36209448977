"""The site is replaced in one step, follows the umask, survives kills and a full disk, and leaves no litter."""

from __future__ import annotations

import hashlib
import os
import random
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import mga
from faults import fill, killed_run, litter, small_disk, umask
from sites import make_project

from mga_tools.errors import EXIT_USAGE
from mga_tools.publish.site_swap import MARKER, clean_stale, new_folder, swap


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _ended_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and a hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o755), (0o077, 0o700)])
def test_the_new_site_folder_follows_the_umask_and_is_marked(tmp_path: Path, mask: int, expected: int) -> None:
    with umask(mask):
        folder = new_folder(tmp_path / "site")
    assert _mode(folder) == expected
    assert (folder / MARKER).is_file()
    assert folder.name.startswith(f".site.mga-new-{os.getpid()}-")


def test_a_swap_puts_the_new_site_in_place_and_removes_the_old(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("old")
    (out / "page.html").write_text("old")
    new = new_folder(out)
    (new / "page.html").write_text("new")
    swap(new, out)
    assert (out / "page.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_only_marked_folders_of_ended_builds_are_cleared(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    dead, alive = _ended_pid(), os.getpid()
    marked = tmp_path / f".site.mga-new-{dead}-a"
    empty = tmp_path / f".site.mga-new-{dead}-b"
    unmarked = tmp_path / f".site.mga-new-{dead}-c"
    running = tmp_path / f".site.mga-new-{alive}-d"
    other = tmp_path / f".other.mga-new-{dead}-e"
    for folder in (marked, empty, unmarked, running, other):
        folder.mkdir()
    for folder in (marked, running, other):
        (folder / MARKER).write_text("x")
        (folder / "sub").mkdir()
        (folder / "sub" / "page.html").write_text("x")
    (unmarked / "keep.txt").write_text("x")
    clean_stale(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", unmarked.name, running.name, other.name])


def test_an_old_site_left_between_the_two_renames_is_put_back(tmp_path: Path) -> None:
    out = tmp_path / "site"
    wrapper = tmp_path / f".site.mga-old-{_ended_pid()}-a"
    (wrapper / "site").mkdir(parents=True)
    (wrapper / MARKER).write_text("x")
    (wrapper / "site" / MARKER).write_text("x")
    (wrapper / "site" / "index.html").write_text("old")
    clean_stale(out)
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_temporary_folders_are_ignored_by_git(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / ".gitignore").write_text((Path(__file__).parents[2] / ".gitignore").read_text(encoding="utf-8"))
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    for name in (".site.mga-new-1-x", ".site.mga-old-1-x"):
        (project / name).mkdir()
        (project / name / MARKER).write_text("x")
    (project / "agreements" / ".a.yaml.mga-tmp-1-x").write_text("x")
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project, capture_output=True)
    assert b"mga-" not in status.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("mask", "folders", "files"), [(0o022, 0o755, 0o644), (0o077, 0o700, 0o600)])
def test_the_site_follows_the_umask(tmp_path: Path, mask: int, folders: int, files: int) -> None:
    project = make_project(tmp_path / "project")
    with umask(mask):
        for _ in range(2):  # the second build reuses files of the first
            done = mga("build", "--no-documents", cwd=project)
            assert done.returncode == 0, done.stderr
    site = project / "site"
    modes = {_mode(p) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {folders}
    assert {_mode(p) for p in site.rglob("*") if p.is_file()} == {files}


@pytest.mark.slow
def test_killed_builds_lose_nothing_and_the_next_build_leaves_no_litter(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    sources = _snapshot(project / "agreements")
    first = mga("build", "--no-documents", cwd=project)
    assert first.returncode == 0, first.stderr
    site = _snapshot(project / "site")
    rng = random.Random(7)
    for _ in range(10):
        killed_run("build", "--no-documents", cwd=project, within=5.0, rng=rng)
        assert _snapshot(project / "site") == site  # the old complete site or the new one, the same here
    last = mga("build", "--no-documents", cwd=project)
    assert last.returncode == 0, last.stderr
    assert _snapshot(project / "site") == site
    assert _snapshot(project / "agreements") == sources
    assert litter(project) == []


@pytest.mark.slow
def test_a_build_on_a_full_disk_says_so_and_keeps_the_last_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    with small_disk(tmp_path / "disk", size="16m") as disk:
        out = disk / "site"
        first = mga("build", "--no-documents", "--out", str(out), cwd=project)
        assert first.returncode == 0, first.stderr
        site = _snapshot(out)
        fill(disk)
        (project / "docs" / "index.md").write_text("# Changed\n\nA page that must be written again.\n")
        full = mga("build", "--no-documents", "--out", str(out), cwd=project)
        assert full.returncode == EXIT_USAGE
        assert full.stderr.splitlines()[-1] == f"mga: cannot write {out}: No space left on device"
        assert _snapshot(out) == site
        assert litter(disk) == []


@pytest.mark.slow
def test_a_site_too_big_for_the_disk_says_so(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    with small_disk(tmp_path / "disk", size="1m") as disk:
        out = disk / "site"
        full = mga("build", "--no-documents", "--out", str(out), cwd=project)
        assert full.returncode == EXIT_USAGE, full.stderr
        assert full.stderr.splitlines()[-1] == f"mga: cannot write {out}: No space left on device"
        assert not out.exists()
        assert litter(disk) == []
