"""Sealing edits the YAML text minimally, detects tampering and follows amendments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from signing_kit import TERM, amend, change_term, content_fingerprint, project

from mga_tools.diagnostics import Severity
from mga_tools.errors import EXIT_USAGE, RecordError
from mga_tools.load import load
from mga_tools.records.seal import REFUSED, RESEALED, SEALED, UNCHANGED, seal
from mga_tools.validate import check_file, default_policy

DAY = date(2025, 4, 2)
LATER = date(2025, 9, 2)


def _block(fingerprint: str, day: date, amendments: int, newline: str = "\n") -> str:
    rows = ["seal:", f"  fingerprint: {fingerprint}", f"  date: {day.isoformat()}", f"  amendments: {amendments}"]
    return newline.join(rows) + newline


@pytest.fixture
def agreement(tmp_path: Path) -> Path:
    return project(tmp_path)


def test_appended_block_keeps_every_other_byte(agreement: Path) -> None:
    before = agreement.read_text(encoding="utf-8")
    expected_fingerprint = content_fingerprint(agreement)
    result = seal(agreement, today=DAY)
    assert (result.outcome, result.fingerprint, result.date, result.amendments, result.status) == (
        SEALED,
        expected_fingerprint,
        "2025-04-02",
        0,
        "signed",
    )
    assert agreement.read_text(encoding="utf-8") == before + "\n" + _block(expected_fingerprint, DAY, 0)
    assert "  # Principals are the signers' identities in allowed_signers.\n" in before  # the comments are all kept
    assert check_file(agreement, "a.yaml", default_policy()) == []


def test_sealed_again_unchanged_is_not_written(agreement: Path) -> None:
    first = seal(agreement, today=DAY)
    sealed = agreement.read_bytes()
    again = seal(agreement, today=LATER)
    assert (again.outcome, again.fingerprint, again.date, again.written) == (
        UNCHANGED,
        first.fingerprint,
        "2025-04-02",
        False,
    )
    assert agreement.read_bytes() == sealed


def test_crlf_file_stays_crlf(agreement: Path) -> None:
    crlf = agreement.read_bytes().replace(b"\n", b"\r\n")
    agreement.write_bytes(crlf)
    result = seal(agreement, today=DAY)
    assert agreement.read_bytes() == crlf + b"\r\n" + _block(result.fingerprint, DAY, 0, "\r\n").encode()
    assert b"\n" not in agreement.read_bytes().replace(b"\r\n", b"")


def test_file_without_final_newline_stays_without(agreement: Path) -> None:
    text = agreement.read_text(encoding="utf-8").rstrip("\n")
    agreement.write_text(text, encoding="utf-8")
    result = seal(agreement, today=DAY)
    assert agreement.read_text(encoding="utf-8") == text + "\n\n" + _block(result.fingerprint, DAY, 0).rstrip("\n")


def test_replaced_block_and_status_keep_every_other_byte(agreement: Path) -> None:
    """A seal block in the middle of the file, set off by comments: only its lines and the status value change."""
    head, tail = agreement.read_text(encoding="utf-8").split("\nsignatories:\n")
    quoted = head.replace("status: signed  #", 'status: "signed"  #')
    agreement.write_text(f"{quoted}\nsignatories:\n{tail}", encoding="utf-8")
    fingerprint = content_fingerprint(agreement)
    sealed = f"{quoted}\n{_block(fingerprint, DAY, 0)}\n# Who signs:\nsignatories:\n{tail}"
    agreement.write_text(sealed, encoding="utf-8")
    assert seal(agreement, today=DAY).outcome == UNCHANGED
    amend(agreement)
    amended = agreement.read_text(encoding="utf-8")
    result = seal(agreement, today=LATER)
    assert (result.outcome, result.status, result.amendments) == (RESEALED, "amended", 1)
    expected = amended.replace('status: "signed"  #', 'status: "amended"  #').replace(
        _block(fingerprint, DAY, 0), _block(result.fingerprint, LATER, 1)
    )
    assert agreement.read_text(encoding="utf-8") == expected
    assert result.fingerprint == content_fingerprint(agreement)
    assert load(agreement).data["status"] == "amended"
    assert check_file(agreement, "a.yaml", default_policy()) == []


def test_a_malformed_seal_is_refused(agreement: Path) -> None:
    text = agreement.read_text(encoding="utf-8") + "seal: {fingerprint: '0', date: 2025-04-02, amendments: 0}\n"
    agreement.write_text(text, encoding="utf-8")
    result = seal(agreement, today=DAY)
    assert result.outcome == REFUSED
    assert {d.rule for d in result.diagnostics} == {"SCHEMA"}
    assert agreement.read_text(encoding="utf-8") == text


def test_a_changed_term_is_reported_at_the_fingerprint(agreement: Path) -> None:
    sealed = seal(agreement, today=DAY).fingerprint
    change_term(agreement)
    found = check_file(agreement, "harbour-access.yaml", default_policy())
    line = agreement.read_text(encoding="utf-8").splitlines().index(f"  fingerprint: {sealed}") + 1
    assert [d.format() for d in found] == [
        f"harbour-access.yaml:{line}:16: error SEAL-MISMATCH the content's fingerprint is "
        f"{content_fingerprint(agreement)[:12]}, not the sealed {sealed[:12]}: restore the sealed content, "
        "or record the change as an amendment and run 'mga seal harbour-access'"
    ]


def test_a_change_without_amendment_is_not_sealed(agreement: Path) -> None:
    seal(agreement, today=DAY)
    change_term(agreement)
    changed = agreement.read_bytes()
    with pytest.raises(RecordError) as refused:
        seal(agreement, today=LATER)
    assert str(refused.value) == (
        f"{agreement.as_posix()} changed since it was sealed on 2025-04-02, but no amendment was added "
        "(the seal counts 0): restore the sealed content, or record the change under amendments and run "
        "'mga seal harbour-access' again"
    )
    assert refused.value.exit_code == EXIT_USAGE
    assert agreement.read_bytes() == changed


def test_only_signed_or_amended_agreements_are_sealed(agreement: Path) -> None:
    text = agreement.read_text(encoding="utf-8").replace("status: signed  #", "status: agreed  #")
    agreement.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as refused:
        seal(agreement, today=DAY)
    assert str(refused.value) == (
        f"{agreement.as_posix()} has status 'agreed'; only a signed or amended agreement is sealed "
        "(set the status when the parties have signed)"
    )
    assert agreement.read_text(encoding="utf-8") == text


def test_an_agreement_with_errors_is_refused_and_left_alone(agreement: Path) -> None:
    text = agreement.read_text(encoding="utf-8").replace(f"    text: {TERM}\n", "")
    agreement.write_text(text, encoding="utf-8")
    result = seal(agreement, today=DAY)
    assert (result.outcome, result.written) == (REFUSED, False)
    assert [(d.rule, d.severity) for d in result.diagnostics] == [
        ("SEAL-MISSING", Severity.WARNING),
        ("SCHEMA", Severity.ERROR),
    ]
    assert agreement.read_text(encoding="utf-8") == text


def test_a_miscounted_seal_is_rewritten_with_its_date(agreement: Path) -> None:
    amend(agreement)
    seal(agreement, today=DAY)
    text = agreement.read_text(encoding="utf-8")
    agreement.write_text(text.replace("  amendments: 1\n", "  amendments: 3\n"), encoding="utf-8")
    assert [d.rule for d in check_file(agreement, "a.yaml", default_policy())] == ["SEAL-MISMATCH"]
    result = seal(agreement, today=LATER)
    assert (result.outcome, result.date, result.amendments) == (SEALED, "2025-04-02", 1)
    assert agreement.read_text(encoding="utf-8") == text


def test_the_seal_goes_before_a_closing_document_marker(agreement: Path) -> None:
    text = agreement.read_text(encoding="utf-8") + "...\n# after the document\n"
    agreement.write_text(text, encoding="utf-8")
    result = seal(agreement, today=DAY)
    body = text[: -len("...\n# after the document\n")]
    assert agreement.read_text(encoding="utf-8") == (
        body + "\n" + _block(result.fingerprint, DAY, 0) + "...\n# after the document\n"
    )
