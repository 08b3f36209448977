#!/usr/bin/env python3
"""Generate synthetic Mutual Gains Approach agreements for benchmarks.

The output is deterministic for a given seed: the same command writes the same
bytes. Each agreement is about 300 lines of block-style YAML written directly
as text (no YAML library is used), shaped like the examples in ``agreements/``:
4-8 parties with interests and BATNAs, issues with options and packages,
criteria, allocations and justifications, terms, and a follow-through section
with dispute mechanisms, protocols, metrics and 4-6 failure scenarios; and,
like the real ones, score sheets for every party and an adopted package that
holds up against them (in the agreement, or for about a third in a score file
``ID.scores.yaml`` beside it; ``--no-scores`` leaves them out).

Every clean file is valid against ``schema/agreement.schema.json`` and has no
finding at all under ``mga validate`` (no error, no warning), whatever its
status. With ``--invalid-fraction F`` a share of the files instead carries one
realistic finding (a scenario without a metric, a dangling reference, a
metric without an owner, a misspelt key, an impossible date or a ladder that
ends without a decision), to measure the slow path of the validator.

Usage::

    python benchmarks/generate.py OUTDIR [-n 1000] [--seed 1] [--invalid-fraction 0.1] [--clean] [--no-scores]
    python benchmarks/generate.py OUTDIR --parties 5000 [--seed 1] [--clean]

With ``--parties N`` it writes instead one signed agreement with N parties, a
regional compact of municipalities and districts (``synthetic.many_parties``),
for the scale benchmark ``benchmarks/bench_scale.py``.

The file name of each agreement is its id plus ``.yaml``. This module is the
command line and the entry point that ``benchmarks/bench_validate.py`` imports;
the agreements are built by the package ``benchmarks/synthetic/``.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from synthetic import MUTATIONS, build, mutate, to_yaml, trim  # benchmarks/synthetic/, next to this file
from synthetic.many_parties import build_many
from synthetic.scores import add_scores, embedded_lines

from mga_tools.load import load_text
from mga_tools.model.canonical import fingerprint

SEPARATE_SCORES = 1 / 3  # share of the agreements whose scores are in a score file


@dataclass
class Generated:
    """One file written by :func:`generate`."""

    path: Path
    lines: int
    status: str
    mutation: str | None
    scores: Path | None = None  # the score file, when the scores are kept apart


def generate(
    outdir: Path,
    count: int,
    *,
    seed: int = 1,
    invalid_fraction: float = 0.0,
    prefix: str = "",
    budget: int = 270,
    spread: int = 40,
    scores: bool = True,
) -> list[Generated]:
    """Write ``count`` agreements into ``outdir``; returns what was written, in order.

    Each file gets a line budget drawn from ``budget ± spread``; optional details are left out until it
    fits. The structure (4-8 parties, 3-4 issues, 4-5 failure scenarios ...) is never cut, so larger
    agreements stay above their budget: the defaults give a mean of about 300 lines.

    With ``scores`` (the default), every agreement gets score sheets for its parties, as the real
    ones have, and an adopted package that is efficient and above every BATNA; the scores of
    about a third are written to a score file ``ID.scores.yaml`` beside it, the others into the
    agreement (``value_creation.scores``).
    """
    outdir.mkdir(parents=True, exist_ok=True)
    invalid_count = round(count * invalid_fraction)
    picked = sorted(random.Random(f"{seed}:invalid").sample(range(count), invalid_count))
    invalid = {number: MUTATIONS[k % len(MUTATIONS)] for k, number in enumerate(picked)}
    written: list[Generated] = []
    earlier: list[str] = []
    for number in range(count):
        rng = random.Random(f"{seed}:{number}")
        agreement = build(rng, prefix, number, earlier[-50:])
        lines = rng.randint(budget - spread, budget + spread)
        scoring = random.Random(f"{seed}:{number}:scores")  # its own draws: the rest is as without scores
        separate = scores and scoring.random() < SEPARATE_SCORES
        # Scores kept in the agreement take their lines from the same budget.
        trim(agreement.data, lines - (0 if separate or not scores else embedded_lines(agreement.data)))
        score_text = add_scores(agreement.data, scoring, separate=separate) if scores else None
        mutation = None
        if number in invalid:
            mutation = invalid[number]
            mutate(agreement, mutation, rng)
        text = seal(to_yaml(agreement.data), agreement.data)
        path = outdir / f"{agreement.ident}.yaml"
        path.write_text(text, encoding="utf-8")
        score_path = None
        if score_text is not None:
            score_path = outdir / f"{agreement.ident}.scores.yaml"
            score_path.write_text(score_text, encoding="utf-8")
        written.append(Generated(path, text.count("\n"), agreement.status, mutation, score_path))
        earlier.append(agreement.ident)
    return written


def generate_many_parties(outdir: Path, parties: int, *, seed: int = 1) -> Generated:
    """Write one signed, sealed agreement with ``parties`` parties into ``outdir`` (see ``synthetic.many_parties``)."""
    outdir.mkdir(parents=True, exist_ok=True)
    data = build_many(parties, seed)
    text = seal(to_yaml(data), data)
    path = outdir / f"{data['id']}.yaml"
    path.write_text(text, encoding="utf-8")
    return Generated(path, text.count("\n"), data["status"], None)


def seal(text: str, data: dict) -> str:
    """``text`` with a seal appended when the agreement is signed or amended, as ``mga seal`` would write it.

    The fingerprint is taken from the text read back by mga-tools' own reader,
    so it is exactly what the validator computes.
    """
    if data.get("status") not in ("signed", "amended"):
        return text
    loaded = load_text(text.encode("utf-8"), "generated.yaml").data
    history = {entry["status"]: entry["date"] for entry in data.get("status_history") or []}
    sealed_on = history.get("amended", history.get("signed"))
    amendments = len(data.get("amendments") or [])
    return text + f"seal:\n  fingerprint: {fingerprint(loaded)}\n  date: {sealed_on}\n  amendments: {amendments}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="folder to write the agreements to")
    parser.add_argument("-n", "--count", type=int, default=1000, help="number of agreements (default: 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--invalid-fraction", type=float, default=0.0, metavar="F",
        help="share of files that carry one realistic finding (default: 0)",
    )  # fmt: skip
    parser.add_argument("--clean", action="store_true", help="delete *.yaml files already in OUTDIR first")
    parser.add_argument("--no-scores", action="store_true", help="write no score sheets")
    parser.add_argument(
        "--parties", type=int, metavar="N", help="write one agreement with N parties instead (a regional compact)"
    )
    args = parser.parse_args(argv)
    if not 0 <= args.invalid_fraction <= 1:
        parser.error("--invalid-fraction must be between 0 and 1")
    existing = sorted(args.outdir.glob("*.yaml")) if args.outdir.is_dir() else []
    if existing:
        if not args.clean:
            parser.error(f"{args.outdir} already holds {len(existing)} .yaml files; pass --clean to replace them")
        for path in existing:
            path.unlink()
    if args.parties is not None:
        if args.parties < 4:
            parser.error("--parties must be at least 4")
        one = generate_many_parties(args.outdir, args.parties, seed=args.seed)
        print(f"wrote {one.path}: {args.parties} parties, {one.lines} lines")
        return 0
    written = generate(
        args.outdir, args.count, seed=args.seed, invalid_fraction=args.invalid_fraction, scores=not args.no_scores
    )
    lines = sorted(g.lines for g in written)
    mutated = [g for g in written if g.mutation]
    print(
        f"wrote {len(written)} agreements to {args.outdir}: lines min {lines[0]}, "
        f"median {lines[len(lines) // 2]}, mean {sum(lines) / len(lines):.0f}, max {lines[-1]}; "
        f"{len(mutated)} with a finding"
    )
    for g in mutated:
        print(f"  {g.path.name}: {g.mutation}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
