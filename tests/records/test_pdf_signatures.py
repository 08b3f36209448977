"""PDF signatures: the fields of the rendered document, ``mga sign --pdf`` and ``mga verify FILE.pdf``.

A throwaway certificate authority certifies two signers; a third signer comes
from an authority nobody trusts. Every signature is checked twice: by
``mga verify`` (pyHanko) and, independently, by poppler's ``pdfsig``.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pdf_kit
import pytest
from signing_kit import ID, amend, project

from mga_tools.model import Agreement
from mga_tools.records.pdf_fields import FIELD_HEIGHT_CM, FIELD_WIDTH_CM, Slot, choose, field_name, slots
from mga_tools.records.pdf_verify import attachments, verify_pdf
from mga_tools.records.seal import seal

SOURCE = f"agreements/{ID}.yaml"
SIGNED = f"agreements/{ID}.signatures/{ID}.pdf"
ENV = {"MGA_TEST_PASSPHRASE": pdf_kit.PASSPHRASE.decode()}
PASS = ("--passphrase-env", "MGA_TEST_PASSPHRASE")
POINTS_PER_CM = 72 / 2.54


def _tool(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120)
    return done.stdout


def _pdfsig(pdf: Path) -> list[tuple[str, str]]:
    """(field name, what pdfsig says of its signature) for each field, in order."""
    found = []
    for block in _tool("pdfsig", pdf).split("Signature #")[1:]:
        name = re.search(r"Signature Field Name: (\S+)", block)
        said = re.search(r"Signature Validation: (.+)", block)
        unsigned = "The signature form field is not signed." in block
        found.append((name.group(1) if name else "", "unsigned" if unsigned else said.group(1) if said else ""))
    return found


# --- field names and which field a certificate signs (no PDF needed) ---------------------------


def test_field_names_number_a_partys_later_signatories() -> None:
    assert [field_name("party-a", 1), field_name("party-a", 2), field_name("party-a", 10)] == [
        "sig-party-a",
        "sig-party-a-2",
        "sig-party-a-10",
    ]
    with pytest.raises(ValueError, match="starts at 1"):
        field_name("party-a", 0)


def test_slots_follow_the_signature_blocks() -> None:
    data = {
        "preparation": {"parties": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "gone", "status": "withdrawn"}]},
        "signatories": [
            {"party": "a", "name": "Ana Silva"},
            {"party": "a", "name": "Ada Lind"},
            {"party": "b", "name": "Ben Okoro"},
        ],
    }
    assert slots(data) == [
        Slot("sig-a", "a", "Ana Silva"),
        Slot("sig-a-2", "a", "Ada Lind"),
        Slot("sig-b", "b", "Ben Okoro"),
        Slot("sig-c", "c", ""),
    ]


def test_choosing_a_field_by_name_or_party() -> None:
    found = [Slot("sig-a", "a", "Ana Silva"), Slot("sig-a-2", "a", "Ada Lind"), Slot("sig-c", "c", "")]
    assert choose(found, party=None, signer="  ana  SILVA ") == found[0]
    assert choose(found, party="a", signer="Ada Lind") == found[1]
    assert choose(found, party="c", signer="Carl Holm") == found[2]
    with pytest.raises(ValueError, match=r"no signatory is named 'Carl Holm'.*--party"):
        choose(found, party=None, signer="Carl Holm")
    with pytest.raises(ValueError, match="several signatories and none is uniquely named 'Carl Holm'"):
        choose(found, party="a", signer="Carl Holm")
    with pytest.raises(ValueError, match=r"no signature field for the party 'x' \(parties: a, c\)"):
        choose(found, party="x", signer="Ana Silva")
    with pytest.raises(ValueError, match="several signatories are named 'Ana Silva'"):
        choose([*found, Slot("sig-b", "b", "Ana Silva")], party=None, signer="Ana Silva")


# --- the rendered document ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The sealed agreement, and its PDF rendered twice (separately) into the same project."""
    from mga_tools.load import load
    from mga_tools.render.batch import render

    root = tmp_path_factory.mktemp("rendered")
    agreement = project(root)
    seal(agreement, today=date(2025, 4, 2))
    data = load(agreement).data
    first = render(Agreement(data), "pdf", root / "first.pdf", source=agreement.read_bytes())
    second = render(Agreement(data), "pdf", root / "second.pdf", source=agreement.read_bytes())
    return agreement, first, second


@pytest.mark.slow
def test_one_empty_signature_field_per_signatory(rendered: tuple[Path, Path, Path]) -> None:
    _, pdf, _ = rendered
    assert "Form:            AcroForm" in _tool("pdfinfo", pdf)
    assert _pdfsig(pdf) == [("sig-party-a", "unsigned"), ("sig-party-b", "unsigned")]


