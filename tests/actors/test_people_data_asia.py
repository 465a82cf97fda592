"""Checks on the hand-written office-holder files for Asia and the Middle East.

The files are typed from general knowledge, so these tests catch the mechanical slips
(a misspelt office kind, reversed dates, two prime ministers on one day, a country left
out, an id another file already uses) and pin a handful of facts that are easy to check.
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

FILES = ("asia.yaml", "middle_east.yaml")
# The resolver's fallback file repeats some leaders on purpose, under the same ids;
# the regional files win at load time.
FALLBACK_FILE = "core.yaml"

SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "IGO", "PTY", "BUS", "MED"}
# YAML 1.1 reads these bare words as booleans or null: an alias like that is a typing slip.
YAML_TRAPS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}

ASIA = {
    # East Asia
    "CHN", "TWN", "JPN", "KOR", "PRK", "MNG",
    # South-East Asia
    "BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS",
    # South Asia
    "IND", "PAK", "BGD", "LKA", "NPL", "BTN", "MDV", "AFG",
    # Central Asia
    "KAZ", "UZB", "KGZ", "TJK", "TKM",
}  # fmt: skip
MIDDLE_EAST = {
    "IRN", "IRQ", "SYR", "LBN", "ISR", "PSE", "JOR", "SAU", "YEM", "OMN", "ARE", "QAT",
    "BHR", "KWT", "EGY",
}  # fmt: skip
# Rival governments that both claimed the office, up to the day before which they overlap.
RIVAL_CLAIMS = {("AFG", "head_of_state"): date(2001, 12, 22)}
# Timor-Leste was under UN administration until independence on 2002-05-20.
NO_NATIONAL_LEADER_BEFORE = {"TLS": date(2002, 5, 20)}






@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    return [person for name in FILES for person in _load(name)]














# --- schema -------------------------------------------------------------------------------


def test_each_person_has_exactly_the_schema_keys(people: list[dict[str, Any]]) -> None:
    for person in people:
        assert set(person) == PERSON_KEYS, person.get("id")
        assert isinstance(person["name"], str) and person["name"].strip()
        assert isinstance(person["aliases"], list), person["id"]
        for alias in person["aliases"]:
            assert isinstance(alias, str) and alias.strip(), (person["id"], alias)
            assert alias.casefold() not in YAML_TRAPS, (person["id"], alias)
        assert isinstance(person["offices"], list) and person["offices"], person["id"]


def test_ids_are_unique_and_well_formed(people: list[dict[str, Any]]) -> None:
    counts = Counter(person["id"] for person in people)
    assert [pid for pid, n in counts.items() if n > 1] == []
    for person in people:
        assert PERSON_ID.match(person["id"]), person["id"]
        assert person["id"].startswith(person["country"].lower() + "-"), person["id"]


def test_ids_do_not_clash_with_other_regional_files(people: list[dict[str, Any]]) -> None:
    ours = {person["id"] for person in people}
    for path in sorted(PEOPLE_DIR.glob("*.yaml")):
        if path.name in FILES or path.name == FALLBACK_FILE:
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
            assert isinstance(held["title"], str) and held["title"].strip(), person["id"]
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
                assert start <= end <= TODAY, (person["id"], start, end)
                # Only offices still held at some point since 2000 belong here.
                assert end >= date(2000, 1, 1), (person["id"], end)
        assert starts == sorted(starts), f"{person['id']}: offices not in date order"


def test_names_are_not_repeated_as_aliases(people: list[dict[str, Any]]) -> None:
    for person in people:
        aliases = person["aliases"]
        assert person["name"] not in aliases, person["id"]
        assert len(aliases) == len(set(aliases)), person["id"]


def test_names_with_diacritics_have_a_plain_variant(people: list[dict[str, Any]]) -> None:
    for person in people:
        for spelling in [person["name"], *person["aliases"]]:
            plain = _fold(spelling)
            if plain != spelling:
                variants = {person["name"], *person["aliases"]}
                assert plain in variants, (person["id"], plain)


def test_every_country_is_covered() -> None:
    assert {p["country"] for p in _load("asia.yaml")} == ASIA
    assert {p["country"] for p in _load("middle_east.yaml")} == MIDDLE_EAST


def test_the_knowledge_base_loads_these_files() -> None:
    kb = load_packaged()
    ours = {p["id"] for name in FILES for p in _load(name)}
    assert ours <= set(kb.people)
    sources = {Path(kb.people[pid].source).name for pid in ours}
    assert sources == set(FILES)


# --- coverage and consistency over time ---------------------------------------------------


@pytest.mark.parametrize(
    "on", [date(2001, 6, 1), date(2010, 6, 1), date(2020, 6, 1), date(2025, 6, 1)]
)
def test_every_country_has_a_leader_on_sample_days(people: list[dict[str, Any]], on: date) -> None:
    missing = [
        iso3
        for iso3 in sorted(ASIA | MIDDLE_EAST)
        if on >= NO_NATIONAL_LEADER_BEFORE.get(iso3, date.min)
        and not holders(people, iso3, "head_of_state", on)
        and not holders(people, iso3, "head_of_government", on)
    ]
    assert missing == []


@pytest.mark.parametrize("on", [date(2012, 1, 1), date(2024, 1, 1)])
def test_big_countries_have_both_ministers_on_sample_days(
    people: list[dict[str, Any]], on: date
) -> None:
    big = ["CHN", "IND", "JPN", "KOR", "PAK", "IRN", "ISR", "SAU", "IRQ", "SYR", "EGY"]
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
            on = _as_date(held["start"])
            if on < RIVAL_CLAIMS.get(key, date.min):
                continue
            others = [
                name
                for name in holders(people, *key, on, exact_only=True)
                if name != person["name"]
            ]
            if others:
                clashes.append((key, on.isoformat(), person["name"], others))
    assert clashes == []


# --- spot facts ---------------------------------------------------------------------------


def test_kazakhstan_presidency_changes_hands_on_2019_03_20(people: list[dict[str, Any]]) -> None:
    nazarbayev = _offices(_person(people, "kaz-nazarbayev"), "head_of_state")
    assert len(nazarbayev) == 1
    assert _as_date(nazarbayev[0]["end"]) == date(2019, 3, 20)
    tokayev = _person(people, "kaz-tokayev")
    presidency = _offices(tokayev, "head_of_state")
    assert [_as_date(o["start"]) for o in presidency] == [date(2019, 3, 20)]
    assert "end" not in presidency[0]
    # Tokayev was prime minister and, twice, foreign minister before.
    assert {o["office"] for o in tokayev["offices"]} >= {"head_of_government", "foreign_minister"}
    assert holders(people, "KAZ", "head_of_state", date(2019, 3, 19)) == ["Nursultan Nazarbayev"]
    assert holders(people, "KAZ", "head_of_state", date(2019, 3, 20)) == ["Kassym-Jomart Tokayev"]


def test_iran_supreme_leader_and_presidents(people: list[dict[str, Any]]) -> None:
    khamenei = _person(people, "irn-khamenei")
    assert khamenei["offices"][0]["title"] == "Supreme Leader"
    assert "Khamenei" in khamenei["aliases"]
    assert holders(people, "IRN", "head_of_state", date(2010, 1, 1)) == ["Ali Khamenei"]
    assert holders(people, "IRN", "head_of_government", date(2010, 1, 1)) == ["Mahmoud Ahmadinejad"]
    assert holders(people, "IRN", "head_of_government", date(2015, 1, 1)) == ["Hassan Rouhani"]
    assert holders(people, "IRN", "head_of_government", date(2025, 1, 1)) == ["Masoud Pezeshkian"]
    assert holders(people, "IRN", "foreign_minister", date(2015, 7, 14)) == ["Mohammad Javad Zarif"]


def test_china_paramount_leader_is_president(people: list[dict[str, Any]]) -> None:
    xi = _person(people, "chn-xi")
    assert "Xi" in xi["aliases"]
    assert holders(people, "CHN", "head_of_state", date(2020, 1, 1)) == ["Xi Jinping"]
    assert holders(people, "CHN", "head_of_state", date(2008, 8, 8)) == ["Hu Jintao"]
    assert holders(people, "CHN", "head_of_government", date(2020, 1, 1)) == ["Li Keqiang"]
    assert holders(people, "CHN", "foreign_minister", date(2023, 5, 1)) == ["Qin Gang"]
    assert holders(people, "CHN", "foreign_minister", date(2024, 1, 1)) == ["Wang Yi"]


def test_gulf_rulers(people: list[dict[str, Any]]) -> None:
    mbs = _person(people, "sau-mohammed-bin-salman")
    assert "MBS" in mbs["aliases"]
    assert holders(people, "SAU", "head_of_government", date(2023, 1, 1)) == ["Mohammed bin Salman"]
    assert holders(people, "SAU", "head_of_state", date(2023, 1, 1)) == ["King Salman"]
    assert holders(people, "SAU", "defence_minister", date(2018, 1, 1)) == ["Mohammed bin Salman"]
    assert holders(people, "ARE", "head_of_state", date(2023, 1, 1)) == [
        "Mohamed bin Zayed Al Nahyan"
    ]
    assert holders(people, "QAT", "head_of_state", date(2015, 1, 1)) == [
        "Sheikh Tamim bin Hamad Al Thani"
    ]


def test_south_and_east_asian_leaders(people: list[dict[str, Any]]) -> None:
    assert holders(people, "IND", "head_of_government", date(2020, 1, 1)) == ["Narendra Modi"]
    assert holders(people, "IND", "foreign_minister", date(2020, 1, 1)) == ["S. Jaishankar"]
    assert holders(people, "PAK", "head_of_government", date(2020, 1, 1)) == ["Imran Khan"]
    assert holders(people, "PAK", "head_of_state", date(2005, 1, 1)) == ["Pervez Musharraf"]
    assert holders(people, "JPN", "head_of_government", date(2015, 1, 1)) == ["Shinzo Abe"]
    assert holders(people, "KOR", "head_of_state", date(2020, 1, 1)) == ["Moon Jae-in"]
    assert holders(people, "PRK", "head_of_state", date(2020, 1, 1)) == ["Kim Jong Un"]
    assert holders(people, "MMR", "head_of_government", date(2018, 1, 1)) == ["Aung San Suu Kyi"]


def test_israel_and_palestine(people: list[dict[str, Any]]) -> None:
    netanyahu = _person(people, "isr-netanyahu")
    assert "Netanyahu" in netanyahu["aliases"]
    assert holders(people, "ISR", "head_of_government", date(2024, 1, 1)) == ["Benjamin Netanyahu"]
    assert holders(people, "ISR", "defence_minister", date(2024, 12, 1)) == ["Israel Katz"]
    assert holders(people, "PSE", "head_of_state", date(2010, 1, 1)) == ["Mahmoud Abbas"]
    assert holders(people, "PSE", "head_of_state", date(2002, 1, 1)) == ["Yasser Arafat"]


def test_taliban_leader_before_and_after_taking_power(people: list[dict[str, Any]]) -> None:
    akhundzada = _person(people, "afg-akhundzada")
    kinds = [(o["office"], o.get("sector")) for o in akhundzada["offices"]]
    assert kinds == [("rebel_leader", None), ("head_of_state", None)]
    assert holders(people, "AFG", "rebel_leader", date(2019, 1, 1)) == ["Hibatullah Akhundzada"]
    assert holders(people, "AFG", "head_of_state", date(2019, 1, 1)) == ["Ashraf Ghani"]
    assert holders(people, "AFG", "head_of_state", date(2022, 1, 1)) == ["Hibatullah Akhundzada"]
    assert holders(people, "AFG", "rebel_leader", date(2010, 1, 1)) == ["Mullah Mohammad Omar"]


def test_armed_movements(people: list[dict[str, Any]]) -> None:
    assert holders(people, "LBN", "rebel_leader", date(2020, 1, 1)) == ["Hassan Nasrallah"]
    assert holders(people, "LBN", "rebel_leader", date(2025, 1, 1)) == ["Naim Qassem"]
    assert holders(people, "YEM", "rebel_leader", date(2015, 1, 1)) == ["Abdul-Malik al-Houthi"]
    assert holders(people, "IRQ", "rebel_leader", date(2015, 1, 1)) == ["Abu Bakr al-Baghdadi"]
    hamas_2020 = set(holders(people, "PSE", "rebel_leader", date(2020, 1, 1)))
    assert {"Ismail Haniyeh", "Yahya Sinwar"} <= hamas_2020
    sharaa = _person(people, "syr-sharaa")
    assert [o["office"] for o in sharaa["offices"]] == [
        "rebel_leader",
        "head_of_state",
        "head_of_state",
    ]
    assert "Abu Mohammad al-Jolani" in sharaa["aliases"]
    for person in people:
        for held in person["offices"]:
            if held["office"] == "rebel_leader":
                assert held.get("sector", "REB") == "REB", person["id"]
