"""The semantic diff engine: golden cases, the weakenings they must produce, and properties.

Every folder of ``diff_cases`` holds ``old.yaml`` and/or ``new.yaml`` and the
expected reports ``expected.txt``, ``expected.md`` and ``expected.json``;
adding a folder adds a test. ``MGA_UPDATE_GOLDEN=1`` rewrites the expected
files; they are the specification, so read them before committing them.

Property tests (hypothesis) run on the example agreements: an agreement
compared with itself is unchanged; comparing the other way round swaps added
and removed, old and new; taking every safeguard of a kind away from a
failure scenario always names that scenario in a weakening.
"""

from __future__ import annotations

import copy
import os
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, examples
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from mutations import copy_tree, mutate

from mga_tools.load import PRECISE, load
from mga_tools.load.companion import is_companion_file
from mga_tools.model.diff import SECTIONS, AgreementDiff, Change, diff_agreement, summary_line
from mga_tools.model.weaken import SAFEGUARDS, align, canon
from mga_tools.records.diff_report import REPORTERS

CASES = Path(__file__).resolve().parent / "diff_cases"
FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir())
EXPECTED = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}
AGREEMENTS = sorted(p for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name))
SETTINGS = settings(
    deadline=None,
    database=None,
    max_examples=examples(60),
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def read(path: Path) -> Any:
    doc = load(path, path.name, reader=PRECISE)
    assert not doc.diagnostics, [d.format() for d in doc.diagnostics]  # cases stay valid YAML
    return doc.data


def case_diff(folder: Path) -> AgreementDiff:
    """The diff of a case; the paths are ``agreements/ID.yaml``, so a changed id is a rename."""
    old, new = (read(folder / name) if (folder / name).exists() else None for name in ("old.yaml", "new.yaml"))
    return diff_agreement(
        old,
        new,
        old_path=f"agreements/{old['id']}.yaml" if old is not None else None,
        new_path=f"agreements/{new['id']}.yaml" if new is not None else None,
    )


@cache
def example(path: Path) -> dict[str, Any]:
    return load(path, path.name, reader=PRECISE).data


# --- golden cases -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_case_reports(folder: Path, fmt: str) -> None:
    got = REPORTERS[fmt]([case_diff(folder)])
    expected = folder / EXPECTED[fmt]
    if os.environ.get("MGA_UPDATE_GOLDEN") == "1":
        expected.write_text(got, encoding="utf-8", newline="\n")
    assert got == expected.read_text(encoding="utf-8")


def test_every_case_folder_has_a_version_and_its_expected_reports() -> None:
    assert FOLDERS
    for folder in FOLDERS:
        assert (folder / "old.yaml").exists() or (folder / "new.yaml").exists(), folder.name
        assert all((folder / name).exists() for name in EXPECTED.values()), folder.name


def test_the_cases_cover_every_kind_of_change_in_every_section() -> None:
    seen = {(c.section, c.kind if c.field else f"whole {c.kind}") for f in FOLDERS for c in case_diff(f).changes}
    fields = ("agreement", "record", "preparation", "value_creation", "value_distribution")
    items = [s for s in SECTIONS if s not in fields]
    items.remove("follow_through")  # holds no fields of its own in the schema
    missing = [(s, k) for s in items for k in ("whole added", "whole removed", "changed") if (s, k) not in seen]
    assert missing == []
    assert {("agreement", "changed"), ("record", "changed"), ("preparation", "changed")} <= seen
    assert ("value_distribution", "changed") in seen
    assert Counter(case_diff(f).kind for f in FOLDERS) == {"changed": 10, "added": 1, "removed": 1, "unchanged": 1}


def test_the_unchanged_case_differs_only_in_form() -> None:
    folder = CASES / "agreement-unchanged"
    assert (folder / "old.yaml").read_bytes() != (folder / "new.yaml").read_bytes()
    assert case_diff(folder) == AgreementDiff(
        "three-firm-battery-recycling-jv",
        "unchanged",
        "agreements/three-firm-battery-recycling-jv.yaml",
        "agreements/three-firm-battery-recycling-jv.yaml",
    )


def test_every_kind_of_weakening() -> None:
    diff = case_diff(CASES / "follow-through-weakened")
    assert diff.weakenings == (
        "removes body ip-auditor",
        "step 2 of mechanism ramp-up-support-procedure loses its time_limit",
        "escalation ladder of mechanism ramp-up-support-procedure no longer ends in a step that decides",
        "escalation ladder of mechanism shareholder-dispute-ladder loses step 2",
        "removes dispute mechanism valuation-expert-determination, used by scenario process-underperforms",
        "removes protocol deadlock-notice, used by scenario board-deadlock",
        "metric black-mass-throughput loses its threshold",
        "metric ebitda-vs-plan loses its owner",
        "metric ip-confidentiality-health loses its trigger",
        "removes metric lithium-recovery-rate, used by scenario process-underperforms",
        "metric lost-time-injury-rate's threshold is loosened from > 1.5 to > 3.0",
        "removes the only protocol of scenario board-deadlock",
        "removes every dispute mechanism of scenario feedstock-shortfall",
        "scenario feedstock-shortfall loses protocol ramp-up-report",
        "removes the only dispute mechanism of scenario ip-leakage",
        "removes the only metric of scenario metal-price-collapse",
        "removes failure scenario plant-fire",
    )


def test_terms_and_interests_weakenings() -> None:
    assert case_diff(CASES / "terms").weakenings == (
        "interest cir-staff-continuity is left with no term serving it (term plant-and-staff-transfer served it)",
        "removes term improvements-grant-back, which served interest lc-ip-protection",
        "term feedstock-supply no longer serves interest vda-eol-liability",
    )


# gaps-and-records: a metric's owner replaced by a gap is a weakening.
WEAKENING_CASES = ("follow-through-weakened", "terms", "gaps-and-records")


def test_a_fact_now_not_known_weakens_and_a_filled_gap_does_not() -> None:
    weakenings = case_diff(CASES / "gaps-and-records").weakenings
    assert len(weakenings) == 1 and weakenings[0].startswith("metric consumption loses its owner")


@pytest.mark.parametrize("name", [f.name for f in FOLDERS if f.name not in WEAKENING_CASES])
def test_other_cases_do_not_weaken_unless_they_remove_the_agreement(name: str) -> None:
    expected = ("removes agreement three-firm-battery-recycling-jv",) if name == "agreement-removed" else ()
    assert case_diff(CASES / name).weakenings == expected


# --- the engine ---------------------------------------------------------------------------------


def river() -> dict[str, Any]:
    return copy.deepcopy(example(ROOT / "agreements" / "river-basin-water-sharing.yaml"))


def test_summary_names_counts_and_weakenings() -> None:
    old, new = river(), river()
    for term in new["terms"][:3]:
        term["text"] += " Amended."
    metrics = new["follow_through"]["metrics"]
    metrics.remove(next(m for m in metrics if m["id"] == "enabling-act-progress"))
    diff = diff_agreement(old, new, old_path="agreements/a.yaml", new_path="agreements/a.yaml")
    assert diff.summary() == (
        "river-basin-water-sharing: 3 terms changed, 1 metric removed; weakens follow-through: "
        "removes metric enabling-act-progress, used by scenario enabling-act-fails; "
        "removes the only metric of scenario enabling-act-fails"
    )
    assert not diff.renamed


def test_summary_line_over_agreements() -> None:
    changed = diff_agreement({"id": "a", "title": "A"}, {"id": "a", "title": "B"})
    weak = diff_agreement({"id": "w", "terms": [{"id": "t"}]}, None)
    added = diff_agreement(None, {"id": "n"})
    same = diff_agreement({"id": "s"}, {"id": "s"})
    assert summary_line([changed, changed, added]) == "2 agreements changed, 1 added"
    expected = "1 agreement added, 1 removed, 1 unchanged; follow-through weakened in w"
    assert summary_line([added, weak, same]) == expected
    assert summary_line([]) == "no agreements"
    assert changed.summary() == "a: title changed"
    assert weak.summary() == "w: removed; weakens follow-through: removes agreement w"
    assert added.summary() == "n: added" and added.changes == ()
    assert same.summary() == "s: unchanged"


def test_rename_and_ids() -> None:
    diff = diff_agreement({"id": "a"}, {"id": "b"}, old_path="x/a.yaml", new_path="x/b.yaml")
    assert diff.id == "b" and diff.renamed and diff.kind == "changed"
    assert diff.summary() == "b: id changed (renamed from x/a.yaml)"
    moved = diff_agreement({"id": "a"}, {"id": "a"}, old_path="x/a.yaml", new_path="y/a.yaml")
    assert moved.kind == "unchanged" and moved.renamed and moved.summary() == "a: unchanged (renamed from x/a.yaml)"
    assert diff_agreement({"title": "no id"}, None, old_path="agreements/lost.yaml").id == "lost"
    assert not diff_agreement(None, {"id": "a"}, new_path="a.yaml").renamed
    with pytest.raises(ValueError):
        diff_agreement(None, None)


def test_items_are_matched_by_id_not_position() -> None:
    old = {"id": "a", "terms": [{"id": "t1", "text": "one"}, {"id": "t2", "text": "two"}]}
    new = {"id": "a", "terms": [{"id": "t0", "text": "zero"}, {"id": "t2", "text": "TWO"}, {"id": "t1", "text": "one"}]}
    assert diff_agreement(old, new).changes == (
        Change("added", "terms", "t0", "", new={"id": "t0", "text": "zero"}),
        Change("changed", "terms", "t2", "text", "two", "TWO"),
    )


def test_fields_lists_and_types() -> None:
    step = {"kind": "negotiation", "who": "CEOs", "time_limit": "30 days"}
    court = {"kind": "court", "who": "Court"}
    old = {"follow_through": {"dispute_mechanisms": [{"id": "d", "steps": [step, court]}]}}
    new = copy.deepcopy(old)
    new_steps = new["follow_through"]["dispute_mechanisms"][0]["steps"]
    new_steps.insert(0, {"kind": "assistance", "who": "Staff"})
    new_steps[2]["who"] = "Supreme Court"
    assert [(c.field, c.old, c.new) for c in diff_agreement(old, new).changes] == [
        ("steps.1", None, {"kind": "assistance", "who": "Staff"}),
        ("steps.3.who", "Court", "Supreme Court"),
    ]
    # JSON types count: 1, 1.0 and true differ; null equals absent; id lists are sets, other lists are not.
    base = {"id": "a", "terms": [{"id": "t", "x": 1, "y": None, "serves": ["i", "j"], "steps": ["p", "q"]}]}
    other = {"id": "a", "terms": [{"id": "t", "x": 1.0, "serves": ["j", "i"], "steps": ["q", "p"]}]}
    fields = [(c.field, c.old, c.new) for c in diff_agreement(base, other).changes]
    assert fields == [("steps.1", None, "q"), ("steps.2", "q", None), ("x", 1, 1.0)]
    assert diff_agreement({"id": "a", "v": 1}, {"id": "a", "v": True}).kind == "changed"
    assert diff_agreement({"id": "a", "v": float("nan")}, {"id": "a", "v": float("nan")}).kind == "unchanged"


def test_nested_items_and_keys() -> None:
    party = {"id": "p", "name": "P", "interests": [{"id": "i", "statement": "s"}], "batna": {"description": "d"}}
    old = {"id": "a", "preparation": {"parties": [party], "groups": [{"id": "g", "members": ["p"]}]}}
    new = copy.deepcopy(old)
    moved = new["preparation"]["parties"][0].pop("interests")
    new["preparation"]["groups"][0]["interests"] = moved
    new["preparation"]["parties"][0]["batna"]["strength"] = "weak"
    new["signatories"] = [{"party": "p", "name": "N", "title": "T"}, {"party": "p", "name": "N", "title": "U"}]
    assert [(c.kind, c.section, c.item, c.field) for c in diff_agreement(old, new).changes] == [
        ("changed", "interests", "i", "holder"),
        ("changed", "batnas", "p", "strength"),
        ("added", "signatories", "p/N", ""),
        ("added", "signatories", "p/N#2", ""),
    ]


def test_changes_hold_copies() -> None:
    old, new = {"id": "a", "terms": []}, {"id": "a", "terms": [{"id": "t", "serves": ["i"]}]}
    diff = diff_agreement(old, new)
    new["terms"][0]["serves"].append("j")
    assert diff.changes[0].new == {"id": "t", "serves": ["i"]}


def test_documents_that_are_not_agreements_do_not_break_it() -> None:
    for old, new in [([1], {"id": "a"}), ("text", 5), ({"preparation": 3}, {"preparation": {"parties": "x"}})]:
        diff = diff_agreement(old, new)  # type: ignore[arg-type]
        assert diff.kind == "changed" and diff.summary()


def test_align_pairs_edits_and_mirrors() -> None:
    assert align(["a", "b", "c"], ["a", "c"]) == [(0, 0), (1, None), (2, 1)]
    assert align(["a", "b", "c"], ["a", "B", "c"]) == [(0, 0), (1, 1), (2, 2)]
    assert align([], ["x"]) == [(None, 0)]
    for a, b in [(["x", "y"], ["y", "x"]), (list("abcab"), list("bacba")), ([1, 2, 3], [3, 2, 1, 2])]:
        assert sorted(align(b, a), key=str) == sorted(((j, i) for i, j in align(a, b)), key=str)


# --- properties ---------------------------------------------------------------------------------


@SETTINGS
@given(data=st.data(), path=st.sampled_from(AGREEMENTS), steps=st.integers(0, 4))
def test_an_agreement_compared_with_itself_is_unchanged(data: st.DataObject, path: Path, steps: int) -> None:
    agreement = mutate(data, example(path), steps)
    for other in (agreement, copy_tree(agreement)):
        if isinstance(agreement, dict):
            diff = diff_agreement(agreement, other)
            assert (diff.kind, diff.changes, diff.weakenings) == ("unchanged", (), ())


SWAP = {"added": "removed", "removed": "added", "changed": "changed"}
POSITION = re.compile(r"(?<![^.])\d+(?![^.])")


def mirrored(change: Change) -> tuple[str, ...]:
    """The change as the reverse comparison reports it; list positions are left out (they name a version)."""
    field = POSITION.sub("#", change.field)
    return (SWAP[change.kind], change.section, change.item, field, canon(change.new), canon(change.old))


def plain(change: Change) -> tuple[str, ...]:
    field = POSITION.sub("#", change.field)
    return (change.kind, change.section, change.item, field, canon(change.old), canon(change.new))


@SETTINGS
@given(data=st.data(), path=st.sampled_from(AGREEMENTS), before=st.integers(0, 2), after=st.integers(1, 4))
def test_comparing_the_other_way_round_swaps_old_and_new(
    data: st.DataObject, path: Path, before: int, after: int
) -> None:
    old = mutate(data, example(path), before)
    new = mutate(data, old, after)
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return
    forward, backward = diff_agreement(old, new), diff_agreement(new, old)
    assert forward.kind == backward.kind
    assert Counter(map(mirrored, forward.changes)) == Counter(map(plain, backward.changes))
    assert {(c.section, c.item) for c in forward.changes} == {(c.section, c.item) for c in backward.changes}


def scenarios_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["follow_through"]["failure_scenarios"]


@SETTINGS
@given(data=st.data(), path=st.sampled_from(AGREEMENTS))
def test_taking_every_safeguard_of_a_kind_away_names_the_scenario(data: st.DataObject, path: Path) -> None:
    old = example(path)
    new = copy.deepcopy(old)
    stripped: set[tuple[str, str]] = set()
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        scenario = data.draw(st.sampled_from(scenarios_of(new)), label="scenario")
        kind = data.draw(st.sampled_from(sorted(SAFEGUARDS)), label="kind")
        how = data.draw(st.sampled_from(["delete the key", "empty the list", "remove the definitions"]), label="how")
        if how == "remove the definitions":  # the scenario still names them, but they no longer exist
            gone = set(scenario.get(kind, []))
            new["follow_through"][kind] = [item for item in new["follow_through"][kind] if item["id"] not in gone]
        elif how == "delete the key":
            scenario.pop(kind, None)
        else:
            scenario[kind] = []
        stripped.add((scenario["id"], kind))
    diff = diff_agreement(old, new)
    for ident, kind in sorted(stripped):  # edits only take away: a stripped scenario stays stripped
        note(f"{ident} has no {kind} left")
        assert [w for w in diff.weakenings if f"of scenario {ident}" in w and SAFEGUARDS[kind] in w], diff.weakenings


def test_a_ladder_step_whose_kind_is_not_text_is_compared_without_error():
    # Found by the property test above: an edited document may hold any YAML value where the schema wants a word.
    old = read(ROOT / "agreements" / "three-firm-battery-recycling-jv.yaml")
    new = copy.deepcopy(old)
    new["follow_through"]["dispute_mechanisms"][0]["steps"][-1]["kind"] = {"x": 0.0, "name": True}
    forward, backward = diff_agreement(old, new), diff_agreement(new, old)
    assert [c.field for c in forward.changes] == ["steps.4.kind"] == [c.field for c in backward.changes]
    assert (forward.changes[0].old, forward.changes[0].new) == (backward.changes[0].new, backward.changes[0].old)
