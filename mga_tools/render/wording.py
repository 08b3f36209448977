"""Plain-text wording of structured values, shared by the site pages and the signable documents.

Each function returns plain text, not yet escaped: the site escapes it with
:mod:`mga_tools.markdown`, the documents split it into pandoc words. Names
stand for ids wherever an id resolves; a gap reads as not recorded.
"""

from __future__ import annotations

from functools import lru_cache

from mga_tools.model import Agreement
from mga_tools.model.agreement import label
from mga_tools.model.facts import is_gap
from mga_tools.render.labels import ENUMS, enum_label, language_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

RECORDED_NOTE = (
    "This agreement was recorded after the fact from the sources listed under Sources; it was not negotiated "
    "with this tool. Facts the sources do not give are marked as not recorded, with the reason."
)
# The label maps live in :mod:`mga_tools.render.labels`; these names stay for the callers that use them.
STRENGTHS = ENUMS["term.strength"]
RELATIONS = ENUMS["related.relation"]
BINDS = ENUMS["binds"]
INACTIVE = ("withdrawn", "expelled")  # party statuses of a former party: never obligated, never a member shown
DESCRIBED_BY = ("statement", "summary", "description", "what", "measure")  # what an untitled item says
HEADING_WORDS = 8  # the words of an untitled item's text that head it


def status_words(status: object) -> str:
    """An agreement's status in words, as the site and the title page show it (``agreed``: Agreed, not yet signed)."""
    return enum_label("agreementStatus", status)


def kind_words(party: dict[str, Any]) -> str:
    """A party's kind in words (``indigenous-nation``: Indigenous nation)."""
    return enum_label("party.kind", party.get("kind", "other"))


def active(party: dict[str, Any]) -> bool:
    """Whether a party is still bound: not withdrawn, not expelled."""
    return str(party.get("status", "party")) not in INACTIVE


def party_standing(a: Agreement, party: dict[str, Any]) -> str:
    """A party's standing and when it changed: ``Withdrawn 2023-05-01 (note)``; empty for a plain party.

    The date and note come from the last entry of the party's status history with its current status.
    """
    status = str(party.get("status", "party"))
    if status == "party":
        return ""
    shown = enum_label("partyStatus", status)
    history = [h for h in party.get("status_history") or [] if isinstance(h, dict) and h.get("status") == status]
    if history:
        last = history[-1]
        if last.get("date"):
            shown += f" {a.date(last['date'])}"
        if last.get("condition"):
            shown += f", on condition: {a.shown(last['condition'])}"
        if last.get("note"):
            shown += f" ({a.shown(last['note'])})"
    return shown


def languages(a: Agreement) -> tuple[str, list[str]]:
    """The governing language's name (empty if none is named) and the names of the other language versions.

    With a single language listed and none named as governing, that language is the only version, and governs.
    """
    listed = [str(x) for x in a.data.get("languages") or [] if isinstance(x, str)]
    governing = a.data.get("governing_language")
    if not isinstance(governing, str):
        governing = listed[0] if len(listed) == 1 else ""
    others = [language_name(x) for x in listed if x != governing]
    return (language_name(governing) if governing else ""), others


def termination(a: Agreement) -> list[tuple[str, str]]:
    """The termination clauses as (label, text) pairs: without breach, for breach, notice."""
    found = a.data.get("termination")
    if found is None or found == "":
        return []
    if not isinstance(found, dict) or is_gap(found):
        return [("Termination without breach", a.shown(found))]
    out = []
    for key, what in (
        ("without_breach", "Termination without breach"),
        ("for_breach", "Termination for breach"),
        ("notice", "Notice of termination"),
    ):
        if found.get(key):
            out.append((what, a.shown(found[key])))
    return out


def condition_status(a: Agreement, cond: dict[str, Any]) -> str:
    """A condition's status and its date: ``Met (2025-03-01)``; ``Pending`` when none is recorded."""
    shown = enum_label("condition.status", cond.get("status", "pending"))
    return f"{shown} ({a.date(cond['date'])})" if cond.get("date") else shown


