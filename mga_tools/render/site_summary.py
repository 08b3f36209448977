"""The summary block at the top of an agreement page: what a reader needs first, in a few lines.

Parties (how many, and the first names), the status in words, when it takes
effect and expires, the next deadline, the version and its fingerprint, the
last change in git, and the downloads. It is a ``<div class="mga-summary">``
(``md_in_html``), so that the page's style sets it apart.
"""

from __future__ import annotations

import datetime

from mga_tools import markdown as md
from mga_tools.model import Agreement, fingerprint
from mga_tools.model.deadlines import next_deadline
from mga_tools.render import wording
from mga_tools.render.site_common import NAMES_SHOWN, date, field, first_names, ref, text
from mga_tools.render.site_records import PageRecords, last_changed

DOWNLOAD_DIR = "downloads"
_LABELS = {"pdf": "Agreement to sign (PDF)", "docx": "Agreement to sign (DOCX)", "yaml": "Source (YAML)"}


def _parties(a: Agreement) -> str:
    """``Parties (N): A, B, C`` with the first names only when there are many."""
    names = first_names([ref(a, p["id"]) for p in a.parties[:NAMES_SHOWN]], len(a.parties))
    return field(f"Parties ({len(a.parties):,})", names or "none listed")


def _deadline(a: Agreement, today: datetime.date) -> str:
    found = next_deadline(a, today)
    if found is None:
        return "none scheduled"
    shown = f"{found.date.isoformat()}: {md.text(found.what)}"
    if found.ident is not None and found.kind in ("term", "condition"):
        shown += f" ({ref(a, found.ident)})"
    return shown


def downloads(a: Agreement, names: dict[str, str]) -> str:
    """Links to the files to download (format -> file name under ``downloads/``)."""
    return " · ".join(
        # `download` makes browsers save the file rather than open it in a viewer.
        f'[{_LABELS[fmt]}](../{DOWNLOAD_DIR}/{name}){{ download="{name}" }}'
        for fmt, name in names.items()
    )


def summary(a: Agreement, records: PageRecords | None, today: datetime.date, files: dict[str, str]) -> str:
    """The summary block: parties, status, dates, next deadline, version, last change, downloads."""
    # The short facts first, so that a phone's first screen shows them; the parties, which may be
    # many, after them; the summary in words last.
    facts = [
        field("Status", md.text(wording.status_words(a.status))),
        field("Effective", date(a, a.data.get("effective"))) + " · " + field("Expires", date(a, a.data.get("expires"))),
        field("Next deadline", _deadline(a, today)),
        _parties(a),
        field("Version", f"{md.text(a.version)}, fingerprint `{fingerprint(a.data)[:16]}`"),
    ]
    changed = last_changed(records)
    if changed:
        facts.append(field("Last change", changed))
    facts.append(field("Downloads", downloads(a, files)))
    lines = "\n".join(f"- {fact}" for fact in facts)
    said = text(a, a.data.get("summary", ""))
    body = f"{lines}\n\n{said}" if said else lines
    return f'<div class="mga-summary" markdown="1">\n\n{body}\n\n</div>'
