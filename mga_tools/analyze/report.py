"""Reporters for ``mga analyze``: one function per output format, from the analysis' plain data."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from typing import Any

from mga_tools import markdown as md
from mga_tools.model.scores import (
    FAIR_POINT_MEANINGS,
    FAIR_POINT_TECHNICAL_NAMES,
    FAIR_POINT_TITLES,
    merged_fair_points,
)
from mga_tools.model.scores import merged_title as _title
from mga_tools.terminal import escaped

Reporter = Callable[[dict[str, Any]], str]


def _gains(package: dict[str, Any]) -> str:
    return ", ".join(f"{p} {u:.2f} ({package['gains'][p]:+.2f})" for p, u in package["utilities"].items())


def meanings() -> list[tuple[str, str]]:
    """Each fair point's title, and one sentence on what it is, naming what negotiation analysis calls it."""
    return [
        (title, f"{FAIR_POINT_MEANINGS[key]} (Also called the {FAIR_POINT_TECHNICAL_NAMES[key]}.)")
        for key, title in FAIR_POINT_TITLES.items()
    ]


def verdicts(adopted: dict[str, Any]) -> list[str]:
    """Sentences on the adopted package: does it beat every BATNA, is it efficient, and what would be better."""
    if not adopted["complete"]:
        return [f"The adopted package {adopted['id']} does not pick exactly one option per issue: it is not evaluated."]
    below = adopted["below_batna"]
    found = [
        "It beats every party's BATNA."
        if not below
        else "It is below the BATNA of " + ", ".join(below) + ": they would rather walk away."
    ]
    better = adopted["improvement"]
    if better is None:
        found.append("It is Pareto-efficient: no package gives every party as much and one of them more.")
    else:
        more = ", ".join(f"{p} {better['utilities'][p] - u:+.2f}" for p, u in adopted["utilities"].items())
        found.append(
            "It leaves value on the table: the package " + ", ".join(better["options"].values()) + f" gives {more}."
        )
    return found


def _adopted_lines(adopted: dict[str, Any]) -> list[str]:
    head = f"Adopted package {adopted['id']}" + (f": {_gains(adopted)}" if adopted["complete"] else "")
    return [head, *(f"  {line}" for line in verdicts(adopted))]


def as_text(data: dict[str, Any]) -> str:
    """A plain-text report for a terminal."""
    parties = data["parties"]
    lines = [
        f"{data['agreement']}: {len(parties)} scored parties, {len(data['issues'])} issues, "
        f"{data['packages']} packages",
        "Reservation values (BATNA): "
        + ", ".join(
            f"{p['id']} {p['reservation_value']:.2f}" + ("" if p["reservation_given"] else " (not stated)")
            for p in parties
        ),
        f"Pareto frontier: {data['frontier']['count']} packages; "
        f"zone of possible agreement: {data['zone_of_agreement']['count']} packages",
        "",
        "Fair points (score and gain over the BATNA per party; points that pick the same package share a line):",
    ]
    merged = merged_fair_points(data["fair_points"])
    for keys, point in merged:
        lines += [f"  {_title(keys)}", "    " + ", ".join(point["options"].values()), "    " + _gains(point)]
    if not merged:
        lines.append("  none: no package gives every party its BATNA")
    lines += ["", "What the fair points are:", *(f"  {title}: {line}" for title, line in meanings())]
    if data["adopted"] is not None:
        lines += ["", *_adopted_lines(data["adopted"])]
    zone, best = data["zone_of_agreement"]["count"], data["zone_of_agreement"]["by_total_gain"]
    if best:
        lines += ["", f"Zone of possible agreement, by total gain ({len(best)} of {zone}):"]
        for rank, package in enumerate(best, 1):
            lines += [f"  {rank}. " + ", ".join(package["options"].values()), "     " + _gains(package)]
    if data["notes"]:
        lines += ["", "Notes:", *(f"  - {note}" for note in data["notes"])]
    # Ids, titles and option names are the agreement author's text: each line stays one line.
    return "\n".join(escaped(line) for line in lines) + "\n"


def _table(data: dict[str, Any], rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    parties = [p["id"] for p in data["parties"]]
    head = "| Package | Options | " + " | ".join(md.text(p) for p in parties) + " |"
    lines = [head, "|" + "---|" * (2 + len(parties))]
    for label, package in rows:
        cells = [f"{package['utilities'][p]:.2f} ({package['gains'][p]:+.2f})" for p in parties]
        options = ", ".join(md.text(o) for o in package["options"].values())
        lines.append(f"| {label} | {options} | " + " | ".join(cells) + " |")
    return lines


def as_markdown(data: dict[str, Any]) -> str:
    """A Markdown report (every value from the agreement escaped), e.g. for a job summary."""
    lines = [
        f"### Analysis of {md.text(data['agreement'])}",
        "",
        f"{len(data['parties'])} scored parties, {len(data['issues'])} issues, {data['packages']} packages; "
        f"Pareto frontier: {data['frontier']['count']} packages; "
        f"zone of possible agreement: {data['zone_of_agreement']['count']} packages.",
        "",
        "| Party | Reservation value (BATNA) |",
        "|---|---|",
        *(f"| {md.text(p['name'])} ({md.text(p['id'])}) | {p['reservation_value']:.2f} |" for p in data["parties"]),
        "",
        "Each party's score of the package (0–100), with its gain over its BATNA in brackets:",
        "",
    ]
    rows = [(md.text(_title(keys)), point) for keys, point in merged_fair_points(data["fair_points"])]
    adopted = data["adopted"]
    if adopted is not None and adopted["complete"]:
        rows.append((f"Adopted: {md.text(adopted['id'])}", adopted))
        if adopted["improvement"] is not None:
            rows.append(("Better than the adopted one", adopted["improvement"]))
    lines += _table(data, rows) if rows else ["No package gives every party its BATNA."]
    if adopted is not None:
        lines += ["", *(f"- {md.text(line)}" for line in verdicts(adopted))]
    if rows:
        lines += [
            "",
            "What the fair points are:",
            "",
            *(f"- **{md.text(t)}**: {md.text(line)}" for t, line in meanings()),
        ]
    if data["notes"]:
        lines += ["", *(f"- {md.text(note)}" for note in data["notes"])]
    return "\n".join(lines) + "\n"


def as_json(data: dict[str, Any]) -> str:
    """Everything, as JSON: indented, with each package of the frontier and the zone on one line.

    Those listings run to hundreds of thousands of packages: one line each
    keeps the output readable, greppable and a fraction of the size, and
    each line is written by the C encoder, several times faster than the
    indenting one.
    """
    nonce = secrets.token_hex(16)  # stands for a listing in the skeleton; nothing in the data can guess it
    listings: dict[str, list[dict[str, Any]]] = {}
    skeleton = dict(data)
    for key in ("frontier", "zone_of_agreement"):
        if "packages" in data[key]:
            listings[f"{nonce}-{key}"] = data[key]["packages"]
            skeleton[key] = data[key] | {"packages": f"{nonce}-{key}"}
    text = json.dumps(skeleton, indent=2, ensure_ascii=False)
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps would build one per package
    for marker, packages in listings.items():
        lines = ",\n".join("      " + encode(package) for package in packages)
        text = text.replace(f'"{marker}"', "[\n" + lines + "\n    ]" if packages else "[]", 1)
    return text + "\n"


REPORTERS: dict[str, Reporter] = {"text": as_text, "markdown": as_markdown, "json": as_json}
