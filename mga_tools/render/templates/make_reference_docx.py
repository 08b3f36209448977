"""Regenerate ``mga_tools/render/templates/reference.docx`` (run once; the result is committed).

Starts from pandoc's default reference document and adds a header and a footer.
The header carries placeholders that :mod:`mga_tools.render.convert` replaces
with the agreement's id and version; the footer the version and fingerprint
and the ``PAGE`` and ``NUMPAGES`` fields ("Page x of y"). Styles are pandoc's
(Heading 1 to 9 kept with the next paragraph, numbered lists with Word
numbering), plus the paragraph styles the document asks for by name through
pandoc's ``custom-style``: "Title Page" (centred) and "Signature Block" (each
line kept with the next and whole, so a signatory's block never parts across
pages) with "Signature Block End" for its last line. Every zip entry gets a
fixed timestamp, so the file is reproducible.

    python mga_tools/render/templates/make_reference_docx.py
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pypandoc

TARGET = Path(__file__).resolve().parent / "reference.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _run(text: str) -> str:
    return f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(instruction: str) -> str:
    small = '<w:rPr><w:sz w:val="16"/></w:rPr>'
    return (
        f'<w:r>{small}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{small}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        f'<w:r>{small}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{small}<w:t>1</w:t></w:r>"
        f'<w:r>{small}<w:fldChar w:fldCharType="end"/></w:r>'
    )


HEADER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W} {R}><w:p><w:pPr><w:pStyle w:val="Header"/>'
    '<w:tabs><w:tab w:val="right" w:pos="9360"/></w:tabs></w:pPr>'
    + _run("@@MGA_ID@@")
    + "<w:r><w:tab/></w:r>"
    + _run("Version @@MGA_VERSION@@")
    + "</w:p></w:hdr>"
)
FOOTER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W} {R}><w:p><w:pPr><w:pStyle w:val="Footer"/>'
    '<w:tabs><w:tab w:val="right" w:pos="9360"/></w:tabs></w:pPr>'
    + _run("Version @@MGA_VERSION@@   Fingerprint @@MGA_FINGERPRINT@@")
    + "<w:r><w:tab/></w:r>"
    + _run("Page ")
    + _field("PAGE")
    + _run(" of ")
    + _field("NUMPAGES")
    + "</w:p></w:ftr>"
)


def _style(ident: str, name: str, based: str, properties: str) -> str:
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{ident}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{based}"/><w:next w:val="{ident}"/><w:qFormat/><w:pPr>{properties}</w:pPr></w:style>'
    )


STYLES = (
    _style("TitlePage", "Title Page", "BodyText", '<w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/>')
    + _style(
        "SignatureBlock",
        "Signature Block",
        "BodyText",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="60" w:after="60"/>',
    )
    + _style(
        "SignatureBlockEnd",
        "Signature Block End",
        "SignatureBlock",
        '<w:keepNext w:val="0"/><w:keepLines/><w:spacing w:before="60" w:after="480"/>',
    )
)
HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def main() -> None:
    pandoc = pypandoc.get_pandoc_path()
    default = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], check=True, capture_output=True
    ).stdout
    source = zipfile.ZipFile(io.BytesIO(default))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename).decode("utf-8")
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    "</Types>",
                    f'<Override PartName="/word/header1.xml" ContentType="{CT}.header+xml"/>'
                    f'<Override PartName="/word/footer1.xml" ContentType="{CT}.footer+xml"/></Types>',
                )
            elif info.filename == "word/styles.xml":
                data = data.replace("</w:styles>", STYLES + "</w:styles>")
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    "</Relationships>",
                    f'<Relationship Type="{HEADER_REL}" Id="rIdMgaHeader" Target="header1.xml" />'
                    f'<Relationship Type="{FOOTER_REL}" Id="rIdMgaFooter" Target="footer1.xml" /></Relationships>',
                )
            elif info.filename == "word/document.xml":
                data = data.replace(
                    "<w:sectPr>",
                    '<w:sectPr><w:headerReference w:type="default" r:id="rIdMgaHeader" />'
                    '<w:footerReference w:type="default" r:id="rIdMgaFooter" />',
                )
                if "xmlns:r=" not in data.split(">", 2)[1]:
                    data = data.replace("<w:document ", f"<w:document {R} ", 1)
            _write(target, info.filename, data)
        _write(target, "word/header1.xml", HEADER)
        _write(target, "word/footer1.xml", FOOTER)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(out.getvalue())
    print(f"wrote {TARGET}")


def _write(target: zipfile.ZipFile, name: str, data: str) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    target.writestr(info, data.encode("utf-8"))


if __name__ == "__main__":
    main()
