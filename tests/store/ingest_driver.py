"""Run an ingest in a subprocess (for the SIGKILL test): ingest_driver.py DB DELAY PATH...

Prints one line per committed batch on stderr so the test knows when to kill it.
"""

from __future__ import annotations

import sys

from keyword_coder import KeywordCoder

from polybius.ingest import read_documents
from polybius.store import EventStore, IngestSummary, ingest


def main() -> None:
    db, delay, *paths = sys.argv[1:]

    def progress(summary: IngestSummary, _n: int) -> None:
        print(
            f"committed batch {summary.batches} new={summary.documents_new}",
            file=sys.stderr,
            flush=True,
        )

    with EventStore(db) as store:
        summary = ingest(
            store,
            read_documents(paths),
            KeywordCoder(float(delay)),
            batch_size=5,
            on_batch=progress,
        )
    print(f"done new={summary.documents_new} present={summary.documents_present}", file=sys.stderr)


if __name__ == "__main__":
    main()
