"""The git layer, against real git in temporary repositories."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitrepo import AUTHOR, GitRepo, agreement, count_git, date, isolate

from mga_tools.errors import EXIT_USAGE, UsageError
from mga_tools.records.git import Commit, FileChange, NotARepository, Repo, is_agreement


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def blob_id(repo: GitRepo, path: str) -> str:
    return repo.git("hash-object", path)


def test_find_from_a_sub_folder_gives_the_top_level(repo: GitRepo) -> None:
    (repo.root / "agreements" / "deep").mkdir(parents=True)
    found = Repo.find(repo.root / "agreements" / "deep")
    assert found.root == repo.root.resolve()
    assert not found.is_shallow()
    assert found.head() is None  # no commits yet


def test_a_folder_outside_any_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(NotARepository) as caught:
        Repo.find(plain)
    assert caught.value.exit_code == EXIT_USAGE
    assert str(caught.value) == f"{plain}: not a git repository"


def test_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotARepository, match="no such folder"):
        Repo.find(tmp_path / "nowhere")


def test_git_not_installed(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(NotARepository) as caught:
        Repo.find(repo.root)
    assert str(caught.value) == f"{repo.root}: cannot read its git history: git is not installed"
    assert caught.value.exit_code == EXIT_USAGE


def test_rev_parse(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    first = repo.commit("First")
    second = repo.commit("Second")
    found = Repo.find(repo.root)
    assert found.rev_parse("HEAD") == second
    assert found.rev_parse("HEAD~1") == first
    assert found.rev_parse(first[:10]) == first
    assert found.head() == second


@pytest.mark.parametrize("rev", ["nope", "HEAD~5", "--all", ""])
def test_unknown_revision(repo: GitRepo, rev: str) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.commit("First")
    with pytest.raises(UsageError) as caught:
        Repo.find(repo.root).rev_parse(rev)
    assert str(caught.value) == f"unknown revision {rev}"
    assert caught.value.exit_code == EXIT_USAGE


def test_merge_base_and_default_base_with_main(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    fork = repo.commit("On main")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("agreements/a.yaml", agreement("a", "negotiating"))
    feature = repo.commit("On feature")
    repo.git("checkout", "-q", "main")
    repo.write("agreements/b.yaml", agreement("b"))
    main = repo.commit("Later on main")
    repo.git("checkout", "-q", "feature")
    found = Repo.find(repo.root)
    assert found.merge_base(feature, main) == fork
    assert found.merge_base("feature", "main") == fork
    assert found.default_base() == fork
    with pytest.raises(UsageError, match=r"^unknown revision nope$"):
        found.merge_base("nope", "main")
    with pytest.raises(UsageError, match=r"^unknown revision -x$"):
        found.merge_base("-x", "main")


def test_merge_base_of_unrelated_histories(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.commit("On main")
    repo.git("checkout", "-q", "--orphan", "unrelated")
    repo.commit("Unrelated")
    with pytest.raises(UsageError) as caught:
        Repo.find(repo.root).merge_base("main", "unrelated")
    assert str(caught.value) == "main and unrelated have no common ancestor"


def test_default_base_prefers_origin_in_a_clone(repo: GitRepo, tmp_path: Path) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.commit("One")
    published = repo.commit("Two")
    clone = repo.clone(tmp_path / "clone")
    clone.write("agreements/b.yaml", agreement("b"))
    clone.commit("Local commit on main, not pushed")
    clone.git("checkout", "-q", "-b", "feature")
    clone.write("agreements/c.yaml", agreement("c"))
    clone.commit("On feature")
    # origin/HEAD (which is origin/main) wins over the local main, which is one commit ahead.
    assert Repo.find(clone.root).default_base() == published
    clone.git("remote", "set-head", "origin", "--delete")
    assert Repo.find(clone.root).default_base() == published  # origin/main


def test_default_base_with_master_only(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    first = repo.commit("One")
    repo.git("branch", "-m", "master")
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Two")
    assert Repo.find(repo.root).default_base() == first


def test_default_base_without_a_main_branch(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.commit("One")
    repo.git("branch", "-m", "trunk")
    repo.git("branch", "main/old")  # a ref below refs/heads/main is not the main branch
    with pytest.raises(UsageError) as caught:
        Repo.find(repo.root).default_base()
    assert str(caught.value) == (
        f"{repo.root.resolve()}: no main branch to compare with "
        "(tried origin/HEAD, origin/main, origin/master, main, master); name the base revision"
    )


def test_default_base_without_commits(repo: GitRepo) -> None:
    with pytest.raises(UsageError, match="has no commits yet"):
        Repo.find(repo.root).default_base()


def test_is_agreement() -> None:
    assert is_agreement("agreements/a.yaml", "agreements")
    assert is_agreement("agreements/sub/a.yml", "agreements")
    assert not is_agreement("agreements/a.json", "agreements")
    assert not is_agreement("agreements/.drafts/a.yaml", "agreements")
    assert not is_agreement("agreements-old/a.yaml", "agreements")
    assert not is_agreement("other/a.yaml", "agreements")
    assert is_agreement("a.yaml", "")
    assert not is_agreement(".hidden.yaml", "")


def test_agreement_files_and_blobs(repo: GitRepo) -> None:
    repo.write("agreements/b.yaml", agreement("b"))
    repo.write("agreements/sub/a.yml", agreement("a"))
    repo.write("agreements/notes.md", "# notes\n")
    repo.write("agreements/.hidden/x.yaml", agreement("x"))
    repo.write("agreements/with space.yaml", agreement("s"))
    repo.write("other/c.yaml", agreement("c"))
    (repo.root / "agreements" / "link.yaml").symlink_to("b.yaml")
    commit = repo.commit("Files")
    found = Repo.find(repo.root)
    files = found.agreement_files(commit, "agreements")
    assert [path for path, _ in files] == ["agreements/b.yaml", "agreements/sub/a.yml", "agreements/with space.yaml"]
    assert dict(files)["agreements/b.yaml"] == blob_id(repo, "agreements/b.yaml")
    blobs = found.read_blobs([blob for _, blob in files] + ["0" * 40])
    assert blobs == {blob: repo.read(path) for path, blob in files}
    assert found.read_blobs([]) == {}


def test_read_blobs_is_one_process(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(30):
        repo.write(f"agreements/a{n}.yaml", agreement(f"a{n}") * (n + 1))
    commit = repo.commit("Many")
    found = Repo.find(repo.root)
    files = found.agreement_files(commit, "agreements")
    calls = count_git(monkeypatch)
    blobs = found.read_blobs(blob for _, blob in files)
    assert len(calls) == 1
    assert "--batch" in calls[0]
    assert blobs == {blob: repo.read(path) for path, blob in files}


def test_log_with_renames(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.write("README.md", "readme\n")
    first = repo.commit("Add a")
    repo.write("README.md", "changed\n")
    repo.commit("Outside the folder")
    repo.rename("agreements/a.yaml", "agreements/sub/renamed.yaml")
    moved = repo.commit("Move a")
    repo.delete("agreements/sub/renamed.yaml")
    removed = repo.commit("Remove a: with a subject: colons")
    found = Repo.find(repo.root)
    blob = blob_id(repo, "README.md")  # any blob id will do to learn its abbreviation length
    log = found.log(removed, "agreements")
    a_blob = repo.git("rev-parse", f"{first}:agreements/a.yaml")
    short = len(repo.git("rev-parse", "--short", blob))
    assert log == [
        Commit(
            removed,
            removed[:short],
            date(4),
            AUTHOR,
            "Remove a: with a subject: colons",
            (FileChange("D", "agreements/sub/renamed.yaml", None, a_blob[:short], None),),
        ),
        Commit(
            moved,
            moved[:short],
            date(3),
            AUTHOR,
            "Move a",
            (FileChange("R", "agreements/a.yaml", "agreements/sub/renamed.yaml", a_blob[:short], a_blob[:short]),),
        ),
        Commit(
            first,
            first[:short],
            date(1),
            AUTHOR,
            "Add a",
            (FileChange("A", None, "agreements/a.yaml", None, a_blob[:short]),),
        ),
    ]
    assert found.read_blobs([a_blob[:short]]) == {a_blob[:short]: agreement("a").encode()}


def test_renames_between_commits_and_to_the_working_tree(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a", summary="a long enough text to keep the file similar"))
    base = repo.commit("Add a")
    repo.git("mv", "agreements/a.yaml", "agreements/b.yaml")
    head = repo.commit("Rename")
    found = Repo.find(repo.root)
    assert found.renames(base, head, "agreements") == {"agreements/a.yaml": "agreements/b.yaml"}
    repo.rename("agreements/b.yaml", "agreements/sub/c.yaml")
    repo.git("add", "-A")  # staged, not committed
    assert found.renames(base, None, "agreements") == {"agreements/a.yaml": "agreements/sub/c.yaml"}
    assert found.renames(head, head, "agreements") == {}
