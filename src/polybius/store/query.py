"""Event filters: validated once, turned into parameterised SQL.

Values never reach the SQL text: each filter adds a fixed fragment with ``?``
placeholders and appends its value to the parameter list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from polybius.errors import QueryError

ACTOR_CODE = re.compile(r"^[A-Z0-9]{1,12}$")
PLOVER_TYPE = re.compile(r"^[A-Z_]{1,20}$")
CAMEO_PREFIX = re.compile(r"^[0-9]{1,4}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
MAX_TEXT_LENGTH = 200
MAX_LIMIT = 1_000_000_000
INTERVALS = ("day", "week", "month", "year")


def parse_actor_code(value: str, what: str = "actor") -> str:
    code = value.strip().upper()
    if not ACTOR_CODE.match(code):
        raise QueryError(
            f"invalid {what} {value!r}: expected a country (ISO3) or actor code, "
            "1-12 letters or digits"
        )
    return code


def parse_dyad(value: str) -> tuple[str, str]:
    parts = value.split(",")
    if len(parts) != 2:
        raise QueryError(f"invalid dyad {value!r}: expected two actor codes as A,B")
    return parse_actor_code(parts[0], "dyad actor"), parse_actor_code(parts[1], "dyad actor")


def parse_country(value: str, what: str = "country") -> str:
    code = value.strip().upper()
    if not COUNTRY_CODE.match(code):
        raise QueryError(f"invalid {what} {value!r}: expected an ISO 3166 alpha-3 code such as UKR")
    return code


@dataclass(frozen=True)
class BoundingBox:
    """A lon/lat box; ``min_lon > max_lon`` means it crosses the antimeridian (180°)."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @property
    def crosses_antimeridian(self) -> bool:
        return self.min_lon > self.max_lon

    def as_text(self) -> str:
        return f"{self.min_lon:g},{self.min_lat:g},{self.max_lon:g},{self.max_lat:g}"


def parse_bbox(value: str | BoundingBox) -> BoundingBox:
    """Parse "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT" (decimal degrees, WGS84, as in GeoJSON)."""
    if isinstance(value, BoundingBox):
        parts = [value.min_lon, value.min_lat, value.max_lon, value.max_lat]
    else:
        texts = [p.strip() for p in value.split(",")]
        # A strict number pattern: float() would also take "nan", "inf" and "1_0".
        if len(texts) != 4 or not all(_NUMBER.match(t) for t in texts):
            raise QueryError(
                f"invalid bounding box {value!r}: expected four numbers "
                "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"
            )
        parts = [float(t) for t in texts]
    min_lon, min_lat, max_lon, max_lat = parts
    if not all(-180.0 <= lon <= 180.0 for lon in (min_lon, max_lon)):
        raise QueryError(f"invalid bounding box: longitudes must be within -180..180 ({value})")
    if not all(-90.0 <= lat <= 90.0 for lat in (min_lat, max_lat)):
        raise QueryError(f"invalid bounding box: latitudes must be within -90..90 ({value})")
    if min_lat > max_lat:
        raise QueryError(f"invalid bounding box: MIN_LAT {min_lat:g} is above MAX_LAT {max_lat:g}")
    return BoundingBox(min_lon, min_lat, max_lon, max_lat)


def parse_date(value: str | date | None, what: str = "date") -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return date.fromisoformat(text + "-01")
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1)
    except ValueError:
        pass
    raise QueryError(f"invalid {what} {value!r}: expected YYYY-MM-DD")


def parse_interval(value: str) -> str:
    if value not in INTERVALS:
        raise QueryError(f"invalid interval {value!r}: expected one of {', '.join(INTERVALS)}")
    return value


