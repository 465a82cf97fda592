"""The actor knowledge base: countries, organisations, groups, people and sector nouns.

Loaded from the YAML files in ``actors/data`` (see the header comment of each file for
its fields), plus optional user overlays that add or replace entries.

Date ranges everywhere follow one rule: ``start`` and ``end`` are both inclusive, a
missing ``start`` means "since before our records" and a missing ``end`` means "still
so". When two ranges share a day (the outgoing and the incoming president on
inauguration day) the one that starts later wins, so either way of writing the end of
a term (the day of the handover or the day before) gives the same answer.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from polybius.actors.names import name_key
from polybius.actors.yamlio import Fields, load_yaml
from polybius.cache import prune_stale_caches
from polybius.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"

OFFICE_KINDS = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "igo_leader",
    "military_chief",
    "party_leader",
    "opposition_leader",
    "rebel_leader",
    "other",
)
# Sector of an office when the file does not say. A party leader who holds no state
# office is coded PTY (political party), CAMEO's sector for parties.
DEFAULT_OFFICE_SECTOR = {
    "military_chief": "MIL",
    "opposition_leader": "OPP",
    "rebel_leader": "REB",
    "igo_leader": "IGO",
    "party_leader": "PTY",
}
# Which office to report for someone holding several at once, most senior first.
OFFICE_RANK = {kind: rank for rank, kind in enumerate(OFFICE_KINDS)}
OFFICE_RANK.update({"igo_leader": 2, "foreign_minister": 3, "defence_minister": 4})

_ISO3 = re.compile(r"^[A-Z]{3}$")
_SECTOR = re.compile(r"^[A-Z]{3,4}$")
_ORG_CODE = re.compile(r"^[A-Z0-9]{2,8}$")

_FOREVER_START = date.min
_FOREVER_END = date.max


@dataclass(frozen=True, slots=True)
class Metonym:
    """A place or building that stands for a country's government ("the Kremlin")."""

    name: str
    sector: str = "GOV"


@dataclass(frozen=True, slots=True)
class SharedName:
    """A country name also used for something else ("Georgia", the US state).

    ``cues`` are words that, next to the name, mean the other reading.
    """

    name: str
    other: str  # ISO3 of the other reading's country
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[Metonym, ...] = ()
    shared_names: tuple[SharedName, ...] = ()
    epithets: tuple[tuple[str, str], ...] = ()  # ("first president", "kaz-nazarbayev")
    source: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Organization:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    sector: str = "IGO"
    start: date | None = None
    end: date | None = None
    source: str = ""
    line: int = 0

    @property
    def cameo(self) -> str:
        return self.sector + self.code


@dataclass(frozen=True, slots=True)
class Span:
    """Something true of an actor between two dates (both inclusive)."""

    start: date | None
    end: date | None

    def covers(self, on: date) -> bool:
        return (self.start or _FOREVER_START) <= on <= (self.end or _FOREVER_END)

    @property
    def sort_start(self) -> date:
        return self.start or _FOREVER_START


@dataclass(frozen=True, slots=True)
class GroupStatus(Span):
    country: str | None = None
    sector: str = "REB"


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    statuses: tuple[GroupStatus, ...]
    source: str = ""
    line: int = 0

    def status_on(self, on: date | None) -> GroupStatus:
        """The status on ``on``; in a gap, the last one begun; before all, the first."""
        found = pick_span(self.statuses, on)
        if found is not None:
            return found
        if on is None:
            return self.statuses[-1]
        begun = [s for s in self.statuses if s.sort_start <= on]
        return begun[-1] if begun else self.statuses[0]


@dataclass(frozen=True, slots=True)
class Office(Span):
    office: str = "other"
    title: str = ""
    sector: str = "GOV"
    org: str | None = None
    acting: bool = False
    approx: bool = False


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    offices: tuple[Office, ...]
    source: str = ""
    line: int = 0

    def offices_on(self, on: date | None) -> list[Office]:
        """Offices held on ``on`` (None: offices still held), most senior first."""
        if on is None:
            held = [o for o in self.offices if o.end is None]
        else:
            held = [o for o in self.offices if o.covers(on)]
        return sorted(held, key=lambda o: (OFFICE_RANK.get(o.office, 99), o.acting))


