from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from polybius.errors import QueryError, StoreError
from polybius.records import Document
from polybius.store import LATEST_VERSION, EventFilter, EventStore, ingest, migrations, recode

from .keyword_coder import KeywordCoder, code_document
from .sample_data import sample_documents


def test_migrations_are_numbered_and_applied_once(tmp_path: Path) -> None:
    versions = [m.version for m in migrations()]
    assert versions == sorted(set(versions)) and versions[0] == 1
    path = tmp_path / "s.duckdb"
    with EventStore(path) as store:
        assert store.schema_version() == LATEST_VERSION
    with EventStore(path) as store:  # reopening applies nothing twice
        assert store.migrate() == LATEST_VERSION
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM schema_version").fetchone() == (len(versions),)
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    con.close()
    assert {"documents", "events", "actors", "schema_version"} <= tables


def test_read_only_store_refuses_missing_file_and_writes(tmp_path: Path, filled_db: Path) -> None:
    with pytest.raises(StoreError, match="no event store"):
        EventStore(tmp_path / "absent.duckdb", read_only=True)
    with (
        EventStore(filled_db, read_only=True) as store,
        pytest.raises(StoreError, match="read-only"),
    ):
        store.write_batch([], "x")


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_text("this is not a database")
    with pytest.raises(StoreError):
        EventStore(bad)


def test_event_to_dict_round_trips_through_the_store(filled_db: Path) -> None:
    expected = {e.event_id: e.to_dict() for d in sample_documents() for e in code_document(d)}
    with EventStore(filled_db, read_only=True) as store:
        stored = store.query_events(EventFilter(include_negated=True))
        assert len(stored) == len(expected) == 11
        for event in stored:
            assert event == expected[event["event_id"]]
        with_location = store.get_event("d1:0:6")
    assert with_location is not None and with_location["location"]["lat"] == 51.1801
    assert with_location == expected["d1:0:6"]


def test_reingest_adds_nothing(filled_db: Path) -> None:
    with EventStore(filled_db) as store:
        before = store.counts()
        summary = ingest(store, sample_documents(), KeywordCoder(), batch_size=2)
        assert store.counts() == before
    assert summary.documents_new == 0 and summary.documents_present == 6
    assert summary.events_added == 0


def test_same_text_twice_in_one_batch_is_stored_once(tmp_path: Path) -> None:
    doc = sample_documents()[0]
    twin = Document(id="other-id", text=doc.text + "  \n", date=doc.date)  # same normalised text
    with EventStore(tmp_path / "s.duckdb") as store:
        summary = ingest(store, [doc, twin], KeywordCoder())
        assert store.counts()["documents"] == 1
    assert (summary.documents_new, summary.documents_present) == (1, 1)


def test_clashing_document_ids_with_different_texts_are_both_kept(tmp_path: Path) -> None:
    a = Document(id="<stdin>", text="China met Russia.", date=date(2022, 1, 1))
    b = Document(id="<stdin>", text="Russia met China.", date=date(2022, 1, 1))
    with EventStore(tmp_path / "s.duckdb") as store:
        ingest(store, [a], KeywordCoder())
        summary = ingest(store, [b], KeywordCoder())
        ids = store.document_ids()
    assert summary.documents_new == 1 and len(ids) == 2 and ids[0] == "<stdin>"
    assert ids[1].startswith("<stdin>#")


def test_failed_document_is_counted_and_others_are_stored(tmp_path: Path) -> None:
    from polybius.errors import InputError

    docs: list[Document | InputError] = [
        *sample_documents()[:3],
        InputError("x.txt", "binary file"),
    ]
    poison = Document(id="bad", text="POISON China met Russia.", date=date(2022, 1, 1))
    docs.insert(1, poison)
    with EventStore(tmp_path / "s.duckdb") as store:
        summary = ingest(store, docs, KeywordCoder(fail_on="POISON"), batch_size=10)
        assert store.counts()["documents"] == 3
    assert summary.documents_failed == 2 and summary.documents_new == 3
    assert any("bad" in f for f in summary.failures) and any(
        "binary" in f for f in summary.failures
    )


def test_batch_is_atomic_when_a_write_fails(tmp_path: Path) -> None:
    docs = sample_documents()
    with EventStore(tmp_path / "s.duckdb") as store:
        coded = [(d, list(code_document(d))) for d in docs[:2]]
        # The second document repeats an event id: the whole batch must roll back.
        coded[1][1].append(coded[0][1][0])
        with pytest.raises(StoreError):
            store.write_batch(coded, "v")
        assert store.counts() == {"documents": 0, "events": 0, "actors": 0}


def test_recode_replaces_events_per_document(filled_db: Path) -> None:
    class NewerCoder(KeywordCoder):
        version = "keyword-coder 2"

    with EventStore(filled_db) as store:
        before = store.query_events(EventFilter(include_negated=True))
        summary = recode(store, NewerCoder())
        after = store.query_events(EventFilter(include_negated=True))
        doc = store.get_document("d1")
    assert summary.documents == 6 and summary.events_before == summary.events_after == 11
    assert [e["event_id"] for e in before] == [e["event_id"] for e in after]
    assert {e["versions"]["coding"] for e in after} == {"keyword-coder 2"}
    assert doc is not None and doc["coder_version"] == "keyword-coder 2"


def test_document_keeps_metadata_and_text(filled_db: Path) -> None:
    with EventStore(filled_db, read_only=True) as store:
        doc = store.get_document("d2")
        assert store.get_document("nope") is None
        (rebuilt,) = store.documents(["d2"])
    assert doc is not None
    assert doc["title"] == "Title d2" and doc["pub_date"] == "2022-01-20"
    assert doc["url"] == "https://example.org/d2" and doc["source"] == "Example Wire"
    assert doc["text"].startswith("Kazakhstan praised") and len(doc["content_hash"]) == 64
    assert [e["event_id"] for e in doc["events"]] == ["d2:0:11", "d2:1:45"]
    assert rebuilt.text == doc["text"] and rebuilt.date == date(2022, 1, 20)


def test_store_and_api_never_import_spacy() -> None:
    code = (
        "import sys, polybius.store, polybius.store.export, polybius.api, polybius.dashboard;"
        "import polybius.cli.store_cmds;"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import json;" + code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_invalid_filters_raise_query_error() -> None:
    for kwargs in (
        {"source": "CHN' OR 1=1 --"},
        {"dyad": "CHN"},
        {"dyad": "CHN,KAZ,RUS"},
        {"event_type": "CONSULT; DROP"},
        {"cameo": "04a"},
        {"date_from": "2022-13-01"},
        {"date_from": "yesterday"},
        {"date_from": "2022-03-01", "date_to": "2022-01-01"},
        {"text": "x" * 201},
        {"offset": -1},
        {"limit": -5},
    ):
        with pytest.raises(QueryError):
            EventFilter.build(**kwargs)  # type: ignore[arg-type]
