"""The one place that runs pandoc and the Typst compiler.

Input is always a pandoc JSON AST (see :mod:`mga_tools.render.pandoc_ast`),
read with ``-f json``: agreement text reaches the writers as text nodes and is
escaped by them, never interpreted as markup. Outputs are reproducible: the
timestamp passed in is the only time that goes into a file.

The PDF is PDF/A-3b: it carries the agreement's YAML as an associated file,
and pyHanko (:mod:`mga_tools.records.pdf_sign`) adds an empty signature field
where the template drew each signature line. Figures (SVG) are placed beside
the Typst source; the DOCX gets them as PNG, drawn by Typst here too.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
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
DOCX_CORE = "docProps/core.xml"


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
    """Versions of pandoc, Typst and pyHanko (which adds the signature fields), for cache keys."""
    from importlib.metadata import PackageNotFoundError, version

    import typst

    try:
        hanko = version("pyhanko")
    except PackageNotFoundError:
        hanko = "unknown"
    pandoc = _pandoc(["--version"], b"", {}).decode("utf-8", "replace").splitlines()[0]
    return f"{pandoc}; typst-py {getattr(typst, '__version__', 'unknown')}; pyhanko {hanko}"


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


def to_pdf(
    ast: Mapping[str, Any],
    out: Path,
    *,
    header_fields: Mapping[str, str],
    epoch: int,
    files: Mapping[str, bytes] | None = None,
    source: bytes | None = None,
) -> Path:
    """Write the PDF/A-3b of ``ast`` to ``out``, with a signature field on each signature line.

    Every page carries the header fields and "x of y". ``files`` (bare file
    name -> bytes, e.g. the figures the AST names) are placed beside the Typst
    source. ``source``, the agreement's YAML exactly as read, is attached as
    ``ID.yaml`` (an associated file with the relationship "source"), so the
    agreement travels with its document. The empty signature fields are added
    by pyHanko after Typst, as an incremental update whose bytes depend on the
    input only: two renders of one agreement give the same file.
    """
    import typst

    from mga_tools.records.pdf_sign import FieldSpot, add_fields

    files = _checked(files)
    typst_source = to_typst(ast, header_fields=header_fields)
    if source is not None:
        typst_source += _attachment(header_fields["id"])
    with tempfile.TemporaryDirectory(prefix="mga-typst-") as root:
        _place(Path(root), files)
        if source is not None:
            (Path(root) / f"{header_fields['id']}.yaml").write_bytes(source)
        main = Path(root) / "agreement.typ"
        main.write_text(typst_source, encoding="utf-8")
        try:
            compiler = typst.Compiler(str(main), root=root, ignore_system_fonts=True)
            pdf = compiler.compile(timestamp=epoch, pdf_standards="a-3b")
            found = json.loads(compiler.query(f"<{FIELD_LABEL}>", field="value"))
        except Exception as exc:  # the compiler raises its own error types
            raise RenderError(f"typst failed: {exc}") from exc
    if not isinstance(pdf, bytes):
        raise RenderError("typst returned no PDF")
    spots = [FieldSpot(str(f["name"]), int(f["page"]), float(f["x"]), float(f["y"])) for f in found]
    _write(out, add_fields(pdf, spots))
    return out


FIELD_LABEL = "mga-field"  # the label of the metadata the template's mga-field places at each signature line
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _attachment(ident: str) -> str:
    """The Typst call that attaches ``ID.yaml`` to the PDF (our code; the id is a slug, checked here)."""
    if not _SLUG.match(ident):
        raise RenderError(f"cannot attach the source of {ident!r}: an agreement id is a slug")
    return (
        f'\n#pdf.attach("{ident}.yaml", relationship: "source", mime-type: "application/yaml", '
        'description: "The agreement this document was rendered from (YAML)")\n'
    )


def _checked(files: Mapping[str, bytes] | None) -> dict[str, bytes]:
    """``files``, each name a bare file name (the AST refers to them so), checked before any work is done."""
    for name in files or {}:
        if name != Path(name).name or name.startswith(".") or name == "agreement.typ":
            raise RenderError(f"cannot place the file {name!r} beside the document: not a plain file name")
    return dict(files or {})


def _place(root: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (names checked by :func:`_checked`) into ``root``."""
    for name, data in files.items():
        (root / name).write_bytes(data)


