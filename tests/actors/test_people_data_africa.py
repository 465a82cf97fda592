"""Checks on the hand-written office-holder file for Africa (africa.yaml).

The file is typed from general knowledge, so these tests catch the mechanical slips
(a misspelt office kind, reversed dates, two presidents on one day, a country left
out, an id already used by another file) and pin facts that are easy to check.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from polybius.actors.kb import load_packaged

from .people_files import (
    EXCLUSIVE_OFFICES,
    ISO3,
    OFFICE_OPTIONAL,
    OFFICE_REQUIRED,
    OFFICES,
    PEOPLE_DIR,
    PERSON_ID,
    PERSON_KEYS,
    TODAY,
    holders,
)
from .people_files import (
    as_date as _as_date,
)
from .people_files import (
    fold as _fold,
)
from .people_files import (
    load as _load,
)
from .people_files import (
    offices_of as _offices,
)
from .people_files import (
    person_by_id as _person,
)

FILE = "africa.yaml"

SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "IGO", "BUS", "MED"}
IGO_CODES = {
    "UNO", "UNSC", "UNGA", "UNHCR", "UNICEF", "WFP", "UNDP", "UNESCO", "EUR", "EUP", "ECB",
    "NAT", "AFU", "ASN", "OPC", "IMF", "WBK", "WHO", "WTO", "IAE", "ICC", "ICJ", "OSC", "ARL",
    "GCC", "SCO", "ECO", "COE", "OAS", "CWN", "OIC", "BIS", "OECD", "APEC", "BRI", "G7", "G20",
    "ITP", "ICRC", "WMO", "FAO", "ILO",
}  # fmt: skip

# The 54 African Union states less Egypt, which lives in middle_east.yaml.
AFRICA = {
    "DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CPV", "CMR", "CAF", "TCD", "COM", "COG", "COD",
    "CIV", "DJI", "GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN", "GNB", "KEN", "LSO",
    "LBR", "LBY", "MDG", "MWI", "MLI", "MRT", "MUS", "MAR", "MOZ", "NAM", "NER", "NGA", "RWA",
    "STP", "SEN", "SYC", "SLE", "SOM", "ZAF", "SSD", "SDN", "TZA", "TGO", "TUN", "UGA", "ZMB",
    "ZWE",
}  # fmt: skip
# Rival governments: Libya (2011 war; Tripoli against Tobruk/Benghazi from 2014), Cote
# d'Ivoire (Gbagbo against Ouattara, 2010-2011), Madagascar (Ratsiraka against
# Ravalomanana, 2002). Overlaps there are real, not typing slips.
RIVAL_CLAIMS = {
    ("LBY", "head_of_state"),
    ("LBY", "head_of_government"),
    ("CIV", "head_of_state"),
    ("CIV", "head_of_government"),
    ("MDG", "head_of_state"),
}
# South Sudan's leaders are listed from 2005, when Southern Sudan became autonomous.
NO_NATIONAL_LEADER_BEFORE = {"SSD": date(2005, 7, 9)}






@pytest.fixture(scope="module")
def ours() -> list[dict[str, Any]]:
    return _load(FILE)


@pytest.fixture(scope="module")
def people(ours: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Africans who led an international organisation live in igo.yaml with their national
    # offices; they count when asking who held an African office on a day.
    igo_africans = [p for p in _load("igo.yaml") if p["country"] in AFRICA]
    return ours + igo_africans












# --- schema -------------------------------------------------------------------------------


def test_each_person_has_exactly_the_schema_keys(ours: list[dict[str, Any]]) -> None:
    for person in ours:
        assert set(person) == PERSON_KEYS, person.get("id")
        assert isinstance(person["name"], str) and person["name"].strip()
        assert isinstance(person["aliases"], list)
        assert all(isinstance(a, str) and a.strip() for a in person["aliases"]), person["id"]
        assert isinstance(person["offices"], list) and person["offices"], person["id"]


def test_ids_are_unique_and_well_formed(ours: list[dict[str, Any]]) -> None:
    counts = Counter(person["id"] for person in ours)
    assert [pid for pid, n in counts.items() if n > 1] == []
    for person in ours:
        assert PERSON_ID.match(person["id"]), person["id"]
        assert person["id"].startswith(person["country"].lower() + "-"), person["id"]


def test_ids_do_not_clash_with_other_regional_files(ours: list[dict[str, Any]]) -> None:
    # core.yaml is the resolver's fallback and is meant to be overridden by the same id.
    mine = {person["id"] for person in ours}
    for path in sorted(PEOPLE_DIR.glob("*.yaml")):
        if path.name in {FILE, "core.yaml"}:
            continue
        theirs = {entry["id"] for entry in _load(path.name) if isinstance(entry, dict)}
        assert mine & theirs == set(), path.name


def test_country_codes_are_iso3_and_african(ours: list[dict[str, Any]]) -> None:
    for person in ours:
        assert ISO3.match(person["country"]), person["id"]
        assert person["country"] in AFRICA, person["id"]


def test_offices_follow_the_schema(ours: list[dict[str, Any]]) -> None:
    for person in ours:
        for held in person["offices"]:
            keys = set(held)
            assert keys >= OFFICE_REQUIRED, (person["id"], held)
            assert keys <= OFFICE_REQUIRED | OFFICE_OPTIONAL, (person["id"], held)
            assert held["office"] in OFFICES, (person["id"], held["office"])
            assert isinstance(held["title"], str) and held["title"].strip()
            assert held.get("sector", "GOV") in SECTORS, person["id"]
            if held["office"] == "igo_leader":
                assert held.get("org") in IGO_CODES, person["id"]
            else:
                assert "org" not in held, person["id"]
            for flag in ("acting", "approx"):
                assert held.get(flag, True) is True, (person["id"], flag)


def test_non_state_offices_carry_their_sector(ours: list[dict[str, Any]]) -> None:
    # REB/OPP is the default for these kinds anyway; a GOV here would be a typing slip.
    for person in ours:
        for held in person["offices"]:
            if held["office"] == "rebel_leader":
                assert held.get("sector", "REB") == "REB", person["id"]
            if held["office"] == "opposition_leader":
                assert held.get("sector", "OPP") == "OPP", person["id"]


def test_dates_are_ordered_and_in_range(ours: list[dict[str, Any]]) -> None:
    for person in ours:
        starts = []
        for held in person["offices"]:
            start = _as_date(held["start"])
            starts.append(start)
            assert start <= TODAY, (person["id"], start)
            if "end" in held:
                end = _as_date(held["end"])
                assert start <= end, (person["id"], start, end)
                # Only offices that were still held at some point since 2000 belong here.
                assert end >= date(2000, 1, 1), (person["id"], end)
        assert starts == sorted(starts), f"{person['id']}: offices not in date order"


def test_names_are_not_repeated_as_aliases(ours: list[dict[str, Any]]) -> None:
    for person in ours:
        aliases = person["aliases"]
        assert person["name"] not in aliases, person["id"]
        assert len(aliases) == len(set(aliases)), person["id"]


def test_names_with_diacritics_have_a_plain_variant(ours: list[dict[str, Any]]) -> None:
    for person in ours:
        for spelling in [person["name"], *person["aliases"]]:
            plain = _fold(spelling)
            if plain != spelling:
                assert plain in {person["name"], *person["aliases"]}, (person["id"], plain)


def test_every_country_is_covered(ours: list[dict[str, Any]]) -> None:
    assert {p["country"] for p in ours} == AFRICA


def test_the_knowledge_base_loads_this_file(ours: list[dict[str, Any]]) -> None:
    kb = load_packaged()
    mine = {p["id"] for p in ours}
    assert mine <= set(kb.people)
    # Ids shared with core.yaml (Gaddafi, the South African presidents) come from here.
    assert {Path(kb.people[pid].source).name for pid in mine} == {FILE}


# --- coverage and consistency over time ---------------------------------------------------


@pytest.mark.parametrize(
    "on", [date(2001, 6, 1), date(2010, 6, 1), date(2015, 6, 1), date(2020, 6, 1), date(2025, 6, 1)]
)
def test_every_country_has_a_leader_on_sample_days(people: list[dict[str, Any]], on: date) -> None:
    missing = [
        iso3
        for iso3 in sorted(AFRICA)
        if on >= NO_NATIONAL_LEADER_BEFORE.get(iso3, date.min)
        and not holders(people, iso3, "head_of_state", on)
        and not holders(people, iso3, "head_of_government", on)
    ]
    assert missing == []


@pytest.mark.parametrize("on", [date(2012, 1, 1), date(2024, 1, 1)])
def test_big_countries_have_both_ministers_on_sample_days(
    people: list[dict[str, Any]], on: date
) -> None:
    big = ["NGA", "ZAF", "KEN", "ETH", "UGA", "RWA", "DZA", "MLI", "CMR"]
    missing = [
        (iso3, office)
        for iso3 in big
        for office in ("foreign_minister", "defence_minister")
        if not holders(people, iso3, office, on)
    ]
    assert missing == []


def test_no_two_substantive_holders_of_one_office(people: list[dict[str, Any]]) -> None:
    clashes = []
    for person in people:
        for held in person["offices"]:
            # Acting holders overlap by nature; month-precision dates cannot be checked to the day.
            if held["office"] not in EXCLUSIVE_OFFICES or held.get("acting") or held.get("approx"):
                continue
            key = (person["country"], held["office"])
            if key in RIVAL_CLAIMS:
                continue
            on = _as_date(held["start"])
            others = [
                name
                for name in holders(people, *key, on, exact_only=True)
                if name != person["name"]
            ]
            if others:
                clashes.append((key, on.isoformat(), person["name"], others))
    assert clashes == []


# --- spot facts ---------------------------------------------------------------------------


def test_buhari_presidency(people: list[dict[str, Any]]) -> None:
    presidency = _offices(_person(people, "nga-buhari"), "head_of_state")
    assert len(presidency) == 1
    assert _as_date(presidency[0]["start"]) == date(2015, 5, 29)
    assert _as_date(presidency[0]["end"]) == date(2023, 5, 29)
    assert holders(people, "NGA", "head_of_state", date(2023, 5, 28)) == ["Muhammadu Buhari"]
    assert holders(people, "NGA", "head_of_state", date(2023, 5, 29)) == ["Bola Tinubu"]
    assert holders(people, "NGA", "foreign_minister", date(2020, 1, 1)) == ["Geoffrey Onyeama"]


def test_nigeria_acting_president_in_2010(people: list[dict[str, Any]]) -> None:
    on = date(2010, 3, 1)
    assert sorted(holders(people, "NGA", "head_of_state", on)) == [
        "Goodluck Jonathan",
        "Umaru Musa Yar'Adua",
    ]
    assert holders(people, "NGA", "head_of_state", on, exact_only=True) == ["Umaru Musa Yar'Adua"]


def test_south_africa(people: list[dict[str, Any]]) -> None:
    assert holders(people, "ZAF", "head_of_state", date(2005, 1, 1)) == ["Thabo Mbeki"]
    assert holders(people, "ZAF", "head_of_state", date(2019, 1, 1)) == ["Cyril Ramaphosa"]
    assert holders(people, "ZAF", "foreign_minister", date(2021, 1, 1)) == ["Naledi Pandor"]
    assert holders(people, "ZAF", "foreign_minister", date(2005, 1, 1)) == [
        "Nkosazana Dlamini-Zuma"
    ]
    assert holders(people, "ZAF", "defence_minister", date(2015, 1, 1)) == [
        "Nosiviwe Mapisa-Nqakula"
    ]
    zuma = _person(people, "zaf-zuma")
    assert [o["office"] for o in zuma["offices"]] == ["other", "head_of_state", "party_leader"]


def test_east_africa(people: list[dict[str, Any]]) -> None:
    assert holders(people, "KEN", "head_of_state", date(2010, 1, 1)) == ["Mwai Kibaki"]
    assert holders(people, "KEN", "head_of_government", date(2010, 1, 1)) == ["Raila Odinga"]
    assert holders(people, "KEN", "head_of_state", date(2023, 1, 1)) == ["William Ruto"]
    assert holders(people, "ETH", "head_of_government", date(2005, 1, 1)) == ["Meles Zenawi"]
    assert holders(people, "ETH", "head_of_government", date(2020, 1, 1)) == ["Abiy Ahmed"]
    assert holders(people, "ETH", "foreign_minister", date(2014, 1, 1)) == [
        "Tedros Adhanom Ghebreyesus"
    ]
    assert holders(people, "UGA", "head_of_state", date(2001, 1, 1)) == ["Yoweri Museveni"]
    assert holders(people, "RWA", "head_of_state", date(2010, 1, 1)) == ["Paul Kagame"]
    assert holders(people, "TZA", "head_of_state", date(2018, 1, 1)) == ["John Magufuli"]
    assert holders(people, "SOM", "head_of_state", date(2020, 1, 1)) == [
        "Mohamed Abdullahi Farmajo"
    ]


def test_coup_leaders_are_heads_of_state_from_the_day_they_took_power(
    people: list[dict[str, Any]],
) -> None:
    coups = [
        ("SDN", date(2019, 4, 12), "Abdel Fattah al-Burhan"),
        ("MLI", date(2020, 8, 19), "Assimi Goïta"),
        ("GIN", date(2021, 9, 5), "Mamady Doumbouya"),
        ("BFA", date(2022, 1, 24), "Paul-Henri Sandaogo Damiba"),
        ("BFA", date(2022, 9, 30), "Ibrahim Traoré"),
        ("NER", date(2023, 7, 26), "Abdourahamane Tchiani"),
        ("GAB", date(2023, 8, 30), "Brice Oligui Nguema"),
        ("ZWE", date(2017, 11, 24), "Emmerson Mnangagwa"),
    ]
    for iso3, day, name in coups:
        assert holders(people, iso3, "head_of_state", day) == [name], (iso3, day)
    # Mali's junta leader was vice president under Bah Ndaw between his two spells.
    assert holders(people, "MLI", "head_of_state", date(2021, 1, 1)) == ["Bah Ndaw"]
    assert holders(people, "MLI", "head_of_state", date(2022, 1, 1)) == ["Assimi Goïta"]


def test_north_africa(people: list[dict[str, Any]]) -> None:
    assert holders(people, "DZA", "head_of_state", date(2010, 1, 1)) == ["Abdelaziz Bouteflika"]
    assert holders(people, "DZA", "head_of_state", date(2021, 1, 1)) == ["Abdelmadjid Tebboune"]
    assert holders(people, "MAR", "head_of_state", date(2020, 1, 1)) == ["Mohammed VI"]
    assert holders(people, "MAR", "foreign_minister", date(2020, 1, 1)) == ["Nasser Bourita"]
    assert holders(people, "TUN", "head_of_state", date(2010, 1, 1)) == ["Zine El Abidine Ben Ali"]
    assert holders(people, "TUN", "head_of_state", date(2020, 1, 1)) == ["Kais Saied"]
    assert holders(people, "LBY", "head_of_state", date(2005, 1, 1)) == ["Muammar Gaddafi"]


def test_libya_rival_governments(people: list[dict[str, Any]]) -> None:
    assert sorted(holders(people, "LBY", "head_of_government", date(2022, 6, 1))) == [
        "Abdul Hamid Dbeibah",
        "Fathi Bashagha",
    ]
    gaddafi = _person(people, "lby-gaddafi")
    assert {"Gaddafi", "Qadhafi", "Kadhafi", "Gadhafi", "Qaddafi"} <= set(gaddafi["aliases"])
    haftar = _person(people, "lby-haftar")
    assert [(o["office"], o["sector"]) for o in haftar["offices"]] == [("rebel_leader", "REB")]


def test_armed_movements(people: list[dict[str, Any]]) -> None:
    hemedti = _person(people, "sdn-dagalo")
    assert {"Hemedti", "Hemeti"} <= set(hemedti["aliases"])
    rebel = _offices(hemedti, "rebel_leader")
    assert [(_as_date(o["start"]), o["sector"]) for o in rebel] == [(date(2023, 4, 15), "REB")]
    leaders = {
        ("SOM", date(2020, 1, 1)): "Ahmad Umar",
        ("SOM", date(2012, 1, 1)): "Ahmed Abdi Godane",
        ("NGA", date(2015, 1, 1)): "Abubakar Shekau",
        ("MLI", date(2020, 1, 1)): "Iyad Ag Ghaly",
        ("UGA", date(2010, 1, 1)): "Joseph Kony",
    }
    for (iso3, on), name in leaders.items():
        assert name in holders(people, iso3, "rebel_leader", on), (iso3, on)
    m23 = set(holders(people, "COD", "rebel_leader", date(2025, 2, 1)))
    assert {"Sultani Makenga", "Bertrand Bisimwa", "Corneille Nangaa"} <= m23
    tplf = holders(people, "ETH", "rebel_leader", date(2021, 6, 1))
    assert "Debretsion Gebremichael" in tplf


def test_opposition_leaders(people: list[dict[str, Any]]) -> None:
    assert "Raila Odinga" in holders(people, "KEN", "opposition_leader", date(2015, 1, 1))
    assert "Robert Kyagulanyi" in holders(people, "UGA", "opposition_leader", date(2022, 1, 1))
    assert "Morgan Tsvangirai" in holders(people, "ZWE", "opposition_leader", date(2005, 1, 1))
    bobi = _person(people, "uga-kyagulanyi")
    assert "Bobi Wine" in bobi["aliases"]


def test_one_person_keeps_one_id_across_roles(people: list[dict[str, Any]]) -> None:
    sall = _person(people, "sen-sall")
    assert [o["office"] for o in sall["offices"]] == ["head_of_government", "head_of_state"]
    soro = _person(people, "civ-soro")
    assert {o["office"] for o in soro["offices"]} >= {
        "rebel_leader",
        "head_of_government",
        "defence_minister",
    }
    mahama = _offices(_person(people, "gha-mahama"), "head_of_state")
    assert [_as_date(o["start"]) for o in mahama] == [date(2012, 7, 24), date(2025, 1, 7)]
