"""The unedited ``mga new`` template cannot be carried through the statuses as it is.

Its texts say what to write, not what was agreed. In a draft they are
warnings (TEXT-PLACEHOLDER); from ``proposed`` on they are errors, so an
agreement that still holds them never reaches ``agreed`` without errors.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mga_tools.diagnostics import Diagnostic, Severity
from mga_tools.scaffold import render
from mga_tools.validate import PRECISE, check_file, default_policy
from mga_tools.validate.policy import STATUSES
from mga_tools.validate.rules.placeholders import template_texts

RULE = "TEXT-PLACEHOLDER"
SLUG = "harbour-access"


def _at(status: str, tmp_path: Path) -> list[Diagnostic]:
    """The findings of the template as ``mga new`` writes it, with only its status changed."""
    text, changed = re.subn(r"^status: draft\b", f"status: {status}", render(SLUG), count=1, flags=re.MULTILINE)
    assert changed == 1, "the template no longer starts as a draft"
    folder = tmp_path / "agreements"
    folder.mkdir()
    path = folder / f"{SLUG}.yaml"
    path.write_text(text, encoding="utf-8")
    return check_file(path, path.name, default_policy(tmp_path), PRECISE)


@pytest.mark.parametrize("status", STATUSES)
def test_placeholders_by_status(status: str, tmp_path: Path) -> None:
    found = _at(status, tmp_path)
    placeholders = [d for d in found if d.rule == RULE]
    assert placeholders, f"no {RULE} at {status}"
    severities = {d.severity for d in placeholders}
    if STATUSES.index(status) >= STATUSES.index("proposed"):
        assert severities == {Severity.ERROR}
    else:
        assert severities == {Severity.WARNING}


def test_template_no_longer_reaches_agreed_clean(tmp_path: Path) -> None:
    errors = [d for d in _at("agreed", tmp_path) if d.severity is Severity.ERROR]
    assert any(d.rule == RULE for d in errors)


def test_short_texts_ids_and_defaults_are_not_placeholders() -> None:
    texts = template_texts()
    assert texts, "no placeholder text read from the template"
    for kept in ("0.1", "draft", "high", "party-a", "monthly", "30 days", "a single arbitrator"):
        assert kept not in texts
    assert "why the outcome matters to party a" in texts
