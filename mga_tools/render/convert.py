"""The one place that runs pandoc and the Typst compiler.

Input is always a pandoc JSON AST (see :mod:`mga_tools.render.pandoc_ast`),
read with ``-f json``: agreement text reaches the writers as text nodes and is
escaped by them, never interpreted as markup. Outputs are reproducible: the
timestamp passed in is the only time that goes into a file.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import subprocess
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from mga_tools.errors import RenderError
from mga_tools.outputs import write_atomic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

TEMPLATES = Path(__file__).resolve().parent / "templates"
TYPST_TEMPLATE = TEMPLATES / "agreement.typ"
REFERENCE_DOCX = TEMPLATES / "reference.docx"
# Placeholders in the header and footer of reference.docx.
DOCX_PLACEHOLDERS = {"@@MGA_ID@@": "id", "@@MGA_VERSION@@": "version", "@@MGA_FINGERPRINT@@": "fingerprint"}
DOCX_PARTS = ("word/header1.xml", "word/footer1.xml")


@cache
def pandoc_path() -> str:
    """The pandoc executable shipped with pypandoc-binary (or found by pypandoc)."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError) as exc:
        raise RenderError(f"pandoc is not available: {exc}; install pypandoc-binary") from exc


@cache
def tool_versions() -> str:
    """Versions of pandoc and Typst, for cache keys."""
    import typst

    version = _pandoc(["--version"], b"", {}).decode("utf-8", "replace").splitlines()[0]
    return f"{version}; typst-py {getattr(typst, '__version__', 'unknown')}"


def templates_hash() -> str:
    """SHA-256 over every template file, names and contents."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(TEMPLATES).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _pandoc(args: list[str], data: bytes, env_extra: Mapping[str, str]) -> bytes:
    env = {**os.environ, **env_extra}
    try:
        done = subprocess.run([pandoc_path(), *args], input=data, capture_output=True, env=env, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"cannot run pandoc: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"pandoc failed (exit {done.returncode}): {message}")
    return done.stdout


def _convert(ast: Mapping[str, Any], to: str, *extra: str, epoch: int | None = None) -> bytes:
    env = {"SOURCE_DATE_EPOCH": str(epoch)} if epoch is not None else {}
    data = json.dumps(ast, ensure_ascii=False).encode("utf-8")
    return _pandoc(["-f", "json", "-t", to, *extra], data, env)


def _with_fields(ast: Mapping[str, Any], fields: Mapping[str, str]) -> dict[str, Any]:
    meta = dict(ast.get("meta", {}))
    for key, value in fields.items():
        words = [{"t": "Str", "c": w} for w in str(value).split()]
        spaced = [node for i, w in enumerate(words) for node in ([{"t": "Space"}, w] if i else [w])]
        meta[f"mga-{key}"] = {"t": "MetaInlines", "c": spaced}
    return {**ast, "meta": meta}


def _write(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out`` atomically (a reader never sees half a file; see :mod:`mga_tools.outputs`)."""
    # Not synced to disk: a build writes thousands of documents, and each can be rendered again.
    write_atomic(out, data, durable=False)


def to_markdown(ast: Mapping[str, Any]) -> str:
    """The document as GitHub-flavoured Markdown (no raw HTML), with every character of the text escaped."""
    return _convert(ast, "gfm-raw_html", "--wrap=none").decode("utf-8")


def to_typst(ast: Mapping[str, Any], *, header_fields: Mapping[str, str]) -> str:
    """The Typst source of the PDF (pandoc's typst writer with the page template)."""
    return _convert(_with_fields(ast, header_fields), "typst", f"--template={TYPST_TEMPLATE}").decode("utf-8")


def to_pdf(ast: Mapping[str, Any], out: Path, *, header_fields: Mapping[str, str], epoch: int) -> Path:
    """Write the PDF (PDF/A-2b) of ``ast`` to ``out``; every page carries the header fields and "x of y"."""
    import typst

    source = to_typst(ast, header_fields=header_fields)
    with tempfile.TemporaryDirectory(prefix="mga-typst-") as root:
        main = Path(root) / "agreement.typ"
        main.write_text(source, encoding="utf-8")
        try:
            pdf = typst.compile(str(main), root=root, ignore_system_fonts=True, timestamp=epoch, pdf_standards="a-2b")
        except Exception as exc:  # the compiler raises its own error types
            raise RenderError(f"typst failed: {exc}") from exc
    if not isinstance(pdf, bytes):
        raise RenderError("typst returned no PDF")
    _write(out, pdf)
    return out


def to_docx(ast: Mapping[str, Any], out: Path, *, header_fields: Mapping[str, str], epoch: int) -> Path:
    """Write the DOCX of ``ast`` to ``out``, styled by reference.docx, with the header fields filled in."""
    raw = _convert(
        _with_fields(ast, header_fields), "docx", f"--reference-doc={REFERENCE_DOCX}", "-o", "-", epoch=epoch
    )
    _write(out, _fill_docx(raw, header_fields))
    return out


def _fill_docx(raw: bytes, fields: Mapping[str, str]) -> bytes:
    """Replace the placeholders of the header and footer; entry order and times are kept, so bytes stay stable."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in DOCX_PARTS:
                text = data.decode("utf-8")
                for placeholder, key in DOCX_PLACEHOLDERS.items():
                    text = text.replace(placeholder, html.escape(str(fields[key]), quote=False))
                data = text.encode("utf-8")
            clone = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            clone.compress_type = info.compress_type
            clone.external_attr = info.external_attr
            target.writestr(clone, data)
    return out.getvalue()
