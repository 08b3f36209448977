"""Helpers for the sealing and signing tests: a project with one signed agreement, and real SSH keys."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from mga_tools.load import load
from mga_tools.model.canonical import fingerprint

FIXTURE = Path(__file__).resolve().parent / "sealing" / "harbour-access.yaml"
ID = "harbour-access"
ANA = "ana@party-a.example"
BEN = "ben@party-b.example"
TERM = "Party A and Party B meet monthly to review how berth time is shared."
AMENDMENT = """
amendments:
  - id: meetings-every-two-months
    date: 2025-09-01
    summary: Review meetings move from monthly to every two months.
    approved_by: [party-a, party-b]
    terms: [first-term]
"""


def project(root: Path) -> Path:
    """``root/agreements/harbour-access.yaml`` (a copy of the fixture); returns the agreement's path."""
    folder = root / "agreements"
    folder.mkdir(parents=True)
    return Path(shutil.copy(FIXTURE, folder / FIXTURE.name))


def keygen(folder: Path, name: str) -> Path:
    """A new passphrase-less ed25519 key ``folder/name`` (and ``name.pub``)."""
    folder.mkdir(parents=True, exist_ok=True)
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True, timeout=60)
    return key


def public(key: Path) -> str:
    """``TYPE BASE64`` of a key made by :func:`keygen`."""
    return " ".join(key.with_name(key.name + ".pub").read_text(encoding="ascii").split()[:2])


def allow(agreement: Path, *entries: tuple[str, Path]) -> Path:
    """Write ``allowed_signers`` beside ``agreement``: one line per ``(principal, key)``."""
    lines = [f'{principal} namespaces="mga-agreement" {public(key)}' for principal, key in entries]
    target = agreement.parent / "allowed_signers"
    target.write_text("# signers of the agreements in this folder\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return target


def content_fingerprint(agreement: Path) -> str:
    """The fingerprint of the agreement's content as it is now."""
    return fingerprint(load(agreement).data)


def amend(agreement: Path) -> None:
    """Change the first term and record the change as an amendment."""
    text = agreement.read_text(encoding="utf-8")
    assert TERM in text
    changed = text.replace(TERM, TERM.replace("monthly", "every two months"))
    agreement.write_text(changed + AMENDMENT, encoding="utf-8")


def change_term(agreement: Path) -> None:
    """Change the first term without recording an amendment."""
    text = agreement.read_text(encoding="utf-8")
    assert TERM in text
    agreement.write_text(text.replace(TERM, TERM.replace("monthly", "once a year")), encoding="utf-8")