@dataclass(frozen=True)
class EventFilter:
    """What an analyst asks for; build with ``EventFilter.build`` to validate raw input."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None  # either side
    dyad: tuple[str, str] | None = None
    event_type: str | None = None
    cameo: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str | None = None
    doc_id: str | None = None
    country_located: str | None = None  # ISO3 of the event's location
    bbox: BoundingBox | None = None
    located: bool = False  # only events with coordinates (the map)
    include_negated: bool = False
    limit: int | None = None
    offset: int = 0

    @classmethod
    def build(
        cls,
        *,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
        dyad: str | tuple[str, str] | None = None,
        event_type: str | None = None,
        cameo: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        text: str | None = None,
        doc_id: str | None = None,
        country_located: str | None = None,
        bbox: str | BoundingBox | None = None,
        located: bool = False,
        include_negated: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> EventFilter:
        """Validate raw values (from the CLI or HTTP) and raise ``QueryError`` on bad ones."""
        if isinstance(dyad, str):
            dyad_pair: tuple[str, str] | None = parse_dyad(dyad) if dyad.strip() else None
        elif dyad is not None:
            dyad_pair = (
                parse_actor_code(dyad[0], "dyad actor"),
                parse_actor_code(dyad[1], "dyad actor"),
            )
        else:
            dyad_pair = None
        plover = None
        if event_type:
            plover = event_type.strip().upper()
            if not PLOVER_TYPE.match(plover):
                raise QueryError(f"invalid event type {event_type!r}: expected a PLOVER type")
        cameo_prefix = None
        if cameo:
            cameo_prefix = cameo.strip()
            if not CAMEO_PREFIX.match(cameo_prefix):
                raise QueryError(f"invalid CAMEO code {cameo!r}: expected 1-4 digits")
        if text is not None:
            if len(text) > MAX_TEXT_LENGTH:
                raise QueryError(f"text search is limited to {MAX_TEXT_LENGTH} characters")
            if any(ord(c) < 32 for c in text):
                raise QueryError("text search may not contain control characters")
            text = text or None
        if doc_id is not None and (len(doc_id) > 500 or not doc_id):
            raise QueryError("invalid document id")
        if limit is not None and not (0 <= limit <= MAX_LIMIT):
            raise QueryError(f"invalid limit {limit}: expected 0..{MAX_LIMIT}")
        if offset < 0:
            raise QueryError(f"invalid offset {offset}: expected 0 or more")
        start = parse_date(date_from, "from date")
        end = parse_date(date_to, "to date")
        if start and end and start > end:
            raise QueryError(f"from date {start} is after to date {end}")
        return cls(
            source=parse_actor_code(source, "source") if source else None,
            target=parse_actor_code(target, "target") if target else None,
            actor=parse_actor_code(actor, "actor") if actor else None,
            dyad=dyad_pair,
            event_type=plover,
            cameo=cameo_prefix,
            date_from=start,
            date_to=end,
            text=text,
            doc_id=doc_id,
            country_located=(
                parse_country(country_located, "located country") if country_located else None
            ),
            bbox=parse_bbox(bbox)
            if isinstance(bbox, BoundingBox) or (bbox and bbox.strip())
            else None,
            located=located,
            include_negated=include_negated,
            limit=limit,
            offset=offset,
        )

    def page(self, limit: int | None, offset: int = 0) -> EventFilter:
        return replace(self, limit=limit, offset=offset)

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (without the keyword) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.source:
            clauses.append(_ACTOR_MATCH.format(side="source"))
            params += [self.source, self.source]
        if self.target:
            clauses.append(_ACTOR_MATCH.format(side="target"))
            params += [self.target, self.target]
        if self.actor:
            clauses.append(
                "({s} OR {t})".format(
                    s=_ACTOR_MATCH.format(side="source"), t=_ACTOR_MATCH.format(side="target")
                )
            )
            params += [self.actor] * 4
        if self.dyad:
            a, b = self.dyad
            clauses.append(
                "(({s} AND {t}) OR ({s} AND {t}))".format(
                    s=_ACTOR_MATCH.format(side="source"), t=_ACTOR_MATCH.format(side="target")
                )
            )
            params += [a, a, b, b, b, b, a, a]
        if self.event_type:
            clauses.append("plover_type = ?")
            params.append(self.event_type)
        if self.cameo:
            clauses.append("starts_with(cameo_code, ?)")
            params.append(self.cameo)
        if self.date_from:
            clauses.append("event_day >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("event_day <= ?")
            params.append(self.date_to)
        if self.text:
            # contains() takes the text literally: no LIKE wildcards to escape.
            clauses.append("contains(lower(sentence_text), lower(?))")
            params.append(self.text)
        if self.doc_id:
            clauses.append("doc_id = ?")
            params.append(self.doc_id)
        if self.country_located:
            clauses.append("location_country = ?")
            params.append(self.country_located)
        if self.located or self.bbox:
            clauses.append("location_lat IS NOT NULL AND location_lon IS NOT NULL")
        if self.bbox:
            box = self.bbox
            clauses.append("location_lat BETWEEN ? AND ?")
            params += [box.min_lat, box.max_lat]
            if box.crosses_antimeridian:
                clauses.append("(location_lon >= ? OR location_lon <= ?)")
            else:
                clauses.append("location_lon BETWEEN ? AND ?")
            params += [box.min_lon, box.max_lon]
        if not self.include_negated:
            clauses.append("NOT negated AND NOT hypothetical")
        return (" AND ".join(clauses) if clauses else "TRUE"), params

    def limit_clause(self) -> tuple[str, list[Any]]:
        if self.limit is None:
            return (" OFFSET ?", [self.offset]) if self.offset else ("", [])
        return " LIMIT ? OFFSET ?", [self.limit, self.offset]


# A side matches a country (ISO3) or a full actor code.
_ACTOR_MATCH = "({side}_country = ? OR {side}_code = ?)"
