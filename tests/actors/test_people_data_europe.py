"""Checks on the hand-written office-holder files for Europe and international organisations.

The files are typed by hand from general knowledge, so these tests guard the
mechanical mistakes that slip in (typos in office names, reversed dates, two
prime ministers on the same day) and pin a few well-known facts.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pytest

from .people_files import (
    ISO3,
    OFFICE_OPTIONAL,
    OFFICE_REQUIRED,
    OFFICES,
    PEOPLE_DIR,
    PERSON_ID,
)
from .people_files import (
    PERSON_KEYS as PERSON_REQUIRED,
)
from .people_files import (
    as_date as _as_date,
)
from .people_files import (
    load as _load,
)

FILES = ("europe.yaml", "igo.yaml")

ORGS = {
    "UNO",
    "UNSC",
    "UNGA",
    "UNHCR",
    "UNICEF",
    "WFP",
    "UNDP",
    "UNESCO",
    "EUR",
    "EUP",
    "ECB",
    "NAT",
    "AFU",
    "ASN",
    "OPC",
    "IMF",
    "WBK",
    "WHO",
    "WTO",
    "IAE",
    "ICC",
    "ICJ",
    "OSC",
    "ARL",
    "GCC",
    "SCO",
    "ECO",
    "COE",
    "OAS",
    "CWN",
    "OIC",
    "BIS",
    "OECD",
    "APEC",
    "BRI",
    "G7",
    "G20",
    "ITP",
    "ICRC",
    "WMO",
    "FAO",
    "ILO",
}
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "IGO", "BUS", "MED"}
# Offices that legitimately have several holders at once: Andorra's two co-princes,
# Bosnia's three-member presidency, Liechtenstein's prince and regent, and Serbia where
# the Yugoslav federal president sat above the Serbian republic's president until 2003.
SHARED_OFFICES = {
    ("AND", "head_of_state"),
    ("BIH", "head_of_state"),
    ("LIE", "head_of_state"),
    ("SRB", "head_of_state"),
}
EARLIEST_END = date(2000, 1, 1)






@pytest.fixture(scope="module")
def people() -> dict[str, list[dict[str, Any]]]:
    return {name: _load(name) for name in FILES}


def _all(people: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [person for name in FILES for person in people[name]]


def holders(
    people: dict[str, list[dict[str, Any]]], country: str, office: str, on: date
) -> list[str]:
    """Names of everyone holding `office` for `country` on day `on` (end day exclusive)."""
    found = []
    for person in _all(people):
        if person["country"] != country:
            continue
        for held in person["offices"]:
            if held["office"] != office:
                continue
            start = _as_date(held["start"])
            end = _as_date(held["end"]) if "end" in held else date.max
            if start <= on < end:
                found.append(person["name"])
    return found


def igo_holders(people: dict[str, list[dict[str, Any]]], org: str, on: date) -> list[str]:
    found = []
    for person in _all(people):
        for held in person["offices"]:
            if held["office"] == "igo_leader" and held.get("org") == org:
                start = _as_date(held["start"])
                end = _as_date(held["end"]) if "end" in held else date.max
                if start <= on < end:
                    found.append(person["name"])
    return found


@pytest.mark.parametrize("name", FILES)
def test_person_fields_follow_schema(people: dict[str, list[dict[str, Any]]], name: str) -> None:
    assert people[name], f"{name} is empty"
    for person in people[name]:
        keys = set(person)
        assert keys >= PERSON_REQUIRED, f"{person.get('id')}: missing {PERSON_REQUIRED - keys}"
        assert keys <= PERSON_REQUIRED, f"{person['id']}: unknown keys {keys - PERSON_REQUIRED}"
        assert PERSON_ID.match(person["id"]), person["id"]
        assert ISO3.match(person["country"]), f"{person['id']}: country {person['country']!r}"
        assert person["id"].startswith(person["country"].lower() + "-"), person["id"]
        assert isinstance(person["name"], str) and person["name"].strip(), person["id"]
        assert isinstance(person["aliases"], list), person["id"]
        assert all(isinstance(a, str) and a.strip() for a in person["aliases"]), person["id"]
        assert person["name"] not in person["aliases"], f"{person['id']}: name repeated in aliases"
        assert len(set(person["aliases"])) == len(person["aliases"]), f"{person['id']}: dup alias"
        assert person["offices"], f"{person['id']}: no offices"


@pytest.mark.parametrize("name", FILES)
def test_offices_are_well_formed(people: dict[str, list[dict[str, Any]]], name: str) -> None:
    today = date.today()
    for person in people[name]:
        starts = []
        for held in person["offices"]:
            where = f"{person['id']} {held}"
            keys = set(held)
            assert keys >= OFFICE_REQUIRED, where
            assert keys <= OFFICE_REQUIRED | OFFICE_OPTIONAL, where
            assert held["office"] in OFFICES, where
            assert isinstance(held["title"], str) and held["title"].strip(), where
            start = _as_date(held["start"])
            starts.append(start)
            assert start <= today, where
            if "end" in held:
                end = _as_date(held["end"])
                assert start <= end, where
                assert EARLIEST_END <= end <= today, where
            if held["office"] == "igo_leader":
                assert held.get("org") in ORGS, where
            else:
                assert "org" not in held, where
            if "sector" in held:
                assert held["sector"] in SECTORS, where
            for flag in ("acting", "approx"):
                if flag in held:
                    assert held[flag] is True, where
        assert starts == sorted(starts), f"{person['id']}: offices not in date order"


@pytest.mark.parametrize("name", FILES)
def test_ids_unique_within_file(people: dict[str, list[dict[str, Any]]], name: str) -> None:
    ids = [person["id"] for person in people[name]]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert duplicates == set()


def test_nobody_appears_in_both_files(people: dict[str, list[dict[str, Any]]]) -> None:
    europe = {p["id"] for p in people["europe.yaml"]}
    igo = {p["id"] for p in people["igo.yaml"]}
    assert europe & igo == set()
    europe_names = {p["name"] for p in people["europe.yaml"]}
    assert europe_names & {p["name"] for p in people["igo.yaml"]} == set()


def test_ids_do_not_clash_with_other_regions(people: dict[str, list[dict[str, Any]]]) -> None:
    # Other regional files are written in parallel; one person must have one id overall.
    ours = {p["id"] for p in _all(people)}
    for path in sorted(PEOPLE_DIR.glob("*.yaml")):
        if path.name in FILES:
            continue
        theirs = {entry.get("id") for entry in _load(path.name) if isinstance(entry, dict)}
        assert ours & theirs == set(), path.name


def test_igo_file_holds_only_igo_leaders_or_their_later_roles(
    people: dict[str, list[dict[str, Any]]],
) -> None:
    for person in people["igo.yaml"]:
        assert any(o["office"] == "igo_leader" for o in person["offices"]), person["id"]


def _overlaps(spans: list[tuple[date, date, str]]) -> list[tuple[str, str]]:
    """Pairs of holders whose spans overlap; the day of a handover counts for the successor."""
    clashes = []
    latest_end, latest_who = date.min, ""
    for start, end, who in sorted(spans):
        if start < latest_end:
            clashes.append((latest_who, who))
        if end > latest_end:
            latest_end, latest_who = end, who
    return clashes


def test_no_two_firm_holders_of_one_office_at_once(
    people: dict[str, list[dict[str, Any]]],
) -> None:
    # Acting and approximately dated spans are left out: they overlap by design or by
    # a few days of uncertainty. Everything else must hand over cleanly.
    spans: dict[tuple[str, str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for person in _all(people):
        for held in person["offices"]:
            if held.get("acting") or held.get("approx") or held["office"] == "other":
                continue
            if held["office"] == "igo_leader":
                key = (held["org"], "igo_leader", held["title"])
            else:
                if (person["country"], held["office"]) in SHARED_OFFICES:
                    continue
                key = (person["country"], held["office"], "")
            end = _as_date(held["end"]) if "end" in held else date.max
            spans[key].append((_as_date(held["start"]), end, person["id"]))
    clashes = {key: _overlaps(value) for key, value in spans.items()}
    assert {key: value for key, value in clashes.items() if value} == {}


def test_every_european_state_has_a_current_head_of_state(
    people: dict[str, list[dict[str, Any]]],
) -> None:
    # San Marino's six-monthly Captains Regent are deliberately not listed.
    expected = {
        "ALB",
        "AND",
        "ARM",
        "AUT",
        "AZE",
        "BEL",
        "BGR",
        "BIH",
        "BLR",
        "CHE",
        "CYP",
        "CZE",
        "DEU",
        "DNK",
        "ESP",
        "EST",
        "FIN",
        "FRA",
        "GBR",
        "GEO",
        "GRC",
        "HRV",
        "HUN",
        "IRL",
        "ISL",
        "ITA",
        "LIE",
        "LTU",
        "LUX",
        "LVA",
        "MCO",
        "MDA",
        "MKD",
        "MLT",
        "MNE",
        "NLD",
        "NOR",
        "POL",
        "PRT",
        "ROU",
        "RUS",
        "SRB",
        "SVK",
        "SVN",
        "SWE",
        "TUR",
        "UKR",
        "VAT",
        "XKX",
    }
    day = date(2024, 6, 1)
    missing = {c for c in expected if not holders(people, c, "head_of_state", day)}
    assert missing == set()


def _office(people: dict[str, list[dict[str, Any]]], person_id: str) -> list[dict[str, Any]]:
    for person in _all(people):
        if person["id"] == person_id:
            return list(person["offices"])
    raise AssertionError(f"{person_id} not found")


def test_spot_facts_heads(people: dict[str, list[dict[str, Any]]]) -> None:
    assert holders(people, "DEU", "head_of_government", date(2022, 3, 1)) == ["Olaf Scholz"]
    merkel = [o for o in _office(people, "deu-merkel") if o["office"] == "head_of_government"]
    assert len(merkel) == 1 and _as_date(merkel[0]["end"]) == date(2021, 12, 8)
    assert holders(people, "RUS", "head_of_state", date(2010, 1, 1)) == ["Dmitry Medvedev"]
    assert holders(people, "RUS", "head_of_government", date(2010, 1, 1)) == ["Vladimir Putin"]
    assert holders(people, "UKR", "head_of_state", date(2022, 2, 24)) == ["Volodymyr Zelenskyy"]
    assert holders(people, "GBR", "head_of_government", date(2022, 10, 1)) == ["Liz Truss"]
    assert holders(people, "FRA", "head_of_state", date(2010, 6, 1)) == ["Nicolas Sarkozy"]
    assert holders(people, "ITA", "head_of_government", date(2021, 6, 1)) == ["Mario Draghi"]
    assert holders(people, "TUR", "head_of_state", date(2010, 1, 1)) == ["Abdullah Gül"]
    assert holders(people, "VAT", "head_of_state", date(2010, 1, 1)) == ["Benedict XVI"]


def test_spot_facts_ministers(people: dict[str, list[dict[str, Any]]]) -> None:
    assert holders(people, "RUS", "foreign_minister", date(2015, 1, 1)) == ["Sergey Lavrov"]
    assert holders(people, "RUS", "defence_minister", date(2020, 1, 1)) == ["Sergei Shoigu"]
    assert holders(people, "GBR", "foreign_minister", date(2017, 1, 1)) == ["Boris Johnson"]
    assert holders(people, "UKR", "defence_minister", date(2022, 6, 1)) == ["Oleksii Reznikov"]
    assert holders(people, "DEU", "defence_minister", date(2015, 1, 1)) == ["Ursula von der Leyen"]


def test_spot_facts_international_organisations(
    people: dict[str, list[dict[str, Any]]],
) -> None:
    assert igo_holders(people, "UNO", date(2020, 1, 1)) == ["António Guterres"]
    assert igo_holders(people, "NAT", date(2020, 1, 1)) == ["Jens Stoltenberg"]
    assert igo_holders(people, "ECB", date(2015, 1, 1)) == ["Mario Draghi"]
    assert igo_holders(people, "WHO", date(2020, 3, 1)) == ["Tedros Adhanom Ghebreyesus"]
    assert sorted(igo_holders(people, "EUR", date(2020, 6, 1))) == [
        "Charles Michel",
        "Josep Borrell",
        "Ursula von der Leyen",
    ]
    # A European politician who led an organisation lives in europe.yaml with both offices.
    stoltenberg = {o["office"] for o in _office(people, "nor-stoltenberg")}
    assert {"head_of_government", "igo_leader"} <= stoltenberg


def test_aliases_cover_plain_spellings(people: dict[str, list[dict[str, Any]]]) -> None:
    by_id = {p["id"]: p for p in _all(people)}
    assert "Erdogan" in by_id["tur-erdogan"]["aliases"]
    assert {"Zelensky", "Zelenskiy"} <= set(by_id["ukr-zelenskyy"]["aliases"])
