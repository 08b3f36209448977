"""The history of agreements, against real git in temporary repositories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gitrepo import AUTHOR, GitRepo, agreement, count_git, date, isolate

from mga_tools.errors import EXIT_USAGE, UsageError
from mga_tools.model.canonical import fingerprint
from mga_tools.model.diff import AgreementDiff, Change
from mga_tools.records.git import NotARepository
from mga_tools.records.history import Entry, History, histories, history


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


SUMMARY = "Irrigation districts, the city and the tribes share the river under a cap indexed to the water-year type"
BROKEN = "id: p\ntitle: [unclosed\n"


def data(agreement_id: str, status: str = "draft", title: str = "Shared river", **extra: str) -> dict[str, Any]:
    """What :func:`agreement` writes, as data."""
    return {"id": agreement_id, "title": title, "status": status, **extra}


def short(repo: GitRepo, commit: str) -> str:
    return repo.git("rev-parse", "--short", commit)


def status_change(old: str, new: str) -> tuple[Change, ...]:
    return (Change("changed", "agreement", "", "status", old, new),)


def test_history_across_reformat_rename_move_and_id_change(repo: GitRepo) -> None:
    repo.write("agreements/water.yaml", agreement("water", summary=SUMMARY))
    repo.write("agreements/other.yaml", agreement("other", title="Harbour dredging"))
    c1 = repo.commit("Add the water agreement")
    # Comments, quoting and layout only: the same data.
    repo.write(
        "agreements/water.yaml",
        f'# Alder River\nid: "water"\ntitle: \'Shared river\'\nstatus: draft  # for now\nsummary: "{SUMMARY}"\n',
    )
    c2 = repo.commit("Reformat")
    repo.write("agreements/water.yaml", agreement("water", "negotiating", summary=SUMMARY))
    c3 = repo.commit("Start negotiating")
    repo.write("agreements/other.yaml", agreement("other", "agreed", title="Harbour dredging"))
    repo.commit("Only the other agreement")
    repo.rename("agreements/water.yaml", "agreements/alder.yaml")
    c5 = repo.commit("Rename the file")
    repo.rename("agreements/alder.yaml", "agreements/basin/alder.yaml")
    c6 = repo.commit("Move into the basin folder")
    repo.rename("agreements/basin/alder.yaml", "agreements/basin/alder-river.yaml")
    repo.write("agreements/basin/alder-river.yaml", agreement("alder-river", "negotiating", summary=SUMMARY))
    c7 = repo.commit("Rename with a new id")

    draft = fingerprint(data("water", summary=SUMMARY))
    negotiating = fingerprint(data("water", "negotiating", summary=SUMMARY))
    renamed = fingerprint(data("alder-river", "negotiating", summary=SUMMARY))
    assert len({draft, negotiating, renamed}) == 3

    def entry(commit: str, number: int, message: str, path: str, status: str, fp: str, changes: AgreementDiff) -> Entry:
        return Entry(commit, short(repo, commit), date(number), AUTHOR, message, path, status, fp, changes)

    water, alder, basin = "agreements/water.yaml", "agreements/alder.yaml", "agreements/basin/alder.yaml"
    final = "agreements/basin/alder-river.yaml"
    expected = History(
        id="alder-river",
        entries=(
            entry(
                c7,
                7,
                "Rename with a new id",
                final,
                "negotiating",
                renamed,
                AgreementDiff(
                    "alder-river",
                    "changed",
                    basin,
                    final,
                    (Change("changed", "agreement", "", "id", "water", "alder-river"),),
                ),
            ),
            entry(
                c6,
                6,
                "Move into the basin folder",
                basin,
                "negotiating",
                negotiating,
                AgreementDiff("water", "unchanged", alder, basin),
            ),
            entry(
                c5,
                5,
                "Rename the file",
                alder,
                "negotiating",
                negotiating,
                AgreementDiff("water", "unchanged", water, alder),
            ),
            entry(
                c3,
                3,
                "Start negotiating",
                water,
                "negotiating",
                negotiating,
                AgreementDiff("water", "changed", water, water, status_change("draft", "negotiating")),
            ),
            entry(c2, 2, "Reformat", water, "draft", draft, AgreementDiff("water", "unchanged", water, water)),
            entry(
                c1, 1, "Add the water agreement", water, "draft", draft, AgreementDiff("water", "added", None, water)
            ),
        ),
        shallow=False,
        note=None,
        modified=False,
    )
    assert history(repo.root, "alder-river") == expected
    assert expected.last_changed == date(7)
    every = histories(repo.root)
    assert list(every) == ["alder-river", "other"]
    assert every["alder-river"] == expected
    assert [e.message for e in every["other"].entries] == ["Only the other agreement", "Add the water agreement"]
    with pytest.raises(UsageError) as caught:
        history(repo.root, "water")  # the old id: the agreement is known by its current one
    assert str(caught.value) == "no agreement with id 'water' in agreements, committed or in the working tree"
    assert caught.value.exit_code == EXIT_USAGE


def test_a_move_git_does_not_see_is_followed_by_id(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("x", summary=SUMMARY))
    repo.commit("Add")
    repo.delete("agreements/a.yaml")
    repo.write("agreements/sub/z.yaml", agreement("x", "agreed", title="Something else entirely", scope="all"))
    c2 = repo.commit("Rewrite and move")
    found = history(repo.root, "x")
    assert [(e.message, e.path, e.changes.kind) for e in found.entries] == [
        ("Rewrite and move", "agreements/sub/z.yaml", "changed"),
        ("Add", "agreements/a.yaml", "added"),
    ]
    assert found.entries[0].commit == c2
    assert found.entries[0].changes.renamed


def test_two_files_that_swap_contents_are_followed_by_id(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a", title="Harbour dredging"))
    repo.write("agreements/b.yaml", agreement("b", title="Transit fares"))
    repo.commit("Add")
    repo.write("agreements/a.yaml", agreement("b", title="Transit fares"))
    repo.write("agreements/b.yaml", agreement("a", "agreed", title="Harbour dredging"))
    repo.commit("Swap")
    found = histories(repo.root)
    assert [(e.path, e.status, e.changes.kind) for e in found["a"].entries] == [
        ("agreements/b.yaml", "agreed", "changed"),
        ("agreements/a.yaml", "draft", "added"),
    ]
    assert [(e.path, e.changes.kind) for e in found["b"].entries] == [
        ("agreements/a.yaml", "unchanged"),
        ("agreements/b.yaml", "added"),
    ]
    assert found["b"].entries[0].changes.renamed


def test_removed_and_later_added_again(repo: GitRepo) -> None:
    repo.write("agreements/g.yaml", agreement("g"))
    c1 = repo.commit("Add g")
    repo.delete("agreements/g.yaml")
    c2 = repo.commit("Remove g")
    repo.write("agreements/h.yaml", agreement("g", "proposed"))
    c3 = repo.commit("Add g again, elsewhere")
    found = history(repo.root, "g")
    assert [(e.commit, e.path, e.status, e.fingerprint, e.changes) for e in found.entries] == [
        (
            c3,
            "agreements/h.yaml",
            "proposed",
            fingerprint(data("g", "proposed")),
            AgreementDiff("g", "added", None, "agreements/h.yaml"),
        ),
        (
            c2,
            "agreements/g.yaml",
            None,
            None,
            AgreementDiff("g", "removed", "agreements/g.yaml", None, weakenings=("removes agreement g",)),
        ),
        (
            c1,
            "agreements/g.yaml",
            "draft",
            fingerprint(data("g")),
            AgreementDiff("g", "added", None, "agreements/g.yaml"),
        ),
    ]
    assert not found.modified


def test_a_removed_agreement_keeps_its_history(repo: GitRepo) -> None:
    repo.write("agreements/gone.yaml", agreement("gone"))
    repo.commit("Add")
    repo.delete("agreements/gone.yaml")
    repo.commit("Remove")
    found = history(repo.root, "gone")
    assert [(e.message, e.changes.kind) for e in found.entries] == [("Remove", "removed"), ("Add", "added")]
    assert not found.modified


def test_working_tree_changes(repo: GitRepo) -> None:
    for name in ("clean", "edited", "deleted", "moved"):
        repo.write(f"agreements/{name}.yaml", agreement(name, title=name.title()))
    repo.commit("Add four")
    repo.write("agreements/edited.yaml", agreement("edited", "agreed", title="Edited"))
    repo.delete("agreements/deleted.yaml")
    repo.rename("agreements/moved.yaml", "agreements/sub/moved.yaml")
    repo.write("agreements/untracked.yaml", agreement("untracked"))
    found = histories(repo.root)
    assert {key: h.modified for key, h in found.items()} == {
        "clean": False,
        "deleted": True,
        "edited": True,
        "moved": True,
        "untracked": True,
    }
    assert found["untracked"] == History("untracked", (), False, None, True)
    assert found["untracked"].last_changed is None
    assert [e.status for e in found["edited"].entries] == ["draft"]  # committed versions only


def test_a_repository_without_commits(repo: GitRepo) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    assert histories(repo.root) == {"a": History("a", (), False, None, True)}
    assert history(repo.root, "a").entries == ()


def test_a_version_that_does_not_parse(repo: GitRepo) -> None:
    repo.write("agreements/p.yaml", agreement("p"))
    repo.commit("Add p")
    repo.write("agreements/p.yaml", BROKEN)
    c2 = repo.commit("Break p")
    repo.write("agreements/p.yaml", agreement("p", "agreed"))
    repo.commit("Repair p")
    found = history(repo.root, "p")
    assert [(e.message, e.status, e.fingerprint) for e in found.entries] == [
        ("Repair p", "agreed", fingerprint(data("p", "agreed"))),
        ("Break p", None, None),
        ("Add p", "draft", fingerprint(data("p"))),
    ]
    path = "agreements/p.yaml"
    assert found.entries[1] == Entry(
        c2,
        short(repo, c2),
        date(2),
        AUTHOR,
        "Break p",
        path,
        None,
        None,
        AgreementDiff(
            "p", "changed", path, path, (Change("changed", "agreement", "", "yaml", "parses", "does not parse"),)
        ),
    )
    assert found.entries[0].changes.changes == (Change("changed", "agreement", "", "yaml", "does not parse", "parses"),)


def test_an_agreement_that_does_not_parse_now_keeps_its_id(repo: GitRepo) -> None:
    repo.write("agreements/p.yaml", agreement("p"))
    repo.commit("Add p")
    repo.write("agreements/p.yaml", BROKEN)
    repo.commit("Break p")
    assert list(histories(repo.root)) == ["p"]
    assert not history(repo.root, "p").modified
    repo.write("agreements/p.yaml", BROKEN + "more: text\n")  # still broken, and uncommitted
    assert list(histories(repo.root)) == ["p"]
    assert history(repo.root, "p").modified
    repo.write("agreements/p.yaml", agreement("p"))  # repaired, uncommitted
    assert history(repo.root, "p").modified


def test_a_file_that_never_parsed(repo: GitRepo) -> None:
    repo.write("agreements/bad.yaml", BROKEN)
    repo.commit("Add a broken file")
    found = histories(repo.root)
    assert list(found) == ["agreements/bad.yaml"]
    assert [(e.status, e.fingerprint, e.changes.kind, e.changes.id) for e in found["agreements/bad.yaml"].entries] == [
        (None, None, "added", "bad")
    ]


def test_shallow_clone_gives_a_partial_history_with_a_note(repo: GitRepo, tmp_path: Path) -> None:
    repo.write("agreements/a.yaml", agreement("a"))
    repo.commit("Add a")
    repo.write("agreements/a.yaml", agreement("a", "negotiating"))
    repo.commit("Negotiate a")
    repo.write("agreements/a.yaml", agreement("a", "proposed"))
    edge = repo.commit("Propose a")
    repo.write("agreements/b.yaml", agreement("b", title="Transit fares"))
    newest = repo.commit("Add b")
    clone = repo.clone(tmp_path / "clone", "--depth", "2")
    assert clone.git("rev-parse", "--is-shallow-repository") == "true"

    found = histories(clone.root)
    edge_short = short(clone, edge)
    assert found["a"] == History(
        "a",
        (
            Entry(
                edge,
                edge_short,
                date(3),
                AUTHOR,
                "Propose a",
                "agreements/a.yaml",
                "proposed",
                fingerprint(data("a", "proposed")),
                AgreementDiff("a", "added", None, "agreements/a.yaml"),
            ),
        ),
        shallow=True,
        note=(
            f"shallow clone: history before {edge_short} is not available; "
            "run `git fetch --unshallow` for the full history"
        ),
        modified=False,
    )
    assert found["b"].shallow
    assert found["b"].note is None  # added after the edge: its history is complete
    assert [e.commit for e in found["b"].entries] == [newest]


def test_histories_starts_four_git_processes_however_many_agreements(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(12):
        repo.write(f"agreements/a{n}.yaml", agreement(f"a{n}", title=f"Agreement {n}"))
    repo.commit("Add twelve")
    for n in range(0, 12, 3):
        repo.write(f"agreements/a{n}.yaml", agreement(f"a{n}", "negotiating", title=f"Agreement {n}"))
        repo.commit(f"Negotiate a{n}")
    repo.rename("agreements/a1.yaml", "agreements/sub/a1.yaml")
    repo.commit("Move a1")
    calls = count_git(monkeypatch)
    found = histories(repo.root)
    assert len(found) == 12
    assert [e.path for e in found["a1"].entries] == ["agreements/sub/a1.yaml", "agreements/a1.yaml"]
    assert len(found["a0"].entries) == 2
    commands = [next(arg for arg in args[1:] if not arg.startswith("-") and "=" not in arg) for args in calls]
    assert commands == ["rev-parse", "rev-parse", "log", "cat-file"]


def test_not_a_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    (plain / "agreements").mkdir(parents=True)
    with pytest.raises(NotARepository) as caught:
        histories(plain)
    assert str(caught.value) == f"{plain}: not a git repository"