def number(value: Any, *, grouped: bool = False) -> str:
    """A number as written, without a trailing ``.0``; ``grouped``: thousands set apart (``466,000,000``)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if grouped and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def names(a: Agreement, idents: Any) -> str:
    """Names for a list of ids, comma-separated; a gap as not recorded."""
    if is_gap(idents):
        return a.shown(idents)
    return ", ".join(a.name(i) for i in idents) if isinstance(idents, list) else ""


def amount(a: Agreement, found: dict[str, Any]) -> str:
    """One amount of a term: ``EUR 1000000 per year, paid by X to Y, Z (note)``."""
    figure = number(found.get("amount", ""), grouped=True)  # a sum of money reads as written in a contract
    if found.get("currency"):
        figure = f"{found['currency']} {figure}"
    elif found.get("unit"):
        figure = f"{figure} {a.shown(found['unit'])}"
    parts = [figure]
    if found.get("period"):
        parts.append(a.shown(found["period"]))
    if found.get("payer"):
        parts.append(f"paid by {a.name(found['payer'])}")
    if found.get("recipients"):
        parts.append(f"to {names(a, found['recipients'])}")
    shown = ", ".join(parts)
    return f"{shown} ({a.shown(found['note'])})" if found.get("note") else shown


def external(a: Agreement, found: dict[str, Any]) -> str:
    """An agreement outside this repository: title, parties, date, citation (the address apart)."""
    parts = [a.shown(found.get("title", ""))]
    parties = found.get("parties")
    if isinstance(parties, list) and parties:
        parts.append("between " + ", ".join(str(p) for p in parties))
    if found.get("date"):
        parts.append(a.date(found["date"]))
    if found.get("citation"):
        parts.append(a.shown(found["citation"]))
    return ", ".join(parts)


def threshold(a: Agreement, metric: dict[str, Any]) -> str:
    """A metric's threshold (its breach level): ``<= 5 mg/l (warning at 7)``, or a value per case, and what it
    is relative to."""
    found = metric.get("threshold")
    if is_gap(found) or not isinstance(found, dict):
        return a.shown(found)
    unit = metric.get("unit")
    unit = f" {a.shown(unit)}" if unit not in (None, "") else ""
    comparator = found.get("comparator", "")
    cases = found.get("cases")
    if isinstance(cases, list) and cases:
        shown = "; ".join(
            f"{a.shown(c.get('when', ''))}: {comparator} {number(c.get('value', ''))}{unit}{_warning(c)}"
            for c in cases
            if isinstance(c, dict)
        )
    else:
        shown = f"{comparator} {number(found.get('value', ''))}{unit}{_warning(found)}"
    if found.get("relative_to"):
        shown += f" (relative to {a.shown(found['relative_to'])})"
    return shown


def _warning(level: dict[str, Any]) -> str:
    """`` (warning at 7)`` after a breach level that has a warning level, else nothing (the unit is said once)."""
    warning = level.get("warning")
    if isinstance(warning, bool) or not isinstance(warning, int | float):
        return ""
    return f" (warning at {number(warning)})"


def renewal(a: Agreement, found: Any) -> str:
    """A renewal: its length, whether automatic, its notice."""
    if not isinstance(found, dict) or is_gap(found):
        return a.shown(found)
    parts = [a.shown(found["length"])] if found.get("length") else []
    if found.get("automatic") is not None:
        parts.append("automatic" if found["automatic"] else "not automatic")
    if found.get("notice"):
        parts.append(f"notice {a.shown(found['notice'])}")
    return ", ".join(parts)


def period(a: Agreement) -> list[tuple[str, str]]:
    """The term of the agreement as (label, text) pairs: length and start, extension, renewal, notice, note."""
    found = a.data.get("period")
    if is_gap(found):
        return [("Term of the agreement", a.shown(found))]
    if not isinstance(found, dict):
        return []
    out = []
    if found.get("length") or found.get("from"):
        length = a.shown(found.get("length", ""))
        start = f"from {a.shown(found['from'])}" if found.get("from") else ""
        out.append(("Term of the agreement", " ".join(x for x in (length, start) if x)))
    if found.get("extension"):
        out.append(("Extension", a.shown(found["extension"])))
    if found.get("renewal"):
        out.append(("Renewal", renewal(a, found["renewal"])))
    if found.get("notice"):
        out.append(("Notice of withdrawal", a.shown(found["notice"])))
    if found.get("note"):
        out.append(("Note on the term", a.shown(found["note"])))
    return out


def composition(a: Agreement, body: dict[str, Any]) -> list[tuple[str, str]]:
    """A body's composition as (label, text) pairs."""
    found = body.get("composition")
    if not isinstance(found, dict):
        return [("Composition", a.shown(found))] if is_gap(found) else []
    out = []
    if found.get("seats") is not None:
        out.append(("Seats", number(found["seats"])))
    if found.get("selection"):
        out.append(("Selection", a.shown(found["selection"])))
    if found.get("balance"):
        out.append(("Balance", a.shown(found["balance"])))
    seats = [
        f"{a.name(x['from']) if x.get('from') else a.shown(x.get('name', ''))}: {number(x.get('seats', ''))}"
        for x in found.get("allocation") or []
        if isinstance(x, dict)
    ]
    if seats:
        out.append(("Seats allocated", "; ".join(seats)))
    if found.get("term_of_office"):
        out.append(("Term of office", a.shown(found["term_of_office"])))
    if found.get("note"):
        out.append(("Note on the composition", a.shown(found["note"])))
    return out


def ratifications(a: Agreement, amendment: dict[str, Any]) -> str:
    """Who ratified an amendment, and when."""
    found = amendment.get("ratifications")
    if is_gap(found):
        return a.shown(found)
    shown = []
    for r in found or []:
        if isinstance(r, dict):
            who = a.name(r["party"]) if r.get("party") else a.shown(r.get("name", ""))
            shown.append(f"{who} ({a.date(r['date'])})" if r.get("date") else who)
    return "; ".join(shown)


