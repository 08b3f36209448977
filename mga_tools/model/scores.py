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


# The fair points of an analysis, by key, with the title every report and page gives them.
FAIR_POINT_TITLES: dict[str, str] = {
    "nash": "Nash bargaining point (largest product of gains)",
    "kalai-smorodinsky": "Kalai-Smorodinsky point (gains in proportion to each party's best)",
    "egalitarian": "Egalitarian point (largest smallest gain)",
    "max-welfare": "Maximum total welfare point",
}