@pytest.mark.slow
def test_the_unsigned_documents_are_byte_reproducible(rendered: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from mga_tools.load import load
    from mga_tools.render.batch import render

    agreement, first, second = rendered
    assert first.read_bytes() == second.read_bytes()
    data = load(agreement).data
    one = render(Agreement(data), "docx", tmp_path / "one.docx").read_bytes()
    two = render(Agreement(data), "docx", tmp_path / "two.docx").read_bytes()
    assert one == two


@pytest.mark.slow
def test_pdf_a3_with_the_agreement_attached(rendered: tuple[Path, Path, Path], tmp_path: Path) -> None:
    agreement, pdf, _ = rendered
    meta = _tool("pdfinfo", "-meta", pdf)
    assert "<pdfaid:part>3</pdfaid:part>" in meta
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    assert _tool("pdfdetach", "-list", pdf).splitlines() == ["1 embedded files", f"1: {ID}.yaml"]
    saved = tmp_path / "saved.yaml"
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(saved), str(pdf)], check=True, timeout=60)
    assert saved.read_bytes() == agreement.read_bytes()
    # An associated file of the document, its relationship "source", typed as YAML.
    assert attachments(pdf.read_bytes()) == {f"{ID}.yaml": ("Source", agreement.read_bytes())}
    assert b"/Subtype/application#2Fyaml" in pdf.read_bytes()


@pytest.mark.slow
def test_each_field_lies_on_its_signature_line(rendered: tuple[Path, Path, Path]) -> None:
    from pypdf import PdfReader

    _, pdf, _ = rendered
    reader = PdfReader(pdf)
    words = _tool("pdftotext", "-bbox", pdf, "-")
    pages = words.split("<page ")[1:]
    found = 0
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.top)
        labels = [
            tuple(float(v) for v in m.groups())
            for m in re.finditer(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Signature:<', pages[number]
            )
        ]
        for annot in page.get("/Annots") or []:
            widget = annot.get_object()
            if widget.get("/FT") != "/Sig":
                continue
            x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
            # The field's size, each corner on a whole point.
            assert abs(x1 - x0 - FIELD_WIDTH_CM * POINTS_PER_CM) <= 1
            assert abs(y1 - y0 - FIELD_HEIGHT_CM * POINTS_PER_CM) <= 1
            top, bottom = height - y1, height - y0  # top-down, as pdftotext measures
            # The "Signature:" label ends where the field starts, on the field's bottom line: the label's
            # box ends below the baseline by the font's descent (under 4 pt at 11 pt).
            beside = [lab for lab in labels if 0 < x0 - lab[2] < 12 and 0 <= lab[3] - bottom < 4]
            assert len(beside) == 1, (widget["/T"], (x0, top, x1, bottom), labels)
            found += 1
    assert found == 2


