"""From an agreement's scores to the analysis' arrays: merging, reservation values, the adopted package, gaps."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from conftest import ROOT

from mga_tools.analyze.problem import SCALE
from mga_tools.analyze.scoring import scoring
from mga_tools.load import load

JV = ROOT / "agreements" / "three-firm-battery-recycling-jv.yaml"


@pytest.fixture
def data() -> dict:
    return load(JV).data


def test_the_example_is_scored_as_written(data):
    found, reasons = scoring(data)
    assert reasons == []
    assert found.parties == ("valdoria-automotive", "lumen-cell", "circulo-recycling")
    assert found.issues[0] == "capital-structure" and len(found.issues) == 6
    assert found.adopted == "pkg-contributed-value"
    adopted = next(p for p in data["value_creation"]["packages"] if p.get("adopted"))
    assert found.package_options(found.adopted_choice) == adopted["options"]
    # The utility is the weighted mean of the option scores, by hand for the first party.
    sheet = data["value_creation"]["scores"]["valdoria-automotive"]
    weights = sheet["weights"]
    expected = sum(weights[i] * sheet["options"][o] for i, o in zip(found.issues, adopted["options"], strict=True))
    expected /= sum(weights.values())
    value = found.problem.utilities(np.array(found.adopted_choice))[0]
    assert abs(value / SCALE - expected) < 1e-5
    assert found.problem.reservation.tolist() == [45 * SCALE, 40 * SCALE, 35 * SCALE]


def test_a_score_file_adds_parties_and_may_hold_the_reservation_value(data):
    sheets = data["value_creation"].pop("scores")
    lumen = sheets.pop("lumen-cell")
    lumen["reservation_value"] = 40
    found, reasons = scoring(data, {"agreement": data["id"], "scores": {"lumen-cell": lumen} | sheets})
    assert reasons == []
    assert found.parties == ("valdoria-automotive", "lumen-cell", "circulo-recycling")


def test_missing_reservation_values_count_as_zero_and_say_so(data):
    for party in data["preparation"]["parties"]:
        party["batna"].pop("reservation_value", None)
    found, _ = scoring(data)
    assert found.problem.reservation.tolist() == [0, 0, 0]
    assert found.reservation_given == (False, False, False)
    assert "party 'lumen-cell' states no reservation value; 0 is used" in found.notes


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (
            lambda d: d["value_creation"]["scores"]["lumen-cell"]["weights"].pop("ip-arrangement"),
            "party 'lumen-cell' gives no weight to issue 'ip-arrangement'",
        ),
        (
            lambda d: d["value_creation"]["scores"]["lumen-cell"]["options"].pop("ip-assignment"),
            "party 'lumen-cell' weights issue 'ip-arrangement' but does not score 'ip-assignment'",
        ),
        (
            lambda d: d["value_creation"]["scores"]["lumen-cell"].update(
                weights=dict.fromkeys(d["value_creation"]["scores"]["lumen-cell"]["weights"], 0)
            ),
            "party 'lumen-cell' gives every issue a weight of zero",
        ),
        (lambda d: d["value_creation"].pop("scores"), "the agreement has no scores"),
    ],
)
def test_gaps_are_reasons_not_exceptions(data, edit, reason):
    edit(data)
    found, reasons = scoring(data)
    assert found is None
    assert reason in reasons


def test_an_unweighted_issue_needs_no_scores(data):
    sheet = data["value_creation"]["scores"]["lumen-cell"]
    sheet["weights"]["ip-arrangement"] = 0
    for option in ("ip-assignment", "ip-exclusive-field-licence", "ip-royalty-licence"):
        sheet["options"].pop(option)
    found, reasons = scoring(data)
    assert reasons == [] and found is not None


def test_a_party_scored_twice_is_refused(data):
    extra = {"agreement": data["id"], "scores": copy.deepcopy(data["value_creation"]["scores"])}
    found, reasons = scoring(data, extra)
    assert found is None
    assert "party 'lumen-cell' is scored both in the agreement and in its score file" in reasons


def test_an_adopted_package_that_misses_an_issue_is_not_evaluated(data):
    adopted = next(p for p in data["value_creation"]["packages"] if p.get("adopted"))
    adopted["options"] = adopted["options"][1:]
    found, _ = scoring(data)
    assert found.adopted == adopted["id"] and found.adopted_choice is None
    assert any("does not pick exactly one option per issue" in note for note in found.notes)
