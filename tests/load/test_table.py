"""The observations CSV reader: cells with their positions, hostile files reported, never evaluated."""

from __future__ import annotations

from pathlib import Path

import pytest

from mga_tools.load import PRECISE, load
from mga_tools.load.document import Document
from mga_tools.load.records import observations, observations_in
from mga_tools.load.table import COLUMNS, RULE, load_table, read_table, split_rows

HEADER = ",".join(COLUMNS) + "\n"


def _read(raw: bytes) -> Document:
    return read_table(raw, Document(path=Path("x.observations.csv"), display="x.observations.csv"), agreement="x")


def _found(doc: Document) -> list[str]:
    return [d.format() for d in doc.diagnostics]


def test_cells_keep_their_line_and_column() -> None:
    rows = split_rows('a,"b\nc",d\r\n\n"e ""f""",,\n')
    assert rows == [[("a", 1, 1), ("b\nc", 1, 3), ("d", 2, 4)], [('e "f"', 4, 1), ("", 4, 11), ("", 4, 12)]]


def test_a_row_reads_as_an_observation_located_at_its_cells() -> None:
    doc = _read((HEADER + "m,2025-Q1,12.5,percent,a,2025-04-10,https://x.example/r,b,seen\n").encode())
    assert _found(doc) == []
    assert doc.data == {
        "agreement": "x",
        "observations": [
            {
                "metric": "m",
                "period": "2025-Q1",
                "value": 12.5,
                "unit": "percent",
                "reported_by": "a",
                "reported_on": "2025-04-10",
                "evidence": {"url": "https://x.example/r"},
                "verified_by": "b",
                "note": "seen",
            }
        ],
    }
    assert doc.position(("observations", 0, "value")) == (2, 11)
    assert doc.position(("observations", 0, "evidence", "url")) == (2, 37)


def test_columns_in_any_order_and_optional_ones_left_out() -> None:
    doc = _read(b"value,metric,period,reported_on,reported_by\n7,m,2025,2026-01-05,a\n")
    assert doc.data["observations"] == [
        {"metric": "m", "period": "2025", "value": 7, "reported_by": "a", "reported_on": "2026-01-05"}
    ]
    assert doc.position(("observations", 0, "metric")) == (2, 3)


def test_an_empty_value_is_a_gap_whose_reason_is_the_note() -> None:
    doc = _read(
        (
            HEADER + "m,2025-Q1,,,a,2025-04-10,,,The meter was broken.\nm,2025-Q2,gap:withheld,,a,2025-07-10,,,\n"
        ).encode()
    )
    first, second = doc.data["observations"]
    assert first["value"] == {"gap": "unknown", "reason": "The meter was broken."} and "note" not in first
    assert second["value"] == {"gap": "withheld"}


def test_formula_looking_cells_stay_text() -> None:
    doc = _read((HEADER + '=SUM(A1:A3),2025-Q1,=1+1,,a,2025-04-10,@cmd,,"=HYPERLINK(""x"")"\n').encode())
    (row,) = doc.data["observations"]
    assert (row["metric"], row["value"], row["evidence"], row["note"]) == (
        "=SUM(A1:A3)",
        "=1+1",
        "@cmd",
        '=HYPERLINK("x")',
    )


