"""Resolve a news noun phrase ("Kazakh President Kassym-Jomart Tokayev", "Chinese troops")
to a dated actor: ISO3 country + sector + CAMEO-style code.

How a phrase is read:

1. It is tokenised (accents, quotes and possessives normalised) and matched greedily,
   longest name first, against the phrase index built from the KB. Each match is a
   *segment*; words that match nothing are kept as unknown segments.
2. The head is chosen in this order: a person, an organisation (or its leader, with a
   title such as "Secretary-General"), an armed group or party, an office title
   ("the Maldivian president": the holder on that date), a sector noun ("troops"), a
   country name, adjective or metonym ("the Kremlin").
3. The country comes from a name, adjective or possessive before the head, or after
   "of", "in", "from" or "at"; a country after "to", "with" or "against" is the other
   party, not the actor's own.

Codes: country + sector ("CHNGOV"); a bare country is its ISO3 alone ("KAZ", sector
None); a sector with no country is the sector alone ("COP"); organisations are
"IGO"/"NGO" + their code ("IGOUNO"); a person out of office on the date is "ELI"
(elite, former official) of their country; armed groups with no single country
(Islamic State, al-Qaeda) are "IMG" + sector, CAMEO's international militarised group.

Phrases that are not one actor return None: coordinations ("China and Russia"),
plural references ("the two countries", "both leaders"), names of other things that
contain a country ("Real Madrid", "Michael Jordan", "the Washington Post").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from polybius.actors.index import DETERMINERS, Entry, PhraseIndex, build_index
from polybius.actors.kb import (
    KnowledgeBase,
    Office,
    Person,
    load,
)
from polybius.actors.names import Token, tokenize
from polybius.records import ResolvedActor

T = TypeVar("T")

RESOLVER_VERSION = "1"
KB_DATE = "2026-11-28"  # bump when the packaged data files change

# Words that link a country to the head noun.
_OWN_COUNTRY_PREPOSITIONS = frozenset({"of", "in", "from", "at", "for"})
_OTHER_PARTY_PREPOSITIONS = frozenset(
    {"to", "with", "against", "toward", "towards", "on", "over", "into", "versus", "vs"}
)
_COORDINATORS = frozenset({"and", "or", "nor", "&"})
_FORMER = frozenset({"former", "ex", "late", "erstwhile", "onetime", "outgoing"})
# Modifiers that make a title designate someone other than the office holder.
_NOT_THE_HOLDER = frozenset(
    {"deputy", "vice", "assistant", "junior", "shadow", "state", "undersecretary", "under",
     "future", "next", "designate", "elect", "presumptive"}
)  # fmt: skip
# Plural quantifiers: with no named actor, "the two leaders" is a reference back.
_QUANTIFIERS = frozenset(
    {"both", "two", "three", "four", "five", "several", "all", "each", "either", "neither"}
)
# Known words that are neither names nor part of a foreign proper name when capitalised.
_MODIFIERS = frozenset(
    {"top", "senior", "local", "national", "federal", "regional", "provincial", "state",
     "new", "newly", "acting", "interim", "caretaker", "incumbent", "current", "sitting",
     "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "his", "her", "its",
     "their", "our", "chief", "head", "elected", "democratically", "powerful", "veteran",
     "hardline", "moderate", "embattled", "beleaguered", "longtime", "long", "serving",
     "then", "de", "facto", "self", "proclaimed", "declared", "armed", "unidentified",
     "unknown", "suspected", "alleged", "some", "many", "other", "several", "hundreds",
     "thousands", "dozens", "scores", "of", "in", "from", "at", "for", "said", "says",
     "according", "spokesman", "spokeswoman", "spokesperson", "official", "officials",
     "general", "gen", "lt", "col", "colonel", "major", "admiral", "adm", "sgt", "capt",
     "captain", "prince", "crown", "king", "queen", "emir", "sheikh", "highness",
     "majesty", "excellency", "first", "vice", "deputy", "former", "ex", "late",
     "outgoing", "and", "or", "to", "with", "against", "the", "a", "an", "both"}
)  # fmt: skip
# Title words that, next to an organisation, designate its leader.
_ORG_LEADER_WORDS = frozenset(
    {"secretary general", "chief", "head", "director general", "director", "president",
     "chairman", "chair", "chairperson", "chairwoman", "leader", "managing director",
     "commissioner", "secretary", "boss", "high representative", "prosecutor"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # token range [start, end)
    end: int
    entries: tuple[Entry, ...]
    tokens: tuple[Token, ...]

    @property
    def key(self) -> str:
        return " ".join(t.key for t in self.tokens)

    @property
    def known(self) -> bool:
        return bool(self.entries)

    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}

    def of_kind(self, *kinds: str) -> list[Entry]:
        return [e for e in self.entries if e.kind in kinds]


@dataclass(frozen=True, slots=True)
class _CountryCue:
    iso3: str
    position: int  # segment index
    sector: str | None  # a metonym's own sector
    own: bool  # False after "to"/"with"/"against": the other party


class _WatchedContext(tuple[str, ...]):
    """The document's countries, noting whether resolution looked at them."""

    consulted = False

    def __contains__(self, item: object) -> bool:
        self.consulted = True
        return super().__contains__(item)

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.consulted = True
        return super().__iter__()

    def __len__(self) -> int:
        self.consulted = True
        return super().__len__()

    def __bool__(self) -> bool:
        self.consulted = True
        return super().__len__() > 0


