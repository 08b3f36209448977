"""What a plain ``pip install`` of the package brings: the core, small enough for a pre-commit hook.

The ``mga-validate`` hook (``.pre-commit-hooks.yaml``, ``language: python``)
installs the package, without extras, into its own environment in every
repository that uses it. These tests install it the same way into a fresh
virtual environment, from this checkout, through the machine's configured
package index (a minute or so), and check what it weighs and what it can do.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow

# The core must stay light: it is installed once per repository that uses the hook.
LIMIT_MB = 60
# What only the extras bring (distribution names as pip lists them are compared case-insensitively).
HEAVY_MODULES = ("numpy", "scipy", "numba", "llvmlite", "matplotlib", "mkdocs", "material", "pypandoc", "typst")
CORE_REQUIREMENTS = {"ruamel-yaml", "jsonschema", "pyyaml", "edtf"}
SITE_MESSAGE = "mga build needs the 'site' extra: pip install 'mga-tools[site]'"


def _environment() -> dict[str, str]:
    """The caller's environment (so pip keeps the configured index) minus what would leak the checkout in."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "GITHUB_ACTIONS"}}


def _size(folder: Path) -> int:
    """Bytes in the files under ``folder``; links count as links, not as what they point to."""
    total = 0
    for parent, _, files in os.walk(folder):
        total += sum(os.lstat(os.path.join(parent, name)).st_size for name in files)
    return total


class CoreEnv:
    """A fresh virtual environment with the core package installed, and what installing it added."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.python = root / "bin" / "python"
        self.mga = root / "bin" / "mga"
        subprocess.run([sys.executable, "-m", "venv", str(root)], check=True, capture_output=True, timeout=300)
        before = _size(root)
        # Non-editable and without extras: exactly what pre-commit does for a `language: python` hook.
        install = subprocess.run(
            [str(self.python), "-m", "pip", "install", "-q", str(ROOT)],
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert install.returncode == 0, install.stdout + install.stderr
        # The growth of the whole virtual environment (site-packages, scripts, metadata) from the bare
        # one just created: the cost of the package and its dependencies, pip and Python excluded.
        self.added = _size(root) - before

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), cwd=cwd, env=_environment(), capture_output=True, text=True, encoding="utf-8", timeout=600
        )


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> CoreEnv:
    return CoreEnv(tmp_path_factory.mktemp("core") / "venv")


def test_the_core_installs_under_the_limit(core):
    assert core.added < LIMIT_MB * 1_000_000, f"the core package adds {core.added / 1e6:.1f} MB"


def test_the_core_installs_none_of_the_extras(core, tmp_path):
    code = (
        "import importlib.util\n"
        f"print(' '.join(m for m in {HEAVY_MODULES!r} if importlib.util.find_spec(m) is not None))\n"
    )
    found = core.run(str(core.python), "-c", code, cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == ""


def test_the_core_runs_from_its_installed_copy_with_the_bundled_schema(core, tmp_path):
    # Run from elsewhere, so that the checkout cannot stand in for a file the wheel lacks.
    code = (
        "import json, mga_tools, mga_tools.resources as r\n"
        "print(mga_tools.__file__)\n"
        "print(r.schema_dir())\n"
        "print(json.dumps(sorted(p.name for p in r.schema_dir().iterdir())))\n"
    )
    result = core.run(str(core.python), "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    package, schema, files = result.stdout.splitlines()
    assert Path(package).is_relative_to(core.root) and not Path(package).is_relative_to(ROOT)
    assert Path(schema).name == "_schema" and Path(schema).is_relative_to(core.root)
    shipped = {"agreement.schema.json", "policy.yaml", "policy.schema.json", "scores.schema.json"}
    shipped |= {"observations.schema.json", "disputes.schema.json"}
    assert shipped <= set(json.loads(files))


def test_the_core_validates_the_agreements(core, run_mga):
    expected = run_mga("validate", "agreements/")  # the development environment, with every extra
    assert expected.returncode == 0, expected.stdout + expected.stderr
    result = core.run(str(core.mga), "validate", "agreements/", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == expected.stdout
    # No error; the agreement recorded after the fact lists its gaps as warnings.
    last = result.stdout.splitlines()[-1]
    assert last.endswith("checked: no problems") or ": 0 errors, " in last, last


def test_the_core_reports_problems_like_the_full_install(core, run_mga):
    case = "tests/validate/cases/invalid/SCENARIO-SAFEGUARDS"
    expected = run_mga("validate", case)
    result = core.run(str(core.mga), "validate", case, cwd=ROOT)
    assert expected.returncode == 1, expected.stdout + expected.stderr
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout), result.stderr


def test_building_the_site_asks_for_the_site_extra(core, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("agreements", "docs", "schema"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project)
    result = core.run(str(core.mga), "build", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"mga: {SITE_MESSAGE}\n" in result.stderr
    assert not (project / "site").exists()


def test_the_wheel_carries_what_validation_reads(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = tmp_path.glob("mga_tools-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (metadata,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        lines = archive.read(metadata).decode("utf-8").splitlines()
    for shipped in (ROOT / "schema").iterdir():
        assert f"mga_tools/_schema/{shipped.name}" in names
    for source in (ROOT / "mga_tools").rglob("*"):
        if source.is_file() and "__pycache__" not in source.parts:
            assert source.relative_to(ROOT).as_posix() in names
    # The core requirements are the unconditional ones; everything else hangs on an extra.
    requirements = [line.removeprefix("Requires-Dist: ") for line in lines if line.startswith("Requires-Dist: ")]
    core = {_name(r) for r in requirements if "extra ==" not in r}
    assert core == CORE_REQUIREMENTS
    extras = {line.removeprefix("Provides-Extra: ") for line in lines if line.startswith("Provides-Extra: ")}
    assert extras == {"site", "documents", "analysis", "all", "dev"}


def _name(requirement: str) -> str:
    """The normalised distribution name of a ``Requires-Dist`` value."""
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()
