"""End-to-end: the user's own example article must give the events the issue names."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import SAMPLE


def _find(events, trigger, source=None, target=None):
    out = []
    for e in events:
        if e.trigger.text.lower() != trigger:
            continue
        if source and (e.source is None or e.source.country != source):
            continue
        if target and (e.target is None or e.target.country != target):
            continue
        out.append(e)
    return out


def test_called_for_friendship_is_china_to_kazakhstan_on_monday(sample_events):
    found = _find(sample_events, "called", "CHN", "KAZ")
    assert found, [(e.trigger.text, e.source, e.target) for e in sample_events]
    assert found[0].when.date.isoformat() == "2022-01-03"
    assert found[0].when.precision == "day"


def test_he_congratulated_nazarbayev_is_xi_praising(sample_events):
    found = _find(sample_events, "congratulated", "CHN", "KAZ")
    assert found
    e = found[0]
    assert e.cameo.code.startswith("05") and e.plover.event_type == "SUPPORT"
    assert e.source.name and "Xi" in e.source.name  # "He" resolved to Xi Jinping
    assert e.source.text == "He"
    assert "Nazarbayev" in (e.target.name or "")
    # No date of its own: the story's lead ("on Monday") dates it.
    assert e.when.date.isoformat() == "2022-01-03"


def test_kazakhstan_willing_to_work_with_china_is_intent(sample_events):
    found = [e for e in _find(sample_events, "work", "KAZ", "CHN") if e.intent]
    assert found
    assert found[0].cameo.root == "03" and found[0].plover.event_type == "AGREE"
    assert not found[0].negated


def test_recognition_is_coded_but_not_dated_2022(sample_events):
    found = [e for e in sample_events if e.trigger.text == "recognize"]
    assert found
    e = found[0]
    assert e.cameo.code == "054"
    assert e.source.country == "CHN" and e.target.country == "KAZ"
    assert e.when.date is None or e.when.date.year < 2022
    assert e.when.historical


def test_2019_honour_is_dated_2019(sample_events):
    found = [e for e in sample_events if e.trigger.text == "received"]
    assert found
    e = found[0]
    assert e.when.date is not None and e.when.date.year == 2019
    assert e.when.precision == "year"
    assert e.target is not None and e.target.country == "KAZ"


def test_every_event_has_evidence_spans(sample_events):
    text = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]
    body = text.strip("\n")
    assert sample_events
    for e in sample_events:
        assert body[e.trigger.start : e.trigger.end] == e.trigger.text
        assert body[e.sentence.start : e.sentence.end] == e.sentence.text
        if e.source:
            assert body[e.source.start : e.source.end] == e.source.text
        assert 0 < e.confidence <= 1
        assert e.versions["polybius"]


def test_cli_extract_jsonl_contract():
    proc = subprocess.run(
        [sys.executable, "-m", "polybius", "extract", str(SAMPLE), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows
    required = {
        "event_id", "doc_id", "date", "date_end", "date_precision", "source", "target", "cameo",
        "plover", "negated", "intent", "hypothetical", "sentence", "trigger", "confidence",
        "coder_version",
    }  # fmt: skip
    for row in rows:
        assert required <= row.keys()
        assert set(row["source"]) >= {"text", "name", "country", "sector", "code"}
        assert set(row["cameo"]) >= {"code", "root", "label", "goldstein", "quad_class"}
        assert set(row["plover"]) >= {"event_type", "mode", "context"}
    assert len({r["event_id"] for r in rows}) == len(rows)
    # Stable ids: a second run gives the same events.
    again = subprocess.run(
        [sys.executable, "-m", "polybius", "extract", str(SAMPLE), "--format", "jsonl"],
        capture_output=True, text=True, timeout=300,
    )
    assert [json.loads(x)["event_id"] for x in again.stdout.splitlines()] == [r["event_id"] for r in rows]
