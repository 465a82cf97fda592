"""Located events as GeoJSON (RFC 7946): the map endpoint and the ``geojson`` export.

A feature is a Point at the event location ([lon, lat], WGS84) whose properties are what a
map popup needs: when, who, what, where, and the evidence sentence.
"""

from __future__ import annotations

from typing import Any


def _actor(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"text": actor["text"], "code": actor["code"], "country": actor["country"],
            "name": actor["name"]}  # fmt: skip


def evidence_marks(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Trigger, actor and location spans relative to the evidence sentence, for highlighting."""
    sentence = event["sentence"]
    start, end = sentence["start"], sentence["end"]
    marks = []
    for role in ("trigger", "source", "target", "location"):
        span = event.get(role)
        if span and span.get("start") is not None and start <= span["start"] < span["end"] <= end:
            marks.append({"role": role, "start": span["start"] - start, "end": span["end"] - start,
                          "text": span["text"]})  # fmt: skip
    return sorted(marks, key=lambda m: m["start"])


def event_feature(event: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Feature for one event in ``Event.to_dict()`` form; None when it has no point."""
    loc = event.get("location")
    if not loc or loc.get("lat") is None or loc.get("lon") is None:
        return None
    return {
        "type": "Feature",
        "id": event["event_id"],
        "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
        "properties": {
            "event_id": event["event_id"],
            "doc_id": event["doc_id"],
            "date": event["date"],
            "date_precision": event["date_precision"],
            "event_type": event["plover"]["event_type"],
            "cameo_code": event["cameo"]["code"],
            "cameo_label": event["cameo"]["label"],
            "quad_class": event["cameo"]["quad_class"],
            "goldstein": event["cameo"]["goldstein"],
            "source": _actor(event["source"]),
            "target": _actor(event["target"]),
            "negated": event["negated"],
            "hypothetical": event["hypothetical"],
            "sentence": event["sentence"]["text"],
            "marks": evidence_marks(event),
            "location": {
                "text": loc["text"],
                "name": loc["name"],
                "feature": loc["feature"],
                "country": loc["country"],
                "admin1": loc["admin1"],
                "precision": loc["precision"],
                "gazetteer_id": loc["gazetteer_id"],
            },
        },
    }


def feature_collection(events: list[dict[str, Any]], **members: Any) -> dict[str, Any]:
    """A FeatureCollection of the located ``events``; ``members`` are added at the top level
    (RFC 7946 allows such foreign members), e.g. the total and the cap."""
    features = [f for f in (event_feature(e) for e in events) if f is not None]
    return {"type": "FeatureCollection", **members, "features": features}
