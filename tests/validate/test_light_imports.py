"""Validating a file never imports the heavy libraries: not for scores, not for an adopted package.

Each file is validated as ``python -m mga_tools validate FILE`` does, in a
fresh interpreter that then lists every module it imported.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from mga_tools.load import load
from mga_tools.load.companion import is_companion_file

# edtf and its pyparsing grammar read the rarer forms of dates; the common ones are read without them.
HEAVY = {"numpy", "scipy", "numba", "matplotlib", "mkdocs", "pypandoc", "typst", "edtf", "pyparsing"}
AGREEMENTS = sorted(p for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name))
_PROBE = """
import json, runpy, sys
sys.argv = ["mga", "validate", sys.argv[1]]
try:
    runpy.run_module("mga_tools", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _imported(path: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    lines = result.stdout.strip().splitlines()
    assert lines and "checked" in result.stdout, result.stdout + result.stderr
    return set(json.loads(lines[-1]))


@pytest.mark.parametrize("path", AGREEMENTS, ids=lambda p: p.stem)
def test_the_real_agreements_validate_light(path: Path) -> None:
    assert not _imported(path) & HEAVY


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Generated agreements with scores (in the agreement and in score files) and adopted packages."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate  # benchmarks/generate.py
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = tmp_path_factory.mktemp("synthetic")
    written = generate.generate(out, 12, seed=3)
    kept = [g for g in written if g.scores is not None][:2] + [g for g in written if g.scores is None][:2]
    return [g.path for g in kept]


def test_synthetic_scored_agreements_validate_light(synthetic: list[Path]) -> None:
    assert any(path.with_name(f"{path.stem}.scores.yaml").exists() for path in synthetic)
    for path in synthetic:
        assert not _imported(path) & HEAVY, path.name


def test_thousands_of_packages_validate_light(tmp_path: Path) -> None:
    """A real agreement with three more issues of three options each: 19,683 packages, decided in plain Python."""
    source = ROOT / "agreements" / "three-firm-battery-recycling-jv.yaml"
    data = copy.deepcopy(load(source, source.name).data)
    creation = data["value_creation"]
    for n in range(3):
        options = [{"id": f"extra-{n}-option-{k}", "title": f"Extra option {k}"} for k in range(3)]
        creation["issues"].append({"id": f"extra-{n}", "title": f"Extra issue {n}?", "options": options})
        for p, sheet in enumerate(creation["scores"].values()):
            sheet["weights"][f"extra-{n}"] = 0.1
            # Each party prefers another option: none dominates, the search has work to do.
            sheet["options"].update({o["id"]: 10 + 40 * ((k + p + n) % 3) for k, o in enumerate(options)})
    adopted = next(p for p in creation["packages"] if p.get("adopted"))
    adopted["options"] += [f"extra-{n}-option-0" for n in range(3)]
    path = tmp_path / source.name
    path.write_text(json.dumps(data, default=str), encoding="utf-8")  # JSON is YAML
    assert not _imported(path) & HEAVY


def test_dates_known_roughly_validate_light(tmp_path: Path) -> None:
    """Years, months and qualified or open dates are read without the EDTF grammar (edtf and pyparsing)."""
    source = ROOT / "agreements" / "three-firm-battery-recycling-jv.yaml"
    data = copy.deepcopy(load(source, source.name).data)
    data["effective"], data["expires"] = "2024~", "2024-06/.."
    for n, entry in enumerate(data.get("status_history") or []):
        entry["date"] = ["2023?", "2024-02", "2024-03%"][n % 3]
    path = tmp_path / source.name
    path.write_text(json.dumps(data, default=str), encoding="utf-8")  # JSON is YAML
    assert not _imported(path) & HEAVY
