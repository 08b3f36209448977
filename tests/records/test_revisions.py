"""Agreements at a revision, pairing them across revisions, and ``diff_revisions``, against real git."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitrepo import GitRepo, agreement, isolate

from mga_tools.errors import EXIT_USAGE, UsageError
from mga_tools.model.diff import AgreementDiff, Change
from mga_tools.records.git import NotARepository, Repo
from mga_tools.records.revisions import Version, agreements_at, compare, diff_revisions, pair


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


BROKEN = b"id: broken\ntitle: [unclosed\n"


def version(path: str, data: dict[str, str] | None, raw: bytes = b"") -> Version:
    return Version(path, data, raw)


def status_change(old: str, new: str) -> tuple[Change, ...]:
    return (Change("changed", "agreement", "", "status", old, new),)


def test_agreements_at_a_commit_and_in_the_working_tree(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.write("agreements/sub/b.yml", agreement("b", "agreed"))
    repo.write("agreements/no-id.yaml", "title: Nameless\n")
    repo.write("agreements/broken.yaml", BROKEN)
    repo.write("agreements/z-dup.yaml", agreement("a", title="Copy"))
    repo.write("agreements/.drafts/x.yaml", agreement("x"))
    repo.write("agreements/list.yaml", "- one\n- two\n")
    commit = repo.commit("Files")
    repo.write("agreements/a.yaml", agreement("a", "negotiating"))
    repo.write("agreements/new.yaml", agreement("new"))  # untracked
    found = Repo.find(repo.root)

    at_commit = agreements_at(found, commit, "agreements")
    assert at_commit == {
        "a": Version(
            "agreements/a.yaml", {"id": "a", "title": "Shared river", "status": "draft"}, agreement("a").encode()
        ),
        "agreements/broken.yaml": Version("agreements/broken.yaml", None, BROKEN),
        "agreements/list.yaml": Version("agreements/list.yaml", None, b"- one\n- two\n"),
        "agreements/no-id.yaml": Version("agreements/no-id.yaml", {"title": "Nameless"}, b"title: Nameless\n"),
        "b": Version(
            "agreements/sub/b.yml",
            {"id": "b", "title": "Shared river", "status": "agreed"},
            repo.read("agreements/sub/b.yml"),
        ),
        "agreements/z-dup.yaml": Version(
            "agreements/z-dup.yaml", {"id": "a", "title": "Copy", "status": "draft"}, repo.read("agreements/z-dup.yaml")
        ),
    }
    assert agreements_at(found, "HEAD", "agreements") == at_commit

    working = agreements_at(found, None, "agreements")
    assert sorted(working) == sorted([*at_commit, "new"])
    assert working["a"].status == "negotiating"
    assert working["a"].raw == agreement("a", "negotiating").encode()
    assert working["new"] == Version(
        "agreements/new.yaml",
        {"id": "new", "title": "Shared river", "status": "draft"},
        repo.read("agreements/new.yaml"),
    )


def test_agreements_at_an_unknown_revision(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.commit("One")
    with pytest.raises(UsageError, match=r"^unknown revision v9$"):
        agreements_at(Repo.find(repo.root), "v9", "agreements")


def test_pair_by_id_then_by_rename_then_by_path() -> None:
    base = {
        "kept": version("agreements/kept.yaml", {"id": "kept"}),
        "moved": version("agreements/moved.yaml", {"id": "moved"}),
        "old-id": version("agreements/old-id.yaml", {"id": "old-id"}),
        "same-path": version("agreements/same.yaml", {"id": "same-path"}),
        "gone": version("agreements/gone.yaml", {"id": "gone"}),
    }
    head = {
        "kept": version("agreements/kept.yaml", {"id": "kept"}),
        "moved": version("agreements/sub/moved.yaml", {"id": "moved"}),
        "new-id": version("agreements/new-id.yaml", {"id": "new-id"}),
        "other-id": version("agreements/same.yaml", {"id": "other-id"}),
        "fresh": version("agreements/fresh.yaml", {"id": "fresh"}),
    }
    pairs = pair(base, head, {"agreements/old-id.yaml": "agreements/new-id.yaml"})
    assert pairs == [
        (None, head["fresh"]),
        (base["gone"], None),
        (base["kept"], head["kept"]),
        (base["old-id"], head["new-id"]),
        (base["same-path"], head["other-id"]),
        (base["moved"], head["moved"]),
    ]


def test_compare_a_version_that_does_not_parse() -> None:
    good = version("agreements/a.yaml", {"id": "a", "status": "draft"}, b"id: a\nstatus: draft\n")
    bad = version("agreements/a.yaml", None, BROKEN)
    assert compare(good, bad) == AgreementDiff(
        "a",
        "changed",
        "agreements/a.yaml",
        "agreements/a.yaml",
        (Change("changed", "agreement", "", "yaml", "parses", "does not parse"),),
    )
    assert compare(bad, good).changes == (Change("changed", "agreement", "", "yaml", "does not parse", "parses"),)
    assert compare(bad, bad) == AgreementDiff("a", "unchanged", "agreements/a.yaml", "agreements/a.yaml")
    assert compare(None, bad) == AgreementDiff("a", "added", None, "agreements/a.yaml")
    assert compare(bad, None).kind == "removed"


def test_diff_working_tree_against_a_commit(repo: GitRepo) -> None:
    summary = "the districts share the river by a cap indexed to the water-year type"
    repo.write("agreements/changed.yaml", agreement("changed"))
    # Files as small as these are similar enough to pass for renames, unless their contents differ.
    repo.write("agreements/removed.yaml", agreement("removed", "signed", "Harbour dredging"))
    repo.write("agreements/same.yaml", agreement("same"))
    repo.write("agreements/renamed.yaml", agreement("renamed", summary=summary))
    base = repo.commit("Base")
    repo.write("agreements/changed.yaml", agreement("changed", "negotiating"))
    repo.delete("agreements/removed.yaml")
    repo.write("agreements/sub/added.yaml", agreement("added", "proposed", "Transit fares"))  # untracked
    # Renamed on disk, not added to git, and given a new id: paired by its content.
    repo.delete("agreements/renamed.yaml")
    repo.write("agreements/sub/moved.yaml", agreement("moved", summary=summary))

    diffs = diff_revisions(repo.root, base)
    assert diffs == [
        AgreementDiff(
            "changed",
            "changed",
            "agreements/changed.yaml",
            "agreements/changed.yaml",
            status_change("draft", "negotiating"),
        ),
        AgreementDiff("removed", "removed", "agreements/removed.yaml", None, weakenings=("removes agreement removed",)),
        AgreementDiff("same", "unchanged", "agreements/same.yaml", "agreements/same.yaml"),
        AgreementDiff("added", "added", None, "agreements/sub/added.yaml"),
        AgreementDiff(
            "moved",
            "changed",
            "agreements/renamed.yaml",
            "agreements/sub/moved.yaml",
            (Change("changed", "agreement", "", "id", "renamed", "moved"),),
        ),
    ]
    assert diffs[-1].renamed


def test_diff_between_commits_follows_a_rename_with_a_new_id(repo: GitRepo) -> None:
    summary = "the firms share a recycling plant and split its output by feedstock"
    repo.write("agreements/old-name.yaml", agreement("old-name", summary=summary))
    repo.write("agreements/broken.yaml", BROKEN)
    base = repo.commit("Base")
    repo.rename("agreements/old-name.yaml", "agreements/jv/new-name.yaml")
    repo.write("agreements/jv/new-name.yaml", agreement("new-name", summary=summary))
    repo.write("agreements/broken.yaml", agreement("broken"))
    head = repo.commit("Rename with a new id; repair the broken file")
    repo.write("agreements/jv/new-name.yaml", "uncommitted changes do not count\n")

    assert Repo.find(repo.root).renames(base, head, "agreements") == {
        "agreements/old-name.yaml": "agreements/jv/new-name.yaml"
    }
    assert diff_revisions(repo.root, base, head) == [
        AgreementDiff(
            "broken",
            "changed",
            "agreements/broken.yaml",
            "agreements/broken.yaml",
            (Change("changed", "agreement", "", "yaml", "does not parse", "parses"),),
        ),
        AgreementDiff(
            "new-name",
            "changed",
            "agreements/old-name.yaml",
            "agreements/jv/new-name.yaml",
            (Change("changed", "agreement", "", "id", "old-name", "new-name"),),
        ),
    ]
    # Backwards, the same pairs: the broken file is "changed", not added or removed.
    assert [(d.id, d.kind, d.old_path, d.new_path) for d in diff_revisions(repo.root, head, base)] == [
        ("broken", "changed", "agreements/broken.yaml", "agreements/broken.yaml"),
        ("old-name", "changed", "agreements/jv/new-name.yaml", "agreements/old-name.yaml"),
    ]


def test_diff_defaults_to_the_merge_base_with_main(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.commit("On main")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("agreements/a.yaml", agreement("a", "negotiating"))
    repo.commit("On feature")
    repo.git("checkout", "-q", "main")
    repo.write("agreements/b.yaml", agreement("b"))
    repo.commit("Later on main: not part of the feature's changes")
    repo.git("checkout", "-q", "feature")
    repo.write("agreements/a.yaml", agreement("a", "proposed"))  # uncommitted

    assert diff_revisions(repo.root) == [
        AgreementDiff("a", "changed", "agreements/a.yaml", "agreements/a.yaml", status_change("draft", "proposed"))
    ]
    assert diff_revisions(repo.root, head="HEAD") == [
        AgreementDiff("a", "changed", "agreements/a.yaml", "agreements/a.yaml", status_change("draft", "negotiating"))
    ]


def test_diff_of_a_project_in_a_sub_folder_of_the_repository(repo: GitRepo) -> None:
    repo.write("project/agreements/a.yaml", agreement("a"))
    repo.write("agreements/outside.yaml", agreement("outside"))
    base = repo.commit("One")
    repo.write("project/agreements/a.yaml", agreement("a", "agreed"))
    repo.write("agreements/outside.yaml", agreement("outside", "agreed"))
    assert diff_revisions(repo.root / "project", base) == [
        AgreementDiff(
            "a", "changed", "project/agreements/a.yaml", "project/agreements/a.yaml", status_change("draft", "agreed")
        )
    ]


def test_diff_errors(repo: GitRepo, tmp_path: Path) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.commit("One")
    with pytest.raises(UsageError, match=r"^unknown revision nope$"):
        diff_revisions(repo.root, "nope")
    with pytest.raises(UsageError, match=r"^unknown revision nope$"):
        diff_revisions(repo.root, "HEAD", "nope")
    with pytest.raises(UsageError, match=r"^records: no such folder"):
        diff_revisions(repo.root, "HEAD", folder="records")
    with pytest.raises(UsageError, match="not inside the repository"):
        diff_revisions(repo.root, "HEAD", folder="../elsewhere")
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(NotARepository) as caught:
        diff_revisions(plain)
    assert str(caught.value) == f"{plain}: not a git repository"
    assert caught.value.exit_code == EXIT_USAGE
