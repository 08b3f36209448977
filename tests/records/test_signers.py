"""Trust in ``allowed_signers``: principal patterns refused, key changes on record, verifying at a trusted revision.

The attack these tests stand for: whoever edits ``allowed_signers`` in the
working tree (a pull request) can add a key of their own for a signatory, or
a ``*`` line, and sign in that signatory's name. Real ``ssh-keygen``, real git.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from gitrepo import GitRepo, isolate
from signing_kit import ANA, BEN, ID, allow, keygen, project, public

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.errors import RecordError
from mga_tools.load import load
from mga_tools.markdown import cell, text
from mga_tools.model import Agreement
from mga_tools.publish.records import gather
from mga_tools.records import signers
from mga_tools.records.guard import baseline
from mga_tools.records.revisions import diff_revisions
from mga_tools.records.seal import seal
from mga_tools.records.signatures import INVALID, VALID, sign, signing_key, verify
from mga_tools.render.site_records import seal_and_signatures

DAY = date(2025, 4, 2)
SIGNERS = "agreements/allowed_signers"


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    return {name: keygen(tmp_path / "keys", name) for name in ("ana", "ben", "eve")}


@pytest.fixture
def repo(tmp_path: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A project whose agreement is sealed and signed by both signatories, committed on ``main``."""
    isolate(monkeypatch, tmp_path)
    repo = GitRepo(tmp_path / "project")
    agreement = project(repo.root)
    allow(agreement, (ANA, keys["ana"]), (BEN, keys["ben"]))
    seal(agreement, today=DAY)
    sign(agreement, keys["ana"])
    sign(agreement, keys["ben"])
    repo.commit("Harbour access, signed")
    return repo


def _add_line(repo: GitRepo, line: str) -> int:
    """Append ``line`` to allowed_signers in the working tree; its line number."""
    text = repo.read(SIGNERS).decode("utf-8") + line + "\n"
    repo.write(SIGNERS, text)
    return len(text.splitlines())


def _forge(repo: GitRepo, keys: dict[str, Path]) -> int:
    """Eve lists her key for Ana and signs as Ana; the line of the forged entry."""
    line = _add_line(repo, f'{ANA} namespaces="mga-agreement" {public(keys["eve"])}')
    sign(repo.root / "agreements" / f"{ID}.yaml", keys["eve"], principal=ANA)
    return line


def _fingerprint(key: Path) -> str:
    listed = subprocess.run(["ssh-keygen", "-l", "-f", f"{key}.pub"], capture_output=True, text=True, check=True)
    return listed.stdout.split()[1]


# --- principal patterns ------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", ["*", "*@party-a.example", "ana@party-?.example", f"!{BEN},{ANA}"])
def test_a_principal_pattern_is_refused_by_verify_and_sign(tmp_path: Path, keys: dict[str, Path], pattern: str) -> None:
    agreement = project(tmp_path / "project")
    allowed = allow(agreement, (ANA, keys["ana"]), (BEN, keys["ben"]))
    seal(agreement, today=DAY)
    sign(agreement, keys["ana"])
    allowed.write_text(allowed.read_text() + f'"{pattern}" namespaces="mga-agreement" {public(keys["eve"])}\n')
    refusal = (
        f"{allowed.as_posix()}:4: the principal pattern '{pattern.split(',')[0]}' lets the key sign for principals "
        "nobody named; list each principal by name"
    )
    with pytest.raises(RecordError) as refused:
        verify(agreement)
    assert str(refused.value) == refusal
    with pytest.raises(RecordError) as refused:
        sign(agreement, keys["ben"])
    assert str(refused.value) == refusal


def test_a_star_line_would_let_any_key_sign_and_mga_verify_says_which_line(
    tmp_path: Path, keys: dict[str, Path], run_mga
) -> None:
    root = tmp_path / "project"
    agreement = project(root)
    allowed = allow(agreement, (ANA, keys["ana"]), (BEN, keys["ben"]))
    seal(agreement, today=DAY)
    allowed.write_text(allowed.read_text() + f'* namespaces="mga-agreement" {public(keys["eve"])}\n')
    result = run_mga("verify", ID, cwd=root)
    assert (result.returncode, result.stdout) == (2, "")
    assert "agreements/allowed_signers:4: the principal pattern '*'" in result.stderr

    result = run_mga("validate", cwd=root)
    assert result.returncode == 1
    assert (
        "agreements/allowed_signers:4:1: error SIGNERS-WILDCARD the principal pattern '*' lets the key sign for "
        "principals nobody named; list each principal by name"
    ) in result.stdout.splitlines()


