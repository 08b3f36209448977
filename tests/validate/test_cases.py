"""Case folders: every file under cases/ is a test, discovered automatically.

- ``cases/invalid/RULE-ID/NAME.yaml`` must produce exactly the diagnostics in
  ``NAME.expected`` (one ``NAME.yaml:line:col: severity RULE message`` per
  line, as ``mga validate NAME.yaml`` prints them in that folder), and at
  least one of them must carry ``RULE-ID``.
- A folder may hold ``_policy.yaml``, the policy its cases are checked with.
- ``base/NAME.yaml`` beside a case is the same agreement at a base revision,
  as ``mga validate --base REV`` reads it from git.
- ``NAME.scores.yaml`` beside a case is its score file, checked with it; so are
  ``NAME.observations.yaml``, ``NAME.observations.csv`` and ``NAME.disputes.yaml``.
- ``NAME.others/`` beside a case holds the other agreement files of its
  agreements folder (at their paths below ``NAME.others/``), for the rules
  that compare files with each other; only the case's own findings count.
- ``cases/valid/RULE-ID/NAME.yaml`` is the fixed version: it must produce no
  diagnostic of that rule and no error at all. ``NAME.expected`` may list the
  warnings it still has; without one, it must be entirely clean.

Every registered rule, and every rule the loader and schema report, has at
least one case of each kind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mga_tools.diagnostics import Severity
from mga_tools.load import load
from mga_tools.load.companion import is_companion_file
from mga_tools.validate import PRECISE, check_file, clashes, default_policy, rule_ids
from mga_tools.validate.policy import load_policy
from mga_tools.validate.registry import RULES

CASES = Path(__file__).parent / "cases"
ALL_RULES = rule_ids()


def _cases(kind: str) -> list[Path]:
    # Files starting with "_" are not cases (a folder's own _policy.yaml); nor are companion files (NAME.scores.yaml,
    # NAME.observations.yaml..., checked with the case NAME.yaml beside them).
    return sorted(
        p for p in (CASES / kind).glob("*/*.yaml") if not p.name.startswith("_") and not is_companion_file(p.name)
    )


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.stem}" for p in paths]


def _expected(case: Path) -> list[str]:
    expected = case.with_suffix(".expected")
    if not expected.exists():
        return []
    return [line for line in expected.read_text(encoding="utf-8").splitlines() if line]


def _run(case: Path, engine: str = "auto") -> list[str]:
    # A folder may carry its own policy (e.g. a small size limit for YAML-SIZE).
    own = case.parent / "_policy.yaml"
    policy = load_policy(own, set(RULES)) if own.exists() else default_policy(CASES)
    earlier = case.parent / "base" / case.name
    base = None
    if earlier.exists():
        data = load(earlier, earlier.name, reader=PRECISE).data
        base = {data["id"]: data}
    found = check_file(case, case.name, policy, engine, base=base)
    others = case.with_suffix(".others")
    if others.is_dir():
        # As validate_paths compares the files of one folder tree once each file is checked.
        own = clashes.identity(load(case, case.name, reader=PRECISE))
        checked = [(case.name, *own)] if own is not None else []
        tree = [
            clashes.read_identity(path, path.relative_to(others).as_posix(), policy.max_file_bytes)
            for path in clashes.agreement_files(others, recursive=True)
        ]
        found = sorted(found + clashes.clashes(checked, [one for one in tree if one is not None]))
    return [d.format() for d in found]


@pytest.mark.parametrize("case", _cases("invalid"), ids=_ids(_cases("invalid")))
def test_invalid_case(case: Path) -> None:
    found = _run(case)
    assert found == _expected(case)
    assert any(f" {case.parent.name} " in line for line in found), f"no {case.parent.name} reported"


@pytest.mark.parametrize("case", _cases("valid"), ids=_ids(_cases("valid")))
def test_valid_case(case: Path) -> None:
    found = _run(case)
    assert found == _expected(case)
    assert not any(f" {case.parent.name} " in line for line in found)
    assert not any(f": {Severity.ERROR} " in line for line in found)


@pytest.mark.parametrize("kind", ["valid", "invalid"])
def test_every_rule_has_cases(kind: str) -> None:
    covered = {case.parent.name for case in _cases(kind)}
    assert sorted(ALL_RULES - covered) == []
    assert sorted(covered - ALL_RULES) == [], "case folder named after an unknown rule"


@pytest.mark.parametrize("case", _cases("invalid") + _cases("valid"), ids=_ids(_cases("invalid") + _cases("valid")))
def test_fast_and_precise_agree(case: Path) -> None:
    assert _run(case, "auto") == _run(case, PRECISE)