@dataclass(frozen=True, slots=True)
class SectorTerm:
    """A noun that names a sector ("troops") or an office ("defence minister")."""

    term: str
    sector: str
    offices: tuple[str, ...] = ()  # office kinds whose holder the term designates
    titles: tuple[str, ...] = ()  # title words the holder's title must contain, if any
    source: str = ""
    line: int = 0


S = TypeVar("S", bound=Span)


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sectors: dict[str, SectorTerm] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    # The resolver's phrase index, kept with the packaged KB in the start-up cache.
    prebuilt_index: Any = None

    @property
    def terms_of_office(self) -> int:
        return sum(len(p.offices) for p in self.people.values())

    def counts(self) -> dict[str, int]:
        return {
            "countries": len(self.countries),
            "organizations": len(self.organizations),
            "groups": len(self.groups),
            "people": len(self.people),
            "terms_of_office": self.terms_of_office,
            "sector_terms": len(self.sectors),
        }


def pick_span(spans: Iterable[S], on: date | None) -> S | None:
    """The span covering ``on`` that started last (None: the latest open-ended one)."""
    if on is None:
        open_ended = [s for s in spans if s.end is None]
        return max(open_ended, key=lambda s: s.sort_start) if open_ended else None
    covering = [s for s in spans if s.covers(on)]
    return max(covering, key=lambda s: s.sort_start) if covering else None


# --------------------------------------------------------------------------- parsing


def _list_of_entries(data: Any, path: Path, key: str | None) -> list[Any]:
    if data is None:
        return []
    if key is not None:
        if not isinstance(data, dict):
            raise DataFileError(str(path), 1, "expected a mapping of lists at the top level")
        data = data.get(key)
        if data is None:
            return []
    if not isinstance(data, list):
        where = f"'{key}'" if key else "the file"
        line = getattr(data, "line", 1)
        raise DataFileError(str(path), line, f"{where} must be a list of entries")
    return data


