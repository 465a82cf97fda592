"""Hand-written documents and a store filled from them, shared by store, API and dashboard tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from polybius.records import Document
from polybius.store import EventStore, ingest

from .keyword_coder import KeywordCoder

TEXTS = [
    ("d1", date(2022, 1, 4), "China met Kazakhstan in Astana. Russia said nothing new."),
    (
        "d2",
        date(2022, 1, 20),
        "Kazakhstan praised China for its help. China aided Kazakhstan on 2022-01-18.",
    ),
    ("d3", date(2022, 2, 10), "Russia attacked Ukraine. Ukraine accused Russia of shelling."),
    ("d4", date(2022, 2, 11), "China did not attack Ukraine. China met Russia on 2022-02-04."),
    ("d5", date(2022, 3, 1), "Ukraine accused Russia again. China may have aided Russia."),
    ("d6", date(2022, 3, 15), "Kazakhstan met China <script>alert(1)</script> & friends."),
]


def sample_documents() -> list[Document]:
    return [
        Document(id=doc_id, text=text, date=day, title=f"Title {doc_id}", url=f"https://example.org/{doc_id}",
                 source="Example Wire", origin=f"{doc_id}.txt")
        for doc_id, day, text in TEXTS
    ]  # fmt: skip


def build_store(path: Path) -> Path:
    with EventStore(path) as store:
        ingest(store, sample_documents(), KeywordCoder(), batch_size=4)
    return path
