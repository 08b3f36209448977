"""The score sheets of an agreement, as plain data: where they are and what they say.

Kept apart from :mod:`mga_tools.analyze` (which needs numpy) so that the
validator reads the sheets without loading it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of start-up, which counts in a commit hook
if TYPE_CHECKING:
    from typing import Any


def sheets(data: dict[str, Any], extra: dict[str, Any] | None) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Every party's score sheet, from the agreement and its score file; and the parties scored in both."""
    creation = data.get("value_creation")
    own = creation.get("scores") if isinstance(creation, dict) else None
    found = {p: sheet for p, sheet in own.items() if isinstance(sheet, dict)} if isinstance(own, dict) else {}
    twice = []
    for party, sheet in ((extra or {}).get("scores") or {}).items():
        if party in found:
            twice.append(party)
        elif isinstance(sheet, dict):
            found[party] = sheet
    return found, twice


def batna_values(data: dict[str, Any]) -> dict[str, float]:
    """The reservation value stated in each party's BATNA."""
    found = {}
    parties = (data.get("preparation") or {}).get("parties") if isinstance(data.get("preparation"), dict) else None
    for party in parties if isinstance(parties, list) else []:
        batna = party.get("batna") if isinstance(party, dict) else None
        value = batna.get("reservation_value") if isinstance(batna, dict) else None
        if isinstance(value, int | float) and not isinstance(value, bool) and isinstance(party.get("id"), str):
            found[party["id"]] = float(value)
    return found


# The fair points of an analysis, by key, in the order every report and page gives them, with their title:
# plain words first, since the pages are read by the parties and their public, not only by negotiation analysts.
FAIR_POINT_TITLES: dict[str, str] = {
    "max-welfare": "Best total gain",
    "egalitarian": "Fairest split",
    "nash": "Balanced gains",
    "kalai-smorodinsky": "Proportional gains",
}
# What each fair point is, in one sentence.
FAIR_POINT_MEANINGS: dict[str, str] = {
    "max-welfare": "the package whose gains over the parties' BATNAs add up to the most.",
    "egalitarian": "the package in which the party that gains least still gains as much as possible.",
    "nash": "the package with the largest product of the parties' gains: "
    "no party can gain much more without another losing proportionally more.",
    "kalai-smorodinsky": "the package in which every party gets the same share of the most it could hope for "
    "in a deal that beats every BATNA.",
}
# The name negotiation analysis gives each fair point, for the readers who know it.
FAIR_POINT_TECHNICAL_NAMES: dict[str, str] = {
    "max-welfare": "maximum total welfare point",
    "egalitarian": "egalitarian solution",
    "nash": "Nash bargaining solution",
    "kalai-smorodinsky": "Kalai-Smorodinsky solution",
}


def merged_fair_points(points: dict[str, dict[str, Any] | None]) -> list[tuple[list[str], dict[str, Any]]]:
    """The fair points there are, one entry per package: the keys of the points that pick it, and the package.

    Several principles often pick the same package (the same option for every
    issue); a reader is shown it once, under all their names.
    """
    found: dict[tuple[tuple[str, Any], ...], tuple[list[str], dict[str, Any]]] = {}
    for key, point in points.items():
        if point is not None:
            found.setdefault(tuple(point["options"].items()), ([], point))[0].append(key)
    return list(found.values())


def merged_title(keys: list[str]) -> str:
    """The title of a package picked by the fair points ``keys``: theirs, joined."""
    return ", ".join(FAIR_POINT_TITLES[key] for key in keys)
