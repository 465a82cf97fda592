from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polybius.api import create_app
from polybius.store import EventStore
from tests.store.keyword_coder import KeywordCoder
from tests.store.sample_data import build_store

from .conftest import TOKEN


def test_healthz_and_openapi(client: TestClient) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["events"] == 11 and health["writable"] is False
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/dyads/{a}/{b}/timeline",
                 "/api/actors", "/api/documents/{doc_id}", "/healthz"):  # fmt: skip
        assert path in spec["paths"]
    assert "/api/documents" not in spec["paths"]  # no write route without a token


def test_events_pagination(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 4}).json()
    assert first["total"] == 9 and len(first["events"]) == 4 and first["next_offset"] == 4
    rest = client.get("/api/events", params={"limit": 4, "offset": 4}).json()
    last = client.get("/api/events", params={"limit": 4, "offset": 8}).json()
    assert len(rest["events"]) == 4 and len(last["events"]) == 1 and last["next_offset"] is None
    ids = [e["event_id"] for page in (first, rest, last) for e in page["events"]]
    assert len(set(ids)) == 9
    days = [e["date"] for page in (first, rest, last) for e in page["events"]]
    assert days == sorted(days)


def test_page_size_is_capped(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 100000}).json()
    assert body["limit"] == 500 and len(body["events"]) == 9


def test_filters(client: TestClient) -> None:
    def ids(**params: str) -> set[str]:
        return {e["event_id"] for e in client.get("/api/events", params=params).json()["events"]}

    assert ids(dyad="KAZ,CHN") == {"d1:0:6", "d2:0:11", "d2:1:45", "d6:0:11"}
    assert ids(source="UKR") == {"d3:1:33", "d5:0:8"}
    assert ids(target="RUSGOV", type="ACCUSE") == {"d3:1:33", "d5:0:8"}
    assert ids(cameo="19") == {"d3:0:7"}
    assert ids(**{"from": "2022-02-01", "to": "2022-02-28"}) == {"d3:0:7", "d3:1:33", "d4:1:36"}
    assert ids(text="SHELLING") == {"d3:1:33"}
    assert ids(text="%") == set()  # literal text, not a LIKE pattern
    assert "d4:0:14" in ids(include_negated="true") and "d5:1:45" in ids(include_negated="true")


def test_event_detail_has_evidence_and_document(client: TestClient) -> None:
    event = client.get("/api/events/d1:0:6").json()
    assert event["evidence"]["text"] == "China met Kazakhstan in Astana."
    assert [(m["role"], m["text"]) for m in event["evidence"]["marks"]] == [
        ("source", "China"), ("trigger", "met"), ("target", "Kazakhstan"), ("location", "Astana")
    ]  # fmt: skip
    assert event["document"]["title"] == "Title d1" and "text" not in event["document"]


def test_dyad_timeline(client: TestClient) -> None:
    body = client.get("/api/dyads/chn/KAZ/timeline", params={"interval": "month"}).json()
    assert (body["a"], body["b"], body["total"]) == ("CHN", "KAZ", 4)
    jan, mar = body["periods"]
    assert jan["period"] == "2022-01-01" and jan["counts"] == {"1": 2, "2": 1, "3": 0, "4": 0}
    assert jan["goldstein_sum"] == pytest.approx(11.4) and jan["goldstein_mean"] == pytest.approx(
        3.8
    )
    assert mar["period"] == "2022-03-01" and mar["total"] == 1
    days = client.get("/api/dyads/CHN/KAZ/timeline", params={"interval": "day"}).json()
    assert len(days["periods"]) == 4
    aid = client.get("/api/dyads/CHN/KAZ/timeline", params={"type": "AID"}).json()
    assert aid["total"] == 1


def test_actors_and_documents(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"q": "kaz"}).json()["actors"]
    assert [a["code"] for a in actors] == ["KAZGOV"]
    assert {a["code"] for a in client.get("/api/actors").json()["actors"]} == {
        "CHNGOV", "KAZGOV", "RUSGOV", "UKRGOV"
    }  # fmt: skip
    doc = client.get("/api/documents/d4").json()
    assert doc["text"].startswith("China did not attack") and len(doc["events"]) == 2
    assert doc["events"][0]["negated"] is True


