"""Checks on the hand-written office-holder files for the Americas and Oceania.

The files are typed from general knowledge, so these tests catch the mechanical slips
(a misspelt office kind, reversed dates, two presidents on one day, a country left
out) and pin a few facts that are easy to check.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest

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
    person_by_id as _person,
)

FILES = ("americas.yaml", "oceania.yaml")

SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "IGO", "BUS", "MED"}

AMERICAS = {
    "ATG",
    "ARG",
    "BHS",
    "BRB",
    "BLZ",
    "BOL",
    "BRA",
    "CAN",
    "CHL",
    "COL",
    "CRI",
    "CUB",
    "DMA",
    "DOM",
    "ECU",
    "SLV",
    "GRD",
    "GTM",
    "GUY",
    "HTI",
    "HND",
    "JAM",
    "MEX",
    "NIC",
    "PAN",
    "PRY",
    "PER",
    "KNA",
    "LCA",
    "VCT",
    "SUR",
    "TTO",
    "USA",
    "URY",
    "VEN",
}
OCEANIA = {
    "AUS",
    "NZL",
    "PNG",
    "FJI",
    "SLB",
    "VUT",
    "WSM",
    "TON",
    "KIR",
    "TUV",
    "NRU",
    "PLW",
    "MHL",
    "FSM",
}
# Nicaragua has had a co-presidency (Ortega and Murillo) since the 2025 constitutional reform.
SHARED_OFFICES = {("NIC", "head_of_state")}






@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    return [person for name in FILES for person in _load(name)]










# --- schema -------------------------------------------------------------------------------


def test_each_person_has_exactly_the_schema_keys(people: list[dict[str, Any]]) -> None:
    for person in people:
        assert set(person) == PERSON_KEYS, person.get("id")
        assert isinstance(person["name"], str) and person["name"].strip()
        assert isinstance(person["aliases"], list)
        assert all(isinstance(a, str) and a.strip() for a in person["aliases"]), person["id"]
        assert isinstance(person["offices"], list) and person["offices"], person["id"]


def test_ids_are_unique_and_well_formed(people: list[dict[str, Any]]) -> None:
    counts = Counter(person["id"] for person in people)
    assert [pid for pid, n in counts.items() if n > 1] == []
    for person in people:
        assert PERSON_ID.match(person["id"]), person["id"]
        assert person["id"].startswith(person["country"].lower() + "-"), person["id"]


def test_ids_do_not_clash_with_other_people_files(people: list[dict[str, Any]]) -> None:
    ours = {person["id"] for person in people}
    for path in sorted(PEOPLE_DIR.glob("*.yaml")):
        if path.name in FILES:
            continue
        theirs = {entry["id"] for entry in _load(path.name) if isinstance(entry, dict)}
        assert ours & theirs == set(), path.name


def test_country_codes_are_iso3(people: list[dict[str, Any]]) -> None:
    for person in people:
        assert ISO3.match(person["country"]), person["id"]


def test_offices_follow_the_schema(people: list[dict[str, Any]]) -> None:
    for person in people:
        for held in person["offices"]:
            keys = set(held)
            assert keys >= OFFICE_REQUIRED, (person["id"], held)
            assert keys <= OFFICE_REQUIRED | OFFICE_OPTIONAL, (person["id"], held)
            assert held["office"] in OFFICES, (person["id"], held["office"])
            assert isinstance(held["title"], str) and held["title"].strip()
            assert held.get("sector", "GOV") in SECTORS, person["id"]
            if held["office"] == "igo_leader":
                assert "org" in held, person["id"]
            for flag in ("acting", "approx"):
                assert held.get(flag, True) is True, (person["id"], flag)


def test_dates_are_ordered_and_in_range(people: list[dict[str, Any]]) -> None:
    for person in people:
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


def test_names_are_not_repeated_as_aliases(people: list[dict[str, Any]]) -> None:
    for person in people:
        aliases = person["aliases"]
        assert person["name"] not in aliases, person["id"]
        assert len(aliases) == len(set(aliases)), person["id"]


def test_names_with_diacritics_have_a_plain_variant(people: list[dict[str, Any]]) -> None:
    for person in people:
        plain = _fold(person["name"]).replace("ʻ", "'")
        if plain != person["name"]:
            assert plain in person["aliases"], (person["id"], plain)


def test_every_country_is_covered(people: list[dict[str, Any]]) -> None:
    americas = {p["country"] for p in _load("americas.yaml")}
    oceania = {p["country"] for p in _load("oceania.yaml")}
    assert americas == AMERICAS
    assert oceania == OCEANIA


@pytest.mark.parametrize(
    "on", [date(2001, 6, 1), date(2010, 6, 1), date(2020, 6, 1), date(2025, 6, 1)]
)
def test_every_country_has_a_leader_on_sample_days(people: list[dict[str, Any]], on: date) -> None:
    missing = [
        iso3
        for iso3 in sorted(AMERICAS | OCEANIA)
        if not holders(people, iso3, "head_of_state", on)
        and not holders(people, iso3, "head_of_government", on)
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
            if key in SHARED_OFFICES:
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


def test_monarch_and_governors_general_follow_the_brief(people: list[dict[str, Any]]) -> None:
    kings = [p["id"] for p in people for o in p["offices"] if o["title"] == "King"]
    assert all(pid.startswith("ton-") for pid in kings)
    gg_countries = {
        p["country"] for p in people for o in p["offices"] if o["title"] == "Governor-General"
    }
    assert gg_countries == {"AUS", "NZL", "CAN"}
    for person in people:
        for held in person["offices"]:
            if held["title"] == "Governor-General":
                assert held["office"] == "other", person["id"]


# --- spot facts ---------------------------------------------------------------------------


def test_biden_presidency(people: list[dict[str, Any]]) -> None:
    biden = _person(people, "usa-biden")
    presidency = [o for o in biden["offices"] if o["office"] == "head_of_state"]
    assert len(presidency) == 1
    assert _as_date(presidency[0]["start"]) == date(2021, 1, 20)
    assert _as_date(presidency[0]["end"]) == date(2025, 1, 20)
    assert holders(people, "USA", "head_of_state", date(2025, 1, 19)) == ["Joe Biden"]
    assert holders(people, "USA", "head_of_state", date(2025, 1, 20)) == ["Donald Trump"]


def test_us_cabinet_roles(people: list[dict[str, Any]]) -> None:
    assert holders(people, "USA", "foreign_minister", date(2010, 5, 1)) == ["Hillary Clinton"]
    assert holders(people, "USA", "defence_minister", date(2003, 3, 20)) == ["Donald Rumsfeld"]
    vice = [
        n
        for n in holders(people, "USA", "other", date(2019, 1, 1))
        if n in {"Mike Pence", "John Bolton"}
    ]
    assert sorted(vice) == ["John Bolton", "Mike Pence"]
    rice = _person(people, "usa-rice-condoleezza")
    assert [o["office"] for o in rice["offices"]] == ["other", "foreign_minister"]


def test_latin_american_presidents_and_aliases(people: list[dict[str, Any]]) -> None:
    lula = _person(people, "bra-lula")
    assert "Lula" in lula["aliases"]
    assert holders(people, "BRA", "head_of_state", date(2024, 1, 1)) == [
        "Luiz Inácio Lula da Silva"
    ]
    amlo = _person(people, "mex-lopez-obrador")
    assert {"AMLO", "Lopez Obrador", "López Obrador"} <= set(amlo["aliases"])
    assert holders(people, "MEX", "head_of_state", date(2025, 1, 1)) == ["Claudia Sheinbaum"]
    assert holders(people, "ARG", "head_of_state", date(2024, 6, 1)) == ["Javier Milei"]
    assert holders(people, "CHL", "head_of_state", date(2026, 3, 10)) == ["Gabriel Boric"]
    assert holders(people, "CHL", "head_of_state", date(2026, 3, 11)) == ["José Antonio Kast"]
    assert holders(people, "COL", "head_of_state", date(2023, 1, 1)) == ["Gustavo Petro"]


def test_cuba_and_venezuela(people: list[dict[str, Any]]) -> None:
    assert holders(people, "CUB", "head_of_state", date(2015, 1, 1)) == ["Raúl Castro"]
    assert holders(people, "CUB", "head_of_government", date(2022, 1, 1)) == ["Manuel Marrero Cruz"]
    assert holders(people, "VEN", "head_of_state", date(2010, 1, 1)) == ["Hugo Chávez"]
    assert holders(people, "VEN", "head_of_state", date(2020, 1, 1)) == ["Nicolás Maduro"]
    maduro = _person(people, "ven-maduro")
    assert [o["office"] for o in maduro["offices"]][0] == "foreign_minister"


def test_canada_and_oceania(people: list[dict[str, Any]]) -> None:
    assert holders(people, "CAN", "head_of_government", date(2020, 1, 1)) == ["Justin Trudeau"]
    assert holders(people, "CAN", "head_of_government", date(2025, 6, 1)) == ["Mark Carney"]
    assert holders(people, "CAN", "other", date(2023, 1, 1), title="Governor-General") == [
        "Mary Simon"
    ]
    assert holders(people, "AUS", "head_of_government", date(2024, 1, 1)) == ["Anthony Albanese"]
    assert holders(people, "AUS", "foreign_minister", date(2024, 1, 1)) == ["Penny Wong"]
    assert holders(people, "NZL", "head_of_government", date(2020, 3, 15)) == ["Jacinda Ardern"]
    assert holders(people, "NZL", "foreign_minister", date(2024, 1, 1)) == ["Winston Peters"]
    # Tonga's king was prime minister under his earlier title: one person, one id.
    tupou = _person(people, "ton-tupou-vi")
    assert [o["office"] for o in tupou["offices"]] == ["head_of_government", "head_of_state"]


def test_offices_held_both_ways_are_listed_on_one_person(people: list[dict[str, Any]]) -> None:
    # People who changed roles keep one id with all their offices.
    anand = _person(people, "can-anand")
    assert {o["office"] for o in anand["offices"]} == {"defence_minister", "foreign_minister"}
    santos = _person(people, "col-santos")
    assert {o["office"] for o in santos["offices"]} == {"defence_minister", "head_of_state"}
