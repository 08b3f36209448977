"""Helpers shared by the site page sections: anchors and cross-references by id."""

from __future__ import annotations

from functools import cache

from mga_tools import markdown as md
from mga_tools.model import Agreement

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# The anchor prefix of each collection: ``#term-ID``, ``#interest-ID``, ...
_KINDS: tuple[tuple[str, str], ...] = (
    ("parties", "party"),
    ("groups", "group"),
    ("approvers", "approver"),
    ("non_parties", "non-party"),
    ("issues", "issue"),
    ("packages", "package"),
    ("criteria", "criterion"),
    ("allocations", "allocation"),
    ("terms", "term"),
    ("bodies", "body"),
    ("mechanisms", "mechanism"),
    ("protocols", "protocol"),
    ("metrics", "metric"),
    ("scenarios", "scenario"),
    ("amendments", "amendment"),
)


@cache
def kinds(agreement: Agreement) -> dict[str, str]:
    """id -> anchor prefix, for every item of the agreement that has an anchor on its page."""
    found: dict[str, str] = {}
    for attribute, kind in _KINDS:
        for item in getattr(agreement, attribute):
            found.setdefault(str(item["id"]), kind)
    for issue in agreement.issues:
        for option in issue.get("options", []):
            found.setdefault(str(option["id"]), "option")
    for _, interest in agreement.interests:
        found.setdefault(str(interest["id"]), "interest")
    return found


def ref(agreement: Agreement, ident: Any) -> str:
    """A link to the item ``ident`` on the page, labelled with its name; plain text if unknown."""
    kind = kinds(agreement).get(str(ident))
    if kind is None:
        return md.text(ident)
    return md.link(agreement.name(str(ident)), kind, ident)


def refs(agreement: Agreement, idents: Any) -> str:
    """Links to several items, comma-separated, or an em dash."""
    if not isinstance(idents, list) or not idents:
        return "—"
    return ", ".join(ref(agreement, i) for i in idents)


def field(label: str, value: str) -> str:
    """A labelled line (``**Label:** value``); ``value`` is already Markdown."""
    return f"**{label}:** {value}"


def items(values: Any) -> str:
    """A bullet list of escaped texts (nothing for an empty list)."""
    if not isinstance(values, list) or not values:
        return ""
    return "\n".join(f"- {md.text(v)}" for v in values)


def join(blocks: list[str]) -> str:
    """Blocks separated by blank lines, empty blocks dropped."""
    return "\n\n".join(b for b in blocks if b)