def vote(found: Any) -> str:
    """A vote: ``12 for, 1 against, 2 abstain (two-thirds majority)``."""
    if not isinstance(found, dict):
        return ""
    counts = [f"{found[k]} {k}" for k in ("for", "against", "abstain") if found.get(k) is not None]
    rule = f" ({found['rule']})" if found.get("rule") else ""
    return ", ".join(counts) + rule


def person(a: Agreement, found: dict[str, Any]) -> str:
    """A person in the process (convenor, facilitator): ``name, role, organisation``."""
    return ", ".join(a.shown(found[k]) for k in ("name", "role", "organisation") if found.get(k))


def created_by(a: Agreement, party: dict[str, Any]) -> str:
    """For a party the agreement itself creates: the term that creates it, when and how it joins."""
    found = party.get("created_by")
    if not isinstance(found, dict):
        return ""
    term = a.by_id.get(str(found.get("term", "")), {})
    shown = a.name(found.get("term", ""))
    if shown == str(found.get("term", "")) and isinstance(term.get("text"), str):  # untitled: its words, not its id
        shown = "the term " + " ".join(term["text"].split()[:8]) + "…"
    if found.get("joins"):
        shown += f"; joins {a.shown(found['joins'])}"
    if found.get("date"):
        shown += f" ({a.date(found['date'])})"
    return shown


def membership(a: Agreement, group: dict[str, Any]) -> str:
    """A group's membership rule, and whether it is open to accession."""
    found = group.get("membership")
    if not isinstance(found, dict):
        return ""
    shown = a.shown(found.get("rule", ""))
    if found.get("open") is not None:
        shown += " (open to accession)" if found["open"] else " (closed to accession)"
    return shown


def roster_entry(a: Agreement, member: dict[str, Any]) -> str:
    """One member of a group's roster: name, joined (and how), left."""
    shown = a.shown(member.get("name", ""))
    facts = []
    if member.get("joined"):
        facts.append(f"joined {a.date(member['joined'])}")
    if member.get("via"):
        facts.append(f"by {enum_label('roster.via', member['via'])}")
    if member.get("left"):
        facts.append(f"left {a.date(member['left'])}")
    return f"{shown} ({', '.join(facts)})" if facts else shown


def first_words(value: Any, count: int = HEADING_WORDS) -> str:
    """The first ``count`` words of a text, with ``…`` when there are more; empty for anything not text."""
    found = value.split() if isinstance(value, str) else []
    start = " ".join(found[:count])
    return f"{start}…" if len(found) > count else start


def numbered(word: str, number: int, item: Any, said: str) -> str:
    """``Word N. Title``; without a title, ``Word N.`` and the first words of its ``said`` text, never its id."""
    called = item.get("title") if isinstance(item, dict) else None
    if isinstance(called, str) and called.strip():
        return f"{word} {number}. {called}"
    start = first_words(item.get(said) if isinstance(item, dict) else None)
    return f"{word} {number}. {start}" if start else f"{word} {number}"


def term_heading(number: int, term: Any) -> str:
    """``Term N. Title``; a term without a title is headed by the first words of its text, never by its id."""
    return numbered("Term", number, term, "text")


def title(item: Any, fallback: str) -> str:
    """What an item is called (:func:`label`), or ``fallback`` where that would be its id: ids are never shown."""
    shown = label(item)
    return fallback if not isinstance(item, dict) or shown == str(item.get("id", "")) or not shown else shown


def named(a: Agreement, ident: Any) -> str:
    """What an id stands for, by name, never by the id itself where the item is known.

    A term reads ``Term N. Title`` (or its first words), as in the signable
    document; a scenario without a title ``Scenario N.`` and the first words of
    its description; any other untitled item by what it says (an interest by its
    statement). An id the agreement does not know (a top-level field an
    amendment changes, such as ``expires``) reads as itself.
    """
    if is_gap(ident):
        return a.shown(ident)
    key = str(ident)
    item = a.by_id.get(key)
    if item is None:
        return a.name(ident)
    found = _numbered(a).get(key)
    if found is not None:
        return found
    said = next((item[k] for k in DESCRIBED_BY if isinstance(item.get(k), str) and item[k].strip()), "")
    return title(item, a.shown(said) if said else "an untitled item")


@lru_cache(maxsize=4)  # one page at a time names thousands of items; a build renders many agreements
def _numbered(a: Agreement) -> dict[str, str]:
    """Id -> name of the items named by their number: every term, and each scenario without a title."""
    found = {str(t["id"]): term_heading(n, t) for n, t in enumerate(a.terms, 1)}
    for number, scenario in enumerate(a.scenarios, 1):
        found.setdefault(str(scenario["id"]), title(scenario, numbered("Scenario", number, scenario, "description")))
    return found
