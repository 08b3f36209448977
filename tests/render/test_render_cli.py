"""``mga render``: writes the document, refuses an agreement with errors, never imports pandoc for validate."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT

GOLDEN = ROOT / "tests" / "render" / "golden"
EXAMPLE = "river-basin-water-sharing"


def test_default_output_in_current_folder(run_mga, tmp_path):
    for fmt, magic in (("pdf", b"%PDF-"), ("docx", b"PK")):
        result = run_mga("render", EXAMPLE, "--format", fmt, "--dir", str(ROOT / "agreements"), cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (0, f"wrote {EXAMPLE}.{fmt}\n", "")
        assert (tmp_path / f"{EXAMPLE}.{fmt}").read_bytes().startswith(magic)


def test_markdown_matches_golden_file(run_mga, tmp_path):
    """To accept a deliberate change, regenerate the file with the same command and review the diff:

    mga render river-basin-water-sharing --format md -o tests/render/golden/river-basin-water-sharing.document.md
    """
    out = tmp_path / "doc.md"
    result = run_mga("render", EXAMPLE, "--format", "md", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == (GOLDEN / f"{EXAMPLE}.document.md").read_text(encoding="utf-8")


def test_refuses_an_agreement_with_errors(run_mga, tmp_path):
    folder = tmp_path / "agreements"
    folder.mkdir()
    text = (ROOT / "agreements" / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    (folder / f"{EXAMPLE}.yaml").write_text(text.replace("\ntitle: ", "\nheadline: ", 1), encoding="utf-8")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    result = run_mga("render", EXAMPLE, "--format", "docx", cwd=tmp_path)
    expected = run_mga("validate", f"agreements/{EXAMPLE}.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == expected.stdout
    assert f"agreements/{EXAMPLE}.yaml:" in result.stdout and " error " in result.stdout
    assert not (tmp_path / f"{EXAMPLE}.docx").exists()


def test_unknown_agreement_and_bad_id_are_usage_errors(run_mga, tmp_path):
    result = run_mga("render", "no-such-agreement", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "mga: agreements/no-such-agreement.yaml: no such agreement\n"
    result = run_mga("render", "../etc/passwd", cwd=tmp_path)
    assert result.returncode == 2
    assert "not an agreement id" in result.stderr
    assert run_mga("render", EXAMPLE, "--format", "odt").returncode == 2


def test_validate_does_not_import_pandoc_or_typst():
    code = (
        "import sys, mga_tools.cli, mga_tools.render;"
        "mga_tools.cli.main(['validate', 'agreements']);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typst', 'pypandoc', 'docx', 'pypdf')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"
