"""The plain report: one line per finding, a line per agreement that records facts as not known, then a summary."""

from __future__ import annotations

from mga_tools.diagnostics import Report
from mga_tools.terminal import escaped, quoted_path

# How many kinds of fact a gap line names before it says how many more there are.
_KINDS_SHOWN = 6
# Field name -> (singular, plural) as a gap line says it; other fields are named by their key, with an "s".
_NAMES = {
    "batna": ("BATNA", "BATNAs"),
    "interests": ("list of interests", "lists of interests"),
    "agreed_by": ("list of agreeing parties", "lists of agreeing parties"),
    "approved_by": ("list of approving parties", "lists of approving parties"),
    "members": ("list of members", "lists of members"),
    "due": ("due date", "due dates"),
    "text": ("justification", "justifications"),
    "who": ("step's who", "steps' who"),
    "from": ("sender", "senders"),
    "to": ("recipient", "recipients"),
    "what": ("protocol's what", "protocols' what"),
    "measured_by": ("measurer", "measurers"),
    "effective": ("effective date", "effective dates"),
    "expires": ("expiry date", "expiry dates"),
    "entry_into_force": ("entry into force", "entries into force"),
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _field(name: str, n: int) -> str:
    one, many = _NAMES.get(name, (name.replace("_", " "), name.replace("_", " ") + "s"))
    return f"{n} {one if n == 1 else many}"


def gap_line(path: str, counts: dict[str, int]) -> str:
    """``agreements/x.yaml: 12 facts not recorded (4 time limits, 3 owners, ...)``, most frequent first."""
    total = sum(counts.values())
    kinds = sorted(counts.items(), key=lambda item: -item[1])  # stable: ties keep the order of the file
    shown = ", ".join(_field(name, n) for name, n in kinds[:_KINDS_SHOWN])
    if len(kinds) > _KINDS_SHOWN:
        shown += f" and {len(kinds) - _KINDS_SHOWN} more"
    noun = "fact" if total == 1 else "facts"
    # Field names come from the file: escaped like every other text an author wrote.
    return f"{quoted_path(path)}: {total} {noun} not recorded ({escaped(shown)})"


def summary(report: Report) -> str:
    """``3 files checked: 2 errors, 1 warning`` (or ``no problems``)."""
    files = _plural(len(report.files), "file")
    if not report.diagnostics:
        return f"{files} checked: no problems"
    return f"{files} checked: {_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"


def text(report: Report) -> str:
    """Every diagnostic as ``path:line:col: severity RULE-ID message``, the gap lines, then the summary."""
    lines = [d.format() for d in report.diagnostics]
    lines.extend(gap_line(path, report.gaps[path]) for path in report.files if report.gaps.get(path))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
