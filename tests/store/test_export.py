from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from polybius.errors import QueryError
from polybius.store import EventFilter, EventStore, export_events
from polybius.store.export import GDELT_COLUMNS
from polybius.store.rows import EVENT_COLUMNS


def _export(db: Path, fmt: str, flt: EventFilter | None = None) -> bytes:
    out = io.BytesIO()
    with EventStore(db, read_only=True) as store:
        export_events(store, flt or EventFilter(), fmt, out)
    return out.getvalue()


def test_jsonl_is_the_event_contract(filled_db: Path) -> None:
    lines = _export(filled_db, "jsonl").decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 9  # negated and hypothetical events are left out by default
    assert {r["event_id"] for r in records}.isdisjoint({"d4:0:14", "d5:1:45"})
    assert records[0]["cameo"]["code"] and "versions" in records[0]


def test_csv_parses_with_csv_module(filled_db: Path) -> None:
    text = _export(filled_db, "csv", EventFilter(include_negated=True)).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 11 and list(rows[0]) == list(EVENT_COLUMNS)
    xss = next(r for r in rows if r["doc_id"] == "d6")
    assert xss["sentence_text"] == "Kazakhstan met China <script>alert(1)</script> & friends."
    assert {r["negated"] for r in rows} == {"true", "false"}


def test_parquet_reads_with_pyarrow(filled_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "e.parquet"
    path.write_bytes(_export(filled_db, "parquet", EventFilter.build(dyad="CHN,KAZ")))
    table = pq.read_table(path)
    assert table.num_rows == 4
    assert set(table.column("cameo_code").to_pylist()) == {"040", "051", "070"}
    assert "event_id" in table.column_names and "plover_context" in table.column_names


def test_gdelt_has_61_tab_separated_columns(filled_db: Path) -> None:
    lines = _export(filled_db, "gdelt").decode().splitlines()
    assert len(GDELT_COLUMNS) == 61 and len(lines) == 9
    rows = [line.split("\t") for line in lines]
    assert all(len(r) == 61 for r in rows)
    row = dict(
        zip(
            GDELT_COLUMNS, next(r for r in rows if r[26] == "040" and r[5] == "CHNGOV"), strict=True
        )
    )
    assert row["SQLDATE"] == "20220104" and row["MonthYear"] == "202201" and row["Year"] == "2022"
    assert row["Actor1CountryCode"] == "CHN" and row["Actor2Code"] == "KAZGOV"
    assert row["Actor1Type1Code"] == "GOV" and row["EventRootCode"] == "04"
    assert row["QuadClass"] == "1" and row["GoldsteinScale"] == "1.0" and row["NumMentions"] == "1"
    assert row["ActionGeo_FullName"] == "Astana, Kazakhstan" and row["ActionGeo_Type"] == "4"
    assert row["ActionGeo_CountryCode"] == "KZ"
    assert row["ActionGeo_Lat"] == "51.1801" and row["SOURCEURL"] == "https://example.org/d1"
    assert row["GLOBALEVENTID"].isdigit() and len(row["DATEADDED"]) == 14


def test_plover_records_follow_the_manual(filled_db: Path) -> None:
    records = [json.loads(x) for x in _export(filled_db, "plover").decode().splitlines()]
    consult = next(r for r in records if r["id"] == "d1:0:6")
    assert consult["date"] == "2022-01-04" and consult["event"] == ["CONSULT"]
    assert consult["actor"][0]["code"] == "CHN" and consult["actor"][0]["sector"] == "GOV"
    assert consult["recipient"][0]["entity_text"] == "Kazakhstan"
    assert consult["mode"] == ["visit"] and consult["context"] == ["diplomatic"]
    assert consult["quad_code"] == 1 and consult["event_text"] == ["met"]
    assert consult["event_loc"]["resolved_place"] == "Astana"
    assert consult["cite_info"]["url"] == "https://example.org/d1"
    statement = next(r for r in records if r["id"] == "d1:1:39")
    assert statement["event"] == [] and statement["recipient"] == []


def test_unknown_format_is_a_query_error(filled_db: Path) -> None:
    with pytest.raises(QueryError):
        _export(filled_db, "xml")
