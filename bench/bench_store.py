"""Benchmark the event store: one million synthetic events, then the two hot queries.

    .venv/bin/python bench/bench_store.py [--events 1000000] [--db PATH] [--repeat 5]

The store is generated with DuckDB SQL inside the real schema (not row by row), then the
dyad timeline and a filtered /api/events page (in-process TestClient) are timed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import duckdb

from polybius.store import EventStore

COUNTRIES = [
    "CHN", "KAZ", "RUS", "UKR", "USA", "GBR", "FRA", "DEU", "IND", "PAK", "IRN", "IRQ", "SYR",
    "TUR", "ISR", "EGY", "SAU", "JPN", "KOR", "PRK", "BRA", "MEX", "ZAF", "NGA", "ETH", "KEN",
    "AFG", "UZB", "KGZ", "TJK", "MNG", "VNM", "PHL", "IDN", "AUS", "CAN", "POL", "BLR", "GEO",
    "ARM",
]  # fmt: skip
CAMEO = [  # code, root, quad, goldstein, plover
    ("010", "01", 1, 0.0, None), ("036", "03", 1, 4.0, "AGREE"), ("040", "04", 1, 1.0, "CONSULT"),
    ("042", "04", 1, 1.9, "CONSULT"), ("051", "05", 1, 3.4, "SUPPORT"),
    ("061", "06", 2, 6.4, "COOPERATE"), ("070", "07", 2, 7.0, "AID"),
    ("112", "11", 3, -2.0, "ACCUSE"), ("120", "12", 3, -4.0, "REJECT"),
    ("138", "13", 3, -7.0, "THREATEN"), ("163", "16", 4, -8.0, "SANCTION"),
    ("173", "17", 4, -5.0, "COERCE"), ("190", "19", 4, -10.0, "ASSAULT"),
]  # fmt: skip
SECTORS = ["GOV", "MIL", "CVL", "BUS", "OPP"]


def build(path: Path, n_events: int) -> float:
    t0 = time.perf_counter()
    EventStore(path).close()  # creates the schema through the real migrations
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TEMP TABLE countries AS SELECT * FROM unnest(?) WITH ORDINALITY t(iso, k)",
        [COUNTRIES],
    )
    con.execute(
        "CREATE TEMP TABLE cameo AS SELECT * FROM (VALUES "
        + ", ".join("(?, ?, ?, ?, ?, ?)" for _ in CAMEO)
        + ") t(k, code, root, quad, goldstein, plover)",
        [v for i, row in enumerate(CAMEO, 1) for v in (i, *row)],
    )
    n_docs = max(1, n_events // 10)
    con.execute(
        """
        INSERT INTO documents (id, pub_date, title, url, source, origin, content_hash, text,
                               warnings, coder_version, ingested_at)
        SELECT 'doc-' || i, DATE '2018-01-01' + CAST(i % 2000 AS INTEGER), 'Title ' || i,
               'https://example.org/' || i, 'Synthetic Wire', 'bench', sha256('doc' || i),
               'Synthetic text of document ' || i || '.', '[]', 'bench', now()::TIMESTAMP
        FROM range(?) r(i)
        """,
        [n_docs],
    )
    sectors = SECTORS
    con.execute(
        f"""
        INSERT INTO events
        SELECT nextval('event_seq'), 'ev-' || i, 'doc-' || (i % ?),
               d, d, NULL, 'day', NULL, FALSE, d,
               sc.iso, sc.iso, sc.iso, s_sector, sc.iso || s_sector, 'kb:' || sc.iso, 0, 5,
               tc.iso, tc.iso, tc.iso, t_sector, tc.iso || t_sector, 'kb:' || tc.iso, 10, 15,
               c.code, c.root, 'label ' || c.code, c.goldstein, c.quad, c.plover, NULL, [],
               (i % 50 = 0), FALSE, (i % 97 = 0),
               0, sc.iso || ' did something to ' || tc.iso || ' number ' || i || '.', 0, 40,
               'did', 6, 9,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               0.7, '0.1.0', '{{"polybius": "0.1.0"}}'
        FROM (
            SELECT i,
                   DATE '2018-01-01' + CAST((i * 7919) % 2000 AS INTEGER) AS d,
                   1 + hash(i) % {len(COUNTRIES)} AS sk,
                   1 + hash(i + 1000003) % {len(COUNTRIES)} AS tk,
                   1 + hash(i + 2000003) % {len(CAMEO)} AS ck,
                   {sectors!r}[1 + i % {len(sectors)}] AS s_sector,
                   {sectors!r}[1 + (i // 3) % {len(sectors)}] AS t_sector
            FROM range(?) r(i)
        ) g
        JOIN countries sc ON sc.k = g.sk
        JOIN countries tc ON tc.k = g.tk
        JOIN cameo c ON c.k = g.ck
        """,
        [n_docs, n_events],
    )
    con.execute(
        "INSERT INTO actors SELECT DISTINCT source_code || '|' || source_name || '|' || source_kb_id, "
        "source_code, source_name, source_country, source_sector, source_kb_id FROM events "
        "ON CONFLICT DO NOTHING"
    )
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - t0


def timed(fn, repeat: int) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    fn()  # warm-up (first touch of the file's blocks)
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    path = args.db or Path(tmp.name) / "bench.duckdb"
    if path.exists():
        sys.exit(f"{path} exists; remove it or choose another --db")
    build_s = build(path, args.events)
    size_mb = path.stat().st_size / 1e6
    with EventStore(path, read_only=True) as store:
        n = store.counts()["events"]
        print(f"built {n:,} events in {build_s:.1f} s ({size_mb:.0f} MB on disk)")

        med, worst, periods = timed(lambda: store.dyad_timeline("CHN", "KAZ", "month"), args.repeat)
        total = sum(p["total"] for p in periods)  # type: ignore[union-attr]
        print(f"dyad timeline CHN-KAZ by month: {len(periods)} periods, {total} events: "  # type: ignore[arg-type]
              f"median {med * 1000:.1f} ms, max {worst * 1000:.1f} ms")  # fmt: skip

        med, worst, periods = timed(
            lambda: store.dyad_timeline("CHNGOV", "KAZ", "week"), args.repeat
        )
        print(
            f"dyad timeline CHNGOV-KAZ by week: median {med * 1000:.1f} ms, max {worst * 1000:.1f} ms"
        )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from polybius.api import create_app

    with TestClient(create_app(path)) as client:
        params = {"dyad": "CHN,KAZ", "type": "CONSULT", "from": "2019-01-01", "to": "2021-12-31",
                  "limit": "100", "offset": "100"}  # fmt: skip

        def page() -> dict:  # type: ignore[type-arg]
            response = client.get("/api/events", params=params)
            response.raise_for_status()
            return response.json()  # type: ignore[no-any-return]

        med, worst, body = timed(page, args.repeat)
        print(
            f"GET /api/events (dyad+type+dates, page 2 of 100): total {body['total']}, "  # type: ignore[index]
            f"{len(body['events'])} events: median {med * 1000:.1f} ms, max {worst * 1000:.1f} ms"
        )  # type: ignore[index]

        def text_page() -> dict:  # type: ignore[type-arg]
            response = client.get("/api/events", params={"text": "number 42424", "limit": "50"})
            response.raise_for_status()
            return response.json()  # type: ignore[no-any-return]

        med, worst, body = timed(text_page, args.repeat)
        print(
            f"GET /api/events (text search): total {body['total']}: "  # type: ignore[index]
            f"median {med * 1000:.1f} ms, max {worst * 1000:.1f} ms"
        )

        med, worst, body = timed(lambda: client.get("/api/events/ev-123456").json(), args.repeat)
        print(f"GET /api/events/{{id}}: median {med * 1000:.1f} ms, max {worst * 1000:.1f} ms")
    tmp.cleanup()


if __name__ == "__main__":
    main()
