"""dashboard stage: HTML pages over the API, served by the API app itself (no CDN).

Each page is static HTML plus a small script that renders its JSON twin:
``/dyad?a=CHN&b=KAZ`` reads ``/api/dyads/CHN/KAZ/timeline`` and ``/api/events?dyad=CHN,KAZ``;
``/documents/{id}`` reads ``/api/documents/{id}``; ``/map?a=RUS&b=UKR`` reads
``/api/map?dyad=RUS,UKR`` (GeoJSON) and draws it with Leaflet over an offline base map. Text is only ever inserted with
``textContent``, and a Content-Security-Policy forbids inline scripts.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(str(resources.files("polybius.dashboard").joinpath("static")))
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def _page(name: str) -> Response:
    response = FileResponse(STATIC / name, media_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def mount_dashboard(app: FastAPI) -> None:
    """Add the dashboard pages and their static files to ``app``."""

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return _page("dyad.html")

    @app.get("/dyad", include_in_schema=False)
    def dyad(_request: Request) -> Response:
        return _page("dyad.html")

    @app.get("/map", include_in_schema=False)
    def event_map(_request: Request) -> Response:
        return _page("map.html")

    @app.get("/documents/{doc_id:path}", include_in_schema=False)
    def document(doc_id: str) -> Response:
        return _page("document.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


__all__ = ["CSP", "STATIC", "mount_dashboard"]
