"""A free-text cadence replaced by a structured reporting is no weakening; a cadence simply dropped is."""

from __future__ import annotations

from mga_tools.model.weaken import weakenings


def _agreement(**metric: object) -> dict:
    return {"follow_through": {"metrics": [{"id": "flow", "measure": "Flow", "owner": "agency", **metric}]}}


def test_a_cadence_replaced_by_a_reporting_does_not_weaken() -> None:
    before = _agreement(cadence="Quarterly")
    assert weakenings(before, _agreement(reporting={"every": "quarter", "due_days": 30})) == []
    assert weakenings(before, _agreement()) == ["metric flow loses its cadence"]
