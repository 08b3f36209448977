#!/usr/bin/env python3
"""Benchmark PDF signatures: the time one signature adds, against rendering the unsigned PDF.

For every agreement in ``agreements/`` (the repository's examples):

1. Renders the unsigned PDF in-process (``mga_tools.render.batch.render``, with
   the agreement's YAML attached and the empty signature fields added), the
   median of ``--repeats`` runs.
2. Signs every signature field in turn, in-process, each with its own
   certificate from a throwaway certificate authority
   (``tests/records/pdf_kit.py``): opening the PKCS#12 file and the PAdES
   signature (``mga_tools.records.pdf_sign``), one timing per signer; the
   signed PDF is then checked with ``mga_tools.records.pdf_verify`` (every
   field valid and trusted) so that only working signatures are counted.
3. For the sealed example (``river-basin-water-sharing``), ``mga sign --pdf``
   as a user runs it, a subprocess per signer in turn, in a copy of the
   project: the wall clock includes Python's start and the validation of the
   agreement, which every signature by command pays.

Target: one signature adds under 1 s per signer (in-process; the command's fixed
cost of starting Python and loading pyHanko is reported beside it).

Prints a table, writes ``benchmarks/out/sign/results.json`` and, unless
``--no-doc``, the Markdown section between ``<!-- bench_sign:start -->`` and
``<!-- bench_sign:end -->`` in ``docs/performance.md``. Run it with the
virtualenv's Python::

    .venv/bin/python benchmarks/bench_sign.py            # about a minute on two cores
    .venv/bin/python benchmarks/bench_sign.py --no-doc   # the same, docs untouched
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "records"))

import pdf_kit  # noqa: E402  (tests/records/pdf_kit.py: the throwaway certificate authority)
from machine import facts  # noqa: E402  (benchmarks/machine.py)
from results import executable, publish  # noqa: E402  (benchmarks/results.py)

START = "<!-- bench_sign:start -->"
END = "<!-- bench_sign:end -->"
TARGET = 1.0  # seconds one signature may add
SEALED = "river-basin-water-sharing"
PASSPHRASE_ENV = "MGA_BENCH_PASSPHRASE"


def _signer_name(slot: object) -> str:
    return getattr(slot, "name", "") or f"Signatory of {getattr(slot, 'party', '')}"


def measure_agreement(path: Path, kit: Path, ca: pdf_kit.Authority, repeats: int) -> dict:
    """Render ``path`` unsigned ``repeats`` times, then sign each of its fields in turn (in-process)."""
    from mga_tools.load import load
    from mga_tools.model import Agreement
    from mga_tools.records.pdf_fields import slots
    from mga_tools.records.pdf_sign import field_states, load_key, sign_field
    from mga_tools.records.pdf_verify import verify_pdf
    from mga_tools.render.batch import render

    data = load(path).data
    source = path.read_bytes()
    out = kit / f"{path.stem}.pdf"
    renders = []
    for _ in range(repeats):
        began = time.perf_counter()
        render(Agreement(data), "pdf", out, source=source)
        renders.append(time.perf_counter() - began)
    pdf = out.read_bytes()
    unsigned = len(pdf)
    present = {state.name for state in field_states(pdf)}
    signs = []
    for slot in slots(data):
        if slot.field not in present:
            continue
        key = pdf_kit.signer(kit, ca, _signer_name(slot))
        began = time.perf_counter()
        pdf = sign_field(pdf, slot.field, load_key(key, pdf_kit.PASSPHRASE))
        signs.append(time.perf_counter() - began)
    out.write_bytes(pdf)
    report = verify_pdf(out, trust=[ca.pem])
    if not all(check.ok and check.trusted for check in report.fields):
        sys.exit(f"bench_sign: a signature of {path.name} does not verify: {report.fields}")
    return {
        "id": path.stem,
        "bytes_unsigned": unsigned,
        "bytes_signed": len(pdf),
        "render": statistics.median(renders),
        "signers": len(signs),
        "sign_median": statistics.median(signs) if signs else 0.0,
        "sign_max": max(signs) if signs else 0.0,
    }


def measure_command(kit: Path, ca: pdf_kit.Authority) -> dict:
    """``mga sign --pdf`` for each signatory of the sealed example in turn, in a copy of the project."""
    from mga_tools.load import load
    from mga_tools.records.pdf_fields import slots

    mga = executable("mga", "bench_sign")
    project = Path(tempfile.mkdtemp(prefix="mga-bench-sign-"))
    try:
        folder = project / "agreements"
        folder.mkdir()
        shutil.copy(ROOT / "agreements" / f"{SEALED}.yaml", folder)
        data = load(folder / f"{SEALED}.yaml").data
        env = {**os.environ, PASSPHRASE_ENV: pdf_kit.PASSPHRASE.decode()}
        times = []
        for slot in slots(data):
            key = pdf_kit.signer(kit, ca, _signer_name(slot))
            command = [mga, "sign", SEALED, "--pdf", "--key", str(key), "--party", slot.party]
            command += ["--passphrase-env", PASSPHRASE_ENV]
            began = time.perf_counter()
            done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)
            times.append(time.perf_counter() - began)
            if done.returncode != 0:
                sys.exit(f"bench_sign: {' '.join(command)} failed: {done.stderr}")
        # The first command also rendered the PDF: it is reported apart.
        return {"id": SEALED, "first": times[0], "signers": len(times), "later_median": statistics.median(times[1:])}
    finally:
        shutil.rmtree(project, ignore_errors=True)


def summary_table(res: dict) -> str:
    lines = [f"{'agreement':<45} {'render':>8} {'signers':>8} {'sign med':>9} {'sign max':>9} {'ratio':>6}"]
    for row in res["agreements"]:
        ratio = row["sign_median"] / row["render"]
        lines.append(
            f"{row['id']:<45} {row['render']:>7.3f}s {row['signers']:>8} {row['sign_median']:>8.3f}s "
            f"{row['sign_max']:>8.3f}s {ratio:>6.3f}"
        )
    c = res["command"]
    lines.append(
        f"mga sign --pdf ({c['id']}): first {c['first']:.2f} s (renders the PDF too), "
        f"then {c['later_median']:.2f} s per signer (median of {c['signers'] - 1})"
    )
    return "\n".join(lines)


def markdown(res: dict) -> str:
    m = res["machine"]
    worst = max(row["sign_max"] for row in res["agreements"])
    c = res["command"]
    met = "met" if worst < TARGET else "NOT met"
    out = [
        START,
        "<!-- Generated by benchmarks/bench_sign.py; edit outside the markers. -->",
        "",
        f"## PDF signature results of {m['date']}",
        "",
        f"- Machine: {m['usable_cpus']} CPUs usable ({m['nproc']} in all), {m['cpu']}, {m['memory']} RAM; {m['os']}",
        f"- {m['python']}",
        "- "
        + ", ".join(f"{name} {version}".replace("pandoc pandoc", "pandoc") for name, version in m["versions"].items())
        + f"; mga-tools at commit {m['commit']}",
        f"- Command: `{res['command_line']}`; render times are the median of {res['repeats']} runs",
        "",
        "Each agreement of `agreements/` rendered as the unsigned PDF (in-process, YAML attached, empty "
        "signature fields added), then every field signed in turn with its own certificate (in-process: "
        "opening the PKCS#12 file and adding the PAdES signature); the signed PDF is verified before it counts.",
        "",
        "| Agreement | Unsigned PDF | Signers | Signature (median) | Signature (slowest) | Signature / render |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in res["agreements"]:
        out.append(
            f"| {row['id']} | {row['render']:.3f} s | {row['signers']} | {row['sign_median'] * 1000:.0f} ms "
            f"| {row['sign_max'] * 1000:.0f} ms | {row['sign_median'] / row['render']:.3f} |"
        )
    out += [
        "",
        f"`mga sign {c['id']} --pdf` as a user runs it, each of the {c['signers']} signatories in turn: the first "
        f"command takes {c['first']:.2f} s (it renders the PDF too), each later one {c['later_median']:.2f} s "
        "(median; Python's start and the validation of the agreement included).",
        "",
        f"Target: a signature adds under {TARGET:.0f} s per signer: **{met}** (slowest signature "
        f"{worst * 1000:.0f} ms). A command pays besides a fixed cost that does not grow with the signers or "
        "the document: starting Python, loading pyHanko (about 0.5 s) and validating the agreement.",
        "",
        END,
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="renders of each unsigned PDF; the median is reported")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--workdir", type=Path, default=HERE / "out" / "sign")
    args = parser.parse_args(argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    args.workdir.mkdir(parents=True, exist_ok=True)
    kit = args.workdir / "kit"
    shutil.rmtree(kit, ignore_errors=True)
    kit.mkdir()
    ca = pdf_kit.authority(kit)
    from mga_tools.render import convert

    res: dict = {
        "machine": facts(("mga-tools", "pyhanko", "typst"), {"pandoc": convert.tool_versions().split(";")[0]}),
        "repeats": args.repeats,
        "command_line": " ".join(["python benchmarks/bench_sign.py", *(argv if argv is not None else sys.argv[1:])]),
    }
    res["agreements"] = [
        measure_agreement(path, kit, ca, args.repeats) for path in sorted((ROOT / "agreements").glob("*.yaml"))
    ]
    res["command"] = measure_command(kit, ca)
    doc = None if args.no_doc else ROOT / "docs" / "performance.md"
    section = markdown(res) if doc is not None else None
    publish(res, args.workdir / "results.json", summary_table(res), doc, section, (START, END))
    return 0


if __name__ == "__main__":
    sys.exit(main())
