"""Scores and analysis: complete, consistent score sheets, and an adopted package that holds up against them.

The score sheets live in the agreement (``value_creation.scores``) or in its
score file; the rules marked ``on="both"`` check whichever holds them, and
report in that file. The ADOPTED-* rules compute in plain Python integers
with :mod:`mga_tools.model.utility` (the same scoring the analysis uses) and
:mod:`mga_tools.model.improvement`; validating never imports numpy or scipy,
unless a caller's solver is asked to settle a search that ran out of budget.
"""

from __future__ import annotations

from collections.abc import Iterator

from mga_tools.diagnostics import Severity
from mga_tools.load import Pointer
from mga_tools.model.scores import batna_values, sheets
from mga_tools.validate.index import ISSUE, OPTION, PACKAGE, PARTY
from mga_tools.validate.registry import Context, Finding, rule
from mga_tools.validate.schema import did_you_mean

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any

    from mga_tools.model.utility import Scored

_EMBEDDED = ("value_creation", "scores")


def _sheets(ctx: Context) -> Iterator[tuple[Pointer, str, dict[str, Any]]]:
    """``(pointer, party id, sheet)`` for each score sheet in the file the context is about."""
    in_scores_file = ctx.data is not ctx.agreement
    creation = ctx.data.get("value_creation")
    holder = (
        ctx.data.get("scores") if in_scores_file else creation.get("scores") if isinstance(creation, dict) else None
    )
    prefix: Pointer = ("scores",) if in_scores_file else _EMBEDDED
    if isinstance(holder, dict):
        for party, sheet in holder.items():
            if isinstance(sheet, dict):
                yield (*prefix, party), party, sheet


def _mapping(sheet: dict[str, Any], key: str) -> dict[str, Any]:
    """A part of a score sheet that should be a mapping (``{}`` otherwise: SCHEMA reports it)."""
    value = sheet.get(key)
    return value if isinstance(value, dict) else {}


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@rule("SCORES-AGREEMENT", group="analysis", on="scores")
def scores_name_their_agreement(ctx: Context) -> Iterator[Finding]:
    """A score file names the agreement it sits beside (and an agreement exists beside it)."""
    named, ident = ctx.data.get("agreement"), ctx.agreement.get("id")
    if named != ident:
        yield Finding(("agreement",), f"this score file names agreement '{named}', but sits beside '{ident}'")


@rule("SCORES-REFERENCE", group="analysis", on="scores")
def scores_refer_to_the_agreement(ctx: Context) -> Iterator[Finding]:
    """A score file scores parties, issues and options of its agreement."""
    index = ctx.index
    for pointer, party, sheet in _sheets(ctx):
        wanted = [(pointer, party, PARTY)]
        wanted += [((*pointer, "weights", k), k, ISSUE) for k in _mapping(sheet, "weights")]
        wanted += [((*pointer, "options", k), k, OPTION) for k in _mapping(sheet, "options")]
        for where, ident, kind in wanted:
            entry = index.by_id.get(ident)
            if entry is None or entry.kind != kind:
                hint = did_you_mean(ident, index.ids(kind))
                yield Finding(where, f"the agreement has no {kind} '{ident}'{hint}", key=True)


@rule("SCORES-CONFLICT", group="analysis", on="both")
def scores_are_given_once(ctx: Context) -> Iterator[Finding]:
    """Each party is scored once, and a reservation value kept with the scores equals the one in its BATNA."""
    stated = batna_values(ctx.agreement)
    embedded = sheets(ctx.agreement, None)[0]
    for pointer, party, sheet in _sheets(ctx):
        if ctx.data is not ctx.agreement and party in embedded:
            yield Finding(pointer, f"party '{party}' is scored both in the agreement and here; keep one", key=True)
        value, batna = _number(sheet.get("reservation_value")), stated.get(party)
        if value is not None and batna is not None and value != batna:
            yield Finding(
                (*pointer, "reservation_value"),
                f"party '{party}' has two reservation values: {value:g} here and {batna:g} in its BATNA; keep one",
            )


