"""The pull-request flow end to end, in a real git repository: ``mga diff``, ``mga validate --base``,
``mga history`` and the History and signature sections of the built site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from gitrepo import GitRepo, isolate

RIVER = "agreements/river-basin-water-sharing.yaml"
JV = "agreements/three-firm-battery-recycling-jv.yaml"
TERM = "The State sponsors the Alder Basin Water Sharing Act"
AMENDMENT = """
amendments:
  - id: curtailment-wording
    date: 2026-01-15
    summary: The State also drafts the Act.
    approved_by: [north-fork-irrigation-district, valley-irrigation-district]
    terms: [{term}]
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """The three negotiated example agreements, committed on ``main``, with a branch ``change`` checked out.

    The example recorded after the fact is left out: its declared gaps are warnings by design, and these
    tests read the exact output of a clean project.
    """
    isolate(monkeypatch, tmp_path)
    repo = GitRepo(tmp_path / "project")
    for name in ("agreements", "docs", "schema"):
        shutil.copytree(ROOT / name, repo.root / name, ignore=shutil.ignore_patterns("montreal-protocol-*"))
    shutil.copyfile(ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    repo.commit("The three example agreements")
    repo.git("checkout", "-q", "-b", "change")
    return repo


def _edit(repo: GitRepo, path: str, old: str, new: str) -> None:
    text = repo.read(path).decode("utf-8")
    assert old in text, old
    repo.write(path, text.replace(old, new, 1))


def _term_with(repo: GitRepo, words: str) -> str:
    """The id of the river agreement's term whose text contains ``words``."""
    lines = repo.read(RIVER).decode("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if words in line)
    return next(line.split("id:", 1)[1].strip() for line in reversed(lines[:at]) if line.strip().startswith("- id:"))


def test_diff_defaults_to_the_branch_point_and_names_what_weakens(repo, run_mga):
    text = repo.read(JV).decode("utf-8")
    scenario_block = text[text.index("failure_scenarios:") :]
    two = next(line for line in scenario_block.splitlines() if line.strip().startswith("metrics: [") and "," in line)
    metric = two.split("[", 1)[1].split(",")[0]
    _edit(repo, JV, two, two.replace(f"{metric}, ", ""))
    repo.commit("Drop a metric")

    result = run_mga("diff", "--format", "text", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert f"loses metric {metric}" in result.stdout
    assert "ministry-digital-services-reorganization: unchanged" in result.stdout
    markdown = run_mga("diff", "main", "HEAD", "--format", "markdown", cwd=repo.root).stdout
    assert markdown.startswith("## ")
    assert "follow\\-through weakened in three\\-firm\\-battery\\-recycling\\-jv" in markdown


def test_a_signed_agreement_changes_only_by_amendment(repo, run_mga):
    term = _term_with(repo, TERM)
    _edit(repo, RIVER, TERM, "The State drafts and sponsors the Alder Basin Water Sharing Act")
    quiet = run_mga("validate", "--base", "main", cwd=repo.root)
    assert quiet.returncode == 1
    lines = quiet.stdout.splitlines()
    assert any(
        " error SIGNED-CHANGED the agreement was signed at the base revision and changed without an "
        f"amendment (term '{term}' changed (text))" in line
        for line in lines
    ), quiet.stdout
    assert any(" error SEAL-MISMATCH " in line for line in lines)

    text = repo.read(RIVER).decode("utf-8")
    repo.write(RIVER, text.replace("\nseal:\n", AMENDMENT.format(term=term) + "\nseal:\n"))
    sealed = run_mga("seal", "river-basin-water-sharing", cwd=repo.root)
    assert sealed.returncode == 0, sealed.stdout + sealed.stderr
    assert "status amended" in sealed.stdout
    amended = run_mga("validate", "--base", "main", cwd=repo.root)
    assert amended.stdout == "3 files checked: no problems\n", amended.stdout
    assert amended.returncode == 0

    # Signatures over the first seal now verify, but over an earlier seal.
    verify = run_mga("verify", "river-basin-water-sharing", cwd=repo.root)
    assert verify.returncode == 1
    assert verify.stdout.count("superseded") == 9  # eight signatories and the tally


def test_deleting_a_signed_agreement_is_refused(repo, run_mga):
    repo.delete(RIVER)
    shutil.rmtree(repo.root / "agreements" / "river-basin-water-sharing.signatures")
    result = run_mga("validate", "--base", "main", cwd=repo.root)
    assert result.returncode == 1
    assert result.stdout == (
        "agreements/river-basin-water-sharing.yaml:1:1: error SIGNED-CHANGED the signed agreement "
        "'river-basin-water-sharing' was removed since main; a signed agreement ends through its own terms "
        "(status terminated or expired), not by deleting its file\n"
        "3 files checked: 1 error, 0 warnings\n"
    )


def test_history_follows_a_rename(repo, run_mga):
    repo.rename(JV, "agreements/ventures/battery-jv.yaml")
    repo.commit("Move the joint venture into its own folder")
    _edit(repo, "agreements/ventures/battery-jv.yaml", "status: proposed", "status: agreed")
    repo.commit("The firms agree")
    result = run_mga("history", "three-firm-battery-recycling-jv", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "three-firm-battery-recycling-jv: 3 version(s), last changed 2024-01-03"
    assert [line.split()[1:3] for line in lines[1::2]] == [
        ["2024-01-03", "agreed"],
        ["2024-01-02", "proposed"],
        ["2024-01-01", "proposed"],
    ]
    assert lines[1].endswith("Ada Mediator: The firms agree")
    assert lines[3].endswith("Ada Mediator: Move the joint venture into its own folder")
    assert lines[4] == "    no change of substance"


@pytest.mark.slow  # a clone and a whole build
def test_history_in_a_shallow_clone_is_partial_and_says_so(repo, run_mga, tmp_path):
    _edit(repo, JV, "status: proposed", "status: agreed")
    repo.commit("The firms agree")
    shallow = repo.clone(tmp_path / "shallow", "--depth", "1", "--branch", "change")
    result = run_mga("history", "three-firm-battery-recycling-jv", cwd=shallow.root)
    assert result.returncode == 0, result.stderr
    assert "shallow clone" in result.stdout and "git fetch --unshallow" in result.stdout
    built = run_mga("build", "--no-documents", cwd=shallow.root)
    assert built.returncode == 0, built.stderr
    page = (shallow.root / "site/agreements/three-firm-battery-recycling-jv.html").read_text("utf-8")
    assert "git fetch --unshallow" in BeautifulSoup(page, "html.parser").get_text()


@pytest.mark.slow  # a whole build, every signature verified
def test_the_site_shows_history_seal_and_signatures(repo, run_mga):
    _edit(repo, JV, "status: proposed", "status: agreed")
    repo.commit("The firms agree <script>alert(1)</script>")
    built = run_mga("build", "--no-documents", cwd=repo.root)
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup(
        (repo.root / "site/agreements/three-firm-battery-recycling-jv.html").read_text("utf-8"), "html.parser"
    )
    history = page.find(id="history")
    assert history is not None
    items = history.find_next("ul").find_all("li", recursive=False)
    assert [li.get_text(" ", strip=True).split(" ")[0] for li in items] == ["2024-01-02", "2024-01-01"]
    assert "The firms agree <script>alert(1)</script>" in items[0].get_text()
    assert not page.find_all("script", string=lambda s: s and "alert(1)" in s)
    assert "status agreed" in items[0].get_text() and "proposed" in items[1].get_text()
    assert "Last changed on 2024-01-02" in page.get_text()

    river = BeautifulSoup(
        (repo.root / "site/agreements/river-basin-water-sharing.html").read_text("utf-8"), "html.parser"
    )
    table = river.find(id="seal-and-signatures").find_next("table")
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.find_all("tr")[1:]]
    assert len(rows) == 8
    assert all(row[-1] == "✅ verifies" for row in rows)
    assert len({row[4] for row in rows}) == 1 and rows[0][4].startswith("sha256:")
    # Each signatory's signing key, by fingerprint, and where the trusted keys come from.
    assert all(row[3].startswith("SHA256:") for row in rows) and len({row[3] for row in rows}) == 8
    assert "The keys are read from agreements/allowed_signers, last changed on 2024-01-01" in river.get_text()
