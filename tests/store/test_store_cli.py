from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

import polybius.cli.store_cmds  # noqa: F401  (registers the commands)
from polybius.cli.app import app
from polybius.store import EventStore

runner = CliRunner()


def test_query_formats_to_stdout_and_file(filled_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "--db", str(filled_db), "--dyad", "CHN,KAZ"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 4
    assert all(json.loads(line)["event_id"] for line in result.stdout.splitlines())

    result = runner.invoke(app, ["query", "--db", str(filled_db), "--format", "csv",
                                 "--type", "accuse", "--include-negated"])  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["event_id"] for r in rows} == {"d3:1:33", "d5:0:8"}

    out = tmp_path / "e.parquet"
    result = runner.invoke(app, ["query", "--db", str(filled_db), "-f", "parquet", "-o", str(out),
                                 "--from", "2022-02-01"])  # fmt: skip
    assert result.exit_code == 0 and pq.read_table(out).num_rows == 5

    result = runner.invoke(app, ["query", "--db", str(filled_db), "-f", "gdelt", "--limit", "2"])
    assert [len(line.split("\t")) for line in result.stdout.splitlines()] == [61, 61]


def test_query_rejects_bad_input(filled_db: Path, tmp_path: Path) -> None:
    bad = runner.invoke(app, ["query", "--db", str(filled_db), "--source", "CHN' OR 1=1 --"])
    assert bad.exit_code == 2 and "invalid source" in bad.stderr
    fmt = runner.invoke(app, ["query", "--db", str(filled_db), "-f", "xml"])
    assert fmt.exit_code == 2
    missing = runner.invoke(app, ["query", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no event store" in missing.stderr


def test_stats_json_and_table(filled_db: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(filled_db), "--format", "json"])
    figures = json.loads(result.stdout)
    assert figures["documents"] == 6 and figures["events"] == 11
    assert {"type": "ACCUSE", "events": 2} in figures["by_type"]
    assert [m["month"] for m in figures["by_month"]] == ["2022-01", "2022-02", "2022-03"]
    assert figures["top_dyads"][0] == {"a": "CHN", "b": "KAZ", "events": 4}
    table = runner.invoke(app, ["stats", "--db", str(filled_db)])
    assert table.exit_code == 0 and "CHN - KAZ" in table.stdout


def test_ingest_with_the_real_pipeline(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "date 2022-01-04\n\nPresident Xi Jinping met Kazakh President Kassym-Jomart Tokayev in "
        "Beijing on Monday. China will support Kazakhstan, Xi said.\n"
    )
    (corpus / "b.txt").write_text(
        "date 2022-02-10\n\nRussia accused Ukraine of shelling Donetsk.\n"
    )
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    db = tmp_path / "p.duckdb"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--batch-size", "1"])
    assert first.exit_code == 1, first.output  # the binary file failed
    assert "2 new, 0 already present, 1 failed" in first.stderr
    second = runner.invoke(
        app, ["ingest", str(corpus / "a.txt"), str(corpus / "b.txt"), "--db", str(db)]
    )
    assert second.exit_code == 0, second.output
    assert "0 new, 2 already present, 0 failed; events added: 0" in second.stderr
    with EventStore(db) as store:
        before = store.counts()
    assert before["documents"] == 2
    recoded = runner.invoke(app, ["recode", "--db", str(db)])
    assert recoded.exit_code == 0, recoded.output
    with EventStore(db, read_only=True) as store:
        assert store.counts() == before