# --- signing and verifying, as a user runs them ------------------------------------------------


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The trusted CA's certificate, its two signers, and a signer certified by an authority nobody trusts."""
    folder = tmp_path_factory.mktemp("kit")
    ca, rogue = pdf_kit.authority(folder), pdf_kit.authority(folder, "Rogue CA")
    return {
        "ca": ca.pem,
        "ana": pdf_kit.signer(folder, ca, "Ana Silva"),
        "ben": pdf_kit.signer(folder, ca, "Ben Okoro"),
        "eve": pdf_kit.signer(folder, rogue, "Eve Mallory"),
        "carl": pdf_kit.signer(folder, ca, "Carl Holm", passphrase=None),
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project whose agreement is sealed, ready to sign."""
    agreement = project(tmp_path / "project")
    seal(agreement, today=date(2025, 4, 2))
    return tmp_path / "project"


def _verify_lines(root: Path, pdf: Path, trust: Path | None, states: dict[str, str]) -> list[str]:
    """What ``mga verify`` prints for ``pdf`` whose fields have ``states``; times and names from the library."""
    report = verify_pdf(pdf, trust=[trust] if trust else [], folder=root / "agreements")
    assert report.source is not None
    lines = [
        f"seal sha256:{report.source.content} matches the attached {ID}.yaml",
        f"agreements/{ID}.yaml has the same content",
        f"certificates trusted from {trust}"
        if trust
        else "trust not checked: name the certificates to trust with --trust CA.pem",
    ]
    for check in report.fields:
        state = states[check.name]
        if state == "unsigned":
            lines.append(f"unsigned   {check.name}")
            continue
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", check.time)
        trust_word = "trust not checked" if trust is None else "untrusted" if state == "untrusted" else "trusted"
        why = ": the signer's certificate does not chain to a trusted certificate" if state == "untrusted" else ""
        intact = "not intact" if state == "changed" else "intact"
        lines.append(f"{state:<9}  {check.name}  {check.signer}  {check.time}  {intact}  {trust_word}{why}")
    return lines


@pytest.mark.slow
def test_two_signers_in_turn(root: Path, kit: dict[str, Path], run_mga) -> None:
    pdf = root / SIGNED
    result = run_mga("sign", ID, "--pdf", "--key", str(kit["ana"]), *PASS, cwd=root, env=ENV)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"rendered {SIGNED}\nsigned sig-party-a (Ana Silva) of {ID} as Ana Silva: {SIGNED}\n"
    assert _pdfsig(pdf) == [("sig-party-a", "Signature is Valid."), ("sig-party-b", "unsigned")]
    result = run_mga("verify", SIGNED, "--trust", str(kit["ca"]), cwd=root)
    assert (result.returncode, result.stderr) == (1, "")
    expected = _verify_lines(root, pdf, kit["ca"], {"sig-party-a": "valid", "sig-party-b": "unsigned"})
    assert result.stdout.splitlines() == [*expected, "2 signature fields: 1 valid, 1 unsigned"]

    result = run_mga("sign", ID, "--pdf", "--key", str(kit["ben"]), *PASS, cwd=root, env=ENV)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"signed sig-party-b (Ben Okoro) of {ID} as Ben Okoro: {SIGNED}\n"
    # The first signature is still valid after the second, for pyHanko and for poppler.
    assert _pdfsig(pdf) == [("sig-party-a", "Signature is Valid."), ("sig-party-b", "Signature is Valid.")]
    # Still PDF/A-3, its metadata as Typst wrote it.
    assert "<pdfaid:part>3</pdfaid:part>" in _tool("pdfinfo", "-meta", pdf)
    result = run_mga("verify", SIGNED, "--trust", str(kit["ca"]), cwd=root)
    assert (result.returncode, result.stderr) == (0, "")
    expected = _verify_lines(root, pdf, kit["ca"], {"sig-party-a": "valid", "sig-party-b": "valid"})
    assert result.stdout.splitlines() == [*expected, "2 signature fields: 2 valid"]
    result = run_mga("verify", SIGNED, cwd=root)
    assert (result.returncode, result.stderr) == (0, "")
    expected = _verify_lines(root, pdf, None, {"sig-party-a": "valid", "sig-party-b": "valid"})
    assert result.stdout.splitlines() == [*expected, "2 signature fields: 2 valid"]

    result = run_mga("sign", ID, "--pdf", "--key", str(kit["ana"]), *PASS, cwd=root, env=ENV)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"mga: the field sig-party-a (Ana Silva) of {SIGNED} is signed already\n"


@pytest.mark.slow
def test_a_changed_byte_voids_the_signatures(root: Path, kit: dict[str, Path], run_mga) -> None:
    pdf = root / SIGNED
    for signer in ("ana", "ben"):
        assert run_mga("sign", ID, "--pdf", "--key", str(kit[signer]), *PASS, cwd=root, env=ENV).returncode == 0
    data = pdf.read_bytes()
    # One letter of the document's title, in the first revision that both signatures cover.
    at = data.index(b"/Title(") + len(b"/Title(") + 1
    pdf.write_bytes(data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :])
    result = run_mga("verify", SIGNED, "--trust", str(kit["ca"]), cwd=root)
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert [line.split("  ")[0].strip() for line in lines[3:5]] == ["changed", "changed"]
    # pyHanko does not look for a trusted path for a signature that does not hold.
    assert all(line.endswith("not intact  untrusted: the signed bytes were changed") for line in lines[3:5])
    assert lines[5] == "2 signature fields: 2 changed"
    assert [said for _, said in _pdfsig(pdf)] == ["Digest Mismatch.", "Digest Mismatch."]


@pytest.mark.slow
def test_a_signer_outside_the_trust_root_is_reported(root: Path, kit: dict[str, Path], run_mga) -> None:
    pdf = root / SIGNED
    result = run_mga("sign", ID, "--pdf", "--party", "party-b", "--key", str(kit["eve"]), *PASS, cwd=root, env=ENV)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"rendered {SIGNED}\nsigned sig-party-b (Ben Okoro) of {ID} as Eve Mallory: {SIGNED}\n"
    assert run_mga("sign", ID, "--pdf", "--key", str(kit["ana"]), *PASS, cwd=root, env=ENV).returncode == 0
    result = run_mga("verify", SIGNED, "--trust", str(kit["ca"]), cwd=root)
    assert (result.returncode, result.stderr) == (1, "")
    expected = _verify_lines(root, pdf, kit["ca"], {"sig-party-a": "valid", "sig-party-b": "untrusted"})
    assert result.stdout.splitlines() == [*expected, "2 signature fields: 1 valid, 1 untrusted"]


@pytest.mark.slow
def test_what_signing_refuses(root: Path, kit: dict[str, Path], run_mga, tmp_path: Path) -> None:
    # A name no signatory has, and no party named: which field is not guessed.
    result = run_mga("sign", ID, "--pdf", "--key", str(kit["carl"]), cwd=root)
    assert (result.returncode, result.stdout) == (2, f"rendered {SIGNED}\n")
    assert result.stderr == (
        f"mga: cannot tell which field of {SIGNED} {kit['carl']} signs: no signatory is named 'Carl Holm', "
        "the certificate's name: name the party with --party\n"
    )
    # A wrong passphrase, an unset variable, options of the other kind of signature.
    result = run_mga("sign", ID, "--pdf", "--key", str(kit["ana"]), cwd=root)
    assert result.returncode == 2
    assert result.stderr.startswith(f"mga: cannot open {kit['ana']} as a PKCS#12 key (wrong passphrase?")
    result = run_mga("sign", ID, "--pdf", "--key", str(kit["ana"]), "--passphrase-env", "MGA_NOT_SET", cwd=root)
    assert (result.returncode, result.stderr) == (2, "mga: --passphrase-env names MGA_NOT_SET, which is not set\n")
    result = run_mga("sign", ID, "--pdf", "--key", str(kit["ana"]), "--principal", "ana@party-a.example", cwd=root)
    assert result.returncode == 2
    assert result.stderr == "mga: --principal names an SSH signer; with --pdf the certificate names the signatory\n"
    result = run_mga("sign", ID, "--key", str(kit["ana"]), "--party", "party-a", cwd=root)
    assert (result.returncode, result.stderr) == (2, "mga: --party and --passphrase-env go with --pdf\n")
    result = run_mga("verify", ID, "--trust", str(kit["ca"]), cwd=root)
    assert (result.returncode, result.stderr) == (
        2,
        "mga: --trust goes with a PDF: mga verify FILE.pdf --trust CA.pem\n",
    )
    # Not a PDF.
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf", encoding="utf-8")
    result = run_mga("verify", str(fake), cwd=root)
    assert result.returncode == 2
    assert result.stderr.startswith("mga: not a readable PDF: ")
    # The agreement amended and sealed again: the PDF was rendered from the earlier content.
    agreement = root / SOURCE
    amend(agreement)
    seal(agreement, today=date(2025, 9, 2))
    result = run_mga("sign", ID, "--pdf", "--key", str(kit["ana"]), *PASS, cwd=root, env=ENV)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"mga: {SIGNED} was not rendered from the sealed content of {SOURCE}; move it away to render it anew, "
        "which starts the signatures over\n"
    )
    result = run_mga("verify", SIGNED, cwd=root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[1].startswith(f"agreements/{ID}.yaml has other content (sha256:")


@pytest.mark.slow
def test_an_unsealed_agreement_is_not_signed(tmp_path: Path, kit: dict[str, Path], run_mga) -> None:
    root = tmp_path / "project"
    project(root)
    result = run_mga("sign", ID, "--pdf", "--key", str(kit["ana"]), *PASS, cwd=root, env=ENV)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"mga: {SOURCE} is not sealed: run 'mga seal {ID}' first; the PDF is signed over it\n"
    assert not (root / SIGNED).exists()


@pytest.mark.slow
def test_the_docx_shows_each_figure_as_png(rendered: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from mga_tools.load import load
    from mga_tools.render.batch import render

    agreement, _, _ = rendered
    docx = render(Agreement(load(agreement).data), "docx", tmp_path / "doc.docx")
    with zipfile.ZipFile(docx) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(media) == 1 and media[0].endswith(".png")
        assert archive.read(media[0])[:8] == b"\x89PNG\r\n\x1a\n"
        assert b".svg" not in archive.read("word/document.xml")


@pytest.mark.slow
def test_a_certificate_name_cannot_write_to_the_terminal(root: Path, run_mga, tmp_path: Path) -> None:
    ca = pdf_kit.authority(tmp_path)
    hostile = pdf_kit.signer(tmp_path, ca, "Eve\x1b[2J\nvalid      sig-party-a")
    result = run_mga("sign", ID, "--pdf", "--party", "party-a", "--key", str(hostile), *PASS, cwd=root, env=ENV)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[1] == (
        f"signed sig-party-a (Ana Silva) of {ID} as Eve\\033[2J\\nvalid      sig-party-a: {SIGNED}"
    )
    result = run_mga("verify", SIGNED, cwd=root)
    lines = result.stdout.splitlines()
    assert (result.returncode, len(lines)) == (1, 6)
    assert lines[3].startswith("valid      sig-party-a  Eve\\033[2J\\nvalid      sig-party-a  ")
