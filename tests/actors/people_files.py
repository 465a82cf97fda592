"""Shared schema, loaders and lookups for the checks on the hand-written people files
(``test_people_data_*.py``): each regional test module imports these instead of its own copy."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import yaml

import polybius.actors

PEOPLE_DIR = Path(polybius.actors.__file__).parent / "data" / "people"
TODAY = date(2026, 11, 28)

PERSON_KEYS = {"id", "name", "aliases", "country", "offices"}
OFFICE_REQUIRED = {"office", "title", "start"}
OFFICE_OPTIONAL = {"end", "sector", "org", "acting", "approx"}
OFFICES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "igo_leader",
    "military_chief",
    "party_leader",
    "opposition_leader",
    "rebel_leader",
    "other",
}
# Offices one person holds at a time per country (rival claims and sharing are listed per file).
EXCLUSIVE_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
ISO3 = re.compile(r"^[A-Z]{3}$")
PERSON_ID = re.compile(r"^[a-z]{3}-[a-z0-9]+(-[a-z0-9]+)*$")

# Letters that Unicode does not decompose into a base letter plus a mark.
_UNDECOMPOSED = str.maketrans({"Đ": "D", "đ": "d", "ı": "i"})


def as_date(value: Any) -> date:
    # yaml.safe_load turns unquoted ISO dates into date objects; quoted ones stay strings.
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def load(name: str) -> list[dict[str, Any]]:
    with (PEOPLE_DIR / name).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, list), f"{name} must be a YAML list"
    return data


def held_on(office: dict[str, Any], on: date) -> bool:
    # A successor's start day is the predecessor's end day, so the end day is exclusive.
    end = office.get("end")
    return as_date(office["start"]) <= on and (end is None or on < as_date(end))


def holders(
    people: list[dict[str, Any]],
    country: str,
    office: str,
    on: date,
    exact_only: bool = False,
    title: str | None = None,
) -> list[str]:
    """Names of everyone holding `office` for `country` on day `on`.

    `exact_only` leaves out acting holders and offices whose dates are approximate.
    """
    return [
        person["name"]
        for person in people
        if person["country"] == country
        for held in person["offices"]
        if held["office"] == office
        and held_on(held, on)
        and (title is None or held["title"] == title)
        and not (exact_only and (held.get("acting") or held.get("approx")))
    ]


def person_by_id(people: list[dict[str, Any]], person_id: str) -> dict[str, Any]:
    found = [p for p in people if p["id"] == person_id]
    assert len(found) == 1, person_id
    return found[0]


def offices_of(person: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [o for o in person["offices"] if o["office"] == kind]


def fold(text: str) -> str:
    """The name without accents ("Erdoğan" -> "Erdogan")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
