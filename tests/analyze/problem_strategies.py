"""Random small negotiation problems for the property tests, on coarse grids so that ties are common."""

from __future__ import annotations

from hypothesis import strategies as st

from mga_tools.analyze import Problem


@st.composite
def problems(draw: st.DrawFn, max_issues: int = 5, max_options: int = 4, max_parties: int = 4) -> Problem:
    """Scores in steps of 10, weights 0-3, reservation values in steps of 5: equal sums happen all the time."""
    n_parties = draw(st.integers(1, max_parties))
    n_issues = draw(st.integers(1, max_issues))
    options = draw(st.lists(st.integers(1, max_options), min_size=n_issues, max_size=n_issues))
    weights = [draw(st.lists(st.integers(0, 3), min_size=n_issues, max_size=n_issues)) for _ in range(n_parties)]
    for row in weights:
        if not any(row):
            row[draw(st.integers(0, n_issues - 1))] = 1
    scores = [[[10 * draw(st.integers(0, 10)) for _ in range(n_parties)] for _ in range(n)] for n in options]
    reservation = [5 * draw(st.integers(0, 14)) for _ in range(n_parties)]
    return Problem.from_scores(weights, scores, reservation)
