"""``EventStore``: the DuckDB database of documents, events and actors.

This class is the only writer of the store and the only place (with the migrations) that
holds SQL. Every DuckDB error is re-raised as ``StoreError``; every value reaches DuckDB as
a bound parameter.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from polybius.errors import QueryError, StoreError
from polybius.records import Document, Event
from polybius.store.query import EventFilter, parse_interval
from polybius.store.rows import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    actor_rows,
    content_hash,
    document_row,
    document_row_to_dict,
    event_row,
    event_row_to_dict,
)

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# Interval names map to fixed SQL literals (never user text).
_TRUNC = {"day": "'day'", "week": "'week'", "month": "'month'", "year": "'year'"}
FETCH_CHUNK = 2000


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The numbered schema migrations shipped in ``polybius/store/migrations``."""
    found = []
    for entry in resources.files("polybius.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    return sorted(found, key=lambda m: m.version)


LATEST_VERSION = max(m.version for m in migrations())


@contextmanager
def _translated(action: str) -> Iterator[None]:
    try:
        yield
    except duckdb.Error as exc:
        raise StoreError(f"{action}: {exc}") from exc


def _dicts(
    cursor: duckdb.DuckDBPyConnection, rows: Sequence[tuple[Any, ...]]
) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in rows]


class EventStore:
    """An embedded event store; open it read-only for serving and querying."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._write_lock = threading.Lock()
        if read_only and not self.path.exists():
            raise StoreError(f"no event store at {self.path}")
        with _translated(f"cannot open event store {self.path}"):
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        try:
            if read_only:
                version = self.schema_version()
                if version < LATEST_VERSION:
                    raise StoreError(
                        f"{self.path} has schema version {version}, this Polybius needs "
                        f"{LATEST_VERSION}: open it once read-write to migrate"
                    )
            else:
                self.migrate()
        except BaseException:
            self._con.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        # One cursor per call: DuckDB connections are not shared between threads.
        return self._con.cursor()

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with _translated("query failed"):
            cur = self._cursor()
            try:
                cur.execute(sql, list(params))
                return _dicts(cur, cur.fetchall())
            finally:
                cur.close()

    # -- schema ------------------------------------------------------------------------

    def schema_version(self) -> int:
        with _translated("cannot read schema version"):
            exists = self._con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
            ).fetchone()
            if not exists or not exists[0]:
                return 0
            row = self._con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> int:
        """Apply the migrations this database has not seen, each in its own transaction."""
        with self._write_lock, _translated(f"cannot migrate {self.path}"):
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
            )
            current = self.schema_version()
            for migration in migrations():
                if migration.version <= current:
                    continue
                self._con.execute("BEGIN TRANSACTION")
                try:
                    self._con.execute(migration.sql)
                    self._con.execute(
                        "INSERT INTO schema_version VALUES (?, ?, ?)",
                        [migration.version, migration.name, _now()],
                    )
                    self._con.execute("COMMIT")
                except BaseException:
                    self._con.execute("ROLLBACK")
                    raise
        return self.schema_version()

    # -- writing -----------------------------------------------------------------------

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")

    def existing_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        rows = self._fetch(
            "SELECT content_hash FROM documents WHERE list_contains(?, content_hash)",
            [list(hashes)],
        )
        return {r["content_hash"] for r in rows}

    def existing_document_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self._fetch("SELECT id FROM documents WHERE list_contains(?, id)", [list(ids)])
        return {r["id"] for r in rows}

    def write_batch(
        self, coded: Sequence[tuple[Document, Sequence[Event]]], coder_version: str
    ) -> tuple[int, int]:
        """Store documents with their events in one transaction; returns (documents, events)."""
        self._require_writable()
        now = _now()
        doc_rows = [document_row(doc, coder_version, now) for doc, _ in coded]
        events = [e for _, evs in coded for e in evs]
        with self._write_lock, _translated("cannot store batch"):
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                if doc_rows:
                    con.executemany(_insert("documents", DOCUMENT_COLUMNS), doc_rows)
                self._insert_events(con, events)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(doc_rows), len(events)

    def replace_events(self, doc_id: str, events: Sequence[Event], coder_version: str) -> int:
        """Swap a document's events for a new coding, atomically (used by ``recode``)."""
        self._require_writable()
        with self._write_lock, _translated(f"cannot recode {doc_id}"):
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("DELETE FROM events WHERE doc_id = ?", [doc_id])
                self._insert_events(con, events)
                con.execute(
                    "UPDATE documents SET coder_version = ? WHERE id = ?", [coder_version, doc_id]
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(events)

    @staticmethod
    def _insert_events(con: duckdb.DuckDBPyConnection, events: Sequence[Event]) -> None:
        if not events:
            return
        con.executemany(_insert("events", EVENT_COLUMNS), [event_row(e) for e in events])
        actors = {row[0]: row for e in events for row in actor_rows(e)}
        if actors:
            con.executemany(
                "INSERT INTO actors (actor_key, code, name, country, sector, kb_id) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                list(actors.values()),
            )

    # -- documents ---------------------------------------------------------------------

    def document_ids(self) -> list[str]:
        return [r["id"] for r in self._fetch("SELECT id FROM documents ORDER BY ingested_at, id")]

    def documents(self, ids: Sequence[str]) -> list[Document]:
        """Rebuild ``Document`` records from stored rows, in the order of ``ids``."""
        rows = self._fetch("SELECT * FROM documents WHERE list_contains(?, id)", [list(ids)])
        by_id = {r["id"]: r for r in rows}
        out = []
        for doc_id in ids:
            r = by_id.get(doc_id)
            if r is None:
                continue
            out.append(
                Document(
                    id=r["id"],
                    text=r["text"],
                    date=r["pub_date"],
                    title=r["title"],
                    url=r["url"],
                    source=r["source"],
                    origin=r["origin"],
                    content_hash=r["content_hash"] or content_hash(r["text"]),
                    warnings=tuple(json.loads(r["warnings"]) if r["warnings"] else ()),
                )
            )
        return out

    def get_document(self, doc_id: str, with_events: bool = True) -> dict[str, Any] | None:
        rows = self._fetch("SELECT * FROM documents WHERE id = ?", [doc_id])
        if not rows:
            return None
        out = document_row_to_dict(rows[0])
        if with_events:
            events = self._fetch(
                "SELECT * FROM events WHERE doc_id = ? ORDER BY sentence_start, trigger_start, seq",
                [doc_id],
            )
            out["events"] = [event_row_to_dict(r) for r in events]
        return out

    # -- events ------------------------------------------------------------------------

    def count_events(self, flt: EventFilter) -> int:
        where, params = flt.where()
        rows = self._fetch(f"SELECT count(*) AS n FROM events WHERE {where}", params)
        return int(rows[0]["n"])

    def _select(self, flt: EventFilter, columns: str = "*") -> tuple[str, list[Any]]:
        where, params = flt.where()
        limit, limit_params = flt.limit_clause()
        sql = (
            f"SELECT {columns} FROM events WHERE {where} ORDER BY event_day NULLS LAST, seq{limit}"
        )
        return sql, params + limit_params

    def query_events(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events matching ``flt`` in ``Event.to_dict()`` form, ordered by day."""
        sql, params = self._select(flt)
        return [event_row_to_dict(r) for r in self._fetch(sql, params)]

    def iter_event_rows(self, flt: EventFilter) -> Iterator[dict[str, Any]]:
        """Raw event rows (with ``seq``) joined to their document's URL and ingest time, streamed."""
        where, params = flt.where()
        limit, limit_params = flt.limit_clause()
        sql = (
            "SELECT e.*, d.url AS doc_url, d.title AS doc_title, d.source AS doc_source, "
            "d.ingested_at AS doc_ingested_at FROM events e LEFT JOIN documents d ON d.id = e.doc_id "
            f"WHERE {where} ORDER BY e.event_day NULLS LAST, e.seq{limit}"
        )
        with _translated("query failed"):
            cur = self._cursor()
            try:
                cur.execute(sql, params + limit_params)
                while True:
                    chunk = cur.fetchmany(FETCH_CHUNK)
                    if not chunk:
                        break
                    yield from _dicts(cur, chunk)
            finally:
                cur.close()

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        rows = self._fetch("SELECT * FROM events WHERE event_id = ?", [event_id])
        return event_row_to_dict(rows[0]) if rows else None

    def dyad_timeline(
        self, a: str, b: str, interval: str = "month", flt: EventFilter | None = None
    ) -> list[dict[str, Any]]:
        """Events between ``a`` and ``b`` (either direction) per interval and quad class."""
        trunc = _TRUNC[parse_interval(interval)]
        base = flt or EventFilter()
        flt = EventFilter.build(
            dyad=(a, b),
            event_type=base.event_type,
            cameo=base.cameo,
            date_from=base.date_from,
            date_to=base.date_to,
            text=base.text,
            country_located=base.country_located,
            bbox=base.bbox,
            include_negated=base.include_negated,
        )
        where, params = flt.where()
        rows = self._fetch(
            f"SELECT CAST(date_trunc({trunc}, event_day) AS DATE) AS period, quad_class, count(*) AS n, "
            "sum(goldstein) AS gsum FROM events "
            f"WHERE {where} AND event_day IS NOT NULL GROUP BY ALL ORDER BY period, quad_class",
            params,
        )
        periods: dict[str, dict[str, Any]] = {}
        for r in rows:
            key = r["period"].isoformat()
            p = periods.setdefault(
                key,
                {"period": key, "counts": {"1": 0, "2": 0, "3": 0, "4": 0}, "total": 0,
                 "goldstein_sum": 0.0},
            )  # fmt: skip
            if r["quad_class"] is not None:
                p["counts"][str(r["quad_class"])] = int(r["n"])
            p["total"] += int(r["n"])
            p["goldstein_sum"] += float(r["gsum"] or 0.0)
        for p in periods.values():
            p["goldstein_sum"] = round(p["goldstein_sum"], 3)
            p["goldstein_mean"] = round(p["goldstein_sum"] / p["total"], 3) if p["total"] else None
        return list(periods.values())

    # -- actors and statistics ---------------------------------------------------------

    def search_actors(self, q: str = "", limit: int = 20) -> list[dict[str, Any]]:
        if len(q) > 100 or any(ord(c) < 32 for c in q):
            raise QueryError("actor search text must be at most 100 printable characters")
        if not 1 <= limit <= 500:
            raise QueryError("actor search limit must be 1..500")
        return self._fetch(
            "SELECT code, name, country, sector, kb_id FROM actors "
            "WHERE ? = '' OR starts_with(lower(code), lower(?)) OR contains(lower(name), lower(?)) "
            "OR country = upper(?) ORDER BY length(code), code, name LIMIT ?",
            [q, q, q, q, limit],
        )

    def counts(self) -> dict[str, int]:
        rows = self._fetch(
            "SELECT (SELECT count(*) FROM documents) AS documents, "
            "(SELECT count(*) FROM events) AS events, (SELECT count(*) FROM actors) AS actors"
        )
        return {k: int(v) for k, v in rows[0].items()}

    def stats(self, flt: EventFilter | None = None, top: int = 20) -> dict[str, Any]:
        """Counts by PLOVER type and by month, and the most frequent dyads (unordered)."""
        where, params = (flt or EventFilter()).where()
        by_type = self._fetch(
            f"SELECT coalesce(plover_type, '(none)') AS type, count(*) AS events FROM events "
            f"WHERE {where} GROUP BY ALL ORDER BY events DESC, type",
            params,
        )
        by_month = self._fetch(
            f"SELECT strftime(event_day, '%Y-%m') AS month, count(*) AS events FROM events "
            f"WHERE {where} AND event_day IS NOT NULL GROUP BY ALL ORDER BY month",
            params,
        )
        dyads = self._fetch(
            "SELECT least(a, b) AS a, greatest(a, b) AS b, count(*) AS events FROM ("
            "SELECT coalesce(source_country, source_code) AS a, "
            "coalesce(target_country, target_code) AS b FROM events "
            f"WHERE {where}) WHERE a IS NOT NULL AND b IS NOT NULL "
            "GROUP BY ALL ORDER BY events DESC, a, b LIMIT ?",
            params + [top],
        )
        return {
            **self.counts(),
            "by_type": by_type,
            "by_month": by_month,
            "top_dyads": dyads,
        }

    def arrow_events(self, flt: EventFilter) -> Any:
        """Matching events as a pyarrow Table (the flat store columns)."""
        sql, params = self._select(flt)
        with _translated("query failed"):
            cur = self._cursor()
            try:
                return cur.sql(sql, params=params).to_arrow_table()
            finally:
                cur.close()


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
