"""The extras table and the check a command makes before it needs an extra."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from importlib.machinery import ModuleSpec

import pytest
from conftest import ROOT

from mga_tools import extras
from mga_tools.errors import EXIT_USAGE, MgaError, MissingExtra


def _pretend_missing(monkeypatch: pytest.MonkeyPatch, *absent: str) -> list[str]:
    """Make ``find_spec`` report ``absent`` as not installed (and every other name as installed).

    Returns the list of names looked up, so that a test can see what the check asked for.
    """
    asked: list[str] = []

    def find_spec(name: str, package: str | None = None) -> ModuleSpec | None:
        asked.append(name)
        return None if name in absent else ModuleSpec(name, None)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    return asked


def test_require_passes_when_every_module_is_there(monkeypatch):
    asked = _pretend_missing(monkeypatch)
    extras.require("site", command="mga build")
    assert asked == list(extras.EXTRAS["site"])


def test_require_names_the_command_the_extra_and_the_install_line(monkeypatch):
    _pretend_missing(monkeypatch, "mkdocs")
    with pytest.raises(MissingExtra) as raised:
        extras.require("site", command="mga build")
    assert str(raised.value) == "mga build needs the 'site' extra: pip install 'mga-tools[site]'"
    assert raised.value.extra == "site"
    assert raised.value.missing == ("mkdocs",)


def test_a_missing_extra_ends_the_command_with_a_usage_exit_code(monkeypatch):
    _pretend_missing(monkeypatch, "numpy", "scipy")
    with pytest.raises(MgaError) as raised:
        extras.require("analysis", command="mga analyze")
    assert raised.value.exit_code == EXIT_USAGE == 2
    assert isinstance(raised.value, MissingExtra) and raised.value.missing == ("numpy", "scipy")


@pytest.mark.parametrize("extra", ["documents", "analysis"])
def test_the_site_extra_needs_documents_and_analysis(monkeypatch, extra):
    # A build publishes each agreement's signable documents and its analysis plot.
    _pretend_missing(monkeypatch, extras.EXTRAS[extra][0])
    with pytest.raises(MissingExtra, match=r"needs the 'site' extra"):
        extras.require("site", command="mga build")


def test_missing_lists_only_the_absent_modules_in_table_order(monkeypatch):
    _pretend_missing(monkeypatch, "matplotlib", "numba")
    assert extras.missing("analysis") == ("numba", "matplotlib")
    assert extras.missing("documents") == ()


def test_a_module_imported_without_a_spec_counts_as_installed(monkeypatch):
    def find_spec(name: str, package: str | None = None) -> ModuleSpec | None:
        raise ValueError(f"{name}.__spec__ is None")

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setitem(sys.modules, "typst", sys.modules[__name__])
    # Whether an earlier test imported pypandoc or pyHanko must not matter: here they are not imported.
    for module in ("pypandoc", "pyhanko", "pyhanko_certvalidator"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    assert extras.missing("documents") == ("pypandoc", "pyhanko", "pyhanko_certvalidator")


def test_a_broken_module_counts_as_missing(monkeypatch):
    def find_spec(name: str, package: str | None = None) -> ModuleSpec | None:
        raise ImportError(name)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    assert extras.missing("documents") == ("pypandoc", "typst", "pyhanko", "pyhanko_certvalidator")


def test_an_unknown_extra_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown extra 'sites'"):
        extras.require("sites", command="mga build")


def test_all_covers_every_other_extra():
    every = {module for name, modules in extras.EXTRAS.items() if name != "all" for module in modules}
    assert set(extras.EXTRAS["all"]) == every
    assert len(extras.EXTRAS["all"]) == len(set(extras.EXTRAS["all"]))


def test_the_table_matches_the_extras_of_the_package():
    # Every extra of the table is one pyproject.toml declares, so that the install line it prints works.
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert set(extras.EXTRAS) <= set(declared)
    assert "dev" in declared and "dev" not in extras.EXTRAS  # test tools: no command needs them


def test_every_extra_is_installed_in_the_development_environment():
    # The development environment installs [dev], which includes [all]: the real lookups find everything.
    for extra in extras.EXTRAS:
        assert extras.missing(extra) == (), extra


def test_the_check_imports_nothing_heavy():
    # find_spec only locates modules; the check must not pay for importing numba or scipy.
    code = (
        "import sys; from mga_tools.extras import require; require('all', command='mga'); "
        "print(sorted(m for m in ('numpy', 'numba', 'scipy', 'matplotlib', 'mkdocs', 'material', 'pypandoc',"
        " 'typst') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_extras_imports_nothing_of_the_package_but_its_errors():
    # Commands call it before anything else, and it must stay importable without any extra.
    code = "import sys, mga_tools.extras; print(sorted(m for m in sys.modules if m.startswith('mga_tools')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == str(["mga_tools", "mga_tools.errors", "mga_tools.extras"])
