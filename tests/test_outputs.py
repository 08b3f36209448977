"""Outputs are written atomically, with the umask's permissions, never through a link, and fail cleanly.

The command tests run ``mga new``, ``mga seal`` and ``mga render`` on a
small tmpfs that is full (mounted when the tests run as root, else skipped),
and kill ``mga seal`` at random moments.
"""

from __future__ import annotations

import os
import random
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, mga
from faults import fill, killed_run, litter, small_disk, umask

from mga_tools.errors import EXIT_USAGE, OutputError
from mga_tools.outputs import GITIGNORE, clean_stale, write_atomic

SEALABLE = ROOT / "tests" / "records" / "sealing" / "harbour-access.yaml"
FULL = "No space left on device"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
def test_a_new_file_follows_the_umask(tmp_path: Path, mask: int, expected: int) -> None:
    with umask(mask):
        write_atomic(tmp_path / "out.txt", b"text")
    assert _mode(tmp_path / "out.txt") == expected


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert (target.read_bytes(), _mode(target)) == (b"new", 0o640)


def test_a_link_at_the_target_is_replaced_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"untouched")
    link = tmp_path / "out.txt"
    link.symlink_to(elsewhere)
    write_atomic(link, b"new")
    assert not link.is_symlink()
    assert (link.read_bytes(), elsewhere.read_bytes()) == (b"new", b"untouched")


def test_a_new_file_never_replaces_anything(tmp_path: Path) -> None:
    dangling = tmp_path / "a.yaml"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        write_atomic(dangling, b"new", replace=False)
    assert dangling.is_symlink() and not (tmp_path / "nowhere").exists()
    assert write_atomic(tmp_path / "b.yaml", b"new", replace=False).read_bytes() == b"new"
    assert litter(tmp_path) == []


def test_only_the_temporary_files_of_ended_runs_are_cleared(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    dead = subprocess.Popen(["true"])  # a process that has ended: its id is free
    dead.wait()
    stale = tmp_path / f".a.yaml.mga-tmp-{dead.pid}-0000"
    running = tmp_path / f".a.yaml.mga-tmp-{os.getpid()}-0000"  # this process is alive
    other = tmp_path / ".a.yaml.mine"  # not the pattern
    for path in (stale, running, other):
        path.write_bytes(b"x")
    clean_stale(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, other.name])


def test_the_temporary_patterns_are_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert set(GITIGNORE) <= set(ignored)


def test_a_full_disk_is_an_output_error_and_leaves_no_file(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        fill(disk)
        with pytest.raises(OutputError, match=f"cannot write .*/out.txt: {FULL}$"):
            write_atomic(disk / "out.txt", b"x" * 100_000)
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_commands_on_a_full_disk_say_so_and_leave_no_partial_file(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "agreements"
        folder.mkdir()
        sealable = folder / SEALABLE.name
        shutil.copyfile(SEALABLE, sealable)
        before = sealable.read_bytes()
        fill(disk)

        new = mga("new", "harbour-lights", "--dir", str(folder), cwd=tmp_path)
        assert (new.returncode, new.stderr) == (EXIT_USAGE, f"mga: cannot write {folder}/harbour-lights.yaml: {FULL}\n")
        assert not (folder / "harbour-lights.yaml").exists()

        sealed = mga("seal", "harbour-access", "--dir", str(folder), cwd=tmp_path)
        assert (sealed.returncode, sealed.stderr) == (EXIT_USAGE, f"mga: cannot write {sealable}: {FULL}\n")
        assert sealable.read_bytes() == before

        out = disk / "river.md"
        rendered = mga("render", "river-basin-water-sharing", "--format", "md", "-o", str(out), cwd=ROOT)
        assert (rendered.returncode, rendered.stderr) == (EXIT_USAGE, f"mga: cannot write {out}: {FULL}\n")
        assert not out.exists()
        assert litter(disk) == []


def test_new_can_be_retried_after_a_full_disk(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        fill(disk)
        assert mga("new", "harbour-lights", "--dir", str(disk), cwd=tmp_path).returncode == EXIT_USAGE
        (disk / "filler").unlink()
        again = mga("new", "harbour-lights", "--dir", str(disk), cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        assert (disk / "harbour-lights.yaml").stat().st_size > 0


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_render_follows_the_umask_and_replaces_a_link(tmp_path: Path, mask: int, expected: int, fmt: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"untouched")
    out = tmp_path / f"out.{fmt}"
    out.symlink_to(elsewhere)
    with umask(mask):
        done = mga("render", "river-basin-water-sharing", "--format", fmt, "-o", str(out), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert not out.is_symlink() and out.stat().st_size > 0
    assert (elsewhere.read_bytes(), _mode(out)) == (b"untouched", expected)
    assert litter(tmp_path) == []


@pytest.mark.slow
def test_a_killed_seal_leaves_the_old_or_the_new_file_and_no_litter(tmp_path: Path) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    target = folder / SEALABLE.name
    old = SEALABLE.read_bytes()
    target.write_bytes(old)
    assert mga("seal", "harbour-access", cwd=tmp_path).returncode == 0
    new = target.read_bytes()
    assert new != old
    rng = random.Random(20251207)
    for _ in range(10):
        target.write_bytes(old)  # so that every run has something to write
        killed_run("seal", "harbour-access", cwd=tmp_path, within=1.0, rng=rng)
        assert target.read_bytes() in (old, new)
    target.write_bytes(new)  # an unchanged seal clears the leftovers too
    done = mga("seal", "harbour-access", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == new
    assert litter(tmp_path) == []
