"""A fact replaced by a declared gap is a weakening: a gap is no safeguard."""

from __future__ import annotations

from mga_tools.model.weaken import weakenings

GAP = {"gap": "unknown", "reason": "The parties have not agreed it yet."}


def _agreement(time_limit: object, owner: object) -> dict:
    return {
        "follow_through": {
            "dispute_mechanisms": [
                {
                    "id": "ladder",
                    "steps": [
                        {"kind": "negotiation", "who": "The parties", "time_limit": time_limit},
                        {"kind": "arbitration", "who": "An arbitrator"},
                    ],
                }
            ],
            "metrics": [{"id": "flow", "measure": "Flow", "owner": owner, "cadence": "monthly"}],
        }
    }


def test_a_value_replaced_by_a_gap_weakens_and_says_so() -> None:
    found = weakenings(_agreement("30 days", "agency"), _agreement(GAP, GAP))
    assert found == [
        "step 1 of mechanism ladder loses its time_limit (now recorded as not known)",
        "metric flow loses its owner (now recorded as not known)",
    ]


def test_a_gap_filled_with_a_value_does_not_weaken() -> None:
    assert weakenings(_agreement(GAP, GAP), _agreement("30 days", "agency")) == []