def _check_range(f: Fields, start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise f.error(f"end {end} is before start {start}")


def parse_country(raw: Any, path: Path, line: int) -> Country:
    f = Fields(raw, path, line, "country")
    iso3 = f.text("iso3")
    if not _ISO3.match(iso3):
        raise f.error(f"iso3 must be three capital letters, got {iso3!r}")
    metonyms = []
    for item in f.items("metonyms"):
        if isinstance(item, str):
            metonyms.append(Metonym(item))
            continue
        mf = Fields(item, path, f.line, "metonym")
        metonyms.append(Metonym(mf.text("name"), _sector(mf, mf.opt_text("sector") or "GOV")))
    shared = []
    for item in f.items("shared_names"):
        sf = Fields(item, path, f.line, "shared name")
        other = sf.text("other")
        if not _ISO3.match(other):
            raise sf.error(f"other must be an ISO3 code, got {other!r}")
        shared.append(SharedName(sf.text("name"), other, tuple(sf.texts("cues"))))
    epithets_raw = f.data.get("epithets") or {}
    if not isinstance(epithets_raw, dict):
        raise f.error("epithets must map a phrase to a person id")
    return Country(
        iso3=iso3,
        name=f.text("name"),
        names=tuple(f.texts("names")),
        adjectives=tuple(f.texts("adjectives")),
        capital=f.opt_text("capital"),
        metonyms=tuple(metonyms),
        shared_names=tuple(shared),
        epithets=tuple((str(k), str(v)) for k, v in epithets_raw.items()),
        source=str(path),
        line=f.line,
    )


def parse_organization(raw: Any, path: Path, line: int) -> Organization:
    f = Fields(raw, path, line, "organization")
    code = f.text("code")
    if not _ORG_CODE.match(code):
        raise f.error(f"code must be 2-8 capital letters or digits, got {code!r}")
    sector = _sector(f, f.opt_text("sector") or "IGO")
    start, end = f.day("start"), f.day("end")
    _check_range(f, start, end)
    return Organization(
        code=code,
        name=f.text("name"),
        aliases=tuple(f.texts("aliases")),
        sector=sector,
        start=start,
        end=end,
        source=str(path),
        line=f.line,
    )


def parse_group(raw: Any, path: Path, line: int) -> Group:
    f = Fields(raw, path, line, "group")
    statuses = []
    for item in f.items("status"):
        sf = Fields(item, path, f.line, "group status")
        country = sf.opt_text("country")
        if country is not None and not _ISO3.match(country):
            raise sf.error(f"country must be an ISO3 code, got {country!r}")
        start, end = sf.day("start"), sf.day("end")
        _check_range(sf, start, end)
        sector = _sector(sf, sf.text("sector"))
        statuses.append(GroupStatus(start=start, end=end, country=country, sector=sector))
    if not statuses:
        raise f.error("missing required field 'status' (a list of dated statuses)")
    statuses.sort(key=lambda s: s.sort_start)
    return Group(
        id=f.text("id"),
        name=f.text("name"),
        aliases=tuple(f.texts("aliases")),
        kind=f.opt_text("kind") or "group",
        statuses=tuple(statuses),
        source=str(path),
        line=f.line,
    )


def parse_person(raw: Any, path: Path, line: int) -> Person:
    f = Fields(raw, path, line, "person")
    country = f.text("country")
    if not _ISO3.match(country):
        raise f.error(f"country must be an ISO3 code, got {country!r}")
    offices = []
    for item in f.items("offices"):
        of = Fields(item, path, f.line, "office")
        kind = of.text("office")
        if kind not in OFFICE_KINDS:
            raise of.error(f"unknown office {kind!r} (expected one of: {', '.join(OFFICE_KINDS)})")
        start, end = of.day("start", required=True), of.day("end")
        _check_range(of, start, end)
        org = of.opt_text("org")
        if kind == "igo_leader" and org is None:
            raise of.error("an igo_leader office needs 'org' (an organisation code)")
        sector = of.opt_text("sector") or DEFAULT_OFFICE_SECTOR.get(kind, "GOV")
        offices.append(
            Office(
                start=start,
                end=end,
                office=kind,
                title=of.opt_text("title") or kind.replace("_", " ").title(),
                sector=_sector(of, sector),
                org=org,
                acting=of.flag("acting"),
                approx=of.flag("approx"),
            )
        )
    offices.sort(key=lambda o: o.sort_start)
    return Person(
        id=f.text("id"),
        name=f.text("name"),
        aliases=tuple(f.texts("aliases")),
        country=country,
        offices=tuple(offices),
        source=str(path),
        line=f.line,
    )


def parse_sector_entries(raw: Any, path: Path, line: int) -> list[SectorTerm]:
    """One entry names a sector and lists its nouns: {sector: MIL, terms: [army, troops]}."""
    f = Fields(raw, path, line, "sector entry")
    sector = _sector(f, f.text("sector"))
    terms = f.texts("terms") + ([f.text("term")] if f.has("term") else [])
    if not terms:
        raise f.error("missing required field 'terms' (the nouns of this sector)")
    offices = tuple(f.texts("offices"))
    for kind in offices:
        if kind not in OFFICE_KINDS:
            raise f.error(f"unknown office {kind!r} (expected one of: {', '.join(OFFICE_KINDS)})")
    titles = tuple(f.texts("titles"))
    return [SectorTerm(t, sector, offices, titles, str(path), f.line) for t in terms]


def _sector(f: Fields, value: str) -> str:
    if not _SECTOR.match(value):
        raise f.error(f"sector must be a 3-4 letter capital code, got {value!r}")
    return value


# --------------------------------------------------------------------------- loading

_SECTION_KEYS = ("countries", "organizations", "groups", "people", "sectors")
_OVERLAY_ENTRY_KEYS = {
    "countries": {
        "iso3", "name", "names", "adjectives", "capital", "metonyms", "shared_names",
        "epithets", "note",
    },
    "organizations": {"code", "name", "aliases", "sector", "start", "end", "note"},
    "groups": {"id", "name", "aliases", "kind", "status", "note"},
    "people": {"id", "name", "aliases", "country", "offices", "note"},
    "sectors": {"sector", "terms", "term", "offices", "titles", "note"},
}  # fmt: skip


def _line(raw: Any, default: int = 1) -> int:
    return getattr(raw, "line", 0) or default


def _add_unique(
    table: dict[str, Any], key: str, item: Any, path: Path, line: int, what: str
) -> None:
    previous = table.get(key)
    if previous is not None:
        raise DataFileError(
            str(path),
            line,
            f"duplicate {what} {key!r}: already defined in {previous.source} (and again in {path})",
        )
    table[key] = item


# The resolver's own people file: leaders the regional files may not (yet) cover. The
# regional files are authoritative: a core entry whose id, or whose country and name,
# is already defined there is skipped, so that a regional file catching up never breaks
# loading. Duplicates among the regional files, or inside core, are errors.
FALLBACK_PEOPLE_FILE = "core.yaml"


def _load_fallback_people(kb: KnowledgeBase, path: Path) -> None:
    known_names = {(p.country, name_key(p.name)) for p in kb.people.values()}
    seen: dict[str, Person] = {}
    for raw in _list_of_entries(load_yaml(path), path, None):
        p = parse_person(raw, path, _line(raw))
        _add_unique(seen, p.id, p, path, _line(raw), "person id")
        if p.id in kb.people or (p.country, name_key(p.name)) in known_names:
            continue
        kb.people[p.id] = p


def load_packaged(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    kb = KnowledgeBase()
    countries_path = data_dir / "countries.yaml"
    for raw in _list_of_entries(load_yaml(countries_path), countries_path, None):
        c = parse_country(raw, countries_path, _line(raw))
        _add_unique(kb.countries, c.iso3, c, countries_path, _line(raw), "country")
    orgs_path = data_dir / "organizations.yaml"
    for raw in _list_of_entries(load_yaml(orgs_path), orgs_path, None):
        o = parse_organization(raw, orgs_path, _line(raw))
        _add_unique(kb.organizations, o.code, o, orgs_path, _line(raw), "organisation")
    groups_path = data_dir / "groups.yaml"
    for raw in _list_of_entries(load_yaml(groups_path), groups_path, None):
        g = parse_group(raw, groups_path, _line(raw))
        _add_unique(kb.groups, g.id, g, groups_path, _line(raw), "group")
    sectors_path = data_dir / "sectors.yaml"
    for raw in _list_of_entries(load_yaml(sectors_path), sectors_path, None):
        for term in parse_sector_entries(raw, sectors_path, _line(raw)):
            _add_unique(kb.sectors, term.term.casefold(), term, sectors_path, _line(raw), "term")
    people_files = sorted((data_dir / "people").glob("*.yaml"))
    regional = [p for p in people_files if p.name != FALLBACK_PEOPLE_FILE]
    for path in regional:
        for raw in _list_of_entries(load_yaml(path), path, None):
            p = parse_person(raw, path, _line(raw))
            _add_unique(kb.people, p.id, p, path, _line(raw), "person id")
    core_path = data_dir / "people" / FALLBACK_PEOPLE_FILE
    if core_path.exists():
        _load_fallback_people(kb, core_path)
    kb.files = [str(p) for p in (countries_path, orgs_path, groups_path, sectors_path)]
    kb.files += [str(p) for p in people_files]
    validate(kb)
    return kb


def apply_overlay(kb: KnowledgeBase, path: Path) -> None:
    """Add or replace entries from a user file (same shapes, keyed by section)."""
    data = load_yaml(path)
    if data is None:
        return
    if not isinstance(data, dict):
        raise DataFileError(str(path), 1, f"an overlay maps sections ({', '.join(_SECTION_KEYS)})")
    unknown = sorted(set(data) - set(_SECTION_KEYS))
    if unknown:
        raise DataFileError(
            str(path),
            1,
            f"unknown section(s) {', '.join(unknown)} (expected: {', '.join(_SECTION_KEYS)})",
        )
    for section in _SECTION_KEYS:
        allowed = _OVERLAY_ENTRY_KEYS[section]
        for raw in _list_of_entries(data, path, section):
            line = _line(raw)
            Fields(raw, path, line, section.rstrip("s")).unknown_keys(allowed)
            if section == "countries":
                c = parse_country(raw, path, line)
                kb.countries[c.iso3] = c
            elif section == "organizations":
                o = parse_organization(raw, path, line)
                kb.organizations[o.code] = o
            elif section == "groups":
                g = parse_group(raw, path, line)
                kb.groups[g.id] = g
            elif section == "people":
                p = parse_person(raw, path, line)
                kb.people[p.id] = p
            else:
                for term in parse_sector_entries(raw, path, line):
                    kb.sectors[term.term.casefold()] = term
    kb.files.append(str(path))
    validate(kb)


def validate(kb: KnowledgeBase) -> None:
    """Cross-references: countries and organisation codes used must exist."""
    for person in kb.people.values():
        if person.country not in kb.countries:
            raise DataFileError(
                person.source,
                person.line,
                f"person {person.id}: unknown country {person.country!r}",
            )
        for office in person.offices:
            if office.org is not None and office.org not in kb.organizations:
                raise DataFileError(
                    person.source,
                    person.line,
                    f"person {person.id}: unknown organisation code {office.org!r}",
                )
    for group in kb.groups.values():
        for status in group.statuses:
            if status.country is not None and status.country not in kb.countries:
                raise DataFileError(
                    group.source,
                    group.line,
                    f"group {group.id}: unknown country {status.country!r}",
                )
    for country in kb.countries.values():
        for shared in country.shared_names:
            if shared.other not in kb.countries:
                raise DataFileError(
                    country.source,
                    country.line,
                    f"country {country.iso3}: unknown {shared.other!r}",
                )


def _cache_file(data_dir: Path) -> Path | None:
    """Where the parsed packaged KB is kept between runs, keyed by its files' size and time.

    Parsing a few thousand YAML entries costs about half a second at every start; a pickle
    of the result loads in a few milliseconds. POLYBIUS_CACHE_DIR="" turns the cache off.
    """
    root = os.environ.get("POLYBIUS_CACHE_DIR")
    if root == "":
        return None
    base = Path(root) if root else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "polybius"
    digest = hashlib.sha256(str(data_dir.resolve()).encode())
    for path in sorted(data_dir.rglob("*.yaml")):
        st = path.stat()
        digest.update(f"{path.relative_to(data_dir)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return base / f"kb-{digest.hexdigest()[:20]}.pickle"


def _load_packaged_cached(data_dir: Path) -> KnowledgeBase:
    cache = _cache_file(data_dir)
    if cache is not None and cache.exists():
        try:
            with cache.open("rb") as fh:
                kb = pickle.load(fh)  # noqa: S301 - our own cache file, written below
            if isinstance(kb, KnowledgeBase):
                return kb
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            pass  # a stale or broken cache is rebuilt
    kb = load_packaged(data_dir)
    from polybius.actors.index import build_index

    kb.prebuilt_index = build_index(kb)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
            prune_stale_caches(cache, "kb-*.pickle")
        except OSError:
            pass  # read-only home: parse every time
    return kb


def load(overlays: Sequence[Path] = (), data_dir: Path = DATA_DIR) -> KnowledgeBase:
    if not overlays:
        return _load_packaged_cached(data_dir)
    kb = load_packaged(data_dir)
    for overlay in overlays:
        apply_overlay(kb, Path(overlay))
    return kb