def _png(svg: bytes) -> bytes:
    """The SVG figure ``svg`` as a PNG drawn by Typst (Word cannot be relied on to show SVG)."""
    import typst

    with tempfile.TemporaryDirectory(prefix="mga-typst-") as root:
        (Path(root) / "figure.svg").write_bytes(svg)
        main = Path(root) / "figure.typ"
        main.write_text('#set page(width: auto, height: auto, margin: 0pt)\n#image("figure.svg")\n', encoding="utf-8")
        try:
            png = typst.compile(str(main), root=root, ignore_system_fonts=True, format="png", ppi=PNG_PPI)
        except Exception as exc:  # the compiler raises its own error types
            raise RenderError(f"typst failed to draw a figure: {exc}") from exc
    if not isinstance(png, bytes):
        raise RenderError("typst returned no image")
    return png


PNG_PPI = 200  # sharp when printed, small enough for a figure of a few boxes


def _images_as_png(node: Any, renamed: Mapping[str, str]) -> Any:
    """``node`` with every Image whose source is in ``renamed`` pointing at the new name."""
    if isinstance(node, list):
        return [_images_as_png(child, renamed) for child in node]
    if not isinstance(node, dict):
        return node
    if node.get("t") == "Image":
        attr, alt, (src, title) = node["c"]
        return {"t": "Image", "c": [attr, _images_as_png(alt, renamed), [renamed.get(src, src), title]]}
    return {key: _images_as_png(value, renamed) for key, value in node.items()}


def to_docx(
    ast: Mapping[str, Any],
    out: Path,
    *,
    header_fields: Mapping[str, str],
    epoch: int,
    files: Mapping[str, bytes] | None = None,
) -> Path:
    """Write the DOCX of ``ast`` to ``out``, styled by reference.docx, with the header fields filled in.

    ``files`` are as for :func:`to_pdf`; each SVG among them is drawn as a PNG
    (by Typst) and the document shows the PNG instead.
    """
    files = _checked(files)
    renamed = {name: f"{name[: -len('.svg')]}.png" for name in files if name.endswith(".svg")}
    for name, png in renamed.items():
        files[png] = _png(files.pop(name))
    if renamed:
        ast = _images_as_png(ast, renamed)
    with tempfile.TemporaryDirectory(prefix="mga-docx-") as root:
        _place(Path(root), files)
        raw = _convert(
            _with_fields(ast, header_fields),
            "docx",
            f"--reference-doc={REFERENCE_DOCX}",
            f"--resource-path={root}",
            "-o",
            "-",
            epoch=epoch,
        )
    _write(out, _fill_docx(raw, header_fields))
    return out


def _titled(core: bytes) -> bytes:
    """The core properties with the title filled in from the subject.

    Pandoc fills the core title only from ``meta.title``, which would also print
    a second title into the body; the subject holds the agreement's title,
    already escaped by pandoc, so Word's Title property gets the same text.
    """
    text = core.decode("utf-8")
    found = re.search(r"<dc:subject>(.*?)</dc:subject>", text, re.DOTALL)
    if found is None:
        return core
    return text.replace("<dc:title></dc:title>", f"<dc:title>{found.group(1)}</dc:title>", 1).encode("utf-8")


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
            elif info.filename == DOCX_CORE:
                data = _titled(data)
            clone = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            clone.compress_type = info.compress_type
            clone.external_attr = info.external_attr
            target.writestr(clone, data)
    return out.getvalue()
