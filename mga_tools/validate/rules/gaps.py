"""Records: facts declared as not recorded (gaps), and prose written in place of one.

Where a fact is not known, an agreement says so with a gap
(:mod:`mga_tools.model.facts`) rather than leaving the field out or writing
"unknown". What a gap means depends on how the agreement was recorded
(``record.origin``):

- negotiated with this tool, a gap is a fact still to settle: the rule that
  demands the fact (see :data:`DEMANDED`) treats it as missing and reports
  it, saying that it is recorded as not known;
- recorded after the fact from its sources, a gap may be all that the
  sources allow: the demanding rule is satisfied by it.

FACT-GAP reports every other gap, at the gate the policy's ``gaps`` section
sets for the agreement's origin (:meth:`mga_tools.validate.policy.Policy.severity`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mga_tools.load import Pointer
from mga_tools.model import facts
from mga_tools.resources import agreement_schema
from mga_tools.validate.registry import RULES, Context, Finding, rule
from mga_tools.validate.rules._common import declared_gaps
from mga_tools.validate.rules.placeholders import shown, texts

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

# In a pattern, ANY matches any list index and BUT_LAST any index but the last (the last step of an
# escalation ladder needs no time limit).
ANY = "*"
BUT_LAST = "<"
_FT = "follow_through"
_VD = "value_distribution"
# Which rule demands which fact: rule id -> where the fact lives. A gap there, in a negotiated agreement,
# is reported by that rule (as a missing fact) while the rule is active.
DEMANDED: dict[str, tuple[tuple[str, ...], ...]] = {
    "LADDER-TIME-LIMIT": ((_FT, "dispute_mechanisms", ANY, "steps", BUT_LAST, "time_limit"),),
    "METRIC-INCOMPLETE": (
        (_FT, "metrics", ANY, "owner"),
        (_FT, "metrics", ANY, "cadence"),
        (_FT, "metrics", ANY, "threshold"),
    ),
    "SIGNATORY-MISSING": (("signatories", ANY, "date"),),
    "JUSTIFICATION-MISSING": ((_VD, "justifications", ANY, "text"),),
    "CRITERION-AGREED": ((_VD, "criteria", ANY, "agreed_by"), (_VD, "criteria", ANY, "agreed_by", ANY, "date")),
    "PARTY-BATNA": (("preparation", "parties", ANY, "batna"), ("preparation", "groups", ANY, "batna")),
    "PARTY-INTERESTS": (("preparation", "parties", ANY, "interests"),),
}
# How a demanding rule's message says that a fact is a gap: "(recorded as not known: REASON)".
_AS = {**facts.GAP_LABELS, "conflicting": "conflicting in the sources"}


def _matches(pattern: tuple[str, ...], pointer: Pointer, data: Any) -> bool:
    if len(pattern) != len(pointer):
        return False
    parent = data
    for want, step in zip(pattern, pointer, strict=True):
        if want in (ANY, BUT_LAST):
            if not isinstance(step, int) or not isinstance(parent, list):
                return False
            if want == BUT_LAST and step >= len(parent) - 1:
                return False
        elif want != step:
            return False
        if isinstance(parent, list) and isinstance(step, int):
            parent = parent[step]
        else:
            parent = parent.get(step) if isinstance(parent, dict) else None
    return True


def demanded_by(pointer: Pointer, data: Any) -> str | None:
    """The rule that demands the fact at ``pointer`` of ``data``, if any."""
    for rule_id, patterns in DEMANDED.items():
        if any(_matches(pattern, pointer, data) for pattern in patterns):
            return rule_id
    return None


def reason(gap: dict[str, Any]) -> str:
    """The gap's reason on one line ("" when it gives none)."""
    given = gap.get("reason")
    return " ".join(given.split()) if isinstance(given, str) else ""


def as_recorded(gap: dict[str, Any]) -> str:
    """``recorded as not known: REASON``, for a demanding rule's message."""
    kind = gap.get(facts.GAP)
    state = _AS.get(kind, "not known") if isinstance(kind, str) else "not known"
    why = reason(gap)
    return f"recorded as {state}" + (f": {why}" if why else "")


def negotiated(ctx: Context) -> bool:
    """Whether the agreement was negotiated here (a gap is then a fact still missing), not recorded from sources."""
    return facts.origin(ctx.data) == facts.NEGOTIATED


def unsettled(ctx: Context, value: Any) -> bool:
    """Whether ``value`` is a gap that a demanding rule counts as a missing fact (in a negotiated agreement)."""
    return facts.is_gap(value) and negotiated(ctx)


