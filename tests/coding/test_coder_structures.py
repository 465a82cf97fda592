"""Coder behaviours that depend on sentence structure, on sentences we wrote for them."""

from __future__ import annotations

from .test_coder import _triples


def test_titled_names_in_a_broken_coordination_are_split(code_text):
    # The parser makes one compound chain of the two titled names; each is an actor.
    events = code_text(
        "Brazilian President Luiz Inacio Lula da Silva and Argentine President Javier Milei"
        " met in Brasilia on Monday.",
        "2024-07-10",
    )
    triples = _triples(events)
    assert ("BRA", "ARG", "CONSULT") in triples and ("ARG", "BRA", "CONSULT") in triples


def test_the_venue_of_talks_is_not_a_recipient(code_text):
    triples = _triples(code_text("France and Italy signed a defence pact in Madrid on Tuesday."))
    assert ("FRA", "ITA", "SUPPORT") in triples
    assert not any(t == "ESP" for _, t, _ in triples)


def test_coordinated_critics_do_not_criticise_each_other(code_text):
    triples = _triples(code_text("Norway and Denmark condemned the bombing on Sunday."))
    assert ("NOR", None, "ACCUSE") in triples and ("DNK", None, "ACCUSE") in triples
    assert ("NOR", "DNK", "ACCUSE") not in triples


def test_untargeted_missile_launch_is_a_show_of_force(code_text):
    assert ("PRK", None, "MOBILIZE") in _triples(code_text("North Korea fired three ballistic missiles on Tuesday."))
    aimed = _triples(code_text("Hezbollah fired rockets at northern Israel on Tuesday."))
    assert any(s == "LBN" and t == "ISR" and k == "ASSAULT" for s, t, k in aimed)


def test_a_command_to_own_forces_is_the_act_commanded(code_text):
    triples = _triples(code_text("The Israeli defence minister ordered troops to withdraw from Gaza on Monday."))
    assert any(t == "RETREAT" for _, _, t in triples)
    assert not any(t == "REQUEST" for _, _, t in triples)
    demand = _triples(code_text("The British foreign secretary ordered Iran to free the tanker's crew."))
    assert ("GBR", "IRN", "REQUEST") in demand


def test_plural_demonyms_are_people_not_states(code_text):
    events = code_text("Thousands of Serbians protested in Belgrade on Saturday.")
    protest = [e for e in events if e.plover.event_type == "PROTEST"]
    assert protest and protest[0].source.sector == "CVL"
    assert protest[0].target is not None and protest[0].target.sector == "GOV"


def test_joint_drills_are_cooperation(code_text):
    triples = _triples(code_text("Greece and Egypt held joint naval drills in the Mediterranean on Friday."))
    assert ("GRC", "EGY", "COOPERATE") in triples and ("EGY", "GRC", "COOPERATE") in triples


def test_a_condition_on_the_governing_clause_makes_the_act_hypothetical(code_text):
    events = code_text(
        "The Dutch prime minister said the Netherlands would consider expelling Russian diplomats"
        " if Moscow attacked Moldova."
    )
    assert events and all(e.hypothetical for e in events)


def test_will_unless_is_an_ultimatum(code_text):
    events = code_text("Chad said it will close its border with Sudan unless the shelling stops.")
    assert any(e.plover.event_type == "THREATEN" and not e.hypothetical for e in events)


def test_unidentified_attackers_of_a_placed_victim_are_coded(code_text):
    events = code_text("Gunmen killed twelve Malian soldiers near Mopti on Sunday.")
    assault = [e for e in events if e.plover.event_type == "ASSAULT"]
    assert assault and assault[0].target is not None and assault[0].target.country == "MLI"
    assert assault[0].source.sector == "REB"


def test_events_carry_the_place_of_their_clause(code_text):
    events = code_text("Sudanese army jets bombed a market in Nyala on Monday.")
    located = [e for e in events if e.location is not None]
    assert located and located[0].location.name == "Nyala" and located[0].location.country == "SDN"
    assert not [e for e in code_text("Moscow warned London on Monday.") if e.location is not None]


def test_denied_part_in_an_incident_is_a_negated_attack(code_text):
    events = code_text(
        "Rockets hit a Kurdish base in Erbil on Monday. Iran said on Tuesday it had no involvement"
        " in the attack."
    )
    denial = [e for e in events if e.negated]
    assert denial and denial[0].source.country == "IRN"
    assert denial[0].plover.event_type == "ASSAULT"
    none = code_text("An explosion hit the port. Turkey said it had nothing to do with the blast.")
    assert any(e.negated and e.source.country == "TUR" for e in none)


def test_an_unattributed_attack_has_an_unidentified_source_but_accidents_are_no_events(code_text):
    events = code_text("Four Afghan soldiers were killed by a roadside bomb in Kandahar on Monday.")
    assert [(e.source.code, e.target.country, e.plover.event_type) for e in events] == [
        ("UAF", "AFG", "ASSAULT")
    ]
    assert code_text("Four people were killed in a bus crash in Kandahar on Monday.") == []
    assert code_text("The earthquake killed 300 people in eastern Turkey.") == []


def test_a_city_named_like_a_politician_is_the_city(code_text):
    events = code_text("Gunmen killed two police officers in Lagos on Sunday.")
    assert events and all(e.target.country == "NGA" for e in events if e.target)
