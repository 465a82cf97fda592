"""Conversions between ``Event``/``Document`` records and flat store rows.

The store keeps one column per field of ``Event.to_dict()`` so that exports and filters
work on plain columns; ``event_row_to_dict`` rebuilds exactly the ``to_dict()`` shape.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from polybius.records import ActorMention, Document, Event

# Column order of the events table as written by the store (``seq`` is generated).
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "pub_date", "event_date", "date_end", "date_precision", "date_text",
    "historical", "event_day",
    "source_text", "source_name", "source_country", "source_sector", "source_code",
    "source_kb_id", "source_start", "source_end",
    "target_text", "target_name", "target_country", "target_sector", "target_code",
    "target_kb_id", "target_start", "target_end",
    "cameo_code", "cameo_root", "cameo_label", "goldstein", "quad_class",
    "plover_type", "plover_mode", "plover_context",
    "negated", "intent", "hypothetical",
    "sentence_index", "sentence_text", "sentence_start", "sentence_end",
    "trigger_text", "trigger_start", "trigger_end",
    "location_text", "location_name", "location_feature", "location_country",
    "location_admin1", "location_lat", "location_lon", "location_gazetteer_id",
    "location_precision", "location_start", "location_end",
    "confidence", "coder_version", "versions",
)  # fmt: skip

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "id", "pub_date", "title", "url", "source", "origin", "content_hash", "text", "warnings",
    "coder_version", "ingested_at",
)  # fmt: skip


def content_hash(text: str) -> str:
    """The identity of a document in the store: the reader's hash of its normalised text."""
    from polybius.ingest.common import content_hash as reader_hash

    return reader_hash(text)


def document_row(doc: Document, coder_version: str, ingested_at: datetime) -> tuple[Any, ...]:
    return (
        doc.id,
        doc.date,
        doc.title,
        doc.url,
        doc.source,
        doc.origin,
        doc.content_hash or content_hash(doc.text),
        doc.text,
        json.dumps(list(doc.warnings)),
        coder_version,
        ingested_at,
    )


def _actor_columns(actor: ActorMention | None) -> tuple[Any, ...]:
    if actor is None:
        return (None,) * 8
    return (
        actor.text,
        actor.name,
        actor.country,
        actor.sector,
        actor.code,
        actor.kb_id,
        actor.start,
        actor.end,
    )


def event_row(event: Event) -> tuple[Any, ...]:
    loc = event.location
    location_cols: tuple[Any, ...] = (
        (
            loc.text,
            loc.name,
            loc.feature,
            loc.country,
            loc.admin1,
            loc.lat,
            loc.lon,
            loc.gazetteer_id,
            loc.precision,
            loc.start,
            loc.end,
        )
        if loc
        else (None,) * 11
    )
    return (
        event.event_id,
        event.doc_id,
        event.pub_date,
        event.when.date,
        event.when.date_end,
        event.when.precision,
        event.when.text,
        event.when.historical,
        event.when.date,  # never the publication day for an undated (historical) event
        *_actor_columns(event.source),
        *_actor_columns(event.target),
        event.cameo.code,
        event.cameo.root,
        event.cameo.label,
        event.cameo.goldstein,
        event.cameo.quad_class,
        event.plover.event_type,
        event.plover.mode,
        list(event.plover.context),
        event.negated,
        event.intent,
        event.hypothetical,
        event.sentence_index,
        event.sentence.text,
        event.sentence.start,
        event.sentence.end,
        event.trigger.text,
        event.trigger.start,
        event.trigger.end,
        *location_cols,
        event.confidence,
        event.versions.get("polybius", ""),
        json.dumps(event.versions, sort_keys=True),
    )


def actor_rows(event: Event) -> list[tuple[Any, ...]]:
    """The distinct resolved actors of an event (only mentions with a code)."""
    rows = []
    for actor in (event.source, event.target):
        if actor is not None and actor.code:
            key = f"{actor.code}|{actor.name or ''}|{actor.kb_id or ''}"
            rows.append((key, actor.code, actor.name, actor.country, actor.sector, actor.kb_id))
    return rows


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _actor_dict(row: Mapping[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_text"] is None:
        return None
    return {
        "text": row[f"{prefix}_text"],
        "name": row[f"{prefix}_name"],
        "country": row[f"{prefix}_country"],
        "sector": row[f"{prefix}_sector"],
        "code": row[f"{prefix}_code"],
        "kb_id": row[f"{prefix}_kb_id"],
        "start": row[f"{prefix}_start"],
        "end": row[f"{prefix}_end"],
    }


def _location_dict(row: Mapping[str, Any]) -> dict[str, Any] | None:
    if row["location_text"] is None:
        return None
    return {
        "text": row["location_text"],
        "name": row["location_name"],
        "feature": row["location_feature"],
        "country": row["location_country"],
        "admin1": row["location_admin1"],
        "lat": row["location_lat"],
        "lon": row["location_lon"],
        "gazetteer_id": row["location_gazetteer_id"],
        "precision": row["location_precision"],
        "start": row["location_start"],
        "end": row["location_end"],
    }


def event_row_to_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """Rebuild the ``Event.to_dict()`` record from a row of the events table."""
    versions = json.loads(row["versions"]) if row["versions"] else {}
    return {
        "event_id": row["event_id"],
        "doc_id": row["doc_id"],
        "pub_date": _iso(row["pub_date"]),
        "date": _iso(row["event_date"]),
        "date_end": _iso(row["date_end"]),
        "date_precision": row["date_precision"],
        "date_text": row["date_text"],
        "historical": bool(row["historical"]),
        "source": _actor_dict(row, "source"),
        "target": _actor_dict(row, "target"),
        "cameo": {
            "code": row["cameo_code"],
            "root": row["cameo_root"],
            "label": row["cameo_label"],
            "goldstein": row["goldstein"],
            "quad_class": row["quad_class"],
        },
        "plover": {
            "event_type": row["plover_type"],
            "mode": row["plover_mode"],
            "context": list(row["plover_context"] or []),
        },
        "negated": bool(row["negated"]),
        "intent": bool(row["intent"]),
        "hypothetical": bool(row["hypothetical"]),
        "sentence": {
            "index": row["sentence_index"],
            "text": row["sentence_text"],
            "start": row["sentence_start"],
            "end": row["sentence_end"],
        },
        "trigger": {
            "text": row["trigger_text"],
            "start": row["trigger_start"],
            "end": row["trigger_end"],
        },
        "location": _location_dict(row),
        "confidence": round(row["confidence"], 3) if row["confidence"] is not None else None,
        "coder_version": row["coder_version"] or "",
        "versions": versions,
    }


def document_row_to_dict(row: Mapping[str, Any], with_text: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": row["id"],
        "pub_date": _iso(row["pub_date"]),
        "title": row["title"],
        "url": row["url"],
        "source": row["source"],
        "origin": row["origin"],
        "content_hash": row["content_hash"],
        "warnings": json.loads(row["warnings"]) if row["warnings"] else [],
        "coder_version": row["coder_version"],
        "ingested_at": row["ingested_at"].isoformat() if row["ingested_at"] else None,
    }
    if with_text:
        out["text"] = row["text"]
    return out