@pytest.mark.parametrize(
    "url",
    ["/api/events/nope", "/api/documents/nope", "/api/events/d1:0:6x", "/no/such/page"],
)
def test_missing_things_are_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/events", {"limit": "abc"}),
        ("/api/events", {"limit": "-1"}),
        ("/api/events", {"offset": "-3"}),
        ("/api/events", {"from": "2022-02-30"}),
        ("/api/events", {"from": "2022-03-01", "to": "2022-01-01"}),
        ("/api/events", {"dyad": "CHN"}),
        ("/api/events", {"cameo": "abc"}),
        ("/api/events", {"type": "not a type"}),
        ("/api/events", {"include_negated": "maybe"}),
        ("/api/dyads/CHN/KAZ/timeline", {"interval": "fortnight"}),
        ("/api/dyads/CHN!/KAZ/timeline", {}),
        ("/api/actors", {"q": "x" * 101}),
    ],
)
def test_bad_parameters_are_400_with_a_message(
    client: TestClient, url: str, params: dict[str, str]
) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 400, response.text
    assert response.json()["error"]


INJECTIONS = [
    "CHN' OR 1=1 --",
    "'; DROP TABLE events; --",
    'CHN" OR "1"="1',
    "1) OR (1=1",
    "CHN%' --",
    "' UNION SELECT * FROM documents --",
]
FILTERS = ["source", "target", "actor", "dyad", "type", "cameo", "from", "to", "text", "doc_id",
           "country_located", "bbox"]  # fmt: skip


@pytest.mark.parametrize("attack", INJECTIONS)
@pytest.mark.parametrize("name", FILTERS)
def test_sql_injection_gives_4xx_or_nothing(client: TestClient, name: str, attack: str) -> None:
    value = {"dyad": f"CHN,{attack}", "bbox": f"0,0,10,{attack}"}.get(name, attack)
    for url, items in (("/api/events", "events"), ("/api/map", "features")):
        response = client.get(url, params={name: value})
        assert response.status_code < 500
        if response.status_code == 200:
            assert response.json()[items] == []
        else:
            assert 400 <= response.status_code < 500
    assert client.get("/healthz").json()["events"] == 11  # nothing dropped


@pytest.mark.parametrize("attack", INJECTIONS)
def test_sql_injection_in_paths_and_search(client: TestClient, attack: str) -> None:
    for url in (f"/api/events/{attack}", f"/api/documents/{attack}",
                f"/api/dyads/{attack}/KAZ/timeline"):  # fmt: skip
        assert 400 <= client.get(url).status_code < 500
    response = client.get("/api/actors", params={"q": attack})
    assert response.status_code == 200 and response.json()["actors"] == []


def test_post_requires_a_token_server(db: Path, tmp_path: Path) -> None:
    with TestClient(create_app(db)) as read_only:
        assert read_only.post("/api/documents", json={"text": "x"}).status_code in (404, 405)


def test_post_documents_with_token(tmp_path: Path) -> None:
    db = build_store(tmp_path / "w.duckdb")
    app = create_app(db, token=TOKEN, coder=KeywordCoder(), max_body_bytes=10_000)
    doc = {"text": "Russia met Kazakhstan in Astana.", "date": "2022-04-01", "title": "new"}
    with TestClient(app) as client:
        assert client.post("/api/documents", json=doc).status_code == 401
        wrong = client.post("/api/documents", json=doc, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403
        auth = {"Authorization": f"Bearer {TOKEN}"}
        created = client.post("/api/documents", json=doc, headers=auth)
        assert created.status_code == 201, created.text
        assert created.json()["documents_new"] == 1 and created.json()["events_added"] == 1
        again = client.post(
            "/api/documents", json=[doc, {"text": "China met Ukraine."}], headers=auth
        )
        assert again.json()["documents_new"] == 1 and again.json()["documents_present"] == 1
        assert client.get("/api/events", params={"dyad": "RUS,KAZ"}).json()["total"] == 1
        big = client.post("/api/documents", json={"text": "x" * 20_000}, headers=auth)
        assert big.status_code == 413
        empty = client.post("/api/documents", json=[], headers=auth)
        assert empty.status_code == 400
        bad = client.post("/api/documents", json={"text": ""}, headers=auth)
        assert bad.status_code == 400
        assert client.get("/openapi.json").json()["paths"]["/api/documents"]["post"]
    with EventStore(db, read_only=True) as store:
        assert store.counts()["documents"] == 8


def test_chunked_body_over_the_limit_is_413(tmp_path: Path) -> None:
    db = build_store(tmp_path / "w.duckdb")
    app = create_app(db, token=TOKEN, coder=KeywordCoder(), max_body_bytes=1000)

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(10):
            yield b"x" * 200

    with TestClient(app) as client:
        response = client.post(
            "/api/documents", content=chunks(),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )  # fmt: skip
    assert response.status_code == 413


def test_short_token_is_refused(tmp_path: Path) -> None:
    from polybius.errors import PolybiusError

    with pytest.raises(PolybiusError):
        create_app(build_store(tmp_path / "w.duckdb"), token="short")