def test_lint_locates_every_pattern_and_nothing_else(tmp_path: Path, keys: dict[str, Path]) -> None:
    ana = public(keys["ana"])
    (tmp_path / "allowed_signers").write_text(
        f'# a comment with * and ?\n{ANA} {ana}\n*@x.example,{BEN} {ana}\n\n"!{ANA}" cert-authority {ana}\n'
    )
    found = signers.lint([tmp_path], {tmp_path: "agreements"})
    assert [(d.path, d.line, d.rule, d.severity) for d in found] == [
        ("agreements/allowed_signers", 3, "SIGNERS-WILDCARD", Severity.ERROR),
        ("agreements/allowed_signers", 5, "SIGNERS-WILDCARD", Severity.ERROR),
    ]
    assert "'*@x.example'" in found[0].message and f"'!{ANA}'" in found[1].message


# --- keys as data ------------------------------------------------------------------------------


def test_fingerprints_are_those_ssh_keygen_prints(repo: GitRepo, keys: dict[str, Path]) -> None:
    assert signers.key_fingerprint(public(keys["ana"])) == _fingerprint(keys["ana"])
    checks = verify(repo.root / "agreements" / f"{ID}.yaml")
    assert [signing_key(check) for check in checks] == [_fingerprint(keys["ana"]), _fingerprint(keys["ben"])]


def test_key_changes_per_principal(keys: dict[str, Path]) -> None:
    ana, ben, eve = (public(keys[name]) for name in ("ana", "ben", "eve"))
    old = f"{ANA} {ana}\n{BEN} {ben}\n* {eve}\n"
    new = f"{ANA},{BEN} {eve}\n{ANA} {ana}\nzed@example.org {ben}\n"
    assert signers.key_changes(old, new) == (
        signers.KeyChange(ANA, added=(eve,)),
        signers.KeyChange(BEN, added=(eve,), removed=(ben,)),
        signers.KeyChange("zed@example.org", added=(ben,)),
    )
    assert [c.kind for c in signers.key_changes(old, new)] == ["added", "replaced", "added"]
    assert signers.key_changes(old, None) == (
        signers.KeyChange(ANA, removed=(ana,)),
        signers.KeyChange(BEN, removed=(ben,)),
    )


# --- a forged key in the working tree ------------------------------------------------------------


def test_a_second_key_for_a_signatory_verifies_only_against_the_working_tree(
    repo: GitRepo, keys: dict[str, Path], run_mga
) -> None:
    _forge(repo, keys)
    agreement = repo.root / "agreements" / f"{ID}.yaml"
    assert [c.state for c in verify(agreement)] == [VALID, VALID]  # what the working tree alone would say

    head = repo.git("rev-parse", "HEAD")[:12]
    result = run_mga("verify", ID, "--base", "main", cwd=repo.root)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == f"keys trusted from {SIGNERS} at main ({head})"
    assert lines[2].startswith("invalid ") and lines[2].endswith(
        f"<{ANA}>: made by a key that {SIGNERS} at main ({head}) does not list for {ANA}"
    )
    assert lines[3].startswith("valid ") and lines[-1] == "2 signatories: 1 valid, 1 invalid"
    assert run_mga("verify", ID, cwd=repo.root).stdout.splitlines()[1] == f"keys trusted from {SIGNERS}"


def test_verify_at_a_trusted_revision_reads_the_signers_file_from_git(repo: GitRepo, keys: dict[str, Path]) -> None:
    _forge(repo, keys)
    agreement = repo.root / "agreements" / f"{ID}.yaml"
    with signers.trusted(agreement.parent, "HEAD") as (copy, where):
        assert where == f"{SIGNERS} at HEAD ({repo.git('rev-parse', 'HEAD')[:12]})"
        assert copy.read_bytes() == repo.git("show", f"HEAD:{SIGNERS}").encode() + b"\n"
        assert [c.state for c in verify(agreement, allowed=copy)] == [INVALID, VALID]
    assert not copy.exists()  # a temporary file, gone afterwards
    repo.delete(SIGNERS)
    repo.commit("No signers")
    with pytest.raises(RecordError, match=f"{SIGNERS} does not exist at HEAD"):
        signers.trusted(agreement.parent, "HEAD").__enter__()


