"""A process killed with SIGKILL mid-ingest, then rerun, loses and duplicates nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb

from polybius.store import EventStore

DRIVER = Path(__file__).with_name("ingest_driver.py")
ACTORS = ["China", "Kazakhstan", "Russia", "Ukraine"]
VERBS = ["met", "praised", "aided", "accused", "attacked"]


def _write_corpus(folder: Path, n: int = 40) -> None:
    folder.mkdir()
    for i in range(n):
        a, b = ACTORS[i % 4], ACTORS[(i + 1) % 4]
        day = date(2022, 1, 1) + timedelta(days=i)
        text = f"{a} {VERBS[i % 5]} {b} in talks number {i}. {b} {VERBS[(i + 2) % 5]} {a} later."
        (folder / f"doc{i:02d}.txt").write_text(f"date {day.isoformat()}\n\n{text}\n")


def _run(db: Path, corpus: Path, delay: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(db), str(delay), str(corpus)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=str(DRIVER.parent),
    )


def _counts(db: Path) -> tuple[int, int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs, distinct_hashes = con.execute(
            "SELECT count(*), count(DISTINCT content_hash) FROM documents"
        ).fetchone()  # type: ignore[misc]
        events, distinct_ids = con.execute(
            "SELECT count(*), count(DISTINCT event_id) FROM events"
        ).fetchone()  # type: ignore[misc]
    finally:
        con.close()
    return docs, distinct_hashes, events, distinct_ids


def test_sigkill_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)

    clean_db = tmp_path / "clean.duckdb"
    clean = _run(clean_db, corpus, 0.0)
    assert clean.wait(timeout=60) == 0
    clean_counts = _counts(clean_db)
    assert clean_counts[0] == 40 and clean_counts[2] > 40

    killed_db = tmp_path / "killed.duckdb"
    proc = _run(killed_db, corpus, 0.05)  # 5 documents per batch, ~0.25 s per batch
    assert proc.stderr is not None
    deadline = time.monotonic() + 30
    line = ""
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if line.startswith("committed batch 2"):
            break
    assert line.startswith("committed batch 2"), f"no progress line, last: {line!r}"
    # Let the next batch get under way, then kill without warning.
    time.sleep(0.12)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    partial = _counts(killed_db)
    assert 10 <= partial[0] < 40, "the kill must land in the middle of the ingest"
    assert partial[0] % 5 == 0, "only whole batches may be committed"

    rerun = _run(killed_db, corpus, 0.0)
    _, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    assert f"present={partial[0]}" in err
    assert _counts(killed_db) == clean_counts

    with EventStore(killed_db, read_only=True) as a, EventStore(clean_db, read_only=True) as b:
        assert a.document_ids() and set(a.document_ids()) == set(b.document_ids())
