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


def _look() -> dict:
    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Name, logo and colours", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block, "no yaml block in the section on name, logo and colours"
    return yaml.safe_load(block.group(1))


def test_the_readme_shows_the_repositorys_own_name_logo_and_colours():
    import yaml

    shown = _look()
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert shown["site_name"] == settings["site_name"] != "mga-tools"
    for key in ("name", "logo", "favicon", "palette"):
        assert shown["theme"][key] == settings["theme"][key], key
    assert shown["extra"] == settings["extra"]
    assert (ROOT / "docs" / shown["theme"]["logo"]).is_file()


def test_the_build_keeps_what_the_readme_shows(tmp_path):
    import yaml

    from mga_tools.publish.site_config import mkdocs_config

    shown = _look()
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(shown), encoding="utf-8")
    config = mkdocs_config(tmp_path, tmp_path / "tree")
    assert config["site_name"] == shown["site_name"]
    assert {k: config["theme"][k] for k in shown["theme"]} == shown["theme"]
    assert config["nav"][-1] == {"mga-tools documentation": [{"Schema reference": "schema.md"}]}
