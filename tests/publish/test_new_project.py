"""A project started with ``mga new`` alone builds; the site is never written into its own sources."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sites import make_project


@pytest.mark.slow  # a whole build, signable documents included, with an empty cache
def test_a_project_made_only_by_mga_new_builds(tmp_path: Path, run_mga) -> None:
    project = tmp_path / "empty"
    project.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    env = {"MGA_CACHE_DIR": str(tmp_path / "cold-cache")}
    made = run_mga("new", "harbour-access", cwd=project, env=env)
    assert made.returncode == 0, made.stderr
    assert not (project / "mkdocs.yml").exists() and not (project / "docs").exists()
    checked = run_mga("validate", "agreements/harbour-access.yaml", cwd=project, env=env)
    assert checked.returncode == 0, checked.stdout  # the template is a valid draft
    built = run_mga("build", cwd=project, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    index = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "agreements/harbour-access.html" in index
    assert "guide" not in index.lower().split("<article", 1)[-1].split("</article>", 1)[0]
    assert (project / "site" / "agreements" / "harbour-access.html").is_file()


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("docs/site", "inside the docs folder (docs/)"),
        ("docs", "inside the docs folder (docs/)"),
        ("agreements/site", "inside the agreements folder (agreements/)"),
        ("agreements", "inside the agreements folder (agreements/)"),
        (".", "cannot contain the project"),
    ],
)
def test_an_output_folder_inside_the_sources_is_refused(tmp_path: Path, run_mga, out: str, message: str) -> None:
    project = make_project(tmp_path / "project")
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    result = run_mga("build", "--no-documents", "--out", out, cwd=project)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert result.stderr.count("\n") == 1  # one clear line, no traceback
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before
