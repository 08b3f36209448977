"""The many-party agreement of the scale benchmark validates clean, and the benchmark's report adds up.

``benchmarks/generate.py --parties N`` writes one regional compact of N
members (``benchmarks/synthetic/many_parties.py``): in full detail while the
loader's limits allow it, in a lean form beyond. ``benchmarks/bench_scale.py``
builds it; here its report is checked on made-up figures, without building.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

from mga_tools.load import load
from mga_tools.validate import check_file, default_policy

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import bench_scale  # benchmarks/bench_scale.py
    import generate  # benchmarks/generate.py
    from synthetic.many_parties import build_many
finally:
    sys.path.remove(str(ROOT / "benchmarks"))


def _written(tmp_path: Path, parties: int) -> tuple[Path, dict]:
    one = generate.generate_many_parties(tmp_path, parties, seed=1)
    return one.path, load(one.path, one.path.name).data


def test_full_form_is_signed_and_clean(tmp_path: Path) -> None:
    path, data = _written(tmp_path, 40)
    assert check_file(path, path.name, default_policy(ROOT)) == []
    members = data["preparation"]["parties"]
    assert len(members) == 40 == len({m["name"] for m in members})
    assert all(m["interests"] and m["batna"] for m in members)
    assert data["status"] == "signed" and "seal" in data
    assert sorted(s["party"] for s in data["signatories"]) == sorted(m["id"] for m in members)
    everyone = {m["id"] for m in members}
    assert any(set(t["obligated"]) == everyone for t in data["terms"])
    assert any(t["obligated"] == [m["id"]] for t in data["terms"] for m in members)  # works of a member's own
    assert all(
        s["dispute_mechanisms"] and s["protocols"] and s["metrics"] for s in data["follow_through"]["failure_scenarios"]
    )


def test_five_thousand_parties_fit_the_loader_in_the_lean_form(tmp_path: Path) -> None:
    path, data = _written(tmp_path, 5000)
    assert check_file(path, path.name, default_policy(ROOT)) == []
    members = data["preparation"]["parties"]
    assert len(members) == 5000 == len({m["id"] for m in members})
    # The caucuses speak for their members: each member belongs to one that has interests and a BATNA.
    groups = data["preparation"]["groups"]
    assert sorted(p for g in groups for p in g["members"]) == sorted(m["id"] for m in members)
    assert all(g["interests"] and g["batna"] for g in groups)
    assert len(next(t for t in data["terms"] if t["id"] == "term-design-storm")["obligated"]) == 5000


def test_same_arguments_same_bytes(tmp_path: Path) -> None:
    first = generate.generate_many_parties(tmp_path / "a", 30, seed=4).path.read_bytes()
    assert generate.generate_many_parties(tmp_path / "b", 30, seed=4).path.read_bytes() == first
    assert generate.generate_many_parties(tmp_path / "c", 30, seed=5).path.read_bytes() != first


def test_too_many_parties_for_one_file_are_refused() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        build_many(6000)


def _run(tag: str, kind: str, count: int, wall: float, size: int) -> dict:
    run = {"rc": 0, "ok": True, "wall": wall, "cpu": wall, "rss_kib": 100_000, "bytes": size, "files": 10}
    label = f"{tag} {count} {kind}"
    return {"label": label, "tag": tag, "kind": kind, "count": count, "runs": [run], "stopped": False, **run}


def _results(large_wall: float) -> dict:
    facts = bench_scale.facts(("mga-tools", "mkdocs", "mkdocs-material"))
    return {
        "machine": facts, "command": "python benchmarks/bench_scale.py", "seed": 1, "repeats": 1, "timeout": 900,
        "lines": {100: 300.0, 1000: 300.0}, "compacts": {5000: {"lines": 16318, "status": "negotiating", "bytes": 8e5}},
        "many": [_run("current", "agreements", 100, 10.0, 10**8),
                 _run("current", "agreements", 1000, large_wall, 10**9)],
        "parties": [_run("current", "parties", 5000, 12.0, 10**7)],
        "baseline": {"rev": "HEAD", "commit": "abc1234", "many": [_run("baseline", "agreements", 100, 20.0, 3 * 10**8)],
                     "parties": []},
        "load_before": "0.10 0.10 0.10", "load_after": "1.00 1.00 1.00",
    }  # fmt: skip


def test_report_states_the_ratios_and_verdicts() -> None:
    page = bench_scale.markdown(_results(large_wall=95.0))
    assert page.startswith(bench_scale.START) and page.endswith(bench_scale.END)
    assert "time **0.95**, output **1.00** (target ≤ 1.10): **met**" in page
    assert "One agreement of 5000 parties: **12.00 s** (target < 20 s): **met**" in page
    assert "Against the baseline, 100 agreements: time **0.50**, output **0.33**" in page
    assert "baseline (abc1234): 100 agreements" in page
    slow = bench_scale.markdown(_results(large_wall=120.0))
    assert "time **1.20**, output **1.00** (target ≤ 1.10): **not met**" in slow
    assert "NOT met" in bench_scale.summary_table(_results(large_wall=120.0))
