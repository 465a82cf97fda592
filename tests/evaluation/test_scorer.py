"""The scorer on hand-made events: the arithmetic must be right before any floor means anything."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from polybius.coding.ontology import Ontology
from polybius.errors import GoldFormatError
from polybius.evaluation.gold import GoldDoc, GoldEvent, load_gold, map_type
from polybius.evaluation.scorer import Report, score_document
from polybius.records import ActorMention, Event, EventDate, Span


def _event(src, tgt, code, *, negated=False, when=None, conf=0.5):
    onto = Ontology.load()

    def actor(c):
        return None if c is None else ActorMention(c, 0, 1, c, c, "GOV", c + "GOV")

    return Event(
        event_id="e", doc_id="d", source=actor(src), target=actor(tgt), cameo=onto.cameo(code),
        plover=onto.plover(code), when=when or EventDate(None, None, "unknown"), sentence_index=0,
        sentence=Span("s", 0, 1), trigger=Span("t", 0, 1), negated=negated, confidence=conf,
    )  # fmt: skip


def test_perfect_and_partial_scores():
    report = Report("t")
    gold = GoldDoc("1", date(2022, 1, 4), "x", [GoldEvent("FRA", "RUS", "ACCUSE"),
                                                 GoldEvent("DEU", "RUS", "ACCUSE")])
    score_document(report, gold, [_event("FRA", "RUS", "111"), _event("FRA", "USA", "190")])
    assert report.overall.tp == 1 and report.overall.fp == 1 and report.overall.fn == 1
    assert report.dyad.tp == 1 and report.dyad.fn == 1
    assert report.per_type["ASSAULT"].fp == 1
    assert report.overall.f1 == pytest.approx(0.5)


def test_negated_prediction_is_not_a_fact():
    report = Report("t")
    gold = GoldDoc("1", None, "x", [GoldEvent("PAK", "IND", "SUPPORT", negated=True)])
    score_document(report, gold, [_event("PAK", "IND", "057", negated=True)])
    assert report.overall.fp == 0 and report.overall.fn == 0
    assert report.modality_hits == 1 and report.modality_total == 1


def test_date_accuracy_uses_gold_precision():
    report = Report("t")
    gold = GoldDoc("1", None, "x", [GoldEvent("CHN", "KAZ", "SUPPORT", date="2019", has_date=True)])
    when = EventDate(date(2019, 1, 1), date(2019, 12, 31), "year")
    score_document(report, gold, [_event("CHN", "KAZ", "051", when=when)])
    assert report.date_accuracy == 1.0


def test_empty_gold_document_counts_clean_negatives():
    report = Report("t")
    score_document(report, GoldDoc("1", None, "Real Madrid won.", []), [])
    score_document(report, GoldDoc("2", None, "Shares fell.", []), [_event("JPN", None, "111")])
    assert report.negative_docs == 2 and report.negative_clean == 1


def test_old_labels_map_to_current_plover():
    assert map_type("DEMAND") == "REQUEST"
    assert map_type("DISAPPROVE") == "ACCUSE"
    assert map_type("FIGHT") == "ASSAULT"
    assert map_type("INVESTIGATE") == "ACCUSE"
    assert map_type("ASSAULT") == "ASSAULT"


def test_loads_both_formats(tmp_path: Path):
    oeda = tmp_path / "g.json"
    oeda.write_text(json.dumps([
        {"id": "doc", "event": "DOCUMENT"},
        {"id": "a", "date": "2000-01-01", "event": "DEMAND", "text": "X demanded Y.",
         "source": [{"code": "USA"}, {"code": "JAP"}], "target": [{"code": "IGO"}]},
    ]))  # fmt: skip
    docs = load_gold(oeda)
    assert [(e.source, e.target, e.type) for e in docs[0].events] == [
        ("USA", "IGO", "REQUEST"), ("JPN", "IGO", "REQUEST")]
    own = tmp_path / "g.jsonl"
    own.write_text(json.dumps({"id": "1", "date": "2022-01-04", "text": "t", "events": [
        {"source": "CHN", "target": None, "type": "SUPPORT", "date": None}]}) + "\n")
    docs = load_gold(own)
    assert docs[0].events[0].has_date and docs[0].events[0].date is None


def test_bad_gold_file(tmp_path: Path):
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"id": 1}\n')
    with pytest.raises(GoldFormatError, match=":1:"):
        load_gold(bad)
