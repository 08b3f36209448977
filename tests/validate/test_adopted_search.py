"""ADOPTED-DOMINATED decides in plain Python, and says so honestly when its search runs out of budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from mga_tools.model import improvement
from mga_tools.model.utility import Scored
from mga_tools.validate import check_file, default_policy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mga_tools.model.improvement import Solver

CASES = Path(__file__).parent / "cases"
DOMINATED = CASES / "invalid" / "ADOPTED-DOMINATED" / "value-left-on-the-table.yaml"
EFFICIENT = CASES / "valid" / "ADOPTED-DOMINATED" / "efficient-package.yaml"


def _dominated(path: Path, solver: Solver | None = None) -> list[str]:
    found = check_file(path, path.name, default_policy(CASES), solver=solver)
    return [d.message for d in found if d.rule == "ADOPTED-DOMINATED"]


def test_out_of_budget_and_no_solver_the_question_is_left_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(improvement, "NODE_BUDGET", 0)
    assert _dominated(EFFICIENT) == [
        "could not decide within the validator's budget whether another package gives no party less than the "
        "adopted package 'first-package' and some party more (0 partial packages tried); "
        "`mga analyze efficient-package` decides it"
    ]


@pytest.mark.parametrize("path", [DOMINATED, EFFICIENT], ids=lambda p: p.stem)
def test_out_of_budget_the_solver_decides_as_the_search_does(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    searched = _dominated(path)
    asked: list[tuple[int, ...]] = []

    def solver(scored: Scored, choice: tuple[int, ...]) -> tuple[int, ...] | None:
        from mga_tools.analyze.solver import pareto_solver

        asked.append(choice)
        return pareto_solver(scored, choice)

    monkeypatch.setattr(improvement, "NODE_BUDGET", 0)
    assert _dominated(path, solver=solver) == searched
    assert asked


def test_within_budget_the_solver_is_not_asked() -> None:
    def solver(scored: Scored, choice: tuple[int, ...]) -> tuple[int, ...] | None:
        raise AssertionError("the search decides alone")

    assert len(_dominated(DOMINATED, solver=solver)) == 1
    assert _dominated(EFFICIENT, solver=solver) == []
