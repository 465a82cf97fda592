"""`polybius extract`, `info`, `--version` and `eval` as a user runs them."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

import polybius.cli  # noqa: F401  (registers the commands)
from polybius.cli.app import app
from tests.conftest import SAMPLE

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("polybius ")


def test_info_json():
    result = runner.invoke(app, ["info", "--format", "json"])
    data = json.loads(result.stdout)
    assert {"version", "spacy_model", "python"} <= data.keys()
    import spacy

    spacy.load(data["spacy_model"])  # a name spacy.load accepts


def test_extract_stdin_jsonl():
    line = json.dumps({"id": "n1", "date": "2021-06-02", "text": "Germany condemned Belarus on Monday."})
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input=line + "\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert rows and rows[0]["doc_id"] == "n1"
    assert rows[0]["source"]["country"] == "DEU" and rows[0]["target"]["country"] == "BLR"
    assert rows[0]["date"] == "2021-05-31"


def test_bad_document_does_not_kill_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("date 2020-03-03\n\nFrance praised Germany.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01binary\xff")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(folder), "--format", "jsonl"])
    assert result.exit_code == 1  # documented: some document was skipped
    rows = [json.loads(x) for x in result.stdout.splitlines() if x.strip().startswith("{")]
    assert any(r["source"]["country"] == "FRA" for r in rows)
    assert "bad.txt" in result.stderr and "empty.txt" in result.stderr


def test_missing_date_is_a_warning_not_today(tmp_path):
    f = tmp_path / "nodate.txt"
    f.write_text("France praised Germany.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "--format", "jsonl"])
    assert result.exit_code == 0
    assert "warning" in result.stderr
    rows = [json.loads(x) for x in result.stdout.splitlines() if x.strip().startswith("{")]
    assert rows and all(r["date"] is None and r["date_precision"] == "unknown" for r in rows)


def test_extract_csv(tmp_path):
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["extract", str(SAMPLE), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and {"event_id", "source_country", "plover_type", "cameo_code", "date"} <= rows[0].keys()


def test_bad_format_is_a_usage_error():
    result = runner.invoke(app, ["extract", str(SAMPLE), "--format", "xml"])
    assert result.exit_code == 2


def test_unknown_model_is_a_clean_error():
    result = runner.invoke(app, ["extract", str(SAMPLE), "--model", "xx_nothing"])
    assert result.exit_code == 2
    assert "not installed" in result.stderr
