"""Documents with hand-made event locations (what the locator will produce), for the
location tests of the store, exports, API and map page.

Each document holds one sentence and one event; ``LOCATED`` gives its place. Actors are
RUS, UKR, USA, NGA, FJI, CHE, FRA so that the CHN/KAZ sample of ``sample_data`` is untouched.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

from polybius.records import (
    ActorMention,
    CameoInfo,
    Document,
    Event,
    EventDate,
    Location,
    PloverInfo,
    Span,
)
from polybius.store import EventStore


class Case(NamedTuple):
    doc_id: str
    day: date
    text: str
    source: tuple[str, str, str]  # mention text, country, sector
    target: tuple[str, str, str] | None
    trigger: str
    cameo: tuple[str, str, float, int, str | None]  # code, label, goldstein, quad, PLOVER
    place: str | None  # the place's text in the sentence
    location: dict[str, object] | None  # Location fields other than text/start/end
    negated: bool = False


CASES = [
    Case("g1", date(2022, 5, 2), "Russian forces shelled villages outside Donetsk.",
         ("Russian forces", "RUS", "MIL"), None, "shelled",
         ("195", "Employ aerial weapons", -10.0, 4, "ASSAULT"), "Donetsk",
         {"name": "Donetsk", "feature": "city", "country": "UKR", "admin1": "UA.05",
          "lat": 48.023, "lon": 37.8022, "gazetteer_id": "geonames:709717", "precision": "city"}),
    Case("g2", date(2022, 5, 3), "Ukraine accused Russia of strikes in Ukraine.",
         ("Ukraine", "UKR", "GOV"), ("Russia", "RUS", "GOV"), "accused",
         ("112", "Accuse, not specified", -2.0, 3, "ACCUSE"), "Ukraine",
         {"name": "Ukraine", "feature": "country", "country": "UKR", "admin1": None,
          "lat": 49.0, "lon": 32.0, "gazetteer_id": "geonames:690791", "precision": "country"}),
    Case("g3", date(2022, 6, 1), "The United States met Russia for talks in Geneva.",
         ("The United States", "USA", "GOV"), ("Russia", "RUS", "GOV"), "met",
         ("040", "Consult, not specified", 1.0, 1, "CONSULT"), "Geneva",
         {"name": "Geneva", "feature": "city", "country": "CHE", "admin1": "CH.GE",
          "lat": 46.2022, "lon": 6.1457, "gazetteer_id": "geonames:2660646",
          "precision": "city"}),
    Case("g4", date(2022, 6, 2), "Police arrested protesters in Paris, Texas.",
         ("Police", "USA", "COP"), ("protesters", "USA", "CVL"), "arrested",
         ("173", "Arrest, detain", -5.0, 4, "COERCE"), "Paris, Texas",
         {"name": "Paris", "feature": "city", "country": "USA", "admin1": "US.TX",
          "lat": 33.6609, "lon": -95.5555, "gazetteer_id": "geonames:4717560",
          "precision": "city"}),
    Case("g5", date(2022, 6, 3), "Nigerian troops raided a camp in Kaduna state.",
         ("Nigerian troops", "NGA", "MIL"), None, "raided",
         ("190", "Use conventional military force", -10.0, 4, "ASSAULT"), "Kaduna state",
         {"name": "Kaduna State", "feature": "region", "country": "NGA", "admin1": "NG.23",
          "lat": 10.3333, "lon": 7.75, "gazetteer_id": "polybius:kaduna-state",
          "precision": "admin1"}),
    Case("g6", date(2022, 7, 1), "Fiji hosted France in Suva.",
         ("Fiji", "FJI", "GOV"), ("France", "FRA", "GOV"), "hosted",
         ("043", "Host a visit", 2.8, 1, "CONSULT"), "Suva",
         {"name": "Suva", "feature": "city", "country": "FJI", "admin1": "FJ.02",
          "lat": -18.1416, "lon": 178.4415, "gazetteer_id": "geonames:2198148",
          "precision": "city"}),
    Case("g7", date(2022, 7, 2), "Russia did not shell Kharkiv.",
         ("Russia", "RUS", "GOV"), None, "shell",
         ("195", "Employ aerial weapons", -10.0, 4, "ASSAULT"), "Kharkiv",
         {"name": "Kharkiv", "feature": "city", "country": "UKR", "admin1": "UA.07",
          "lat": 49.9808, "lon": 36.2527, "gazetteer_id": "geonames:706483",
          "precision": "city"}, negated=True),
    Case("g8", date(2022, 7, 3), "Russia warned Ukraine.",
         ("Russia", "RUS", "GOV"), ("Ukraine", "UKR", "GOV"), "warned",
         ("130", "Threaten, not specified", -4.4, 3, "THREATEN"), None, None),
]  # fmt: skip

LOCATED_IDS = {c.doc_id for c in CASES if c.location and not c.negated}


def _mention(text: str, sentence: str, country: str, sector: str) -> ActorMention:
    start = sentence.index(text)
    return ActorMention(text=text, start=start, end=start + len(text), name=text,
                        country=country, sector=sector, code=country + sector)  # fmt: skip


def event_of(case: Case) -> Event:
    s = case.text
    location = None
    if case.place and case.location:
        at = s.index(case.place)
        location = Location(text=case.place, start=at, end=at + len(case.place),
                            **case.location)  # type: ignore[arg-type]  # fmt: skip
    code, label, goldstein, quad, plover = case.cameo
    trigger_at = s.index(case.trigger)
    return Event(
        event_id=f"{case.doc_id}:0:{trigger_at}",
        doc_id=case.doc_id,
        source=_mention(*case.source[:1], s, *case.source[1:]),
        target=_mention(case.target[0], s, *case.target[1:]) if case.target else None,
        cameo=CameoInfo(code, code[:2], label, goldstein, quad),
        plover=PloverInfo(plover),
        when=EventDate(date=case.day, date_end=None, precision="document"),
        sentence_index=0,
        sentence=Span(s, 0, len(s)),
        trigger=Span(case.trigger, trigger_at, trigger_at + len(case.trigger)),
        negated=case.negated,
        confidence=0.7,
        location=location,
        pub_date=case.day,
        versions={"polybius": "0.1.0"},
    )


def located_batch() -> list[tuple[Document, list[Event]]]:
    return [
        (Document(id=c.doc_id, text=c.text, date=c.day, title=f"Title {c.doc_id}",
                  url=f"https://example.org/{c.doc_id}", source="Example Wire"), [event_of(c)])
        for c in CASES
    ]  # fmt: skip


def add_located(path: Path) -> Path:
    """Add the located documents and events to the store at ``path`` (created if needed)."""
    with EventStore(path) as store:
        store.write_batch(located_batch(), coder_version="0.1.0")
    return path
