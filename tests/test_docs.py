"""The documentation is complete and builds."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

from conftest import ROOT

from mga_tools.cli import _parser
from mga_tools.validate import rule_ids

DOCS = ROOT / "docs"


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_is_documented():
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name, sub in _subcommands().items():
        assert f"## mga {name}\n" in cli, f"mga {name} has no section in docs/cli.md"
        section = cli.split(f"## mga {name}\n", 1)[1].split("\n## ", 1)[0]
        for action in sub._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert flag in section, f"{flag} of mga {name} is not documented"


def test_every_rule_has_a_docs_entry():
    rules = (DOCS / "rules.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## ([A-Z0-9-]+)$", rules, re.MULTILINE))
    assert sorted(rule_ids() - headings) == []


def test_mkdocs_build_strict(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "rules" / "index.html").exists()


def test_documented_messages_are_real():
    """Every message quoted in docs/rules.md is printed, verbatim, by some case in tests/validate/cases."""
    rules = (DOCS / "rules.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n(.*?)```", rules, re.DOTALL)
    documented = [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if re.match(r"(error|warning) [A-Z]", line.strip())
    ]
    printed = "".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "tests" / "validate" / "cases").glob("*/*/*.expected")
    )
    assert documented
    assert [message for message in documented if message not in printed] == []
