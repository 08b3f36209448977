"""SSH signatures over the seal, with the real ssh-keygen and real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from signing_kit import ANA, BEN, ID, allow, amend, change_term, content_fingerprint, keygen, project, public

from mga_tools.errors import RecordError
from mga_tools.records import sshsig
from mga_tools.records.seal import RESEALED, seal
from mga_tools.records.signatures import (
    INVALID,
    SUPERSEDED,
    UNSIGNED,
    VALID,
    SignatureCheck,
    message,
    seal_state,
    sign,
    signature_file,
    verify,
)

DAY = date(2025, 4, 2)


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "keys"  # outside the project: private keys never sit beside the agreements
    return {name: keygen(folder, name) for name in ("ana", "ben", "eve")}


@pytest.fixture
def agreement(tmp_path: Path, keys: dict[str, Path]) -> Path:
    path = project(tmp_path / "project")
    allow(path, (ANA, keys["ana"]), (BEN, keys["ben"]))
    return path


def _states(path: Path) -> list[tuple[str, str | None, str | None]]:
    return [(c.state, c.principal, c.fingerprint) for c in verify(path)]


def test_the_amendment_flow_end_to_end(agreement: Path, keys: dict[str, Path]) -> None:
    first = seal(agreement, today=DAY).fingerprint
    assert sign(agreement, keys["ana"]) == signature_file(agreement, ANA)
    assert _states(agreement) == [(VALID, ANA, first), (UNSIGNED, BEN, None)]
    sign(agreement, keys["ben"])
    assert _states(agreement) == [(VALID, ANA, first), (VALID, BEN, first)]
    assert seal_state(agreement).matches

    amend(agreement)  # a term changes, with an amendment that records it
    state = seal_state(agreement)
    assert (state.sealed, state.matches) == (first, False)
    with pytest.raises(RecordError, match="no longer has the content it was sealed with"):
        sign(agreement, keys["ana"])

    result = seal(agreement, today=date(2025, 9, 2))
    assert (result.outcome, result.status) == (RESEALED, "amended")
    second = result.fingerprint
    assert second != first and seal_state(agreement).matches
    assert _states(agreement) == [(SUPERSEDED, ANA, first), (SUPERSEDED, BEN, first)]

    sign(agreement, keys["ana"])
    sign(agreement, keys["ben"])
    assert _states(agreement) == [(VALID, ANA, second), (VALID, BEN, second)]


def test_a_check_names_the_signatory(agreement: Path, keys: dict[str, Path]) -> None:
    sealed = seal(agreement, today=DAY).fingerprint
    written = sign(agreement, keys["ben"])
    assert verify(agreement)[1] == SignatureCheck("Ben Okoro", "party-b", BEN, sealed, VALID, written)
    assert verify(agreement)[0] == SignatureCheck(
        "Ana Silva", "party-a", ANA, None, UNSIGNED, signature_file(agreement, ANA), "not signed yet"
    )


def test_the_signature_file_and_the_signed_message(agreement: Path, keys: dict[str, Path]) -> None:
    sealed = seal(agreement, today=DAY).fingerprint
    text = sign(agreement, keys["ana"]).read_text(encoding="ascii")
    header, armored = text.split("-----BEGIN SSH SIGNATURE-----\n")
    assert header == f"agreement: {ID}\nprincipal: {ANA}\nfingerprint sha256:{sealed}\n"
    assert armored.endswith("-----END SSH SIGNATURE-----\n")
    assert message(ID, sealed) == f"mga-agreement {ID}\nfingerprint sha256:{sealed}\n".encode()
    # Anyone can check it with ssh-keygen alone.
    verdict = sshsig.verify(
        message(ID, sealed), "-----BEGIN SSH SIGNATURE-----\n" + armored, agreement.parent / "allowed_signers", ANA
    )
    assert verdict == (True, "")


def test_an_altered_signature_is_invalid(agreement: Path, keys: dict[str, Path]) -> None:
    seal(agreement, today=DAY)
    written = sign(agreement, keys["ana"])
    text = written.read_text(encoding="ascii")
    at = text.index("-----BEGIN SSH SIGNATURE-----\n") + 140
    written.write_text(text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1 :], encoding="ascii")
    check = verify(agreement)[0]
    assert (check.state, check.reason) == (
        INVALID,
        "the signature does not match the signed fingerprint (altered, or made over other content)",
    )


def test_an_altered_fingerprint_in_the_header_is_invalid(agreement: Path, keys: dict[str, Path]) -> None:
    sealed = seal(agreement, today=DAY).fingerprint
    written = sign(agreement, keys["ana"])
    other = "0" * 64
    written.write_text(written.read_text(encoding="ascii").replace(sealed, other), encoding="ascii")
    assert _states(agreement)[0] == (INVALID, ANA, other)


def test_a_signature_copied_to_another_signatory_is_invalid(agreement: Path, keys: dict[str, Path]) -> None:
    seal(agreement, today=DAY)
    written = sign(agreement, keys["ana"])
    signature_file(agreement, BEN).write_bytes(written.read_bytes())
    check = verify(agreement)[1]
    assert (check.state, check.reason) == (
        INVALID,
        f"made by a key that {agreement.parent.as_posix()}/allowed_signers does not list for {BEN}",
    )


def test_a_key_not_in_allowed_signers_is_refused(agreement: Path, keys: dict[str, Path]) -> None:
    seal(agreement, today=DAY)
    with pytest.raises(RecordError) as refused:
        sign(agreement, keys["eve"])
    assert str(refused.value) == (
        f"the key {keys['eve']} is not listed in {agreement.parent.as_posix()}/allowed_signers for any signatory "
        f"of {ID} (signatories' principals: {ANA}, {BEN}); "
        f"add the line 'PRINCIPAL namespaces=\"mga-agreement\" {public(keys['eve'])}'"
    )
    with pytest.raises(RecordError) as refused:
        sign(agreement, keys["eve"], principal=ANA)
    assert str(refused.value) == (
        f"the signature made with {keys['eve']} does not verify for {ANA}: "
        f"made by a key that {agreement.parent.as_posix()}/allowed_signers does not list for {ANA}"
    )
    assert not signature_file(agreement, ANA).parent.exists()


def test_a_key_listed_for_two_signatories_needs_a_principal(agreement: Path, keys: dict[str, Path]) -> None:
    allow(agreement, (ANA, keys["ana"]), (BEN, keys["ana"]))
    seal(agreement, today=DAY)
    with pytest.raises(RecordError, match=f"listed for several signatories of {ID} \\({ANA}, {BEN}\\)"):
        sign(agreement, keys["ana"])
    assert sign(agreement, keys["ana"], principal=BEN) == signature_file(agreement, BEN)
    assert [c.state for c in verify(agreement)] == [UNSIGNED, VALID]


def test_an_unknown_principal_is_refused(agreement: Path, keys: dict[str, Path]) -> None:
    seal(agreement, today=DAY)
    with pytest.raises(RecordError) as refused:
        sign(agreement, keys["ana"], principal="zed@example.org")
    assert (
        str(refused.value)
        == f"no signatory of {ID} has the principal 'zed@example.org' (signatories' principals: {ANA}, {BEN})"
    )


def test_only_a_sealed_and_unchanged_agreement_is_signed(agreement: Path, keys: dict[str, Path]) -> None:
    with pytest.raises(RecordError) as refused:
        sign(agreement, keys["ana"])
    assert str(refused.value) == (
        f"{agreement.as_posix()} is not sealed: run 'mga seal {ID}' first; signatures are made over its seal"
    )
    sealed = seal(agreement, today=DAY).fingerprint
    change_term(agreement)
    with pytest.raises(RecordError) as refused:
        sign(agreement, keys["ana"])
    assert str(refused.value) == (
        f"{agreement.as_posix()} no longer has the content it was sealed with (sha256:{sealed[:12]}); "
        f"record the change as an amendment and run 'mga seal {ID}' before signing"
    )
    assert content_fingerprint(agreement) != sealed


def test_a_signatory_without_principal_is_unsigned(agreement: Path, keys: dict[str, Path]) -> None:
    text = agreement.read_text(encoding="utf-8").replace(", principal: ben@party-b.example}", "}")
    agreement.write_text(text, encoding="utf-8")
    seal(agreement, today=DAY)
    sign(agreement, keys["ana"])
    checks = verify(agreement)
    assert [(c.state, c.principal, c.reason) for c in checks] == [
        (VALID, ANA, ""),
        (UNSIGNED, None, "no principal to sign under"),
    ]


def test_allowed_signers_lines_with_options_comments_and_wildcards(tmp_path: Path, keys: dict[str, Path]) -> None:
    allowed = tmp_path / "allowed_signers"
    ana, ben = public(keys["ana"]), public(keys["ben"])
    allowed.write_text(
        f"# comment\n\n{ANA},ana@old.example {ana} Ana's laptop\n"
        f'*@party-b.example namespaces="mga-agreement,git" {ben}\n'
        f'"ben@home.example" cert-authority,namespaces="x" {ben}\n',
        encoding="utf-8",
    )
    assert sshsig.allowed_principals(allowed, ana) == [ANA, "ana@old.example"]
    assert sshsig.allowed_principals(allowed, ben) == ["*@party-b.example", "ben@home.example"]
    assert sshsig.matching([ANA, BEN], sshsig.allowed_principals(allowed, ben)) == [BEN]
    assert sshsig.public_key(keys["ana"].with_name("ana.pub")) == ana


def test_ssh_keygen_missing_is_a_clear_error(
    agreement: Path, keys: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seal(agreement, today=DAY)
    sign(agreement, keys["ana"])
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(RecordError) as missing:
        verify(agreement)
    assert str(missing.value) == "ssh-keygen not found: install OpenSSH (8.2 or newer) to sign and verify agreements"
    assert missing.value.exit_code == 2
