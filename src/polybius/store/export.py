"""Export formats for stored events: jsonl, csv, parquet, plover (PLOVER JSON), gdelt and
geojson (the located events as one FeatureCollection).

Every writer takes the same ``EventFilter`` and writes bytes to a binary stream, so the CLI
can send any format to stdout or a file. See docs/gdelt.md for the GDELT column mapping.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import IO, Any

from polybius.errors import QueryError
from polybius.store.country_codes import country_name, fips_code, gdelt_adm1_code
from polybius.store.event_store import EventStore
from polybius.store.geojson import event_feature
from polybius.store.query import EventFilter
from polybius.store.rows import EVENT_COLUMNS, event_row_to_dict

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt", "geojson")

# The 61 columns of the GDELT 2.0 event table, in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# Known-group codes that GDELT keeps in its own column rather than as the actor's type.
_IGO_SECTORS = {"IGO", "NGO", "IMG"}
# PLOVER's location "resolution": 5 sub-city, 4 city, 3 district, 2 province, 1 country.
_RESOLUTION = {"site": 5, "city": 4, "district": 3, "region": 2, "admin1": 2, "country": 1}
# GeoNames feature class and the generic feature code of each of our location features.
# A town is written "PPL" (populated place) because the store does not keep GeoNames'
# finer code (PPLC capital, PPLA seat...); a region is "ADM1" only when it is one.
_FEATURE_CLASS = {"country": "A", "region": "A", "city": "P", "site": "S"}


def export_events(store: EventStore, flt: EventFilter, fmt: str, out: IO[bytes]) -> int:
    """Write the events matching ``flt`` to ``out`` in ``fmt``; returns the number written."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise QueryError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return writer(store, flt, out)


def _write_lines(lines: Iterator[str], out: IO[bytes]) -> int:
    n = 0
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        n += 1
        if len(buffer) >= 1000:
            out.write("".join(buffer).encode("utf-8"))
            buffer.clear()
    if buffer:
        out.write("".join(buffer).encode("utf-8"))
    out.flush()
    return n


def _jsonl(store: EventStore, flt: EventFilter, out: IO[bytes]) -> int:
    return _write_lines(
        (
            json.dumps(event_row_to_dict(r), ensure_ascii=False) + "\n"
            for r in store.iter_event_rows(flt)
        ),
        out,
    )


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def _csv(store: EventStore, flt: EventFilter, out: IO[bytes]) -> int:
    def lines() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(EVENT_COLUMNS)
        yield buf.getvalue()
        for row in store.iter_event_rows(flt):
            buf.seek(0)
            buf.truncate()
            writer.writerow([_csv_value(row[c]) for c in EVENT_COLUMNS])
            yield buf.getvalue()

    return _write_lines(lines(), out) - 1


def _parquet(store: EventStore, flt: EventFilter, out: IO[bytes]) -> int:
    import pyarrow.parquet as pq

    table = store.arrow_events(flt).drop_columns(["seq"])
    # Parquet needs a seekable sink; stdout is not one.
    sink = io.BytesIO()
    pq.write_table(table, sink)
    out.write(sink.getvalue())
    out.flush()
    return int(table.num_rows)


