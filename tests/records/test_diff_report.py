"""Reporters of semantic diffs: Markdown that stays text, JSON that keeps types, text for terminals.

The exact output of each reporter for each case folder is checked in
``test_diff.py``; these tests check properties that must hold for any input,
above all that no value from YAML becomes markup in a pull-request comment.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from mga_tools.model.diff import AgreementDiff, diff_agreement
from mga_tools.records.diff_report import ELLIPSIS, REPORTERS, as_json, as_markdown, as_text
from mga_tools.render.convert import pandoc_path

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "a | b || c",
    "<img src=x onerror=alert(1)>",
    "**bold** _em_",
    "`code`",
    "<!-- hidden -->",
    "</summary></details><b>out</b>",
    "&amp; &lt;",
    "@someone #123 :smile: ~~strike~~ $x$",
    "https://example.com/",
]
SCENARIO = "<script>s</script>|"


def hostile() -> list[AgreementDiff]:
    """Hostile text in values, item ids, field names, weakening sentences, the agreement id and the paths."""
    scenario = {"id": SCENARIO, "description": "d", "metrics": ["m"]}
    old = {
        "id": "a",
        "title": "Old",
        "terms": [{"id": "t", "text": "plain", "serves": ["i"]}],
        "follow_through": {"metrics": [{"id": "m", "measure": "x"}], "failure_scenarios": [scenario]},
    }
    new = {
        "id": "a",
        "title": HOSTILE[4],
        "terms": [
            {"id": "t", "text": HOSTILE[0], "serves": [HOSTILE[1]], HOSTILE[2]: HOSTILE[3]},
            {"id": HOSTILE[7], "title": HOSTILE[1], "text": HOSTILE[4]},
            *({"id": f"h{n}", "text": value} for n, value in enumerate(HOSTILE)),
        ],
        "follow_through": {
            "metrics": old["follow_through"]["metrics"],
            "failure_scenarios": [{**scenario, "metrics": []}],
        },
    }
    return [
        diff_agreement(old, new, old_path="agreements/<b>a</b>.yaml", new_path="agreements/a|b.yaml"),
        diff_agreement({"id": HOSTILE[0]}, None, old_path="agreements/x.yaml"),
    ]


def gfm_html(markdown: str) -> str:
    """The Markdown as GitHub renders it (pandoc's GitHub-flavoured reader)."""
    command = [pandoc_path(), "-f", "gfm", "-t", "html", "--wrap=none"]
    return subprocess.run(command, input=markdown, capture_output=True, text=True, check=True).stdout


def test_reporters_by_name() -> None:
    assert set(REPORTERS) == {"text", "markdown", "json"}
    assert REPORTERS["text"] is as_text and REPORTERS["markdown"] is as_markdown and REPORTERS["json"] is as_json


# --- markdown -----------------------------------------------------------------------------------


def test_markdown_values_stay_text() -> None:
    markdown = as_markdown(hostile())
    soup = BeautifulSoup(gfm_html(markdown), "html.parser")
    allowed = {"h2", "p", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "strong", "ul", "li"}
    assert {tag.name for tag in soup.find_all(True)} <= allowed
    attributes = [tag.attrs for tag in soup.find_all(True) if tag.attrs and tag.name not in ("th", "td")]
    assert attributes == [{"id": "agreement-changes"}]  # the heading's anchor, made by the renderer
    shown = " ".join(soup.get_text(" ").split())
    assert [value for value in [*HOSTILE, SCENARIO, "agreements/<b>a</b>.yaml"] if value not in shown] == []


def test_markdown_tables_keep_their_shape() -> None:
    soup = BeautifulSoup(gfm_html(as_markdown(hostile())), "html.parser")
    overview, changes = soup.find_all("table")
    assert [len(row.find_all(["th", "td"])) for row in overview.find_all("tr")] == [5, 5, 5]
    rows = changes.find_all("tr")
    assert len(rows) == 1 + len(hostile()[0].changes)
    assert {len(row.find_all(["th", "td"])) for row in rows} == {6}


def test_markdown_layout() -> None:
    diffs = hostile()
    markdown = as_markdown(diffs)
    assert markdown.startswith("## Agreement changes\n\n1 agreement changed, 1 removed; ")  # heading, summary line
    assert markdown.count("<details>") == markdown.count("</details>") == 2
    # HTML blocks end at a blank line, so that Markdown inside <details> is rendered
    assert re.findall(r"</summary>\n(?!\n)", markdown) == []
    soup = BeautifulSoup(gfm_html(markdown), "html.parser")
    assert [s.get_text() for s in soup.find_all("summary")][1] == f"{HOSTILE[0]}: removed"
    assert len(soup.find_all("li")) == len(diffs[0].weakenings) + 1


def test_markdown_without_changes_or_agreements() -> None:
    same = diff_agreement({"id": "s"}, {"id": "s"}, old_path="s.yaml", new_path="s.yaml")
    markdown = as_markdown([same])
    assert "<details>" not in markdown and "| s | s\\.yaml | unchanged | unchanged | — |" in markdown
    assert as_markdown([]) == "## Agreement changes\n\nno agreements\n"


# --- json ---------------------------------------------------------------------------------------


def test_json_keeps_types_and_full_values() -> None:
    long_text = "word " * 2000
    old = {"id": "a", "metrics": [], "terms": [{"id": "t", "text": "x", "n": 1, "f": 1.5, "b": True, "l": ["p"]}]}
    new = {"id": "a", "terms": [{"id": "t", "text": long_text, "n": 2, "f": 2.0, "b": False, "l": ["p", {"k": None}]}]}
    diff = diff_agreement(old, new)
    document = json.loads(as_json([diff]))
    assert list(document) == ["version", "summary", "agreements"]
    (agreement,) = document["agreements"]
    keys = ["id", "kind", "old_path", "new_path", "renamed", "summary", "weakenings", "changes"]
    assert list(agreement) == keys
    for change, original in zip(agreement["changes"], diff.changes, strict=True):
        assert list(change) == ["kind", "section", "item", "field", "old", "new"]
        for side in ("old", "new"):
            assert change[side] == getattr(original, side)
            assert type(change[side]) is type(getattr(original, side))
    assert long_text in [c["new"] for c in agreement["changes"]]
    assert as_json([diff]) == as_json([diff])


def test_json_of_nothing() -> None:
    assert json.loads(as_json([])) == {"version": 1, "summary": "no agreements", "agreements": []}


# --- text ---------------------------------------------------------------------------------------


def test_text_prefixes_and_arrows() -> None:
    output = as_text(hostile())
    lines = output.splitlines()
    assert lines[0].startswith("a: title changed, 12 terms added, 1 term changed, 1 failure scenario changed")
    assert lines[0].endswith("(renamed from agreements/<b>a</b>.yaml)")
    assert lines[1:3] == ["  ~ agreement", '      title: "Old" -> "**bold** _em_"']
    assert f"  + term {HOSTILE[7]}: {json.dumps(HOSTILE[1])}" in lines
    at = lines.index(f"  ~ failure scenario {SCENARIO}")
    assert lines[at + 1] == "      metrics: -m"
    assert f"  ! weakens follow-through: removes the only metric of scenario {SCENARIO}" in lines
    assert f"      serves: -i +{HOSTILE[1]}" in lines
    assert lines[-1] == "1 agreement changed, 1 removed; follow-through weakened in a, <script>alert(1)</script>"


def test_text_shows_where_long_texts_differ() -> None:
    words = " ".join(f"w{n}" for n in range(300))
    diff = diff_agreement({"id": "a", "summary": words}, {"id": "a", "summary": words.replace("w150", "CHANGED")})
    (line,) = [line for line in as_text([diff]).splitlines() if "summary:" in line]
    old, new = line.split(" -> ")
    assert "w150" in old and "CHANGED" in new and "w0 " not in line and "w299" not in line
    assert old.count(ELLIPSIS) == new.count(ELLIPSIS) == 2


@pytest.mark.parametrize("control", ["\x1b[31m", "\n", "\r", "\u2028", "\x9b"])
def test_text_escapes_control_characters(control: str) -> None:
    diff = diff_agreement({"id": "a", "terms": []}, {"id": "a", "terms": [{"id": f"t{control}x", "text": control}]})
    output = as_text([diff])
    assert control not in output.replace("\n", "") if control == "\n" else control not in output
    assert len(output.splitlines()) == 4  # header, one item, blank line, summary


def test_text_of_nothing() -> None:
    assert as_text([]) == "no agreements\n"


# --- facts recorded as not known ------------------------------------------------------------------

STEP = {"kind": "negotiation", "who": "The parties"}
GAP = {"gap": "not-in-sources", "reason": "The treaty sets no time limit.", "consulted": ["treaty-text"]}


def _revisions(old_limit: object, new_limit: object) -> list[AgreementDiff]:
    """Two revisions of one agreement whose only difference is the time limit of step 1 of ladder 'x'."""

    def revision(limit: object) -> dict[str, object]:
        step = {**STEP, "time_limit": limit} if limit is not None else dict(STEP)
        return {"id": "a", "follow_through": {"dispute_mechanisms": [{"id": "x", "title": "Ladder", "steps": [step]}]}}

    return [diff_agreement(revision(old_limit), revision(new_limit))]


def test_a_gap_filled_between_two_revisions_is_said_in_words() -> None:
    diffs = _revisions(GAP, "30 days")
    assert [(c.field, c.gap) for c in diffs[0].changes] == [("steps.1.time_limit", "filled")]
    line = "time_limit of step 1 of 'x': filled (was not recorded: The treaty sets no time limit.) -> \"30 days\""
    assert line in as_text(diffs).splitlines()[2]
    assert "| filled | steps\\.1\\.time\\_limit | filled \\(was not recorded&#58; The treaty" in as_markdown(diffs)
    change = json.loads(as_json(diffs))["agreements"][0]["changes"][0]
    assert change["gap"] == "filled" and change["old"] == GAP and change["new"] == "30 days"


def test_a_value_replaced_by_a_gap_is_now_not_known() -> None:
    diffs = _revisions("30 days", GAP)
    text = as_text(diffs)
    line = "time_limit of step 1 of 'x': now recorded as not known (The treaty sets no time limit.); was \"30 days\""
    assert line in text
    assert "now not known" in as_markdown(diffs)
    assert json.loads(as_json(diffs))["agreements"][0]["changes"][0]["gap"] == "unrecorded"


def test_a_gap_is_one_value_never_its_keys() -> None:
    other = {**GAP, "reason": "Not stated anywhere."}
    changes = _revisions(GAP, other)[0].changes
    assert [(c.field, c.gap) for c in changes] == [("steps.1.time_limit", "gap")]
    assert 'reason now "Not stated anywhere." (was "The treaty sets no time limit.")' in as_text(_revisions(GAP, other))
    assert _revisions(GAP, dict(GAP))[0].kind == "unchanged"
    # A gap added where nothing was recorded reads as not known; a gap dropped without a value is a plain removal.
    assert _revisions(None, GAP)[0].changes[0].gap == "unrecorded"
    assert _revisions(GAP, None)[0].changes[0].gap is None


def test_gap_reasons_stay_text_in_markdown() -> None:
    hostile = {**GAP, "reason": "<script>x</script> | **b**"}
    markdown = as_markdown(_revisions(hostile, "30 days"))
    assert "<script>" not in markdown and "**b**" not in markdown
