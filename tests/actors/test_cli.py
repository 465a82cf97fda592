"""``polybius actor``: single mentions, batches, overlays."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import polybius.cli.actor_cmd  # noqa: F401  (registers the command)
from polybius.cli.app import app

runner = CliRunner()
FIELDS = {"text", "country", "sector", "code", "name", "kb_id", "kind", "role"}


def test_single_mention_json() -> None:
    result = runner.invoke(app, ["actor", "Chinese troops"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= FIELDS
    assert (data["country"], data["sector"], data["code"]) == ("CHN", "MIL", "CHNMIL")


def test_single_mention_with_date_picks_the_office_holder() -> None:
    result = runner.invoke(app, ["actor", "the US president", "--date", "2017-01-19"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "Barack Obama" and data["role"] == "head_of_state"


def test_unresolved_mention_gives_nulls() -> None:
    result = runner.invoke(app, ["actor", "the relationship"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["text"] == "the relationship"
    assert all(data[f] is None for f in FIELDS - {"text"})


def test_text_format() -> None:
    result = runner.invoke(app, ["actor", "the Kremlin", "--format", "text"])
    assert result.exit_code == 0
    assert "RUSGOV" in result.stdout and "Russia" in result.stdout


def test_bad_date_is_a_clean_error() -> None:
    result = runner.invoke(app, ["actor", "the Kremlin", "--date", "2020-02-31"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_batch_keeps_one_line_per_input(tmp_path: Path) -> None:
    batch = tmp_path / "mentions.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "the Taliban", "date": "2020-01-01"}),
                json.dumps({"id": "b", "text": "the Taliban", "date": "2022-01-01"}),
                "{not json",
                json.dumps({"id": "d", "text": "Real Madrid", "date": None}),
                json.dumps({"id": "e", "text": "police", "date": "yesterday"}),
                json.dumps(
                    {"id": "f", "text": "Georgia", "date": "2020-11-05", "context": ["USA"]}
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["actor", "--batch", str(batch)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", None, "d", "e", "f"]
    assert rows[0]["code"] == "AFGREB" and rows[1]["code"] == "AFGGOV"
    assert "error" in rows[2] and rows[2]["code"] is None
    assert rows[3]["code"] is None and "error" not in rows[3]
    assert "error" in rows[4] and rows[4]["text"] == "police"
    assert rows[5]["country"] == "USA"


def test_overlay_option(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "organizations:\n  - {code: XYZ, name: Example Treaty Organisation, aliases: [ETO]}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["actor", "ETO", "--actors", str(overlay)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["code"] == "IGOXYZ"


def test_bad_overlay_reports_file_and_line(tmp_path: Path) -> None:
    overlay = tmp_path / "bad.yaml"
    overlay.write_text("people:\n  - id: x\n    name: [oops\n", encoding="utf-8")
    result = runner.invoke(app, ["actor", "ETO", "--actors", str(overlay)])
    assert result.exit_code == 2
    assert f"{overlay}:" in result.output
    assert "Traceback" not in result.output


def test_text_and_batch_are_exclusive() -> None:
    result = runner.invoke(app, ["actor"])
    assert result.exit_code != 0
