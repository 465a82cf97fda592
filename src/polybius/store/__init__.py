"""store stage: the embedded DuckDB event store, its queries and its export formats.

Nothing here imports spaCy: coding is done by a ``Coder`` (the pipeline) passed in.
"""

from polybius.store.event_store import LATEST_VERSION, EventStore, migrations
from polybius.store.export import FORMATS, export_events
from polybius.store.ingest import Coder, IngestSummary, RecodeSummary, ingest, recode
from polybius.store.query import EventFilter

__all__ = [
    "FORMATS",
    "LATEST_VERSION",
    "Coder",
    "EventFilter",
    "EventStore",
    "IngestSummary",
    "RecodeSummary",
    "export_events",
    "ingest",
    "migrations",
    "recode",
]
