"""The gazetteer and name keys: alternates, diacritics, case, data-file integrity, speed."""

from __future__ import annotations

import csv
import time

from polybius.geo import Locator
from polybius.geo.gazetteer import DATA_DIR
from polybius.geo.names import fold
from polybius.records import AnnotatedDoc

from .conftest import trigger_of


def test_fold_ignores_case_diacritics_and_punctuation() -> None:
    assert fold("São Paulo") == fold("SAO PAULO") == "sao paulo"
    assert fold("Diyarbakır") == "diyarbakir"
    assert fold("Côte d’Ivoire") == fold("Cote d'Ivoire")
    assert fold("the United States") == fold("U.S.".replace(".", "") and "United States")
    assert fold("Ivano-Frankivsk") == "ivano frankivsk"


def test_alternate_names_and_case(locator: Locator) -> None:
    assert locator.resolve("Kiev").name == "Kyiv"  # type: ignore[union-attr]
    assert locator.resolve("KYIV").name == "Kyiv"  # type: ignore[union-attr]
    assert locator.resolve("Bombay").name == "Mumbai"  # type: ignore[union-attr]
    assert locator.resolve("Côte d'Ivoire").country == "CIV"  # type: ignore[union-attr]
    assert locator.resolve("the U.S.").country == "USA"  # type: ignore[union-attr]
    assert locator.resolve("Xyzzyville") is None


def test_every_country_has_a_point(locator: Locator) -> None:
    countries = [p for p in locator.gazetteer.places if p.feature == "country"]
    assert len(countries) > 240
    missing = [
        p.name
        for p in countries
        if p.lat is None and p.country not in {"ATA", "BVT", "HMD", "UMI", "TKL", "BES", "IOT"}
    ]
    assert missing == []


def test_every_region_seat_is_found(locator: Locator) -> None:
    """A seat names a town of the region; a misspelt seat would lose the admin1 code."""
    with (DATA_DIR / "regions.tsv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")][1:]
    by_name = {
        p.name: p for p in locator.gazetteer.places if p.gazetteer_id.startswith("polybius:")
    }
    lost = [r[2] for r in rows if r[4].strip() and r[0].strip() and by_name[r[2]].admin1 is None]
    assert lost == []
    assert locator.admin1_name(by_name["Donetsk Oblast"].admin1) == "Donetsk Oblast"


def test_us_states_have_computed_centres(locator: Locator) -> None:
    texas = next(p for p, _ in locator.gazetteer.lookup("texas") if p.feature == "region")
    assert texas.admin1 == "US.TX"
    assert texas.lat is not None and 28 < texas.lat < 35
    assert texas.lon is not None and -103 < texas.lon < -94


def test_locate_is_fast(locator: Locator, annotated: dict[str, AnnotatedDoc]) -> None:
    adoc = annotated["Russian forces shelled villages outside Donetsk on Monday."]
    trigger = trigger_of(adoc, "shell")
    locator.locate(adoc, trigger, [(0, 2)], ["RUS", "UKR"])
    n = 2000
    t0 = time.perf_counter()
    for _ in range(n):
        locator.locate(adoc, trigger, [(0, 2)], ["RUS", "UKR"])
    per_call = (time.perf_counter() - t0) / n
    assert per_call < 500e-6  # typically ~20-40 µs; the bound leaves room for slow CI
