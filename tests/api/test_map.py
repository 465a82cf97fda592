"""Locations in the API: event records, the location filters, and the GeoJSON map endpoint."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from polybius.api import create_app
from polybius.api.app import MAX_MAP_EVENTS
from tests.store.geo_sample import LOCATED_IDS, add_located
from tests.store.sample_data import build_store

# The CHN-KAZ sample (one event located in Astana) plus the located sample.
ALL_LOCATED = LOCATED_IDS | {"d1"}


@pytest.fixture(scope="module")
def geo_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = add_located(build_store(tmp_path_factory.mktemp("geo") / "events.duckdb"))
    with TestClient(create_app(db)) as c:
        yield c


def _docs(client: TestClient, url: str = "/api/events", **params: str) -> set[str]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    if url == "/api/map":
        return {f["properties"]["doc_id"] for f in body["features"]}
    return {e["doc_id"] for e in body["events"]}


def test_events_carry_their_location(geo_client: TestClient) -> None:
    event = geo_client.get("/api/events/g4:0:7").json()
    assert event["location"] == {
        "text": "Paris, Texas", "name": "Paris", "feature": "city", "country": "USA",
        "admin1": "US.TX", "lat": 33.6609, "lon": -95.5555, "gazetteer_id": "geonames:4717560",
        "precision": "city", "start": 30, "end": 42,
    }  # fmt: skip
    assert ("location", "Paris, Texas") in [
        (m["role"], m["text"]) for m in event["evidence"]["marks"]
    ]
    listed = geo_client.get("/api/events", params={"country_located": "USA"}).json()["events"]
    assert [e["location"]["name"] for e in listed] == ["Paris"]
    assert geo_client.get("/api/events/g8:0:7").json()["location"] is None


def test_location_filters_on_events(geo_client: TestClient) -> None:
    assert _docs(geo_client, country_located="ukr") == {"g1", "g2"}
    assert _docs(geo_client, country_located="KAZ") == {"d1"}
    assert _docs(geo_client, bbox="-25,34,45,72") == {"g1", "g2", "g3"}
    assert _docs(geo_client, bbox="170,-25,-170,-10") == {"g6"}
    assert _docs(geo_client, actor="RUS", country_located="UKR") == {"g1", "g2"}
    assert _docs(geo_client, actor="RUS", **{"from": "2022-05-01"}) == {"g1", "g2", "g3", "g8"}
    assert _docs(geo_client, actor="RUSMIL") == {"g1"}


def test_map_is_a_geojson_feature_collection(geo_client: TestClient) -> None:
    body = geo_client.get("/api/map").json()
    assert body["type"] == "FeatureCollection" and body["truncated"] is False
    assert body["total"] == len(body["features"]) == len(ALL_LOCATED)
    assert {f["properties"]["doc_id"] for f in body["features"]} == ALL_LOCATED
    for feature in body["features"]:
        assert feature["type"] == "Feature" and feature["id"] == feature["properties"]["event_id"]
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    geneva = next(f for f in body["features"] if f["properties"]["doc_id"] == "g3")
    assert geneva["geometry"]["coordinates"] == [6.1457, 46.2022]  # [lon, lat] in GeoJSON
    props = geneva["properties"]
    assert props["sentence"] == "The United States met Russia for talks in Geneva."
    assert props["event_type"] == "CONSULT" and props["date"] == "2022-06-01"
    assert props["location"]["name"] == "Geneva" and props["location"]["country"] == "CHE"
    assert [m["role"] for m in props["marks"]] == ["source", "trigger", "target", "location"]


def test_map_uses_the_event_filters(geo_client: TestClient) -> None:
    assert _docs(geo_client, "/api/map", dyad="CHN,KAZ") == {"d1"}
    assert _docs(geo_client, "/api/map", dyad="RUS,USA") == {"g3"}
    assert _docs(geo_client, "/api/map", type="ASSAULT") == {"g1", "g5"}
    assert _docs(geo_client, "/api/map", type="ASSAULT", include_negated="true") == {
        "g1", "g5", "g7"
    }  # fmt: skip
    assert _docs(geo_client, "/api/map", **{"from": "2022-06-01", "to": "2022-06-30"}) == {
        "g3", "g4", "g5"
    }  # fmt: skip
    assert _docs(geo_client, "/api/map", bbox="-110,25,-80,40") == {"g4"}
    assert _docs(geo_client, "/api/map", country_located="FRA") == set()


def test_map_is_capped(geo_client: TestClient) -> None:
    capped = geo_client.get("/api/map", params={"limit": 2}).json()
    assert len(capped["features"]) == 2 and capped["total"] == len(ALL_LOCATED)
    assert capped["truncated"] is True
    huge = geo_client.get("/api/map", params={"limit": 10**8}).json()
    assert huge["limit"] == MAX_MAP_EVENTS and huge["truncated"] is False


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/events", {"bbox": "1,2,3"}),
        ("/api/events", {"bbox": "0,0,200,10"}),
        ("/api/events", {"bbox": "0,50,10,40"}),
        ("/api/events", {"bbox": "0,0,10,nan"}),
        ("/api/events", {"country_located": "UK"}),
        ("/api/map", {"bbox": "west,south,east,north"}),
        ("/api/map", {"country_located": "U1R"}),
        ("/api/map", {"limit": "-1"}),
        ("/api/map", {"actor": "R'US"}),
    ],
)
def test_bad_location_parameters_are_400(
    geo_client: TestClient, url: str, params: dict[str, str]
) -> None:
    response = geo_client.get(url, params=params)
    assert response.status_code == 400, response.text
    assert response.json()["error"]


def test_openapi_lists_the_map(geo_client: TestClient) -> None:
    spec = geo_client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/map"]["get"]["parameters"]}
    assert {"bbox", "country_located", "dyad", "actor", "type", "from", "to", "limit"} <= names
    event_params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"bbox", "country_located"} <= event_params
