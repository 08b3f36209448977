"""The signature pages of the signable document: clauses on execution, then one block per signatory.

The section starts on a new page. It says that the agreement may be signed
in counterparts and which language version governs; then each signatory gets
a block kept whole on one page, with the party, name, title, signature line
and date each on a line of its own. A party that should sign but has no
signatory recorded gets a blank block to fill in by hand.

In the PDF the signature line is drawn by the template's ``mga-field``
function, which also records where it stands on the page; the PDF gets an
empty signature field at exactly that place (see
:mod:`mga_tools.records.pdf_fields`). The DOCX writer drops Typst code, so the
block carries the same line as Word XML and as Markdown too; each writer keeps
only its own.
Both raw pieces are our own text: a field name (a party id, which is a slug)
and underscores, never agreement text.
"""

from __future__ import annotations

from mga_tools.model import Agreement
from mga_tools.model.agreement import Item
from mga_tools.model.facts import is_gap
from mga_tools.records.pdf_fields import field_name
from mga_tools.render.labels import language_name
from mga_tools.render.pandoc_ast import Blocks, Node, header, para, strong

SIGNATURE_STYLE = "Signature Block"
# The last line of a block: like the others but not kept with what follows, so blocks may part between them.
SIGNATURE_END_STYLE = "Signature Block End"
SIGNATURE_LINE = "_" * 36
DATE_LINE = "_" * 20
BLANK_LINE = "_" * 30
# Parties that sign: a prospective party signs when it joins, a former one signed before it left.
SIGNING_STATUS = "party"

COUNTERPARTS = (
    "This agreement may be signed in any number of counterparts, each of which is an original and all of "
    "which together are one and the same agreement."
)
WITNESS = "IN WITNESS WHEREOF, the parties sign this agreement on the dates written below."


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def language_clause(agreement: Agreement) -> str:
    """Which language versions the agreement is made in and which one governs ('' if it states none)."""
    found = agreement.data.get("languages")
    tags = [str(x) for x in found] if isinstance(found, list) else []
    governing = agreement.data.get("governing_language")
    names = [language_name(t) for t in tags]
    if isinstance(governing, str) and governing:
        ruling = language_name(governing)
        made = f"This agreement is made in {_listed(names)}. " if len(names) > 1 else ""
        return f"{made}If the language versions differ, the {ruling} version governs."
    if len(names) > 1:
        return f"This agreement is made in {_listed(names)}; each version is equally authentic."
    if names:
        return f"This agreement is made in {names[0]}."
    return ""


def page_break() -> Blocks:
    """A page break in the PDF and in the DOCX (each writer drops the other's raw block)."""
    return [
        {"t": "RawBlock", "c": ["typst", "#pagebreak(weak: true)"]},
        {"t": "RawBlock", "c": ["openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>']},
    ]


def _styled(blocks: Blocks, style: str) -> Node:
    return {"t": "Div", "c": [["", ["signature"], [["custom-style", style]]], blocks]}


def _line(label: str, value: str) -> Blocks:
    return [para([strong(f"{label}:")], value)]


def signature_line(field: str) -> Blocks:
    """The signature line: the PDF's field box (Typst) and the same line drawn with underscores (Word, Markdown)."""
    word = (
        f'<w:p><w:pPr><w:pStyle w:val="{SIGNATURE_STYLE.replace(" ", "")}"/></w:pPr>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Signature: </w:t></w:r>'
        f"<w:r><w:t>{SIGNATURE_LINE}</w:t></w:r></w:p>"
    )
    return [
        {"t": "RawBlock", "c": ["typst", f'*Signature:* #mga-field("{field}")']},
        {"t": "RawBlock", "c": ["openxml", word]},
        {"t": "RawBlock", "c": ["markdown", "**Signature:** " + "\\_" * len(SIGNATURE_LINE)]},
    ]


def signature_block(party: str, field: str, name: str = "", title: str = "", date: str = "") -> Node:
    """One signatory's block, kept whole: party, name, title, signature line and date, each on its own line."""
    lines: Blocks = [
        _styled([para([strong(f"For {party}")])], SIGNATURE_STYLE),
        _styled(_line("Name", name or BLANK_LINE), SIGNATURE_STYLE),
        _styled(_line("Title", title or BLANK_LINE), SIGNATURE_STYLE),
        *signature_line(field),
        _styled(_line("Date", date or DATE_LINE), SIGNATURE_END_STYLE),
    ]
    return {"t": "Div", "c": [["", ["signature-block"], []], lines]}


def signing(agreement: Agreement) -> list[tuple[str, int, Item | None]]:
    """Each signature block in document order: (party id, index among that party's signatories, signatory).

    Recorded signatories come first, in their order; then each party that
    signs but has no signatory recorded, with no signatory (a blank block).
    """
    found: list[tuple[str, int, Item | None]] = []
    count: dict[str, int] = {}
    for signatory in agreement.signatories:
        ident = str(signatory["party"])
        count[ident] = count.get(ident, 0) + 1
        found.append((ident, count[ident], signatory))
    for party in agreement.parties:
        ident = str(party["id"])
        if party.get("status", SIGNING_STATUS) == SIGNING_STATUS and ident not in count:
            found.append((ident, 1, None))
    return found


def _value(agreement: Agreement, signatory: Item, key: str) -> str:
    value = signatory.get(key)
    if value is None or (not is_gap(value) and not str(value).strip()):
        return ""
    return agreement.shown(value)


def signatures(agreement: Agreement) -> Blocks:
    """The signature section, on a new page: execution clauses, then one block per signatory."""
    blocks: Blocks = [*page_break(), header(1, "Signatures"), para(COUNTERPARTS)]
    languages = language_clause(agreement)
    if languages:
        blocks.append(para(languages))
    blocks.append(para(WITNESS))
    for party, index, signatory in signing(agreement):
        field = field_name(party, index)
        # Room between two blocks in the PDF (in Word the block's last line has space after it).
        blocks.append({"t": "RawBlock", "c": ["typst", "#v(1.2em)"]})
        if signatory is None:
            blocks.append(signature_block(agreement.name(party), field))
            continue
        date = agreement.date(signatory["date"]) if signatory.get("date") else ""
        name, title = (_value(agreement, signatory, key) for key in ("name", "title"))
        blocks.append(signature_block(agreement.name(party), field, name, title, date))
    return blocks