def _plover_actor(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if row[f"{side}_text"] is None:
        return []
    code = row[f"{side}_code"]
    return [
        {
            "code": row[f"{side}_country"] or (code[:3] if code else None),
            "sector": row[f"{side}_sector"],
            "entity_text": row[f"{side}_text"],
            "identifier_id": row[f"{side}_kb_id"],
            "identifier_text": row[f"{side}_name"],
            "actor_code": code,  # the full CAMEO-style code, e.g. KAZGOV
        }
    ]


def _geonameid(gazetteer_id: str | None) -> int | None:
    """The integer GeoNames id PLOVER asks for, when the place came from GeoNames."""
    if gazetteer_id and gazetteer_id.startswith("geonames:") and gazetteer_id[9:].isdigit():
        return int(gazetteer_id[9:])
    return None


def _feature_code(feature: str | None, admin1: str | None) -> str | None:
    if feature == "country":
        return "PCLI"
    if feature == "city":
        return "PPL"
    if feature == "region" and admin1:
        return "ADM1"
    return None


def plover_location(row: dict[str, Any]) -> dict[str, Any] | None:
    """The PLOVER location object (the manual's data-fields chapter) of an event row."""
    if row["location_text"] is None:
        return None
    feature = row["location_feature"]
    name = row["location_name"]
    iso3 = row["location_country"]
    return {
        "extracted_place": row["location_text"],
        "resolved_place": name,
        "geonameid": _geonameid(row["location_gazetteer_id"]),
        "lat": row["location_lat"],
        "lon": row["location_lon"],
        "city": name if feature == "city" else None,
        "district": None,  # Polybius does not resolve second-level divisions
        # The store keeps the admin1 key, not its name: the name is known only when the
        # place is the region itself.
        "province": name if feature == "region" else None,
        "country": country_name(iso3) or (name if feature == "country" else None),
        "country_code": iso3,
        "feature_class": _FEATURE_CLASS.get(feature or ""),
        "feature_code": _feature_code(feature, row["location_admin1"]),
        "resolution": _RESOLUTION.get(row["location_precision"] or "")
        or _RESOLUTION.get(feature or ""),
        # Named fields beyond the manual's, which it allows.
        "gazetteer_id": row["location_gazetteer_id"],
        "admin1_code": row["location_admin1"],
        "precision": row["location_precision"],
    }


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER JSON record (field names from the PLOVER manual's data fields)."""
    event_date = row["event_date"]
    ingested: datetime | None = row.get("doc_ingested_at")
    coder = f"polybius {row['coder_version']}".strip()
    return {
        "id": row["event_id"],
        "has_event": True,
        "date": event_date.isoformat() if event_date else None,
        "enddate": row["date_end"].isoformat() if row["date_end"] else None,
        "actor": _plover_actor(row, "source"),
        "recipient": _plover_actor(row, "target"),
        "event": [row["plover_type"]] if row["plover_type"] else [],
        "event_loc": plover_location(row),
        "event_text": [row["trigger_text"]] if row["trigger_text"] else [],
        "quad_code": row["quad_class"],
        "event_scale": row["goldstein"],
        "mode": [row["plover_mode"]] if row["plover_mode"] else [],
        "context": list(row["plover_context"] or []),
        "text": row["sentence_text"],
        "text_info": {
            "sequence": row["sentence_index"],
            "start": row["sentence_start"],
            "end": row["sentence_end"],
        },
        "cite_info": {
            "citation": row["doc_id"],
            "url": row.get("doc_url"),
            "title": row.get("doc_title"),
            "publication": row.get("doc_source"),
            "coder": coder,
            "codebook": "PLOVER with CAMEO codes",
        },
        "coder": coder,
        "coded_date": ingested.date().isoformat() if ingested else None,
        "comment": None if row["plover_type"] else "CAMEO statement code: no PLOVER event type",
        # Named fields beyond the manual's, which it allows.
        "cameo_code": row["cameo_code"],
        "date_precision": row["date_precision"],
        "negated": bool(row["negated"]),
        "hypothetical": bool(row["hypothetical"]),
        "intent": bool(row["intent"]),
        "confidence": round(row["confidence"], 3) if row["confidence"] is not None else None,
        "doc_id": row["doc_id"],
        "pub_date": row["pub_date"].isoformat() if row["pub_date"] else None,
    }


def _plover(store: EventStore, flt: EventFilter, out: IO[bytes]) -> int:
    return _write_lines(
        (
            json.dumps(plover_record(r), ensure_ascii=False) + "\n"
            for r in store.iter_event_rows(flt)
        ),
        out,
    )


def _gdelt_text(value: Any) -> str:
    if value is None:
        return ""
    # Tabs and newlines would break the tab-separated layout.
    return " ".join(str(value).split())


def _geo_type(feature: str | None, country: str | None) -> str:
    if not feature:
        return ""
    if feature == "country":
        return "1"
    us = country == "USA"
    if feature in {"region", "admin1"}:
        return "2" if us else "5"
    return "3" if us else "4"


def _gdelt_actor(row: dict[str, Any], side: str) -> list[str]:
    if row[f"{side}_text"] is None:
        return [""] * 10
    sector = row[f"{side}_sector"] or ""
    known_group = sector if sector in _IGO_SECTORS else ""
    return [
        _gdelt_text(row[f"{side}_code"]),
        _gdelt_text((row[f"{side}_name"] or row[f"{side}_text"]).upper()),
        _gdelt_text(row[f"{side}_country"]),
        known_group,
        "",  # ethnic code: not coded
        "",  # religion codes: not coded
        "",
        "" if known_group else sector,
        "",
        "",
    ]


def gdelt_full_name(row: dict[str, Any]) -> str:
    """GDELT's "place, country" name; GDELT also names the ADM1, which the store lacks."""
    name = row["location_name"] or row["location_text"]
    country = country_name(row["location_country"])
    if row["location_feature"] == "country" or not country or country == name:
        return _gdelt_text(name)
    return _gdelt_text(f"{name}, {country}")


def _gdelt_feature_id(row: dict[str, Any], adm1: str | None) -> str:
    # GDELT identifies a country by its FIPS code and a region by its ADM1 code; for towns
    # and sites we write our gazetteer id ("geonames:703448"), GDELT's being a GNS id.
    geo_type = _geo_type(row["location_feature"], row["location_country"])
    if geo_type == "1":
        return fips_code(row["location_country"]) or _gdelt_text(row["location_gazetteer_id"])
    if geo_type in {"2", "5"} and adm1 and len(adm1) > 2:
        return adm1
    return _gdelt_text(row["location_gazetteer_id"])


def _gdelt_geo(row: dict[str, Any]) -> list[str]:
    if row["location_text"] is None:
        return [""] * 8
    lat, lon = row["location_lat"], row["location_lon"]
    iso3 = row["location_country"]
    adm1 = gdelt_adm1_code(iso3, row["location_admin1"])
    return [
        _geo_type(row["location_feature"], iso3),
        gdelt_full_name(row),
        fips_code(iso3) or "",  # FIPS 10-4 as in GDELT (see docs/gdelt.md)
        adm1 or "",
        "",  # ADM2: not resolved
        "" if lat is None else f"{lat:.4f}",
        "" if lon is None else f"{lon:.4f}",
        _gdelt_feature_id(row, adm1),
    ]


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One event as the 61 fields of a GDELT 2.0 event record."""
    day: date | None = row["event_day"]
    added: datetime | None = row.get("doc_ingested_at")
    fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else ""
    code = row["cameo_code"] or ""
    fields = [
        str(row["seq"]),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        fraction,
        *_gdelt_actor(row, "source"),
        *_gdelt_actor(row, "target"),
        "1" if row["sentence_index"] == 0 else "0",
        code,
        code[:3],
        row["cameo_root"] or code[:2],
        "" if row["quad_class"] is None else str(row["quad_class"]),
        "" if row["goldstein"] is None else f"{row['goldstein']:.1f}",
        "1",
        "1",
        "1",
        "",  # AvgTone: no tone model
        # The event's location is where the action took place; we do not geolocate actors.
        *([""] * 8),
        *([""] * 8),
        *_gdelt_geo(row),
        added.strftime("%Y%m%d%H%M%S") if added else "",
        _gdelt_text(row.get("doc_url")),
    ]
    assert len(fields) == len(GDELT_COLUMNS)
    return fields


def _gdelt(store: EventStore, flt: EventFilter, out: IO[bytes]) -> int:
    return _write_lines(("\t".join(gdelt_row(r)) + "\n" for r in store.iter_event_rows(flt)), out)


def _geojson(store: EventStore, flt: EventFilter, out: IO[bytes]) -> int:
    """One FeatureCollection, streamed a feature at a time (exports can be large)."""

    def parts() -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        first = True
        for row in store.iter_event_rows(replace(flt, located=True)):
            feature = event_feature(event_row_to_dict(row))
            if feature is None:
                continue
            yield ("\n" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
            first = False
        yield "\n]}\n"

    return _write_lines(parts(), out) - 2


_WRITERS: dict[str, Callable[[EventStore, EventFilter, IO[bytes]], int]] = {
    "jsonl": _jsonl,
    "csv": _csv,
    "parquet": _parquet,
    "plover": _plover,
    "gdelt": _gdelt,
    "geojson": _geojson,
}
