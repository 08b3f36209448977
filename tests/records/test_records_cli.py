"""``mga seal``, ``mga sign`` and ``mga verify`` as a user runs them: exact output and exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT
from signing_kit import ANA, BEN, ID, allow, amend, change_term, content_fingerprint, keygen, project

SHOWN = f"agreements/{ID}.yaml"
SIGN_HINT = f"'mga sign {ID} --key KEY'"
TRUSTED = "keys trusted from agreements/allowed_signers"


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    return {name: keygen(tmp_path / "keys", name) for name in ("ana", "ben", "eve")}


@pytest.fixture
def root(tmp_path: Path, keys: dict[str, Path]) -> Path:
    folder = tmp_path / "project"
    allow(project(folder), (ANA, keys["ana"]), (BEN, keys["ben"]))
    return folder


def _line(state: str, fingerprint: str | None, party: str, who: str, why: str = "") -> str:
    signed = f"sha256:{fingerprint[:12]}" if fingerprint else "-"
    return f"{state:<10}  {signed:<19}  {party}  {who}{why}"


def test_seal_sign_verify_and_amend(root: Path, keys: dict[str, Path], run_mga) -> None:
    agreement = root / SHOWN
    first, today = content_fingerprint(agreement), date.today().isoformat()
    result = run_mga("seal", ID, cwd=root)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"sealed {SHOWN}: sha256:{first}, 0 amendment(s); each signatory can now run {SIGN_HINT}\n"
    )
    again = run_mga("seal", ID, cwd=root)
    assert (again.returncode, again.stdout) == (
        0,
        f"{SHOWN} is already sealed ({today}): sha256:{first}; nothing written\n",
    )

    result = run_mga("sign", ID, "--key", str(keys["ana"]), cwd=root)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"signed {ID} as {ANA}: agreements/{ID}.signatures/{ANA}.sig (sha256:{first})\n"
    result = run_mga("verify", ID, cwd=root)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        f"seal sha256:{first} matches the content (sealed {today}, 0 amendment(s))",
        TRUSTED,
        _line("valid", first, "party-a", f"Ana Silva <{ANA}>"),
        _line("unsigned", None, "party-b", f"Ben Okoro <{BEN}>"),
        "2 signatories: 1 valid, 1 unsigned",
    ]
    assert run_mga("sign", ID, "--key", str(keys["ben"]), "--principal", BEN, cwd=root).returncode == 0
    result = run_mga("verify", ID, cwd=root)
    assert result.returncode == 0
    assert result.stdout.splitlines()[2:] == [
        _line("valid", first, "party-a", f"Ana Silva <{ANA}>"),
        _line("valid", first, "party-b", f"Ben Okoro <{BEN}>"),
        "2 signatories: 2 valid",
    ]

    amend(agreement)
    changed = content_fingerprint(agreement)
    result = run_mga("verify", ID, cwd=root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"seal sha256:{first} does not match the content (sha256:{changed}): restore the sealed content, "
        f"or record the change as an amendment and run 'mga seal {ID}'"
    )
    result = run_mga("seal", ID, cwd=root)
    second = content_fingerprint(agreement)
    assert (result.returncode, result.stdout) == (
        0,
        f"sealed {SHOWN} again after its amendment: status amended, sha256:{second}, 1 amendment(s); "
        f"earlier signatures are superseded: each signatory runs {SIGN_HINT}\n",
    )
    superseded = ": over an earlier seal: the agreement was amended and sealed again since"
    result = run_mga("verify", ID, cwd=root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"seal sha256:{second} matches the content (sealed {today}, 1 amendment(s))",
        TRUSTED,
        _line("superseded", first, "party-a", f"Ana Silva <{ANA}>", superseded),
        _line("superseded", first, "party-b", f"Ben Okoro <{BEN}>", superseded),
        "2 signatories: 2 superseded",
    ]
    for name in ("ana", "ben"):
        assert run_mga("sign", ID, "--key", str(keys[name]), cwd=root).returncode == 0
    result = run_mga("verify", ID, cwd=root)
    assert (result.returncode, result.stdout.splitlines()[-1]) == (0, "2 signatories: 2 valid")


def test_a_tampered_signature_fails_verification(root: Path, keys: dict[str, Path], run_mga) -> None:
    assert run_mga("seal", ID, cwd=root).returncode == 0
    assert run_mga("sign", ID, "--key", str(keys["ana"]), cwd=root).returncode == 0
    signature = root / "agreements" / f"{ID}.signatures" / f"{ANA}.sig"
    text = signature.read_text(encoding="ascii")
    at = text.index("-----BEGIN SSH SIGNATURE-----\n") + 120
    signature.write_text(text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1 :], encoding="ascii")
    result = run_mga("verify", ID, cwd=root)
    sealed = content_fingerprint(root / SHOWN)
    assert result.returncode == 1
    assert result.stdout.splitlines()[2:] == [
        _line(
            "invalid",
            sealed,
            "party-a",
            f"Ana Silva <{ANA}>",
            ": the signature does not match the signed fingerprint (altered, or made over other content)",
        ),
        _line("unsigned", None, "party-b", f"Ben Okoro <{BEN}>"),
        "2 signatories: 1 invalid, 1 unsigned",
    ]


def test_refusals_are_clear_and_exit_two(root: Path, keys: dict[str, Path], run_mga) -> None:
    agreement = root / SHOWN
    result = run_mga("sign", ID, "--key", str(keys["ana"]), cwd=root)
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr == f"mga: {SHOWN} is not sealed: run 'mga seal {ID}' first; signatures are made over its seal\n"
    )

    assert run_mga("seal", ID, cwd=root).returncode == 0
    result = run_mga("sign", ID, "--key", str(keys["eve"]), cwd=root)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"mga: the key {keys['eve']} is not listed in agreements/allowed_signers for any signatory of {ID} "
        f"(signatories' principals: {ANA}, {BEN}); add the line 'PRINCIPAL namespaces=\"mga-agreement\" ssh-ed25519 "
    )
    assert not (root / "agreements" / f"{ID}.signatures").exists()

    change_term(agreement)
    result = run_mga("seal", ID, cwd=root)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"mga: {SHOWN} changed since it was sealed on {date.today().isoformat()}, but no amendment was added "
        f"(the seal counts 0): restore the sealed content, or record the change under amendments and run "
        f"'mga seal {ID}' again\n"
    )


def test_seal_refuses_an_unsigned_status_and_errors(root: Path, run_mga) -> None:
    agreement = root / SHOWN
    text = agreement.read_text(encoding="utf-8")
    agreement.write_text(text.replace("status: signed  #", "status: agreed  #"), encoding="utf-8")
    result = run_mga("seal", ID, cwd=root)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"mga: {SHOWN} has status 'agreed'; only a signed or amended agreement is sealed "
        "(set the status when the parties have signed)\n"
    )
    agreement.write_text(text.replace("  - party: party-a\n    name: Ana Silva\n", "  - party: party-a\n"), "utf-8")
    result = run_mga("seal", ID, cwd=root)
    assert result.returncode == 1
    assert result.stderr == f"mga: not sealed: {SHOWN} has errors\n"
    assert result.stdout.splitlines() == [
        f"{SHOWN}:8:9: warning SEAL-MISSING status is signed but the agreement has no seal; "
        f"run 'mga seal {ID}' to record the fingerprint of the signed text",
        f"{SHOWN}:128:5: error SCHEMA missing required key 'name'",
        "1 file checked: 1 error, 1 warning",
    ]


def test_unknown_agreement_and_missing_ssh_keygen(root: Path, keys: dict[str, Path], tmp_path: Path, run_mga) -> None:
    for command in ("seal", "verify"):
        result = run_mga(command, "no-such-agreement", cwd=root)
        assert (result.returncode, result.stderr) == (2, "mga: agreements/no-such-agreement.yaml: no such agreement\n")
    assert run_mga("seal", ID, cwd=root).returncode == 0
    assert run_mga("sign", ID, "--key", str(keys["ana"]), cwd=root).returncode == 0
    empty = tmp_path / "no-tools"
    empty.mkdir()
    for args in (("verify", ID), ("sign", ID, "--key", str(keys["ana"]))):
        result = run_mga(*args, cwd=root, env={"PATH": str(empty)})
        assert (result.returncode, result.stdout) == (2, "")
        assert (
            result.stderr == "mga: ssh-keygen not found: install OpenSSH (8.2 or newer) to sign and verify agreements\n"
        )


def test_the_example_agreement_verifies(run_mga) -> None:
    result = run_mga("verify", "river-basin-water-sharing", cwd=ROOT)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("seal sha256:") and lines[0].endswith(
        " matches the content (sealed 2024-12-10, 0 amendment(s))"
    )
    assert lines[1] == TRUSTED
    assert [line.split()[0] for line in lines[2:-1]] == ["valid"] * 8
    assert lines[-1] == "8 signatories: 8 valid"
