"""The plain-Python scoring gives exactly the integers of numpy's, and the analysis builds on it."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from mga_tools.analyze.problem import Problem
from mga_tools.analyze.scoring import scoring
from mga_tools.load import load
from mga_tools.load.companion import is_companion_file
from mga_tools.model.utility import SCALE, contributions, numpy_sum, score

# Weights and scores as people write them: whole numbers, tenths, awkward fractions, zeros.
_WEIGHT = st.one_of(
    st.integers(0, 10),
    st.sampled_from([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]),
    st.floats(0, 10, allow_nan=False, allow_infinity=False),
    st.floats(1e-9, 1e-3),
)
_SCORE = st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False), st.sampled_from([0.5, 12.5, 99.5]))


@st.composite
def sheets(draw: st.DrawFn) -> tuple[list[list[float]], list[list[list[float]]], list[float]]:
    """Weights (parties x issues, each party with a positive weight), scores and reservation values."""
    n_parties, n_issues = draw(st.integers(1, 6)), draw(st.integers(1, 20))
    weights = []
    for _ in range(n_parties):
        row = draw(st.lists(_WEIGHT, min_size=n_issues, max_size=n_issues))
        if not any(row):
            row[draw(st.integers(0, n_issues - 1))] = 1
        weights.append([float(w) for w in row])
    scores = [
        [
            [float(s) for s in draw(st.lists(_SCORE, min_size=n_parties, max_size=n_parties))]
            for _ in range(draw(st.integers(1, 5)))
        ]
        for _ in range(n_issues)
    ]
    reservation = [float(r) for r in draw(st.lists(_SCORE, min_size=n_parties, max_size=n_parties))]
    return weights, scores, reservation


@settings(max_examples=examples(300), deadline=None)
@given(sheets())
def test_contributions_equal_numpys(sheet: tuple[list[list[float]], list[list[list[float]]], list[float]]) -> None:
    weights, scores, reservation = sheet
    units, floors = contributions(weights, scores, reservation)
    problem = Problem.from_scores(np.array(weights), [np.array(s) for s in scores], np.array(reservation))
    assert [c.tolist() for c in problem.contributions] == [[list(o) for o in issue] for issue in units]
    assert problem.reservation.tolist() == list(floors)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=400), st.integers(1, 4))
def test_the_sum_is_numpys_to_the_last_bit(values: list[float], rows: int) -> None:
    table = np.array([values] * rows)
    assert all(numpy_sum(values) == total for total in table.sum(axis=1).tolist())


def _agreements() -> list[Path]:
    return sorted(p for p in (ROOT / "agreements").glob("*.yaml") if not is_companion_file(p.name))


@pytest.mark.parametrize("path", _agreements(), ids=lambda p: p.stem)
def test_the_analysis_computes_on_the_same_integers(path: Path) -> None:
    data = load(path, path.name).data
    pure, _ = score(data)
    arrays, _ = scoring(data)
    if pure is None:
        assert arrays is None
        return
    assert arrays is not None
    assert [c.tolist() for c in arrays.problem.contributions] == [[list(o) for o in i] for i in pure.contributions]
    assert arrays.problem.reservation.tolist() == list(pure.reservation)
    assert (arrays.parties, arrays.options, arrays.adopted_choice, arrays.notes) == (
        pure.parties,
        pure.options,
        pure.adopted_choice,
        pure.notes,
    )
    if pure.adopted_choice is not None:
        assert arrays.problem.utilities(np.array(pure.adopted_choice)).tolist() == list(
            pure.utilities(pure.adopted_choice)
        )


@settings(max_examples=examples(100), deadline=None)
@given(st.data())
def test_rescored_agreements_match(data: st.DataObject) -> None:
    """The real agreements with their scores redrawn: the pure scoring and the arrays agree unit for unit."""
    path = data.draw(st.sampled_from([p for p in _agreements() if "scores" in p.read_text(encoding="utf-8")]))
    agreement = copy.deepcopy(load(path, path.name).data)
    for sheet in agreement["value_creation"]["scores"].values():
        sheet["weights"] = {k: data.draw(_WEIGHT.filter(bool)) for k in sheet["weights"]}
        sheet["options"] = {k: data.draw(_SCORE) for k in sheet["options"]}
    pure, reasons = score(agreement)
    arrays, _ = scoring(agreement)
    assert pure is not None and arrays is not None, reasons
    assert [c.tolist() for c in arrays.problem.contributions] == [[list(o) for o in i] for i in pure.contributions]


def test_reasons_and_notes_are_kept() -> None:
    data = {
        "id": "x",
        "preparation": {"parties": [{"id": "a", "name": "A"}, {"id": "b"}]},
        "value_creation": {
            "issues": [{"id": "i", "options": [{"id": "o1"}, {"id": "o2"}]}, {"id": "empty"}],
            "scores": {"a": {"weights": {"i": 1}, "options": {"o1": 10}}, "c": {"weights": {}}},
        },
    }
    assert score(data) == (
        None,
        ["'c' is scored but is not a party", "party 'a' weights issue 'i' but does not score 'o2'"],
    )
    data["value_creation"]["scores"] = {"a": {"weights": {"i": 1}, "options": {"o1": 10, "o2": 30}}}
    found, reasons = score(data)
    assert reasons == [] and found is not None
    assert found.notes == (
        "issue 'empty' has no options and is left out",
        "party 'a' states no reservation value; 0 is used",
    )
    assert found.contributions == (((10 * SCALE,), (30 * SCALE,)),)
    assert scoring(data)[0] is not None


def test_a_sheet_off_the_scale_is_refused_like_numpys() -> None:
    for weights, scores, reservation in (
        ([[-1.0]], [[[50.0]]], [0.0]),
        ([[1.0]], [[[150.0]]], [0.0]),
        ([[1.0]], [[[50.0]]], [101.0]),
        ([[0.0]], [[[50.0]]], [0.0]),
    ):
        with pytest.raises(ValueError):
            contributions(weights, scores, reservation)
        with pytest.raises(ValueError):
            Problem.from_scores(np.array(weights), [np.array(s) for s in scores], np.array(reservation))
