"""Additive scoring in plain Python: from an agreement's score sheets to exact fixed-point utilities.

Raiffa-style additive scoring: each scored party gives every issue a weight
and every option a score from 0 to 100. A party's utility of a package (one
option per issue) is the weighted mean of the scores of its options, so it is
on the same 0-100 scale as the party's reservation value, the worth of its
BATNA. Option ``j`` of issue ``i`` contributes
``round(w[p][i] / sum(w[p]) * score[i][j][p] * SCALE)`` fixed-point units to
party ``p``; utilities are sums of contributions, exact integers.

This is the one definition of the scoring: the validator computes with it
directly, without numpy, and :mod:`mga_tools.analyze.scoring` builds its
arrays from it. The float operations are those of numpy's vectorised
version (:meth:`mga_tools.analyze.problem.Problem.from_scores`), in the same
order and with the same rounding, so both give the same integers; the tests
check that they do.

The scores may be in the agreement (``value_creation.scores``) or in its score
file; both are merged here. Anything that stops the analysis (a party that
does not weight an issue, an unscored option of an issue it weights, a party
scored twice) is returned as a reason, never raised: the validator reports the
same gaps as located warnings.
"""

from __future__ import annotations

import math
from collections import namedtuple

from mga_tools.model.scores import batna_values, sheets

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, Final

SCALE: Final = 10**6
"""Fixed-point units per point: a utility of 72.5 points is stored as 72_500_000."""

Contributions = tuple[tuple[tuple[int, ...], ...], ...]  # [issue][option][party], fixed-point units

# numpy's pairwise summation: below this many terms, one accumulator; up to the block size, eight.
_PAIRWISE_MIN = 8
_PAIRWISE_BLOCK = 128


def numpy_sum(values: Sequence[float]) -> float:
    """The float64 sum of ``values`` exactly as numpy's ``sum`` computes it (pairwise summation).

    Float addition is not associative, so the order matters to the last bit;
    this is the order of numpy's ``pairwise_sum`` for a contiguous row.
    """
    n = len(values)
    if n < _PAIRWISE_MIN:
        total = 0.0
        for value in values:
            total += value
        return total
    if n <= _PAIRWISE_BLOCK:
        acc = [float(v) for v in values[:8]]
        i = 8
        while i < n - n % 8:
            for k in range(8):
                acc[k] += values[i + k]
            i += 8
        total = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
        for value in values[i:]:
            total += value
        return total
    half = n // 2
    half -= half % 8
    return numpy_sum(values[:half]) + numpy_sum(values[half:])


def _real(value: object, what: str) -> float:
    if not isinstance(value, int | float):  # bool is an int, as numpy takes it
        raise ValueError(f"{what} must be a number, not {type(value).__name__}")
    return float(value)


def contributions(
    weights: Sequence[Sequence[float]], scores: Sequence[Sequence[Sequence[float]]], reservation: Sequence[float]
) -> tuple[Contributions, tuple[int, ...]]:
    """The fixed-point contributions ``[issue][option][party]`` and reservation values of a scoring sheet.

    ``weights[p][i]`` is how much party ``p`` cares about issue ``i`` (only the
    ratios of a party's weights matter); ``scores[i][j][p]`` is party ``p``'s
    score of option ``j`` of issue ``i``, on 0-100; ``reservation[p]`` is on
    0-100. Raises ValueError for a sheet that is not a scoring (negative or
    infinite weights, all of a party's weights zero, scores off the scale).
    """
    if not weights or not weights[0]:
        raise ValueError("weights must name at least one party and one issue")
    n_parties, n_issues = len(weights), len(weights[0])
    if any(len(row) != n_issues for row in weights) or len(scores) != n_issues or len(reservation) != n_parties:
        raise ValueError("weights, scores and reservation values do not have matching shapes")
    totals = []
    for p, row in enumerate(weights):
        if any(not math.isfinite(w) or w < 0 for w in row):
            raise ValueError("weights must be finite and non-negative")
        total = numpy_sum(row)
        if total <= 0:
            raise ValueError(f"every party needs a positive weight; all weights are zero for party {p}")
        totals.append(total)
    if any(not math.isfinite(r) or not 0 <= r <= 100 for r in reservation):
        raise ValueError("reservation values must lie on the 0-100 scale")
    normalised = [[w / totals[p] for w in row] for p, row in enumerate(weights)]
    found = []
    for i, options in enumerate(scores):
        if not options or any(len(option) != n_parties for option in options):
            raise ValueError(f"scores[{i}] must have one score per party for at least one option")
        if any(not math.isfinite(s) or not 0 <= s <= 100 for option in options for s in option):
            raise ValueError(f"scores[{i}] must lie on the 0-100 scale")
        # (normalised weight * score) * SCALE, rounded half to even: numpy's order and np.rint.
        found.append(tuple(tuple(round(normalised[p][i] * s * SCALE) for p, s in enumerate(o)) for o in options))
    return tuple(found), tuple(round(r * SCALE) for r in reservation)


