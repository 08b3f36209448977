"""References: every id an agreement mentions resolves to the right kind of thing."""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.load import Pointer
from mga_tools.model.facts import is_gap
from mga_tools.validate.index import (
    APPROVER,
    BODY,
    CRITERION,
    GROUP,
    INTEREST,
    ISSUE,
    MECHANISM,
    METRIC,
    NON_PARTY,
    OPTION,
    PACKAGE,
    PARTY,
    PROTOCOL,
    SOURCE,
    TERM,
)
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import declared_gaps, listing
from mga_tools.validate.schema import did_you_mean

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

ANY = "*"  # every entry of a list or every value of a mapping
KEYS = "<keys>"  # every key of a mapping

_FT = "follow_through"
_VC = "value_creation"
_VD = "value_distribution"

# (where the references are, which kinds they may name)
REFERENCES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("preparation", "parties", ANY, "created_by", "term"), (TERM,)),
    (("preparation", "groups", ANY, "members", ANY), (PARTY,)),
    ((_VC, "issues", ANY, "options", ANY, "proposed_by"), (PARTY,)),
    ((_VC, "packages", ANY, "options", ANY), (OPTION,)),
    ((_VC, "scores", KEYS), (PARTY,)),
    ((_VC, "scores", ANY, "weights", KEYS), (ISSUE,)),
    ((_VC, "scores", ANY, "options", KEYS), (OPTION,)),
    ((_VD, "criteria", ANY, "agreed_by", ANY, "party"), (PARTY, GROUP)),
    ((_VD, "allocations", ANY, "criterion"), (CRITERION,)),
    ((_VD, "allocations", ANY, "issue"), (ISSUE,)),
    ((_VD, "allocations", ANY, "shares", ANY, "to"), (PARTY, GROUP)),
    ((_VD, "justifications", ANY, "party"), (PARTY, GROUP)),
    ((_VD, "consensus", "objections", ANY, "party"), (PARTY,)),
    ((_VD, "consensus", "ratifications", ANY, "party"), (PARTY,)),
    (("terms", ANY, "obligated", ANY), (PARTY, GROUP)),
    (("terms", ANY, "beneficiaries", ANY), (PARTY, GROUP, NON_PARTY)),
    (("terms", ANY, "serves", ANY), (INTEREST,)),
    (("terms", ANY, "adopts", ANY), (OPTION, PACKAGE)),
    (("terms", ANY, "amounts", ANY, "payer"), (PARTY, GROUP)),
    (("terms", ANY, "amounts", ANY, "recipients", ANY), (PARTY, GROUP, BODY, NON_PARTY)),
    (("terms", ANY, "conditions", ANY, "approver"), (APPROVER,)),
    (("terms", ANY, "conditions", ANY, "terms", ANY), (TERM,)),
    (("conditions", ANY, "approver"), (APPROVER,)),
    (("conditions", ANY, "terms", ANY), (TERM,)),
    ((_FT, "bodies", ANY, "members", ANY), (PARTY, GROUP)),
    ((_FT, "bodies", ANY, "composition", "allocation", ANY, "from"), (PARTY, GROUP)),
    ((_FT, "bodies", ANY, "established_by"), (TERM,)),
    ((_FT, "dispute_mechanisms", ANY, "steps", ANY, "body"), (BODY,)),
    ((_FT, "protocols", ANY, "from", ANY), (PARTY, GROUP, BODY, APPROVER)),
    ((_FT, "protocols", ANY, "to", ANY), (PARTY, GROUP, BODY, APPROVER, NON_PARTY)),
    ((_FT, "metrics", ANY, "owner"), (PARTY, GROUP, BODY, APPROVER)),
    ((_FT, "metrics", ANY, "measured_by"), (BODY, PARTY, GROUP, APPROVER)),
    ((_FT, "metrics", ANY, "verified_by"), (PARTY, GROUP, BODY, APPROVER)),
    ((_FT, "failure_scenarios", ANY, "dispute_mechanisms", ANY), (MECHANISM,)),
    ((_FT, "failure_scenarios", ANY, "protocols", ANY), (PROTOCOL,)),
    ((_FT, "failure_scenarios", ANY, "metrics", ANY), (METRIC,)),
    ((_FT, "decisions", ANY, "body"), (BODY,)),
    ((_FT, "decisions", ANY, "parties", ANY), (PARTY, GROUP)),
    (("signatories", ANY, "party"), (PARTY,)),
    (("amendments", ANY, "approved_by", ANY), (PARTY,)),
    (("amendments", ANY, "terms", ANY), (TERM,)),
    (("amendments", ANY, "ratifications", ANY, "party"), (PARTY,)),
)