@rule("SCORES-INCOMPLETE", group="analysis", severity=Severity.WARNING, on="both")
def scores_are_complete(ctx: Context) -> Iterator[Finding]:
    """A scored party weights every issue and scores every option of each issue it weights."""
    issues = [e for e in ctx.index.of(ISSUE) if isinstance(e.item.get("options"), list) and e.item["options"]]
    for pointer, party, sheet in _sheets(ctx):
        weights, scores = _mapping(sheet, "weights"), _mapping(sheet, "options")
        unweighted = [e.id for e in issues if e.id not in weights]
        if unweighted:
            yield Finding(pointer, f"party '{party}' gives no weight to {_ids('issue', unweighted)}", key=True)
        for entry in issues:
            weight = _number(weights.get(entry.id))
            options = [o.get("id") for o in entry.item["options"] if isinstance(o, dict)]
            missing = [o for o in options if isinstance(o, str) and o not in scores]
            if weight and missing:
                yield Finding(
                    pointer,
                    f"party '{party}' weights issue '{entry.id}' but does not score {_ids('option', missing)}",
                    key=True,
                )
        if issues and weights and not any(_number(weights.get(e.id)) for e in issues):
            yield Finding(pointer, f"party '{party}' gives every issue a weight of zero", key=True)


def _ids(kind: str, ids: list[str]) -> str:
    quoted = ", ".join(f"'{i}'" for i in ids)
    return f"{kind} {quoted}" if len(ids) == 1 else f"{kind}s {quoted}"


def _adopted(ctx: Context) -> tuple[Scored, tuple[int, ...], Pointer] | None:
    """The scoring of the agreement, its adopted package and where that is, when both exist (shared by two rules)."""
    found: tuple[Scored, tuple[int, ...], Pointer] | None = ctx.derive("adopted", _score_adopted)
    return found


def _score_adopted(ctx: Context) -> tuple[Scored, tuple[int, ...], Pointer] | None:
    if not sheets(ctx.data, ctx.scores)[0]:
        return None
    if not ctx.schema_valid():
        return None  # the scoring reads the agreement as the schema describes it; SCHEMA reports the rest
    adopted = next((e for e in ctx.index.of(PACKAGE) if e.item.get("adopted") is True), None)
    if adopted is None:
        return None
    # Imported here: only agreements with scores and an adopted package pay for compiling them.
    from mga_tools.model.utility import score

    found, _ = score(ctx.data, ctx.scores)
    if found is None or found.adopted_choice is None:
        return None  # SCORES-INCOMPLETE and PACKAGE-INCOMPLETE say why
    return found, found.adopted_choice, adopted.pointer


@rule("ADOPTED-BELOW-BATNA", group="analysis")
def adopted_beats_every_batna(ctx: Context) -> Iterator[Finding]:
    """The adopted package gives every scored party at least the worth of its BATNA."""
    known = _adopted(ctx)
    if known is None:
        return
    scored, choice, pointer = known
    values = scored.utilities(choice)
    for p, party in enumerate(scored.parties):
        if values[p] < scored.reservation[p]:
            worth, floor = scored.to_points(values[p]), scored.to_points(scored.reservation[p])
            yield Finding(
                (*pointer, "adopted"),
                f"the adopted package '{scored.adopted}' is worth {worth:.2f} to party '{party}', below the "
                f"{floor:.2f} of its BATNA: it would rather walk away",
                key=True,
            )


@rule("ADOPTED-DOMINATED", group="analysis", severity=Severity.WARNING)
def adopted_is_efficient(ctx: Context) -> Iterator[Finding]:
    """No package gives every scored party at least as much as the adopted one and some party more.

    Decided exactly by a branch-and-bound search in integers
    (:mod:`mga_tools.model.improvement`). Should it run out of its budget
    without finding an improvement, the context's solver decides; without a
    solver, the finding says that the question is open.
    """
    known = _adopted(ctx)
    if known is None:
        return
    scored, choice, pointer = known
    from mga_tools.model.improvement import improve

    search = improve(scored.contributions, choice)
    better = search.choice
    if not search.complete and ctx.solver is not None:
        better = ctx.solver(scored, choice)  # exact, and the improvement with the largest total
    elif not search.complete and better is None:
        yield Finding(
            (*pointer, "adopted"),
            f"could not decide within the validator's budget whether another package gives no party less than the "
            f"adopted package '{scored.adopted}' and some party more ({search.nodes:,} partial packages tried); "
            f"`mga analyze {scored.agreement}` decides it",
            key=True,
        )
        return
    if better is None:
        return
    now, then = scored.utilities(choice), scored.utilities(better)
    gains = [
        f"'{party}' +{scored.to_points(then[p] - now[p]):.2f}"
        for p, party in enumerate(scored.parties)
        if then[p] > now[p]
    ]
    options = ", ".join(scored.package_options(better))
    yield Finding(
        (*pointer, "adopted"),
        f"the adopted package '{scored.adopted}' leaves value on the table: the package [{options}] gives no "
        f"party less and gains {', '.join(gains)}",
        key=True,
    )
