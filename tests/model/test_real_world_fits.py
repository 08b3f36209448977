"""The model fits real multi-party agreements without contortions.

Every ``fits/*.yaml`` is an agreement modelled on the public structure of a
real kind of agreement (a universal climate treaty, a national labour-management
partnership over local agreements, a stadium community benefits agreement).
Each must validate clean -- no error and no warning -- at its status, and the
features that make it hard to model must really be there, expressed with the
model's own constructs rather than squeezed into free text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from mga_tools.load import load
from mga_tools.validate import check_file, default_policy

ROOT = Path(__file__).resolve().parents[2]
FITS = Path(__file__).resolve().parent / "fits"
FIT_FILES = sorted(FITS.glob("*.yaml"))


@cache
def _data(name: str) -> dict[str, Any]:
    """The agreement ``fits/NAME.yaml``, read once by the precise reader (tests only read it)."""
    doc = load(FITS / f"{name}.yaml")
    assert doc.parsed and not doc.diagnostics, [d.format() for d in doc.diagnostics]
    assert isinstance(doc.data, dict)
    return doc.data


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def _status(party: dict[str, Any]) -> str:
    return party.get("status", "party")


def _groups_of(data: dict[str, Any], party_id: str) -> list[dict[str, Any]]:
    return [g for g in data["preparation"].get("groups", []) if party_id in g["members"]]


# --- every fixture validates clean ---------------------------------------------------------------


def test_fixtures_are_present() -> None:
    names = {p.stem for p in FIT_FILES}
    assert {
        "climate-treaty-compliance",
        "labour-partnership-national",
        "labour-partnership-site-north",
        "labour-partnership-site-south",
        "community-benefits-stadium",
    } <= names


@pytest.mark.parametrize("engine", ["auto", "precise"])
@pytest.mark.parametrize("path", FIT_FILES, ids=[p.stem for p in FIT_FILES])
def test_fixture_validates_clean(path: Path, engine: str) -> None:
    found = check_file(path, path.name, default_policy(ROOT), engine=engine)
    assert [d.format() for d in found] == []


@pytest.mark.parametrize("path", FIT_FILES, ids=[p.stem for p in FIT_FILES])
def test_fixture_id_is_file_name(path: Path) -> None:
    assert _data(path.stem)["id"] == path.stem


def test_cli_strict_reports_no_problems(run_mga) -> None:
    result = run_mga("validate", "--strict", "tests/model/fits")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


# --- a treaty with 190+ parties in blocs and a facilitative compliance committee ------------------


@pytest.fixture(scope="module")
def treaty() -> dict[str, Any]:
    return _data("climate-treaty-compliance")


def test_treaty_has_190_plus_parties_in_several_blocs(treaty: dict[str, Any]) -> None:
    parties = treaty["preparation"]["parties"]
    groups = treaty["preparation"]["groups"]
    assert len(parties) >= 190
    assert sum(_status(p) == "party" for p in parties) >= 190
    assert len(groups) >= 3
    assert {g["id"] for g in groups} >= {"developed-country-parties", "ldc-group", "sids-group", "eu-bloc"}


def test_treaty_blocs_carry_interests_and_batnas(treaty: dict[str, Any]) -> None:
    for group in treaty["preparation"]["groups"]:
        assert group.get("interests") and group.get("batna"), group["id"]
    # No party in force states its own interests or BATNA: its blocs do it for it.
    for party in treaty["preparation"]["parties"]:
        if _status(party) in ("party", "prospective"):
            assert "interests" not in party and "batna" not in party, party["id"]
            groups = _groups_of(treaty, party["id"])
            assert any(g.get("interests") for g in groups), party["id"]
            assert any(g.get("batna") for g in groups), party["id"]


def test_treaty_has_a_regional_organisation_that_is_party_and_bloc(treaty: dict[str, Any]) -> None:
    parties = _by_id(treaty["preparation"]["parties"])
    eu_bloc = _by_id(treaty["preparation"]["groups"])["eu-bloc"]
    assert parties["reio-eu"]["kind"] == "international-organisation"
    assert "reio-eu" in eu_bloc["members"]
    assert all(m in parties for m in eu_bloc["members"])


def test_treaty_terms_oblige_blocs_as_a_class(treaty: dict[str, Any]) -> None:
    group_ids = {g["id"] for g in treaty["preparation"]["groups"]}
    terms = _by_id(treaty["terms"])
    bloc_only = [t for t in terms.values() if set(t["obligated"]) <= group_ids]
    assert len(bloc_only) >= 5
    assert terms["eu-joint-fulfilment"]["obligated"] == ["eu-bloc"]
    assert terms["climate-finance-goal"]["obligated"] == ["developed-country-parties"]
    assert "formula" in terms["climate-finance-goal"]


def test_treaty_compliance_mechanism_starts_with_assistance(treaty: dict[str, Any]) -> None:
    mechanisms = treaty["follow_through"]["dispute_mechanisms"]
    first_help = [m for m in mechanisms if m["steps"][0]["kind"] == "assistance"]
    assert first_help, "no mechanism starts with assistance"
    mechanism = first_help[0]
    remedies = " ".join(mechanism["steps"][0]["remedies"]).lower()
    assert "technical assistance" in remedies and "financial support" in remedies
    assert len(mechanism["steps"]) >= 3
    assert all(step["kind"] != "assistance" for step in mechanism["steps"][1:])
    # One mechanism answers many failure scenarios.
    answered = [s for s in treaty["follow_through"]["failure_scenarios"] if mechanism["id"] in s["dispute_mechanisms"]]
    assert len(answered) >= 4


def test_treaty_metrics_without_numbers_name_their_trigger_and_judge(treaty: dict[str, Any]) -> None:
    qualitative = [m for m in treaty["follow_through"]["metrics"] if "threshold" not in m]
    assert len(qualitative) >= 3
    for metric in qualitative:
        assert metric["trigger"]["description"] and metric["trigger"]["judged_by"], metric["id"]


def test_treaty_parties_withdraw_and_join_on_a_condition(treaty: dict[str, Any]) -> None:
    parties = treaty["preparation"]["parties"]
    withdrawn = [p for p in parties if _status(p) == "withdrawn"]
    prospective = [p for p in parties if _status(p) == "prospective"]
    assert withdrawn and prospective
    last = withdrawn[0]["status_history"][-1]
    assert last["status"] == "withdrawn" and "date" in last
    assert any("condition" in h for h in prospective[0]["status_history"])
    # The withdrawn party is no longer bound through any bloc.
    assert _groups_of(treaty, withdrawn[0]["id"]) == []


def test_treaty_is_signed_in_several_authentic_languages(treaty: dict[str, Any]) -> None:
    assert treaty["status"] == "signed"
    assert len(treaty["languages"]) >= 3
    signed = {s["party"] for s in treaty["signatories"] if "date" in s}
    in_force = {p["id"] for p in treaty["preparation"]["parties"] if _status(p) == "party"}
    assert in_force <= signed


# --- a national labour-management framework over local agreements --------------------------------


@pytest.fixture(scope="module")
def national() -> dict[str, Any]:
    return _data("labour-partnership-national")


LOCALS = ("labour-partnership-site-north", "labour-partnership-site-south")


def test_labour_framework_children_exist_and_point_back(national: dict[str, Any]) -> None:
    children = [r["agreement"] for r in national["related"] if r["relation"] == "child"]
    assert sorted(children) == sorted(LOCALS)
    for child in children:
        assert (FITS / f"{child}.yaml").is_file()
        parents = [r["agreement"] for r in _data(child)["related"] if r["relation"] == "parent"]
        assert parents == [national["id"]]


@pytest.mark.parametrize("local", LOCALS)
def test_local_terms_depend_on_the_national_agreement(local: str) -> None:
    terms = _data(local)["terms"]
    assert terms
    for term in terms:
        assert any(c.get("agreement") == "labour-partnership-national" for c in term.get("conditions", [])), term["id"]


def test_labour_coalition_of_unions_faces_management(national: dict[str, Any]) -> None:
    parties = _by_id(national["preparation"]["parties"])
    coalition = _by_id(national["preparation"]["groups"])["coalition-of-unions"]
    assert len(coalition["members"]) >= 3
    assert all(parties[m]["kind"] == "union" for m in coalition["members"])
    employers = [p for p in parties.values() if p["kind"] == "employer"]
    assert employers and all(p["id"] not in coalition["members"] for p in employers)
    assert coalition.get("interests") and coalition.get("batna")
    assert any(t["obligated"] == ["coalition-of-unions", "meridian-health"] for t in national["terms"])


def _escalates_to_board_then_arbitration(mechanism: dict[str, Any]) -> bool:
    steps = mechanism["steps"]
    kinds = [s["kind"] for s in steps]
    board = [i for i, s in enumerate(steps) if "National Partnership Board" in s["who"]]
    return kinds[-1] == "arbitration" and bool(board) and board[0] == len(steps) - 2 and "committee" in kinds[:-2]


def test_labour_disputes_rise_through_joint_committees_to_the_board_then_arbitration(
    national: dict[str, Any],
) -> None:
    assert any(_escalates_to_board_then_arbitration(m) for m in national["follow_through"]["dispute_mechanisms"])
    for local in LOCALS:
        mechanisms = _data(local)["follow_through"]["dispute_mechanisms"]
        assert any(_escalates_to_board_then_arbitration(m) for m in mechanisms), local


# --- a community benefits agreement with hiring targets and monitoring ---------------------------


@pytest.fixture(scope="module")
def cba() -> dict[str, Any]:
    return _data("community-benefits-stadium")


def test_cba_developer_faces_a_coalition_and_a_city_that_approves(cba: dict[str, Any]) -> None:
    prep = cba["preparation"]
    parties = _by_id(prep["parties"])
    coalition = _by_id(prep["groups"])["harbor-point-coalition"]
    assert parties["harbor-point-development"]["kind"] == "company"
    assert len(coalition["members"]) >= 3
    approvers = _by_id(prep["approvers"])
    assert approvers["city-council"]["kind"] == "legislature"
    assert "rezoning" in approvers["city-council"]["approves"]
    # The city approves; it does not sign.
    assert "city-council" not in parties


def test_cba_terms_depend_on_the_approver(cba: dict[str, Any]) -> None:
    dependent = [t for t in cba["terms"] if any(c.get("approver") == "city-council" for c in t.get("conditions", []))]
    assert len(dependent) >= 2
    assert all(c.get("by") for t in dependent for c in t["conditions"] if c.get("approver") == "city-council")


def test_cba_hiring_target_is_a_numeric_threshold(cba: dict[str, Any]) -> None:
    metrics = _by_id(cba["follow_through"]["metrics"])
    local_hours = metrics["construction-local-hours-share"]
    assert local_hours["threshold"] == {"comparator": "<", "value": 30}
    assert sum("threshold" in m for m in metrics.values()) >= 4


def test_cba_living_wage_and_housing_follow_formulas(cba: dict[str, Any]) -> None:
    terms = _by_id(cba["terms"])
    assert "formula" in terms["living-wage"]
    assert "formula" in terms["housing-fund-contribution"]
    allocation = _by_id(cba["value_distribution"]["allocations"])["alloc-housing-fund"]
    assert allocation["criterion"] == "crit-housing-nexus"


def test_cba_support_is_reciprocal_to_performance(cba: dict[str, Any]) -> None:
    support = _by_id(cba["terms"])["coalition-support"]
    assert support["obligated"] == ["harbor-point-coalition"]
    reciprocal = [c for c in support["conditions"] if c.get("terms")]
    assert reciprocal and {"living-wage", "independent-monitor"} <= set(reciprocal[0]["terms"])


def test_cba_monitor_reports_quarterly_to_affected_non_parties(cba: dict[str, Any]) -> None:
    non_parties = {n["id"] for n in cba["preparation"]["affected_non_parties"]}
    report = _by_id(cba["follow_through"]["protocols"])["quarterly-public-report"]
    assert report["cadence"].lower().startswith("quarterly")
    assert non_parties & set(report["to"])
    assert "independent-monitor" in _by_id(cba["terms"])
    assert cba["follow_through"]["dispute_mechanisms"][0]["steps"][0]["kind"] == "assistance"


def test_treaty_blocs_agree_justify_and_bodies_act(treaty: dict[str, Any]) -> None:
    group_ids = {g["id"] for g in treaty["preparation"]["groups"]}
    for criterion in treaty["value_distribution"]["criteria"]:
        assert {a["party"] for a in criterion["agreed_by"]} <= group_ids
    assert {j["party"] for j in treaty["value_distribution"]["justifications"]} <= group_ids
    bodies = _by_id(treaty["follow_through"]["bodies"])
    assert bodies["implementation-committee"]["established_by"] == "compliance-committee"
    ladder = _by_id(treaty["follow_through"]["dispute_mechanisms"])["implementation-compliance-mechanism"]
    assert [s.get("body") for s in ladder["steps"]][-1] == "conference-of-the-parties"
    flexibility = _by_id(treaty["terms"])["ldc-sids-flexibility"]
    assert (flexibility["kind"], flexibility["obligated"]) == ("permission", ["ldc-group", "sids-group"])