class ActorResolver:
    """Resolves noun phrases against one knowledge base; safe to share across threads."""

    def __init__(self, kb: KnowledgeBase, version_suffix: str = "") -> None:
        self.kb = kb
        self.index: PhraseIndex = kb.prebuilt_index or build_index(kb)
        self.version = f"actors {RESOLVER_VERSION} / kb {KB_DATE}{version_suffix}"
        self._cached = lru_cache(maxsize=200_000)(self._resolve)
        self._context_free: dict[tuple[str, date | None], ResolvedActor | None] = {}
        self._needs_context: set[tuple[str, date | None]] = set()
        # Office holders by (country, office kind) and IGO leaders by org code.
        self._holders: dict[tuple[str, str], list[tuple[Person, Office]]] = {}
        self._igo_leaders: dict[str, list[tuple[Person, Office]]] = {}
        for person in kb.people.values():
            for office in person.offices:
                if office.office == "igo_leader" and office.org:
                    self._igo_leaders.setdefault(office.org, []).append((person, office))
                else:
                    key = (person.country, office.office)
                    self._holders.setdefault(key, []).append((person, office))

    # ------------------------------------------------------------------ public

    @classmethod
    def default(cls, overlays: Sequence[Path] = ()) -> ActorResolver:
        """The packaged knowledge base plus user overlays; built once per overlay list."""
        return _default(tuple(str(Path(p)) for p in overlays))

    def resolve(
        self, text: str, on: date | None = None, context: Sequence[str] = ()
    ) -> ResolvedActor | None:
        ctx = context if isinstance(context, tuple) else tuple(context)
        # Most phrases never look at the document's countries; remember which ones do, so
        # that the cache is shared across documents for all the others.
        key = (text, on)
        if key in self._context_free:
            return self._context_free[key]
        if key not in self._needs_context:
            watched = _WatchedContext(ctx)
            result = self._resolve(text, on, watched)
            if not watched.consulted:
                if len(self._context_free) > 200_000:
                    self._context_free.clear()
                self._context_free[key] = result
                return result
            self._needs_context.add(key)
        return self._cached(text, on, ctx)

    # ------------------------------------------------------------------ reading

    def _segments(self, tokens: Sequence[Token]) -> list[Segment]:
        segments: list[Segment] = []
        entries = self.index.entries
        i, n = 0, len(tokens)
        while i < n:
            found: Segment | None = None
            for j in range(min(n, i + self.index.max_tokens), i, -1):
                span = tokens[i:j]
                bucket = entries.get(" ".join(t.key for t in span))
                if bucket is None:
                    continue
                valid = tuple(e for e in bucket if _fits(e, span))
                if valid:
                    found = Segment(i, j, valid, tuple(span))
                    break
            if found is None:
                found = Segment(i, i + 1, (), (tokens[i],))
            segments.append(found)
            i = found.end
        return segments

    def _resolve(
        self, text: str, on: date | None, context: tuple[str, ...]
    ) -> ResolvedActor | None:
        tokens = list(tokenize(text))
        while tokens and tokens[0].key in DETERMINERS:
            tokens.pop(0)
        tokens = [t for t in tokens if t.key != "the"]
        if not tokens:
            return None
        segments = self._segments(tokens)
        if _is_coordination(segments) or _is_foreign_proper_name(segments):
            return None
        keys = {t.key for t in tokens}
        # Modifier words count only outside names ("Secretary of State" is no "state").
        loose = {s.key for s in segments if not s.known}
        former = bool(loose & _FORMER)
        cues = self._country_cues(segments, keys, context)
        own = [c for c in cues if c.own]
        country = own[0].iso3 if own else None

        epithet = _first(segments, "epithet")
        if epithet is not None:
            found = self._by_epithet(epithet, on, country, context)
            if found is not None:
                return found
        person_seg = _first(segments, "person")
        if person_seg is not None:
            return self._by_person(person_seg, segments, on, country, context, former)
        org_seg = _first(segments, "org")
        if org_seg is not None:
            org_position = segments.index(org_seg)
            if own and own[0].position < org_position:
                # "Chinese UN ambassador", "Russia's Security Council": a state's own
                # organ or envoy, not the organisation.
                sector_segs = [s for s in segments if s.of_kind("sector")]
                if sector_segs:
                    return self._by_sector(sector_segs, segments, on, country, loose, former)
                return self._country_actor(own[0].iso3, "GOV")
            return self._by_org(org_seg, segments, on, loose)
        group_seg = _first(segments, "group")
        if group_seg is not None:
            return self._by_group(group_seg, on, country, context)
        sector_segs = [s for s in segments if s.of_kind("sector")]
        if sector_segs:
            if not own and loose & _QUANTIFIERS:
                return None
            return self._by_sector(sector_segs, segments, on, country, loose, former)
        if own:
            head = own[0]
            return self._country_actor(head.iso3, head.sector)
        return None

    def _country_cues(
        self, segments: list[Segment], keys: set[str], context: tuple[str, ...]
    ) -> list[_CountryCue]:
        cues: list[_CountryCue] = []
        for position, seg in enumerate(segments):
            for entry in seg.of_kind("country", "adjective", "metonym"):
                previous = segments[position - 1].key if position else ""
                own = previous not in _OTHER_PARTY_PREPOSITIONS
                iso3, sector = self._shared_reading(entry, seg, keys, context)
                cues.append(_CountryCue(iso3, position, sector, own))
                break
        return cues

    def _shared_reading(
        self, entry: Entry, seg: Segment, keys: set[str], context: tuple[str, ...]
    ) -> tuple[str, str | None]:
        """Georgia the country or the US state; Washington the government or the state."""
        country = self.kb.countries[entry.ref]
        for shared in country.shared_names:
            if " ".join(t.key for t in tokenize(shared.name)) != seg.key:
                continue
            cue_words = {c.casefold() for c in shared.cues}
            if keys & cue_words:
                return shared.other, None
            if shared.other in context and entry.ref not in context:
                return shared.other, None
        return entry.ref, entry.sector

    # ------------------------------------------------------------------ heads

    def _by_person(
        self,
        seg: Segment,
        segments: list[Segment],
        on: date | None,
        country: str | None,
        context: tuple[str, ...],
        former: bool,
    ) -> ResolvedActor | None:
        people = [self.kb.people[e.ref] for e in seg.of_kind("person")]
        position = segments.index(seg)
        if len(seg.tokens) == 1 and position > 0:
            before = segments[position - 1]
            # "Ivanka Trump", "Rahul Gandhi": a different first name before a surname.
            if not before.known and before.tokens[0].capitalised and len(before.key) > 1:
                if before.key not in _MODIFIERS:
                    return None
        if len(people) > 1:
            people = _narrow(people, lambda p: p.country == country) if country else people
            people = _narrow(people, lambda p: p.country in context)
            people = _narrow(people, lambda p: bool(p.offices_on(on)))
        if len(people) != 1:
            return None
        title_terms = [self.kb.sectors[e.ref] for s in segments for e in s.of_kind("sector")]
        return self._person_on(people[0], on, {k for t in title_terms for k in t.offices})

    def _person_on(self, person: Person, on: date | None, wanted: set[str]) -> ResolvedActor:
        """A person as of ``on``: their most senior office (one named by the phrase's
        title first), or ELI out of office."""
        offices = person.offices_on(on)
        if wanted:
            matching = [o for o in offices if o.office in wanted]
            offices = matching or offices
        if not offices:
            return ResolvedActor(
                name=person.name,
                country=person.country,
                sector="ELI",
                code=person.country + "ELI",
                kb_id=person.id,
                kind="person",
                role=None,
            )
        return self._person_actor(person, offices[0])

    def _person_actor(self, person: Person, office: Office) -> ResolvedActor:
        if office.org and office.org in self.kb.organizations:
            org = self.kb.organizations[office.org]
            return ResolvedActor(
                name=person.name,
                country=None,
                sector=org.sector,
                code=org.cameo,
                kb_id=person.id,
                kind="person",
                role=office.office,
            )
        return ResolvedActor(
            name=person.name,
            country=person.country,
            sector=office.sector,
            code=person.country + office.sector,
            kb_id=person.id,
            kind="person",
            role=office.office,
        )

    def _by_epithet(
        self, seg: Segment, on: date | None, country: str | None, context: tuple[str, ...]
    ) -> ResolvedActor | None:
        refs = [e.ref.split("|", 1) for e in seg.of_kind("epithet")]
        chosen = [r for r in refs if r[0] == country]
        if country is None:
            # "Elbasy" names one person anywhere; "the first president" needs a country.
            chosen = [r for r in refs if r[0] in context] or (refs if len(refs) == 1 else [])
        if len(chosen) != 1:
            return None
        iso3, person_id = chosen[0]
        person = self.kb.people.get(person_id)
        if person is None:
            return self._country_actor(iso3, "ELI")
        return self._person_on(person, on, set())

    def _by_org(
        self, seg: Segment, segments: list[Segment], on: date | None, keys: set[str]
    ) -> ResolvedActor | None:
        codes = list(dict.fromkeys(e.ref for e in seg.of_kind("org")))
        if len(codes) != 1:
            return None
        org = self.kb.organizations[codes[0]]
        leader_words = {s.key for s in segments if s.key in _ORG_LEADER_WORDS}
        if leader_words and not keys & (_NOT_THE_HOLDER | _FORMER):
            holders = [
                (p, o)
                for p, o in self._igo_leaders.get(org.code, [])
                if (o.end is None if on is None else o.covers(on))
            ]
            titled = [h for h in holders if any(w in _title_key(h[1].title) for w in leader_words)]
            holders = titled or holders
            if holders:
                person, office = max(holders, key=lambda h: h[1].sort_start)
                if len({p.id for p, _ in holders}) == 1 or titled:
                    return self._person_actor(person, office)
        return ResolvedActor(
            name=org.name,
            country=None,
            sector=org.sector,
            code=org.cameo,
            kb_id=org.code,
            kind="igo" if org.sector == "IGO" else "ngo",
        )

    def _by_group(
        self, seg: Segment, on: date | None, country: str | None, context: tuple[str, ...]
    ) -> ResolvedActor | None:
        groups = [self.kb.groups[e.ref] for e in seg.of_kind("group")]
        if len(groups) > 1:
            if country:
                groups = _narrow(groups, lambda g: any(s.country == country for s in g.statuses))
            groups = _narrow(groups, lambda g: any(s.country in context for s in g.statuses))
        if len(groups) != 1:
            return None
        group = groups[0]
        status = group.status_on(on)
        code = (status.country or "IMG") + status.sector
        return ResolvedActor(
            name=group.name,
            country=status.country,
            sector=status.sector,
            code=code,
            kb_id=group.id,
            kind="group",
        )

    def _by_sector(
        self,
        sector_segs: list[Segment],
        segments: list[Segment],
        on: date | None,
        country: str | None,
        keys: set[str],
        former: bool,
    ) -> ResolvedActor | None:
        terms = [self.kb.sectors[e.ref] for s in sector_segs for e in s.of_kind("sector")]
        # The most specific sector wins: "military officials" are MIL, "government
        # troops" MIL; among specific ones the first ("opposition lawmakers": OPP).
        specific = [t for t in terms if t.sector != "GOV"]
        term = specific[0] if specific else terms[0]
        sector = term.sector
        last = sector_segs[-1]
        position = segments.index(last)
        # An unknown name after the title: "President Foo Bar" is someone the KB lacks.
        after = segments[position + 1] if position + 1 < len(segments) else None
        named = after is not None and _stranger(after)
        if country is None:
            if former or named:
                return None
            return ResolvedActor(
                name=term.term, country=None, sector=sector, code=sector, kind="sector"
            )
        if former and sector == "GOV":
            return self._country_actor(country, "ELI")
        office_terms = [t for t in terms if t.offices]
        if office_terms and not specific and not keys & _NOT_THE_HOLDER:
            title = office_terms[0]
            if not named:
                holder = self._holder(country, title.offices, title.titles, on)
                if holder is not None:
                    return self._person_actor(*holder)
        return self._country_actor(country, sector)

    def _holder(
        self, country: str, kinds: tuple[str, ...], titles: tuple[str, ...], on: date | None
    ) -> tuple[Person, Office] | None:
        holders = [
            (p, o)
            for kind in kinds
            for p, o in self._holders.get((country, kind), [])
            if (o.end is None if on is None else o.covers(on))
        ]
        if titles:
            wanted = [_title_key(t) for t in titles]
            holders = [h for h in holders if any(w in _title_key(h[1].title) for w in wanted)]
        if not holders:
            return None
        # The newest term wins on a handover day; acting holders yield to full ones.
        holders.sort(key=lambda h: (not h[1].acting, h[1].sort_start), reverse=True)
        best = holders[0]
        rivals = {p.id for p, o in holders if o.office == best[1].office}
        if len(rivals) > 1 and len({o.sort_start for _, o in holders}) == 1:
            return None
        return best

    def _country_actor(self, iso3: str, sector: str | None) -> ResolvedActor:
        country = self.kb.countries[iso3]
        return ResolvedActor(
            name=country.name,
            country=iso3,
            sector=sector,
            code=iso3 + (sector or ""),
            kb_id=iso3,
            kind="state",
        )


