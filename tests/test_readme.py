"""The README's quick start is two commands, and CI runs exactly them."""

from __future__ import annotations

import re

from conftest import ROOT


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "no sh block in the quick start"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_quick_start_has_two_commands():
    commands = _quick_start()
    assert len(commands) == 2
    assert commands[0].endswith(".venv/bin/mga build")
    assert commands[1].endswith("python -m pytest")


def test_ci_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _quick_start():
        assert command in ci


def _extras() -> dict[str, list[str]]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["optional-dependencies"]


def test_quick_start_installs_every_extra():
    # The core package only validates: the build needs the site extra, the tests need all of them.
    build, tests = _quick_start()
    assert ".venv/bin/pip install -q -e '.[all]'" in build
    assert ".venv/bin/pip install -q -e '.[dev]'" in tests
    extras = _extras()
    assert "mga-tools[all]" in extras["dev"]
    included = {
        name.strip()
        for requirement in extras["all"]
        if requirement.startswith("mga-tools[")
        for name in requirement.removeprefix("mga-tools[").removesuffix("]").split(",")
    }
    assert included == set(extras) - {"all", "dev"}


def test_install_notes_name_every_extra():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for extra in _extras():
        assert f"`mga-tools[{extra}]`" in readme, extra
