"""Location scores on hand-made gold and predicted events: matching, place names, false places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polybius.coding.ontology import Ontology
from polybius.errors import GoldFormatError
from polybius.evaluation.gold import GoldDoc, GoldEvent, GoldLocation, load_gold
from polybius.evaluation.scorer import Report, fold_place, same_place, score_document
from polybius.records import ActorMention, Event, EventDate, Location, Span


def _place(name, country, feature="city", text=None):
    return Location(text or name, name, feature, country, None, None, None, None, feature)


def _event(src, tgt, code, where=None, trigger="t"):
    onto = Ontology.load()

    def actor(c):
        return None if c is None else ActorMention(c, 0, 1, c, c, "GOV", c + "GOV")

    return Event(
        event_id="e", doc_id="d", source=actor(src), target=actor(tgt), cameo=onto.cameo(code),
        plover=onto.plover(code), when=EventDate(None, None, "unknown"), sentence_index=0,
        sentence=Span("s", 0, 1), trigger=Span(trigger, 0, 1), location=where,
    )  # fmt: skip


def _gold(src, tgt, etype, loc, *, annotated=True, negated=False):
    return GoldEvent(src, tgt, etype, location=loc, has_location=annotated, negated=negated)


GENEVA = GoldLocation("Geneva", "CHE", "city", "Geneva")


def test_country_and_place_accuracy_over_located_gold_events():
    report = Report("t")
    gold = GoldDoc("1", None, "x", [
        _gold("USA", "RUS", "CONSULT", GENEVA),
        _gold("RUS", "USA", "CONSULT", GENEVA),
        _gold("NGA", None, "ASSAULT", GoldLocation("Kaduna", "NGA", "region")),
    ])  # fmt: skip
    row = score_document(report, gold, [
        _event("USA", "RUS", "040", _place("Geneva", "CHE")),
        _event("RUS", "USA", "040", _place("Bern", "CHE")),  # right country, wrong place
        _event("NGA", None, "190", _place("Kaduna State", "NGA", "region")),
    ])  # fmt: skip
    assert report.location_total == 3 and report.location_null_total == 0
    assert report.location_country_hits == 3 and report.location_place_hits == 2
    assert report.location_country_accuracy == 1.0
    assert report.location_place_accuracy == pytest.approx(2 / 3)
    assert row["wrong_locations"] == [{
        "type": "CONSULT", "trigger": "t",
        "gold": {"name": "Geneva", "country": "CHE", "feature": "city", "text": "Geneva"},
        "predicted": {"name": "Bern", "country": "CHE", "feature": "city", "text": "Bern"},
    }]  # fmt: skip


def test_missing_prediction_counts_against_both_accuracies():
    report = Report("t")
    gold = GoldDoc("1", None, "x", [_gold("USA", "RUS", "CONSULT", GENEVA)])
    row = score_document(report, gold, [_event("USA", "RUS", "040")])
    assert report.location_total == 1
    assert report.location_country_accuracy == 0.0 and report.location_place_accuracy == 0.0
    assert row["wrong_locations"][0]["predicted"] is None


def test_false_rate_counts_places_given_to_events_without_one():
    report = Report("t")
    gold = GoldDoc("1", None, "x", [
        _gold("GBR", "RUS", "ACCUSE", None),
        _gold("RUS", "GBR", "ACCUSE", None),
    ])  # fmt: skip
    row = score_document(report, gold, [
        _event("GBR", "RUS", "111", _place("Moscow", "RUS")),  # "Moscow" was the actor
        _event("RUS", "GBR", "111"),
    ])  # fmt: skip
    assert report.location_null_total == 2 and report.location_false == 1
    assert report.location_false_rate == 0.5
    assert report.location_total == 0 and report.location_country_accuracy == 0.0
    assert row["wrong_locations"] == [{
        "type": "ACCUSE", "trigger": "t", "gold": None,
        "predicted": {"name": "Moscow", "country": "RUS", "feature": "city", "text": "Moscow"},
    }]  # fmt: skip


def test_matching_prefers_the_dyad_and_uses_each_prediction_once():
    report = Report("t")
    gold = GoldDoc("1", None, "x", [
        _gold("ISR", "LBN", "ASSAULT", GoldLocation("Beirut", "LBN", "city")),
        _gold("LBN", "ISR", "ASSAULT", None),
    ])  # fmt: skip
    # Listed in the other order: the gold dyads still find their own predictions.
    score_document(report, gold, [
        _event("LBN", "ISR", "190"),
        _event("ISR", "LBN", "195", _place("Beirut", "LBN")),
    ])  # fmt: skip
    assert report.location_place_hits == 1 and report.location_false == 0


def test_unannotated_unmatched_and_non_factual_gold_events_are_not_scored():
    report = Report("t")
    gold = GoldDoc("1", None, "x", [
        _gold("USA", "RUS", "CONSULT", None, annotated=False),  # an older file: no location key
        _gold("FRA", "DEU", "SANCTION", GENEVA),  # nothing predicted of that type
        _gold("RUS", "SYR", "ASSAULT", GoldLocation("Idlib", "SYR", "region"), negated=True),
    ])  # fmt: skip
    row = score_document(report, gold, [
        _event("USA", "RUS", "040", _place("Paris", "FRA")),
        _event("RUS", "SYR", "195", _place("Aleppo", "SYR")),
    ])  # fmt: skip
    assert report.location_total == 0 and report.location_null_total == 0
    assert "wrong_locations" not in row


@pytest.mark.parametrize(("gold", "pred", "same"), [
    (GoldLocation("Kaduna", "NGA", "region"), _place("Kaduna State", "NGA", "region"), True),
    (GoldLocation("Baghdad airport", "IRQ", "site"), _place("Baghdad", "IRQ"), True),
    (GoldLocation("Bogotá", "COL", "city"), _place("BOGOTA", "COL"), True),
    (GoldLocation("Sao Paulo", "BRA", "city"), _place("São Paulo", "BRA"), True),
    (GoldLocation("Gaza", "PSE", "region"), _place("Gaza Strip", "PSE", "region"), True),
    (GoldLocation("Hong Kong", "HKG", "city"), _place("Hong Kong", "HKG", "country"), True),
    (GoldLocation("Red Sea", None, "region"), _place("Red Sea", None, "region"), True),
    # The gazetteer's spelling differs, the words the locator resolved are the gold's.
    (GoldLocation("Deraa", "SYR", "city"), _place("Dar‘ā", "SYR", text="Deraa"), True),
    (GoldLocation("Misrata", "LBY", "city"), _place("Misratah", "LBY", text="Misrata"), True),
    (GoldLocation("Misrata", "LBY", "city"), _place("Misratah", "LBY", text="Misratah"), False),
    (GoldLocation("Georgia", "GEO", "country"),
     _place("Atlanta", "USA", text="Georgia"), False),
    (GoldLocation("Niger", "NER", "country"), _place("Nigeria", "NGA", "country"), False),
    (GoldLocation("Niger", None, "region"), _place("Nigeria", None, "region"), False),
    (GoldLocation("southern Lebanon", "LBN", "region"), _place("Lebanon", "LBN", "country"), False),
    (GoldLocation("Georgia", "GEO", "country"), _place("Georgia", "USA", "region"), False),
    (GoldLocation("Jordan-Syria border", "JOR", "region"), _place("Syria", "SYR", "country"), False),
])  # fmt: skip
def test_same_place(gold, pred, same):
    assert same_place(gold, pred) is same


def test_fold_place_drops_accents_case_and_punctuation():
    assert fold_place("Port-au-Prince") == ("port", "au", "prince")
    assert fold_place("Kahramanmaraş") == ("kahramanmaras",)
    assert fold_place("U.S. Capitol, Washington") == ("u", "s", "capitol", "washington")


def test_report_shows_location_scores():
    report = Report("t")
    gold = GoldDoc("1", None, "x", [_gold("USA", "RUS", "CONSULT", GENEVA)])
    score_document(report, gold, [_event("USA", "RUS", "040", _place("Geneva", "CHE"))])
    got = report.to_dict()
    assert got["location_country_accuracy"] == 1.0 and got["location_place_accuracy"] == 1.0
    assert got["location_events"] == 1
    assert got["location_false_rate"] == 0.0 and got["location_null_events"] == 0
    text = report.to_text()
    assert "location country accuracy:    1.000  (1 events)" in text
    assert "location place accuracy:      1.000  (1 events)" in text
    assert "location false rate:          0.000  (0 events without a place)" in text
    assert json.loads(report.to_json())["location_events"] == 1


def test_loads_locations_and_files_without_them(tmp_path: Path):
    own = tmp_path / "g.jsonl"
    events = [
        {"source": "USA", "target": "RUS", "type": "CONSULT", "date": None,
         "location": {"text": "Geneva", "name": "Geneva", "country": "CHE", "feature": "city"}},
        {"source": "RUS", "target": "GBR", "type": "ACCUSE", "date": None, "location": None},
        {"source": "CHN", "target": None, "type": "SUPPORT", "date": None},
    ]  # fmt: skip
    own.write_text(json.dumps({"id": "1", "date": "2021-06-17", "text": "t", "events": events}))
    geneva, none, old = load_gold(own)[0].events
    assert geneva.has_location and geneva.location == GENEVA
    assert none.has_location and none.location is None
    assert not old.has_location and old.location is None


def test_a_location_without_a_name_is_a_format_error(tmp_path: Path):
    bad = tmp_path / "g.jsonl"
    event = {"source": "USA", "target": None, "type": "CONSULT", "location": {"country": "CHE"}}
    bad.write_text(json.dumps({"id": "1", "text": "t", "events": [event]}) + "\n")
    with pytest.raises(GoldFormatError, match=":1:"):
        load_gold(bad)
