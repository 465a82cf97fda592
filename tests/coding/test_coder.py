"""The event coder on sentences we wrote for it: one behaviour per case."""

from __future__ import annotations

import pytest


def _triples(events, facts_only=True):
    return {
        (
            e.source.country
            if e.source and e.source.country
            else (e.source.code if e.source else None),
            e.target.country
            if e.target and e.target.country
            else (e.target.code if e.target else None),
            e.plover.event_type,
        )
        for e in events
        if not facts_only or not (e.negated or e.hypothetical)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("France condemned Russia's annexation of the peninsula.", ("FRA", "RUS", "ACCUSE")),
        ("Japan imposed sanctions on North Korea on Friday.", ("JPN", "PRK", "SANCTION")),
        (
            "Egyptian police arrested dozens of Muslim Brotherhood supporters in Cairo.",
            ("EGY", "EGY", "COERCE"),
        ),
        ("The German chancellor visited Poland.", ("DEU", "POL", "CONSULT")),
        ("Turkey accused Greece of violating its airspace.", ("TUR", "GRC", "ACCUSE")),
        ("India sent humanitarian aid to Sri Lanka.", ("IND", "LKA", "AID")),
        ("Iran rejected the proposal from the United States.", ("IRN", "USA", "REJECT")),
        ("Israeli jets struck targets in Syria.", ("ISR", "SYR", "ASSAULT")),
        ("Russia withdrew its troops from Georgia.", ("RUS", "GEO", "RETREAT")),
        ("Kenya urged Somalia to release the detained aid workers.", ("KEN", "SOM", "REQUEST")),
    ],
)
def test_basic_dyads(code_text, text, expected):
    assert expected in _triples(code_text(text)), text


def test_compound_actors_give_one_event_each(code_text):
    triples = _triples(code_text("France and Germany condemned Russia on Monday."))
    assert ("FRA", "RUS", "ACCUSE") in triples
    assert ("DEU", "RUS", "ACCUSE") in triples


def test_symmetric_meeting_goes_both_ways(code_text):
    triples = _triples(
        code_text("Chinese President Xi Jinping met Russian President Vladimir Putin in Beijing.")
    )
    assert ("CHN", "RUS", "CONSULT") in triples
    assert ("RUS", "CHN", "CONSULT") in triples


def test_passive_by_agent_is_the_source(code_text):
    events = code_text("Opposition activists were arrested by Belarusian police in Minsk.")
    assert any(
        e.source
        and e.source.country == "BLR"
        and e.source.sector == "COP"
        and e.plover.event_type == "COERCE"
        for e in events
    )


def test_negation_is_marked(code_text):
    events = code_text("Pakistan did not sign the agreement with India.")
    signed = [e for e in events if e.trigger.text == "sign"]
    assert signed and all(e.negated for e in signed)


def test_denied_clause_is_negated(code_text):
    events = code_text("Moscow denied that its jets had attacked Ukrainian positions.")
    attacked = [e for e in events if e.trigger.text == "attacked"]
    assert attacked and all(e.negated for e in attacked)


def test_intent_is_coded_as_03x(code_text):
    events = code_text("The Japanese prime minister will visit Australia next month.")
    visit = [e for e in events if e.trigger.text == "visit"]
    assert visit and visit[0].intent and visit[0].cameo.root == "03"
    assert visit[0].when.precision == "month" and visit[0].when.date.isoformat() == "2022-02-01"


def test_promise_of_aid_is_intent(code_text):
    events = code_text("Germany promised to send aid to Turkey after the earthquake.")
    assert any(
        e.intent and e.cameo.root == "03" and e.target and e.target.country == "TUR" for e in events
    )


def test_conditional_is_not_a_fact(code_text):
    events = code_text(
        "If Ankara went ahead with the purchase, Washington would impose sanctions on Turkey."
    )
    sanctions = [e for e in events if e.trigger.text == "impose"]
    assert sanctions and all(e.hypothetical for e in sanctions)


def test_threat_takes_its_kind_from_the_complement(code_text):
    events = code_text("The United States threatened to impose sanctions on Iran.")
    assert any(
        e.cameo.code.startswith("13")
        and e.plover.event_type == "THREATEN"
        and e.target
        and e.target.country == "IRN"
        for e in events
    )


@pytest.mark.parametrize(
    "text",
    [
        "Real Madrid beat Barcelona 3-1 on Sunday.",
        "Shares in Tokyo fell sharply as investors worried about inflation.",
        "Heavy rain is expected across southern England this weekend.",
        "The singer released her new album on Friday to rave reviews.",
    ],
)
def test_non_political_text_gives_no_events(code_text, text):
    assert code_text(text) == []


def test_yesterday_is_grounded(code_text):
    events = code_text("Chinese troops clashed with Indian soldiers yesterday.", "2020-06-16")
    assert events and all(e.when.date.isoformat() == "2020-06-15" for e in events)


def test_no_date_expression_takes_publication_date(code_text):
    events = code_text("Brazil condemned the coup in Myanmar.", "2021-02-02")
    assert events and events[0].when.precision == "document"
    assert events[0].when.date.isoformat() == "2021-02-02"


def test_unknown_publication_date_is_never_today(code_text):
    events = code_text("Brazil condemned the coup in Myanmar.", None)
    assert events and events[0].when.date is None and events[0].when.precision == "unknown"


def test_protest_without_target_is_against_own_government(code_text):
    events = code_text("Thousands of Chilean students marched in Santiago on Thursday.", "2019-10-25")
    protest = [e for e in events if e.plover.event_type == "PROTEST"]
    assert protest and protest[0].source.country == "CHL"
    assert protest[0].target.code == "CHLGOV"
    assert protest[0].when.date.isoformat() == "2019-10-24"


def test_event_noun_after_light_verb(code_text):
    events = code_text("Qatar launched a mediation effort between Sudan and South Sudan.")
    assert any(e.cameo.code == "045" and e.source.country == "QAT" for e in events)
    events = code_text("Israel and Lebanon renewed negotiations on their maritime border.")
    assert ("ISR", "LBN", "CONSULT") in _triples(events)


def test_refusing_to_accept_is_a_rejection_not_a_negated_fact(code_text):
    events = code_text("Hungary said it will not accept any more migrants.")
    assert any(e.plover.event_type == "REJECT" and not e.negated for e in events)


def test_lemmatiser_slips_are_mended(code_text):
    # en_core_web_sm lemmatises "staged" as "stag".
    events = code_text("Kenyan teachers staged a strike in Nairobi on Monday.")
    assert any(e.plover.event_type == "PROTEST" and e.source.country == "KEN" for e in events)


def test_intent_verb_defers_to_its_coded_complement(code_text):
    events = code_text("Saudi Arabia and Iran agreed to restore diplomatic relations.")
    codes = {e.cameo.code for e in events}
    assert codes == {"032"}  # intent to cooperate diplomatically, once per direction
    assert ("SAU", "IRN", "AGREE") in _triples(events) and ("IRN", "SAU", "AGREE") in _triples(events)


def test_story_lead_dates_later_undated_events(code_text):
    text = ("Colombian President Gustavo Petro on Friday met rebel negotiators in Havana. "
            "He praised Cuba for hosting the talks.")
    events = code_text(text, "2023-03-13")
    praised = [e for e in events if e.trigger.text == "praised"]
    assert praised and praised[0].when.date.isoformat() == "2023-03-10"
    assert praised[0].target.country == "CUB"
