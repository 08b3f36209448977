"""Value creation: options stay non-binding; packages bundle one option per issue."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mga_tools.validate.index import ISSUE, OPTION, PACKAGE, items, texts
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.rules._common import listing

_COMMITMENT = re.compile(
    r"\b(shall|will|must|agrees?\s+to|commits?\s+to|undertakes?\s+to|guarantees?|is\s+obliged\s+to)\b",
    re.IGNORECASE,
)

# Words in quotes are cited, not promised: "the clause 'the city will pay'" names a text. Single quotes count only
# when they stand apart from words, so the apostrophes of "Party A's" or "won't" never open a quotation.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|(?<!\w)'[^'\n]*'(?!\w)")

# A modal right after a relative pronoun describes something ("amendments that must be ratified"): the clause
# qualifies a noun, it does not commit anybody.
_RELATIVE = re.compile(r"\b(?:that|which|who|whom)\s+$", re.IGNORECASE)


def _commitment(text: str) -> str | None:
    """The first wording of ``text`` that commits somebody, outside quotations and relative clauses."""
    # Blank the quotations out, keeping every other character where it was.
    plain = _QUOTED.sub(lambda quoted: " " * len(quoted.group(0)), text)
    for match in _COMMITMENT.finditer(plain):
        if not _RELATIVE.search(plain, 0, match.start()):
            return match.group(0)
    return None


def _issue_of_option(ctx: Context) -> dict[str, str]:
    """Option id -> id of the issue it answers."""
    found: dict[str, str] = {}
    for issue in ctx.index.of(ISSUE):
        for _, option in items(issue.item, ("options",)):
            if isinstance(option.get("id"), str):
                found.setdefault(option["id"], issue.id)
    return found


@rule("OPTION-COMMITMENT", group="value-creation")
def option_not_commitment(ctx: Context) -> Iterator[Finding]:
    """Options are worded as possibilities, never as commitments ('shall', 'will', 'agrees to').

    Quoted words and relative clauses ("amendments that must be ratified") describe; they do not commit.
    """
    for entry in ctx.index.of(OPTION):
        for field in ("title", "description"):
            text = entry.item.get(field)
            wording = _commitment(text) if isinstance(text, str) else None
            if wording:
                yield Finding(
                    (*entry.pointer, field),
                    f"option '{entry.id}' is worded as a commitment ('{wording}'); options are "
                    "invented without committing: say what could be done, and commit in a term",
                )
                break


@rule("PACKAGE-OPTIONS", group="value-creation")
def package_one_option_per_issue(ctx: Context) -> Iterator[Finding]:
    """A package picks at most one option per issue, and at most one package is adopted."""
    issue_of = _issue_of_option(ctx)
    adopted: list[str] = []
    for entry in ctx.index.of(PACKAGE):
        seen: dict[str, str] = {}
        options = entry.item.get("options")
        for i, option in enumerate(options if isinstance(options, list) else ()):
            issue = issue_of.get(option) if isinstance(option, str) else None
            if issue is None:
                continue
            if issue in seen:
                yield Finding(
                    (*entry.pointer, "options", i),
                    f"package '{entry.id}' picks both '{seen[issue]}' and '{option}' for issue '{issue}'; keep one",
                )
            else:
                seen[issue] = option
        if entry.item.get("adopted") is True:
            adopted.append(entry.id)
            if len(adopted) > 1:
                yield Finding(
                    (*entry.pointer, "adopted"),
                    f"packages {listing(adopted)} are all adopted; the terms adopt one package",
                )


@rule("PACKAGE-INCOMPLETE", group="value-creation")
def package_covers_issues(ctx: Context) -> Iterator[Finding]:
    """A package answers every issue of the negotiating framework."""
    issue_of = _issue_of_option(ctx)
    issues = ctx.index.ids(ISSUE)
    for entry in ctx.index.of(PACKAGE):
        covered = {issue_of.get(o) for o in texts(entry.item.get("options"))}
        missing = [i for i in issues if i not in covered]
        if missing:
            yield Finding(entry.pointer, f"package '{entry.id}' picks no option for issue(s) {listing(missing)}")