def _claimed(ctx: Context, found: list[tuple[Pointer, dict[str, Any]]]) -> set[Pointer]:
    """The gaps that the active demanding rules report themselves (at the gap), in a negotiated agreement."""
    if not negotiated(ctx):
        return set()
    demanding = {rule for rule in (demanded_by(pointer, ctx.data) for pointer, _ in found) if rule is not None}
    claimed: set[Pointer] = set()
    for rule_id in sorted(demanding):
        known = RULES.get(rule_id)
        if known is not None and ctx.policy.severity(rule_id, ctx.status, known.severity) is not None:
            claimed.update(tuple(finding.pointer) for finding in known.check(ctx))
    return claimed


@rule("FACT-GAP", group="records")
def fact_gaps(ctx: Context) -> Iterator[Finding]:
    """Every fact recorded as not known is shown, with its reason, until it is settled."""
    found = declared_gaps(ctx)
    if not found:
        return
    claimed = _claimed(ctx, found)
    for pointer, gap in found:
        if pointer in claimed:
            continue  # its demanding rule reports it as missing
        why = reason(gap)
        message = f"{facts.field(pointer)} is not recorded ({facts.gap_label(gap)})" + (f": {why}" if why else "")
        yield Finding(pointer, message)


# Prose that says a fact is not recorded, normalised as by _prose; the gap kind each suggests.
_PROSE = {
    "unknown": "unknown",
    "not known": "unknown",
    "not yet known": "unknown",
    "n/a": "not-in-sources",
    "none given": "not-in-sources",
    "not given": "not-in-sources",
    "not specified": "not-in-sources",
    "unspecified": "not-in-sources",
    "not stated": "not-in-sources",
    "not recorded": "not-in-sources",
    "not available": "not-in-sources",
    "no data": "not-in-sources",
    "not in sources": "not-in-sources",
    "not in the sources": "not-in-sources",
    "not found in sources": "not-in-sources",
    "to be determined": "unknown",
    "to be confirmed": "unknown",
    "withheld": "withheld",
}
# Longer texts say more than that a fact is missing.
_LONGEST = 40
_WRAPPING = re.compile(r"^[\s\"'(\[]+|[\s\"')\].!]+$")


def _prose(text: str) -> str:
    return " ".join(_WRAPPING.sub("", text).casefold().split())


# The words each prose gap opens with: a text opening otherwise (after any quote or bracket) is no prose gap,
# which spares normalising the many short texts (ids, dates, names) that every agreement holds.
_OPENINGS = frozenset(phrase.split()[0] for phrase in _PROSE)
_FIRST_WORD = re.compile(r"[\s\"'(\[]*([^\s\"')\].!]*)")


def _may_be_prose(text: str) -> bool:
    match = _FIRST_WORD.match(text)
    return match is not None and match.group(1).casefold() in _OPENINGS


@cache
def enum_keys() -> frozenset[str]:
    """Keys whose value the schema limits to a list of words (``stance: unknown`` is one of those words)."""
    schema = agreement_schema()
    defs = schema.get("$defs", {})
    found: set[str] = set()
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if _enumerated(sub, defs):
                    found.add(name)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(found)


def _enumerated(node: Any, defs: dict[str, Any], depth: int = 0) -> bool:
    if not isinstance(node, dict) or depth > 8:
        return False
    if "enum" in node or "const" in node:
        return True
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _enumerated(defs.get(ref.rsplit("/", 1)[1]), defs, depth + 1)
    branches = (node.get("anyOf") or []) + (node.get("oneOf") or [])
    return any(_enumerated(branch, defs, depth + 1) for branch in branches)


@rule("GAP-PROSE", group="records")
def no_prose_gaps(ctx: Context) -> Iterator[Finding]:
    """No text says in prose that a fact is not known ("unknown", "N/A"): a gap says it, with the reason."""
    enums = None
    for parent, key, text, in_gap in texts(ctx):
        kind = None if in_gap or len(text) > _LONGEST or not _may_be_prose(text) else _PROSE.get(_prose(text))
        if kind is None:
            continue
        enums = enum_keys() if enums is None else enums
        if key in enums:
            continue  # one of the words the field allows
        yield Finding(
            (*parent, key),
            f"text {shown(text)} stands in for a fact that is not recorded; use a gap: "
            f"{{gap: {kind}, reason: ...}}, saying why, or leave the field out",
        )