# References inside a declared gap (a fact not recorded), wherever the gap stands: the sources it cites.
GAP_REFERENCES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("consulted", ANY), (SOURCE,)),
    (("values", ANY, "source"), (SOURCE,)),
)

# References to other agreements: files beside this one (an ``external`` agreement is described, not checked).
AGREEMENT_REFERENCES: tuple[tuple[str, ...], ...] = (
    ("related", ANY, "agreement"),
    ("terms", ANY, "conditions", ANY, "agreement"),
    ("conditions", ANY, "agreement"),
)


def select(data: Any, pattern: tuple[str, ...]) -> list[tuple[Pointer, str, bool]]:
    """Text values (or keys) matching ``pattern``: ``(pointer, text, is_key)``, in document order.

    Level by level rather than recursively: most patterns match nothing in
    most agreements, and a generator per level would cost more than the walk.
    A declared gap stands where a value was expected: it holds no reference
    there (the references it holds, to sources, are selected by
    :func:`gap_references`).
    """
    frontier: list[tuple[Any, Pointer]] = [(data, ())]
    for step in pattern:
        if step == KEYS:  # always the last step: the keys themselves are the references
            return [((*at, key), key, True) for node, at in frontier if isinstance(node, dict) for key in node]
        reached: list[tuple[Any, Pointer]] = []
        for node, at in frontier:
            if step == ANY:
                if isinstance(node, list):
                    reached.extend((value, (*at, i)) for i, value in enumerate(node))
                elif isinstance(node, dict) and not is_gap(node):
                    reached.extend((value, (*at, key)) for key, value in node.items())
            elif isinstance(node, dict) and step in node:
                reached.append((node[step], (*at, step)))
        if not reached:
            return []
        frontier = reached
    return [(at, node, False) for node, at in frontier if isinstance(node, str)]


def gap_references(ctx: Context) -> Iterator[tuple[tuple[Pointer, str, bool], tuple[str, ...]]]:
    """The references inside every declared gap, with the kinds they may name, in document order."""
    for at, gap in declared_gaps(ctx):
        for pattern, kinds in GAP_REFERENCES:
            for pointer, ident, is_key in select(gap, pattern):
                yield ((*at, *pointer), ident, is_key), kinds


def _kinds(kinds: tuple[str, ...]) -> str:
    """``party``, ``party or group``, ``party, group or body``."""
    return kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"


@rule("REF-UNRESOLVED", group="references")
def references_resolve(ctx: Context) -> Iterator[Finding]:
    """Every reference names an existing id of a kind that fits, or an agreement file beside this one."""
    index = ctx.index
    found = [(match, kinds) for pattern, kinds in REFERENCES for match in select(ctx.data, pattern)]
    for (pointer, ident, is_key), kinds in (*found, *gap_references(ctx)):
        entry = index.by_id.get(ident)
        if entry is not None and entry.kind in kinds:
            continue
        if entry is not None:
            message = f"'{ident}' is {_article(entry.kind)} {entry.kind}, not {_article(kinds[0])} {_kinds(kinds)}"
        else:
            message = f"no {_kinds(kinds)} '{ident}'" + (
                did_you_mean(ident, index.ids(*kinds)) or _known(index.ids(*kinds), kinds)
            )
        yield Finding(pointer, message, key=is_key)
    for pattern in AGREEMENT_REFERENCES:
        for pointer, ident, _ in select(ctx.data, pattern):
            if not any((ctx.folder / f"{ident}{ext}").is_file() for ext in (".yaml", ".yml")):
                stems = sorted(p.stem for p in ctx.folder.glob("*.y*ml"))
                hint = did_you_mean(ident, stems)
                yield Finding(pointer, f"no agreement '{ident}': no file {ident}.yaml beside this one{hint}")


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def _known(ids: list[str], kinds: tuple[str, ...]) -> str:
    if not ids:
        return "; none is defined yet"
    return f"; known: {listing(ids)}"
