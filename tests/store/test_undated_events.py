"""Historical references keep no date in the store: never the publication day."""

from __future__ import annotations

from pathlib import Path

from polybius.ingest import read_documents
from polybius.store import EventStore, ingest
from polybius.store.query import EventFilter
from tests.conftest import SAMPLE


def test_historical_event_is_stored_undated_and_outside_date_filters(tmp_path: Path, pipeline):
    db = tmp_path / "e.duckdb"
    with EventStore(db) as store:
        ingest(store, list(read_documents([SAMPLE])), pipeline, batch_size=4)
    with EventStore(db, read_only=True) as store:
        everything = store.query_events(EventFilter.build())
        recognition = [r for r in everything if r["trigger"]["text"] == "recognize"]
        assert recognition and recognition[0]["date"] is None
        assert recognition[0]["historical"] is True
        on_pub_day = store.query_events(EventFilter.build(date_from="2022-01-04", date_to="2022-01-04"))
        assert all(r["trigger"]["text"] != "recognize" for r in on_pub_day)
        assert on_pub_day  # undated events are left out, dated ones are not