def test_mga_diff_shows_the_key_changes(repo: GitRepo, keys: dict[str, Path], run_mga) -> None:
    _forge(repo, keys)
    eve = _fingerprint(keys["eve"])
    result = run_mga("diff", "main", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert f"{SIGNERS}: keys of 1 principal(s) changed\n  ~ {ANA}: added +{eve}\n" in result.stdout
    markdown = run_mga("diff", "main", "--format", "markdown", cwd=repo.root).stdout
    assert f"### Signing keys ({text(SIGNERS)})" in markdown
    assert f"| {cell(ANA)} | added | `{eve}` | — |" in markdown
    document = json.loads(run_mga("diff", "main", "--format", "json", cwd=repo.root).stdout)
    assert document["signers"] == {
        "path": SIGNERS,
        "changes": [
            {
                "principal": ANA,
                "kind": "added",
                "added": [{"key": public(keys["eve"]), "fingerprint": eve}],
                "removed": [],
            }
        ],
    }
    assert diff_revisions(repo.root, "main", "main").signers == ()


def test_validate_base_flags_a_key_change_of_a_signatory(repo: GitRepo, keys: dict[str, Path], run_mga) -> None:
    line = _forge(repo, keys)
    _add_line(repo, f"zed@example.org {public(keys['eve'])}")  # not a signatory: no finding
    _, found = baseline(repo.root, "main", ["agreements"])
    eve = _fingerprint(keys["eve"])
    assert found == [
        Diagnostic(
            SIGNERS,
            line,
            1,
            "SIGNERS-CHANGED",
            Severity.ERROR,
            f"keys of '{ANA}' added since main (+{eve}), who signs {ID} (signed at main): a key decides whose "
            "signature verifies; confirm the change with its owner through another channel, and check the "
            "signatures with 'mga verify ID --base main'",
        )
    ]
    result = run_mga("validate", "--base", "main", cwd=repo.root)
    assert result.returncode == 1
    assert f"{SIGNERS}:{line}:1: error SIGNERS-CHANGED keys of '{ANA}' added since main" in result.stdout


def test_validate_base_flags_a_replaced_and_a_removed_key(repo: GitRepo, keys: dict[str, Path]) -> None:
    text = repo.read(SIGNERS).decode("utf-8")
    repo.write(SIGNERS, text.replace(public(keys["ana"]), public(keys["eve"])).replace(f"{BEN} ", "# gone "))
    _, found = baseline(repo.root, "main", ["agreements"])
    assert [(d.line, d.rule, d.message.split(" since")[0]) for d in found] == [
        (2, "SIGNERS-CHANGED", f"keys of '{ANA}' replaced"),
        (1, "SIGNERS-CHANGED", f"keys of '{BEN}' removed"),
    ]
    repo.write(SIGNERS, text)
    assert baseline(repo.root, "main", ["agreements"])[1] == []


def test_a_principal_given_since_the_base_counts_as_a_signatory(
    tmp_path: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate(monkeypatch, tmp_path)
    repo = GitRepo(tmp_path / "project")
    agreement = project(repo.root)
    agreement.write_text(agreement.read_text().replace(f", principal: {BEN}}}", "}"))
    allow(agreement, (ANA, keys["ana"]))
    seal(agreement, today=DAY)
    repo.commit("Signed; Ben has no principal yet")
    agreement.write_text(agreement.read_text().replace("date: 2025-04-02}", f"date: 2025-04-02, principal: {BEN}}}"))
    assert BEN in agreement.read_text()
    line = _add_line(repo, f"{BEN} {public(keys['eve'])}")
    _, found = baseline(repo.root, "main", ["agreements"])
    assert [(d.line, d.rule, d.message.split(" since")[0]) for d in found] == [
        (line, "SIGNERS-CHANGED", f"keys of '{BEN}' added")
    ]


def test_the_site_section_shows_each_signing_key_and_the_signers_file(repo: GitRepo, keys: dict[str, Path]) -> None:
    path = repo.root / "agreements" / f"{ID}.yaml"
    records = gather(repo.root, "agreements", [(Agreement(load(path).data), path)])[ID]
    assert records.keys == (_fingerprint(keys["ana"]), _fingerprint(keys["ben"]))
    assert records.trust == "The keys are read from agreements/allowed_signers, last changed on 2024-01-01 in " + (
        f"{repo.git('rev-parse', '--short', 'HEAD')}: Harbour access, signed"
    )
    section = seal_and_signatures(records)
    assert "| Signing key |" in section and f"`{_fingerprint(keys['ben'])}`" in section
    _add_line(repo, f'* namespaces="mga-agreement" {public(keys["eve"])}')
    refused = gather(repo.root, "agreements", [(Agreement(load(path).data), path)])[ID]
    assert refused.signatures == () and refused.trust is not None
    assert (
        refused.trust.startswith("The signatures could not be checked: ")
        and ":4: the principal pattern" in refused.trust
    )
