"""The HTTP API: read-only queries over an event store, plus optional token-guarded ingest.

All SQL stays in ``polybius.store``; this module only validates, pages and shapes JSON.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from polybius import __version__
from polybius.api.limits import BodySizeLimit
from polybius.errors import PolybiusError, QueryError, StoreError
from polybius.records import Document
from polybius.store import Coder, EventFilter, EventStore, ingest
from polybius.store.geojson import evidence_marks, feature_collection
from polybius.store.query import parse_actor_code, parse_interval
from polybius.store.rows import content_hash

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
MAX_DOCUMENTS_PER_POST = 100
MAX_MAP_EVENTS = 5000
DEFAULT_MAP_EVENTS = 1000
DEFAULT_MAX_BODY_BYTES = 2_000_000


class DocumentIn(BaseModel):
    """A document to ingest through ``POST /api/documents``."""

    text: str = Field(min_length=1, max_length=1_000_000)
    id: str | None = Field(default=None, max_length=500)
    date: dt.date | None = None
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=500)


class EventFilters:
    """The shared query parameters of ``/api/events`` (and the dashboard's requests)."""

    def __init__(
        self,
        source: Annotated[
            str | None, Query(description="Source country (ISO3) or actor code")
        ] = None,
        target: Annotated[
            str | None, Query(description="Target country (ISO3) or actor code")
        ] = None,
        actor: Annotated[
            str | None, Query(description="Country (ISO3) or actor code on either side")
        ] = None,
        dyad: Annotated[
            str | None, Query(description="A,B: events between A and B either way")
        ] = None,
        type: Annotated[str | None, Query(description="PLOVER event type")] = None,
        cameo: Annotated[str | None, Query(description="CAMEO code prefix")] = None,
        date_from: Annotated[str | None, Query(alias="from", description="YYYY-MM-DD")] = None,
        date_to: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD")] = None,
        text: Annotated[str | None, Query(description="Words in the evidence sentence")] = None,
        doc_id: Annotated[str | None, Query(description="Events of one document")] = None,
        country_located: Annotated[
            str | None, Query(description="Events located in this country (ISO3)")
        ] = None,
        bbox: Annotated[
            str | None,
            Query(
                description="Events located in MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (degrees; "
                "MIN_LON > MAX_LON crosses the antimeridian)"
            ),
        ] = None,
        include_negated: Annotated[bool, Query(description="Keep negated/hypothetical")] = False,
    ) -> None:
        self.filter = EventFilter.build(
            source=source, target=target, actor=actor, dyad=dyad, event_type=type,
            cameo=cameo, date_from=date_from, date_to=date_to, text=text, doc_id=doc_id,
            country_located=country_located, bbox=bbox, include_negated=include_negated,
        )  # fmt: skip


def evidence(event: dict[str, Any]) -> dict[str, Any]:
    """The evidence sentence with trigger, actor and location spans relative to it."""
    return {"text": event["sentence"]["text"], "marks": evidence_marks(event)}


def create_app(
    db_path: str | Path,
    token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    coder: Coder | None = None,
) -> FastAPI:
    """The API and dashboard over ``db_path``; read-only unless ``token`` is given.

    With a token, ``POST /api/documents`` codes and stores documents using ``coder`` (by
    default the full pipeline, built on first use).
    """
    writable = token is not None
    if writable and len(token or "") < 8:
        raise PolybiusError("the API token must be at least 8 characters")
    store = EventStore(db_path, read_only=not writable)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="Polybius",
        version=__version__,
        description="Coded political events (PLOVER and CAMEO) from dated news.",
        lifespan=lifespan,
    )
    app.state.store = store

    @app.exception_handler(QueryError)
    @app.exception_handler(ValueError)
    async def bad_request(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid_parameters(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', 'invalid')}"
            for err in exc.errors()
        ]
        return JSONResponse({"error": "; ".join(problems) or "invalid request"}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_failed(_request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"error": f"store error: {exc}"}, status_code=503)

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "schema_version": store.schema_version(),
                "writable": writable, **store.counts()}  # fmt: skip

    @app.get("/api/events", tags=["events"])
    def list_events(
        filters: Annotated[EventFilters, Depends()],
        limit: Annotated[
            int, Query(ge=0, description=f"Page size, at most {MAX_PAGE_SIZE}")
        ] = DEFAULT_PAGE_SIZE,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    ) -> dict[str, Any]:
        """Events matching the filters, a page at a time (page size capped)."""
        limit = min(limit, MAX_PAGE_SIZE)
        flt = filters.filter
        total = store.count_events(flt)
        events = store.query_events(flt.page(limit, offset))
        next_offset = offset + len(events) if offset + len(events) < total else None
        return {"total": total, "limit": limit, "offset": offset, "next_offset": next_offset,
                "events": events}  # fmt: skip

    @app.get("/api/map", tags=["events"])
    def event_map(
        filters: Annotated[EventFilters, Depends()],
        limit: Annotated[
            int, Query(ge=0, description=f"At most this many events, capped at {MAX_MAP_EVENTS}")
        ] = DEFAULT_MAP_EVENTS,
    ) -> dict[str, Any]:
        """Located events matching the filters as a GeoJSON FeatureCollection (capped).

        ``total`` counts every matching located event; ``truncated`` says the cap cut them.
        """
        limit = min(limit, MAX_MAP_EVENTS)
        flt = replace(filters.filter, located=True)
        total = store.count_events(flt)
        events = store.query_events(flt.page(limit, 0))
        return feature_collection(events, total=total, limit=limit,
                                  truncated=total > len(events))  # fmt: skip

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: str) -> dict[str, Any]:
        """One event with its evidence sentence and its document (without the full text)."""
        event = store.get_event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        event["evidence"] = evidence(event)
        event["document"] = store.get_document(event["doc_id"], with_events=False)
        if event["document"]:
            event["document"].pop("text", None)
        return event

    @app.get("/api/dyads/{a}/{b}/timeline", tags=["events"])
    def dyad_timeline(
        a: str,
        b: str,
        interval: Annotated[str, Query(description="day, week, month or year")] = "month",
        type: str | None = None,
        cameo: str | None = None,
        date_from: Annotated[str | None, Query(alias="from")] = None,
        date_to: Annotated[str | None, Query(alias="to")] = None,
        include_negated: bool = False,
    ) -> dict[str, Any]:
        """Events between a and b (either direction) per interval: counts by quad class and Goldstein."""
        code_a, code_b = parse_actor_code(a, "actor a"), parse_actor_code(b, "actor b")
        flt = EventFilter.build(event_type=type, cameo=cameo, date_from=date_from,
                                date_to=date_to, include_negated=include_negated)  # fmt: skip
        periods = store.dyad_timeline(code_a, code_b, parse_interval(interval), flt)
        return {"a": code_a, "b": code_b, "interval": interval, "periods": periods,
                "total": sum(p["total"] for p in periods)}  # fmt: skip

    @app.get("/api/actors", tags=["actors"])
    def actors(
        q: Annotated[str, Query(max_length=100)] = "",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    ) -> dict[str, Any]:
        """Resolved actors whose code, name or country matches ``q``."""
        return {"q": q, "actors": store.search_actors(q, limit)}

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def get_document(doc_id: str) -> dict[str, Any]:
        """A stored document with its text and all of its events."""
        doc = store.get_document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return doc

    @app.get("/api/stats", tags=["meta"])
    def stats(top: Annotated[int, Query(ge=1, le=1000)] = 20) -> dict[str, Any]:
        """Counts by PLOVER type and month, and the most frequent dyads."""
        return store.stats(top=top)

    if writable:
        _add_ingest_route(app, store, token or "", coder)

    from polybius.dashboard import mount_dashboard

    mount_dashboard(app)
    app.add_middleware(BodySizeLimit, max_body_bytes=max_body_bytes)
    return app


