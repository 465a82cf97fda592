"""The event kinds, tiers and resolution rules of the walk that the case table does not show:
the words a location keeps, world regions against towns' old names, demonyms, curated towns."""

from __future__ import annotations

import time

from polybius.geo import Locator
from polybius.geo.gazetteer import _demonyms
from polybius.geo.syntax import DocView, EventKind, find_mentions
from polybius.records import AnnotatedDoc

from .conftest import actor_ranges, trigger_of


def test_event_kinds_follow_the_cameo_root() -> None:
    assert EventKind.of(None) == EventKind()  # no root: the narrowest reading
    attack = EventKind.of("190")
    assert attack.physical and attack.deep and attack.scene and attack.force
    visit = EventKind.of("04")
    assert visit.physical and visit.scene and not visit.force
    intent = EventKind.of("03")  # "agreed to halt operations in Karabakh"
    assert intent.deep and not intent.physical
    resign = EventKind.of("08")  # a resignation shares no scene with other actors' acts
    assert resign.physical and not resign.scene
    for verbal in ("01", "02", "05", "09", "10", "11", "12", "16"):
        assert not EventKind.of(verbal).deep and not EventKind.of(verbal).physical


def test_location_keeps_its_direction_words(
    locator: Locator, annotated: dict[str, AnnotatedDoc]
) -> None:
    adoc = annotated["Two soldiers were killed in southern Lebanon."]
    loc = locator.locate(adoc, trigger_of(adoc, "kill"), [], ["ISR", "LBN"], event_root="19")
    assert loc is not None
    assert (loc.name, loc.text) == ("Lebanon", "southern Lebanon")


def test_own_clause_before_the_occasion(annotated: dict[str, AnnotatedDoc]) -> None:
    adoc = annotated["The minister arrived in Paris and met officials in Lyon."]
    view = DocView(adoc)
    mentions = find_mentions(view, trigger_of(adoc, "meet"), [], "04")
    assert [(m.text, m.tier) for m in mentions] == [("Lyon", 0), ("Paris", 1)]


def test_actor_is_a_place_only_for_physical_acts(annotated: dict[str, AnnotatedDoc]) -> None:
    adoc = annotated["North Korea fired artillery shells at South Korea on Friday."]
    view = DocView(adoc)
    trigger = trigger_of(adoc, "fire")
    actors = actor_ranges(adoc, ("North Korea", "South Korea"))
    assert [m.text for m in find_mentions(view, trigger, actors, "19")] == ["South Korea"]
    # The same words under a verbal root (a statement about South Korea) name no place.
    assert find_mentions(view, trigger, actors, "11") == []
    assert find_mentions(view, trigger, actors, None) == []


def test_world_regions_and_compass_words(locator: Locator) -> None:
    # "north Africa" is not Mahdia, the Tunisian town whose old name is "Africa".
    assert locator.resolve("north Africa").name == "North Africa"  # type: ignore[union-attr]
    assert locator.resolve("Africa").feature == "region"  # type: ignore[union-attr]
    northeast = locator.resolve("northeast Nigeria")
    assert northeast is not None and northeast.country == "NGA"
    assert locator.resolve("North Kivu").name == "North Kivu"  # type: ignore[union-attr]


def test_demonyms_come_from_the_actor_countries(locator: Locator) -> None:
    demonyms = locator.gazetteer.demonyms
    assert demonyms["syrian"] == "SYR"
    assert demonyms["south korean"] == "KOR"
    syria = locator.gazetteer.country("SYR")
    assert syria is not None and syria.feature == "country" and syria.name == "Syria"
    # An adjective two countries share names neither.
    countries = [("COD", ["Congolese"]), ("COG", ["Congolese", "Brazzavillian"])]
    assert _demonyms({"COD", "COG"}, countries) == {"brazzavillian": "COG"}


def test_curated_towns_missing_from_geonames(locator: Locator) -> None:
    srebrenica = locator.resolve("Srebrenica")
    assert srebrenica is not None
    assert (srebrenica.feature, srebrenica.country) == ("city", "BIH")
    assert locator.resolve("Przewodów").country == "POL"  # type: ignore[union-attr]
    # Disputed areas have no country.
    galwan = locator.resolve("Galwan Valley")
    assert galwan is not None and galwan.country is None


def test_locate_with_a_root_is_fast(locator: Locator, annotated: dict[str, AnnotatedDoc]) -> None:
    adoc = annotated["The Pope arrived in Manila and was greeted by thousands of pilgrims."]
    trigger = trigger_of(adoc, "greet")
    actors = actor_ranges(adoc, ("The Pope",))
    assert locator.locate(adoc, trigger, actors, ["PHL"], event_root="04") is not None
    n = 2000
    t0 = time.perf_counter()
    for _ in range(n):
        locator.locate(adoc, trigger, actors, ["PHL"], event_root="04")
    per_call = (time.perf_counter() - t0) / n
    assert per_call < 500e-6  # typically ~40-60 µs; the bound leaves room for slow CI