# ---------------------------------------------------------------------- helpers


def _fits(entry: Entry, span: Sequence[Token]) -> bool:
    if entry.exact is not None:
        return " ".join(t.surface.replace(".", "").replace("'", "") for t in span) == entry.exact
    if entry.proper:
        # "von der Leyen", "al-Shabaab": a particle may be lower case, not the whole name.
        return any(t.capitalised for t in span)
    return True


def _first(segments: list[Segment], kind: str) -> Segment | None:
    for seg in segments:
        if seg.of_kind(kind):
            return seg
    return None


def _narrow(items: list[T], keep: Callable[[T], bool]) -> list[T]:
    """Keep the items passing ``keep`` unless none do (then narrowing says nothing)."""
    kept = [item for item in items if keep(item)]
    return kept or items


def _title_key(title: str) -> str:
    return " ".join(t.key for t in tokenize(title))


_PROPER_KINDS = frozenset({"country", "metonym", "adjective"})


def _is_coordination(segments: list[Segment]) -> bool:
    """ "China and Russia", "Israel or Hamas": two actors joined, not one."""
    for position, seg in enumerate(segments):
        if seg.key in _COORDINATORS and not seg.known:
            left = any(s.known for s in segments[:position])
            right = any(s.known for s in segments[position + 1 :])
            if left and right:
                return True
    return False


def _is_foreign_proper_name(segments: list[Segment]) -> bool:
    """A country's name inside another proper name: "Real Madrid", "Michael Jordan",
    "the Washington Post", "British Airways", "Georgia Tech"."""
    for position, seg in enumerate(segments):
        if not seg.kinds() & _PROPER_KINDS:
            continue
        if position > 0:
            before = segments[position - 1]
            if _stranger(before) and "adjective" not in seg.kinds():
                return True
        after = segments[position + 1 :]
        if after and _stranger(after[0]) and all(not s.known for s in after):
            return True
    return False


def _stranger(seg: Segment) -> bool:
    """An unknown capitalised word: part of some name the KB does not know."""
    token = seg.tokens[0]
    return not seg.known and token.capitalised and seg.key not in _MODIFIERS


@lru_cache(maxsize=16)
def _default(overlays: tuple[str, ...]) -> ActorResolver:
    paths = [Path(p) for p in overlays]
    kb = load(paths)
    suffix = ""
    if paths:
        digest = hashlib.sha256()
        for path in paths:
            digest.update(path.read_bytes())
        suffix = f" + overlays {digest.hexdigest()[:8]}"
    return ActorResolver(kb, suffix)
