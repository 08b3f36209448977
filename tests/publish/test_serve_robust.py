"""``mga serve`` outlives broken and vanishing files: the last good site stays, the error is said."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sites import make_project

from mga_tools.errors import UsageError
from mga_tools.publish import serve as serve_module
from mga_tools.publish.docs_tree import TreeWriter
from mga_tools.publish.serve import Preview, split_address


def test_a_file_that_vanishes_during_the_scan_is_not_an_error(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path / "project")
    preview = Preview(project, tmp_path / "work")
    real_walk = os.walk

    def walk(top, *args, **kwargs):  # lists a file that is gone by the time it is looked at
        for current, dirs, names in real_walk(top, *args, **kwargs):
            yield current, dirs, [*names, "vanished.yaml"]

    monkeypatch.setattr(serve_module.os, "walk", walk)
    assert preview.changed()
    assert not any(path.endswith("vanished.yaml") for path in preview._watched())
    assert not preview.changed()


def test_a_half_saved_mkdocs_yml_is_an_error_message_and_is_watched(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    preview = Preview(project, tmp_path / "work")
    preview.changed()
    (project / "mkdocs.yml").write_text("site_name: x\nnav: [\n  - a", encoding="utf-8")
    assert preview.changed()  # mkdocs.yml is watched, and its being broken does not stop the scan
    error = preview.refresh()
    assert error is not None
    assert "mkdocs.yml: not valid YAML" in error
    assert preview.site is None


def test_a_file_that_vanishes_during_generation_is_an_error_message(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path / "project")
    preview = Preview(project, tmp_path / "work")

    def copy_folder(self, source):
        raise FileNotFoundError(2, "No such file or directory", str(source / "gone.md"))

    monkeypatch.setattr(TreeWriter, "copy_folder", copy_folder)
    error = preview.refresh()
    assert error is not None and "gone.md" in error


def test_addresses() -> None:
    assert split_address("127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert split_address("[::1]:8001") == ("::1", 8001)
    for wrong in ("8000", "localhost", "localhost:http", "a:99999"):
        with pytest.raises(UsageError):
            split_address(wrong)


@pytest.mark.slow  # three mkdocs builds of the repository's site
def test_the_last_good_site_stays_until_the_files_are_fixed(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    preview = Preview(project, tmp_path / "work")
    assert preview.refresh() is None
    good = preview.site
    assert good is not None and (good / "index.html").is_file()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: len(text) // 2] + "\nnav: [\n", encoding="utf-8")
    assert preview.refresh() is not None
    assert preview.site == good and (good / "index.html").is_file()
    (project / "docs" / "broken.md").write_text("# B\n\n[x](missing.md)\n", encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    error = preview.refresh()  # mkdocs refuses the broken link in strict mode
    assert error is not None and "missing.md" in error and "\x1b[" not in error
    assert preview.site == good
    (project / "docs" / "broken.md").unlink()
    assert preview.refresh() is None
    assert preview.site != good and preview.site is not None and (preview.site / "index.html").is_file()
