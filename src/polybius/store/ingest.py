"""Incremental, transactional ingest into an ``EventStore``, and re-coding of stored texts.

A batch's new documents and their events commit together, so a process killed at any
moment leaves whole batches behind; a rerun recognises them by content hash and carries on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from polybius.errors import InputError, PolybiusError
from polybius.records import Document, Event
from polybius.store.event_store import EventStore
from polybius.store.rows import content_hash

log = logging.getLogger("polybius.store")


class Coder(Protocol):
    """What ingest needs from ``polybius.pipeline.Pipeline``."""

    @property
    def version(self) -> str: ...

    def process(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]: ...


@dataclass
class IngestSummary:
    documents_new: int = 0
    documents_present: int = 0
    documents_failed: int = 0
    events_added: int = 0
    batches: int = 0
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "documents_new": self.documents_new,
            "documents_present": self.documents_present,
            "documents_failed": self.documents_failed,
            "events_added": self.events_added,
        }


@dataclass
class RecodeSummary:
    documents: int = 0
    documents_failed: int = 0
    events_before: int = 0
    events_after: int = 0
    failures: list[str] = field(default_factory=list)


BatchCallback = Callable[[IngestSummary, int], None]


def _code(
    coder: Coder, docs: list[Document], failures: list[str]
) -> list[tuple[Document, list[Event]]]:
    """Run the coder; a document it reports as failed is left out (and listed in ``failures``)."""
    reported = getattr(coder, "failures", None)
    coded: list[tuple[Document, list[Event]]] = []
    try:
        seen = len(reported) if isinstance(reported, list) else 0
        for doc, events in coder.process(docs):
            if isinstance(reported, list) and len(reported) > seen:
                failures.extend(str(f) for f in reported[seen:])
                seen = len(reported)
                continue
            coded.append((doc, events))
    except PolybiusError as exc:
        if len(docs) == 1:
            failures.append(f"{docs[0].origin or docs[0].id}: {exc}")
            return []
        # Isolate the bad document: code the batch again one document at a time.
        coded = []
        for doc in docs:
            coded.extend(_code(coder, [doc], failures))
    return coded


def _new_documents(store: EventStore, batch: list[Document]) -> tuple[list[Document], int]:
    """Drop documents already stored (same content hash) and give clashing ids a suffix."""
    hashed = [d if d.content_hash else replace(d, content_hash=content_hash(d.text)) for d in batch]
    present = store.existing_hashes([d.content_hash for d in hashed])
    taken = store.existing_document_ids([d.id for d in hashed])
    fresh: list[Document] = []
    skipped = 0
    for doc in hashed:
        if doc.content_hash in present:
            skipped += 1
            continue
        present.add(doc.content_hash)
        if doc.id in taken:
            # Same id, different text (e.g. two "<stdin>" documents): keep both.
            doc = replace(doc, id=f"{doc.id}#{doc.content_hash[:12]}")
        taken.add(doc.id)
        fresh.append(doc)
    return fresh, skipped


def ingest(
    store: EventStore,
    items: Iterable[Document | InputError],
    coder: Coder,
    batch_size: int = 32,
    on_batch: BatchCallback | None = None,
) -> IngestSummary:
    """Code and store documents, skipping ones already present; one transaction per batch."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    summary = IngestSummary()
    batch: list[Document] = []

    def flush() -> None:
        fresh, skipped = _new_documents(store, batch)
        summary.documents_present += skipped
        failures: list[str] = []
        coded = _code(coder, fresh, failures) if fresh else []
        summary.documents_failed += len(fresh) - len(coded)
        summary.failures.extend(failures)
        docs, events = store.write_batch(coded, coder.version)
        summary.documents_new += docs
        summary.events_added += events
        summary.batches += 1
        batch.clear()
        if on_batch:
            on_batch(summary, len(fresh) + skipped)

    for item in items:
        if isinstance(item, InputError):
            summary.documents_failed += 1
            summary.failures.append(str(item))
            if on_batch:
                on_batch(summary, 1)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return summary


def recode(
    store: EventStore,
    coder: Coder,
    batch_size: int = 32,
    on_document: Callable[[RecodeSummary], None] | None = None,
) -> RecodeSummary:
    """Re-code every stored text; each document's events are replaced in one transaction."""
    summary = RecodeSummary(events_before=store.counts()["events"])
    ids = store.document_ids()
    for start in range(0, len(ids), batch_size):
        docs = store.documents(ids[start : start + batch_size])
        failures: list[str] = []
        coded = _code(coder, docs, failures)
        summary.failures.extend(failures)
        summary.documents_failed += len(docs) - len(coded)
        for doc, events in coded:
            store.replace_events(doc.id, events, coder.version)
            summary.documents += 1
            if on_document:
                on_document(summary)
    summary.events_after = store.counts()["events"]
    return summary
