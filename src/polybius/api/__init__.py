"""api stage: the HTTP API (FastAPI) over the event store, with the dashboard mounted at /."""

from polybius.api.app import create_app, evidence, serve

__all__ = ["create_app", "evidence", "serve"]
