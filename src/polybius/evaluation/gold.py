"""Read gold files: the OEDA PLOVER gold-standard JSON array, or Polybius's own JSONL."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from polybius.errors import GoldFormatError


@dataclass(frozen=True, slots=True)
class GoldLocation:
    """Where a gold event happened, as the annotator read it from the event's own clause."""

    name: str  # the place's common English name
    country: str | None  # ISO alpha-3; None for waters and disputed border areas
    feature: str | None = None  # city, region, country, site
    text: str | None = None  # the words of the document that name the place


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str | None  # ISO3 country, "IGO", or None
    target: str | None
    type: str  # current PLOVER event type
    cameo: str | None = None
    date: str | None = None  # "YYYY-MM-DD", "YYYY-MM", "YYYY", or None (undated)
    date_precision: str | None = None
    has_date: bool = False  # False when the gold file says nothing about dates
    negated: bool = False
    intent: bool = False
    hypothetical: bool = False
    location: GoldLocation | None = None  # None: no place given for the event (or not annotated)
    has_location: bool = False  # False when the gold file says nothing about locations

    @property
    def factual(self) -> bool:
        return not (self.negated or self.hypothetical)


@dataclass(slots=True)
class GoldDoc:
    id: str
    date: date | None
    text: str
    events: list[GoldEvent] = field(default_factory=list)
    tags: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _labels() -> dict[str, Any]:
    text = resources.files("polybius.evaluation").joinpath("data/labels.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def map_type(label: str) -> str:
    label = label.strip().upper()
    return str(_labels()["plover_labels"].get(label, label))


def map_country(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()
    legacy: dict[str, str | None] = _labels()["legacy_country_codes"]
    if code in legacy:
        return legacy[code]
    return code if len(code) == 3 and code.isalpha() else None


def load_gold(path: Path) -> list[GoldDoc]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc}") from exc
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}: invalid JSON: {exc}") from exc
        return _from_oeda(records, str(path))
    docs = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            docs.append(_from_polybius(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldFormatError(f"{path}:{n}: not a Polybius gold record: {exc}") from exc
    return docs


def _from_oeda(records: list[dict[str, Any]], name: str) -> list[GoldDoc]:
    """One document per record; compound actors give one gold event per pair."""
    docs = []
    for rec in records:
        if rec.get("event") == "DOCUMENT" or "text" not in rec:
            continue
        etype = map_type(rec["event"])
        sources = _actors(rec.get("source")) or [None]
        targets = _actors(rec.get("target")) or [None]
        markup = (rec.get("textInfo") or {}).get("markup", "") if isinstance(rec.get("textInfo"), dict) else ""
        if "SRC/TAR" in markup and len(set(sources)) > 1 and targets == [None]:
            # Actors marked as both source and target of a reciprocal event ("A and B
            # agreed"): Polybius's convention codes that as A→B and B→A.
            targets = sources
        events = []
        for s in sources:
            for t in targets:
                if s is not None and s == t and len(sources) > 1:
                    continue  # a reciprocal actor does not act on itself
                events.append(GoldEvent(source=s, target=t, type=etype))
        docs.append(
            GoldDoc(
                id=str(rec["id"]),
                date=_date(rec.get("date")),
                text=rec["text"],
                events=_dedupe(events),
            )
        )
    if not docs:
        raise GoldFormatError(f"{name}: no gold records found")
    return docs


def _actors(value: Any) -> list[str | None]:
    if not isinstance(value, list):
        return []
    out: list[str | None] = []
    for a in value:
        if not isinstance(a, dict):
            continue
        code = str(a.get("code") or "")
        out.append("IGO" if code.upper() in {"IGO", "NGO"} else map_country(code))
    return out


def _from_polybius(rec: dict[str, Any]) -> GoldDoc:
    events = []
    for e in rec.get("events", []):
        events.append(
            GoldEvent(
                source="IGO" if e.get("source") == "IGO" else map_country(e.get("source")),
                target="IGO" if e.get("target") == "IGO" else map_country(e.get("target")),
                type=map_type(e["type"]),
                cameo=e.get("cameo"),
                date=e.get("date"),
                date_precision=e.get("date_precision"),
                has_date=True,
                negated=bool(e.get("negated", False)),
                intent=bool(e.get("intent", False)),
                hypothetical=bool(e.get("hypothetical", False)),
                location=_location(e.get("location")),
                has_location="location" in e,
            )
        )
    return GoldDoc(
        id=str(rec["id"]),
        date=_date(rec.get("date")),
        text=str(rec["text"]),
        events=events,
        tags=tuple(rec.get("tags", ())),
    )


def _location(value: Any) -> GoldLocation | None:
    """``null`` or ``{"text", "name", "country", "feature"}``; only the name is required."""
    if value is None:
        return None
    if not isinstance(value, dict) or not str(value.get("name") or "").strip():
        raise ValueError(f"location must be null or an object with a name, not {value!r}")
    country = value.get("country")
    return GoldLocation(
        name=str(value["name"]),
        country=map_country(country) if country else None,
        feature=value.get("feature"),
        text=value.get("text"),
    )


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _dedupe(events: list[GoldEvent]) -> list[GoldEvent]:
    return list(dict.fromkeys(events))