def test_a_hash_and_a_file_are_evidence() -> None:
    digest = "ab" * 32
    doc = _read((HEADER + f"m,2025,1,,a,2026-01-05,sha256:{digest} report 2025.pdf,,\n").encode())
    assert doc.data["observations"][0]["evidence"] == {"sha256": digest, "file": "report 2025.pdf"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"",
            "x.observations.csv:1:1: error CSV-FORMAT no header row; the first line names the columns: "
            + HEADER.strip(),
        ),
        (b"\xff\xfem\x00", "x.observations.csv:1:1: error CSV-FORMAT file is encoded as UTF-16; save it as UTF-8"),
        (
            HEADER.encode() + b"m,2025,\xe9t\xe9,,a,2026-01-05,,,\n",
            "x.observations.csv:2:8: error CSV-FORMAT invalid UTF-8 byte(s) e9; save the file as UTF-8",
        ),
        (
            HEADER.encode() + b"m,2025,1,,a,2026-01-05,,,\x00\n",
            "x.observations.csv:2:26: error CSV-FORMAT NUL character",
        ),
        (
            HEADER.encode() + b'm,"2025"x,1,,a,2026-01-05,,,\n',
            "x.observations.csv:2:9: error CSV-FORMAT text after a quoted cell's closing quote; quote the whole cell",
        ),
        (
            b"metric,period,value,reported_by\n",
            "x.observations.csv:1:1: error CSV-FORMAT the header lacks the column 'reported_on'",
        ),
        (
            b"metric,metric,period,value,reported_by,reported_on\n",
            "x.observations.csv:1:8: error CSV-FORMAT column 'metric' is named twice",
        ),
        (
            HEADER.encode() + b"m,2025\n",
            "x.observations.csv:2:3: error CSV-FORMAT a row of 2 cells under a header of 9",
        ),
    ],
)
def test_hostile_files_are_reported_at_their_position(raw: bytes, expected: str) -> None:
    doc = _read(raw)
    assert _found(doc) == [expected]
    assert RULE in expected


def test_a_byte_order_mark_is_accepted() -> None:
    doc = _read(b"\xef\xbb\xbf" + (HEADER + "m,2025,1,,a,2026-01-05,,,\n").encode())
    assert _found(doc) == [] and doc.data["observations"][0]["metric"] == "m"


def test_the_agreement_is_named_by_the_file(tmp_path: Path) -> None:
    path = tmp_path / "harbour-access.observations.csv"
    path.write_text(HEADER, encoding="utf-8")
    assert load_table(path, "shown.csv").data == {"agreement": "harbour-access", "observations": []}


YAML = """agreement: harbour-access
observations:
  - metric: meetings-held
    period: 2025-Q2
    value: 3
    unit: meetings
    reported_by: party-a
    reported_on: 2025-07-10
    evidence: {url: "https://harbour.example/minutes"}
    verified_by: party-b
    note: "Two, then one: \\"late\\", with a comma"
  - metric: meetings-held
    period: 2025-Q3
    value: {gap: unknown, reason: The minutes were lost.}
    reported_by: party-a
    reported_on: 2025-10-20
  - metric: berth-conflicts
    period: 2025-07
    value: triggered
    reported_by: party-b
    reported_on: 2025-08-04
    evidence: {sha256: %s, file: log.pdf}
""" % ("0f" * 32)
CSV = (
    HEADER
    + "meetings-held,2025-Q2,3,meetings,party-a,2025-07-10,https://harbour.example/minutes,party-b,"
    + '"Two, then one: ""late"", with a comma"\n'
    + "meetings-held,2025-Q3,,,party-a,2025-10-20,,,The minutes were lost.\n"
    + f"berth-conflicts,2025-07,triggered,,party-b,2025-08-04,sha256:{'0f' * 32} log.pdf,,\n"
)


def test_csv_and_yaml_of_the_same_data_read_back_the_same(tmp_path: Path) -> None:
    (tmp_path / "harbour-access.observations.yaml").write_text(YAML, encoding="utf-8")
    (tmp_path / "harbour-access.observations.csv").write_text(CSV, encoding="utf-8")
    from_yaml = load(tmp_path / "harbour-access.observations.yaml", reader=PRECISE)
    from_csv = load_table(tmp_path / "harbour-access.observations.csv")
    assert from_yaml.diagnostics == from_csv.diagnostics == []
    assert from_yaml.data == from_csv.data
    assert [o._replace(at=None) for o in observations_in(from_yaml)] == [
        o._replace(at=None) for o in observations_in(from_csv)
    ]
    (tmp_path / "harbour-access.yaml").write_text("id: harbour-access\n", encoding="utf-8")
    both = observations(tmp_path / "harbour-access.yaml", "agreements/harbour-access.yaml")
    assert [(o.period, o.at) for o in both][:1] == [("2025-Q2", ("agreements/harbour-access.observations.yaml", 3, 5))]
    assert both[3].at == ("agreements/harbour-access.observations.csv", 2, 1)