def _add_ingest_route(app: FastAPI, store: EventStore, token: str, coder: Coder | None) -> None:
    lock = threading.Lock()
    built: list[Coder] = [coder] if coder else []

    def require_token(request: Request) -> None:
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise HTTPException(401, "a Bearer token is required", {"WWW-Authenticate": "Bearer"})
        if not secrets.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(403, "invalid token")

    @app.post("/api/documents", tags=["documents"], status_code=201,
              dependencies=[Depends(require_token)])  # fmt: skip
    def post_documents(payload: DocumentIn | list[DocumentIn]) -> dict[str, Any]:
        """Code and store one document or a list (requires the server's Bearer token)."""
        items = payload if isinstance(payload, list) else [payload]
        if not items or len(items) > MAX_DOCUMENTS_PER_POST:
            raise QueryError(f"post between 1 and {MAX_DOCUMENTS_PER_POST} documents")
        docs = []
        for n, item in enumerate(items):
            digest = content_hash(item.text)
            docs.append(Document(id=item.id or f"doc-{digest[:16]}", text=item.text, date=item.date,
                                 title=item.title, url=item.url, source=item.source,
                                 origin=f"POST /api/documents[{n}]", content_hash=digest))  # fmt: skip
        with lock:  # one ingest at a time; the pipeline is not shared between threads
            if not built:
                from polybius.pipeline import Pipeline

                built.append(Pipeline.from_config())
            summary = ingest(store, docs, built[0], batch_size=len(docs))
        return {**summary.as_dict(), "failures": summary.failures}


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> None:
    """Run the API and dashboard with uvicorn until interrupted."""
    import uvicorn

    app = create_app(db_path, token=token, max_body_bytes=max_body_bytes)
    uvicorn.run(app, host=host, port=port, log_level="info")