class Scored(
    namedtuple(
        "Scored",
        "agreement parties names issues options contributions reservation reservation_given adopted adopted_choice "
        "notes",
    )
):
    """An agreement's scores as exact fixed-point contributions, with the ids that name them.

    ``parties``: the scored parties, in the order of the agreement's party list, and ``names`` their
    display names; ``options``: per issue, its option ids; ``contributions[i][j][p]``: what option
    ``j`` of issue ``i`` gives party ``p`` and ``reservation[p]``, both in fixed-point units;
    ``reservation_given[p]``: False when the party states no reservation value (0 is used);
    ``adopted``: the adopted package's id, and ``adopted_choice`` its option per issue when it
    picks exactly one for each; ``notes``: what the reader should know about the inputs.
    """

    # A named tuple, not a dataclass: the validator builds one, and dataclasses cost start-up time.
    __slots__ = ()
    agreement: str
    parties: tuple[str, ...]
    names: tuple[str, ...]
    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    contributions: Contributions
    reservation: tuple[int, ...]
    reservation_given: tuple[bool, ...]
    adopted: str | None
    adopted_choice: tuple[int, ...] | None
    notes: tuple[str, ...]

    def utilities(self, choice: Sequence[int]) -> tuple[int, ...]:
        """Each party's utility of a package given as one option index per issue (fixed-point units)."""
        totals = [0] * len(self.parties)
        for issue, j in zip(self.contributions, choice, strict=True):
            for p, value in enumerate(issue[j]):
                totals[p] += value
        return tuple(totals)

    def package_options(self, choice: Sequence[int]) -> list[str]:
        """The option ids of a package given as one option index per issue."""
        return [self.options[i][int(j)] for i, j in enumerate(choice)]

    @staticmethod
    def to_points(value: int) -> float:
        """A fixed-point utility as float points."""
        return value / SCALE


def score(data: dict[str, Any], extra: dict[str, Any] | None = None) -> tuple[Scored | None, list[str]]:
    """The agreement's scores as a :class:`Scored`, or ``None`` and the reasons it cannot be scored."""
    found, twice = sheets(data, extra)
    if not found:
        return None, ["the agreement has no scores"]
    reasons = [f"party '{p}' is scored both in the agreement and in its score file" for p in twice]
    parties_list = [p for p in (data.get("preparation") or {}).get("parties") or [] if isinstance(p, dict)]
    known = {p.get("id"): str(p.get("name", p.get("id"))) for p in parties_list}
    reasons += [f"'{p}' is scored but is not a party" for p in found if p not in known]
    parties = [str(p["id"]) for p in parties_list if p.get("id") in found]
    issues = [i for i in (data.get("value_creation") or {}).get("issues") or [] if isinstance(i, dict)]
    notes = [f"issue '{i['id']}' has no options and is left out" for i in issues if not i.get("options")]
    issues = [i for i in issues if i.get("options")]
    if not issues:
        reasons.append("the agreement has no issue with options")
    options = [tuple(str(o["id"]) for o in issue["options"]) for issue in issues]
    weights = [[0.0] * len(issues) for _ in parties]
    scores = [[[0.0] * len(parties) for _ in opts] for opts in options]
    for p, party in enumerate(parties):
        sheet = found[party]
        for i, issue in enumerate(issues):
            weight = (sheet.get("weights") or {}).get(issue["id"])
            if weight is None:
                reasons.append(f"party '{party}' gives no weight to issue '{issue['id']}'")
                continue
            weights[p][i] = _real(weight, "a weight")
            missing = [o for o in options[i] if o not in (sheet.get("options") or {})]
            if weight > 0 and missing:
                listed = ", ".join(f"'{o}'" for o in missing)
                reasons.append(f"party '{party}' weights issue '{issue['id']}' but does not score {listed}")
            for j, option in enumerate(options[i]):
                scores[i][j][p] = _real((sheet.get("options") or {}).get(option, 0), "a score")
        if issues and not any(weights[p]):
            reasons.append(f"party '{party}' gives every issue a weight of zero")
    if reasons:
        return None, reasons
    stated = batna_values(data)
    reservation, given = [], []
    for party in parties:
        value = found[party].get("reservation_value", stated.get(party))
        given.append(value is not None)
        reservation.append(_real(value, "a reservation value") if value is not None else 0.0)
        if value is None:
            notes.append(f"party '{party}' states no reservation value; 0 is used")
    adopted_id, choice = _adopted(data, options, notes)
    units, floors = contributions(weights, scores, reservation)
    return (
        Scored(
            agreement=str(data.get("id")),
            parties=tuple(parties),
            names=tuple(known[p] for p in parties),
            issues=tuple(str(i["id"]) for i in issues),
            options=tuple(options),
            contributions=units,
            reservation=floors,
            reservation_given=tuple(given),
            adopted=adopted_id,
            adopted_choice=choice,
            notes=tuple(notes),
        ),
        [],
    )


def _adopted(
    data: dict[str, Any], options: list[tuple[str, ...]], notes: list[str]
) -> tuple[str | None, tuple[int, ...] | None]:
    packages = [p for p in (data.get("value_creation") or {}).get("packages") or [] if isinstance(p, dict)]
    adopted = next((p for p in packages if p.get("adopted") is True), None)
    if adopted is None:
        return None, None
    picked = set(adopted.get("options") or [])
    choice = []
    for opts in options:
        hits = [j for j, option in enumerate(opts) if option in picked]
        if len(hits) != 1:
            notes.append(f"the adopted package '{adopted['id']}' does not pick exactly one option per issue")
            return str(adopted["id"]), None
        choice.append(hits[0])
    return str(adopted["id"]), tuple(choice)
