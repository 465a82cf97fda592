"""Locate an event: find the place words of its clause, then pick the gazetteer entry."""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from polybius.geo.gazetteer import Gazetteer, Place, load
from polybius.geo.names import COMPASS, DIRECTIONS, REGION_WORDS, TOWN_WORDS, fold
from polybius.geo.syntax import (
    LOCATIVE_PREPS,
    PLACE_LABELS,
    PLACE_OBJECT_LEMMAS,
    DocView,
    Mention,
    find_mentions,
)
from polybius.records import AnnotatedDoc, Location

# Ranking of same-named entries. A town scores log10(population) plus its prominence (see
# Place.prominence); other kinds have fixed
# scores on that scale: a country beats any town named like it ("Mexico", "Lebanon,
# Tennessee"), a region marked "prefer" beats its capital ("Gaza", "Idlib"), a plain
# region loses to a town of 100,000 named like it ("Donetsk", "Kaduna").
_COUNTRY_SCORE = 12.0
_SITE_SCORE = 11.0
_PREFERRED_REGION_SCORE = 10.0
_REGION_SCORE = 7.0
_PROMINENCE_WEIGHT = 1.5
# A town matched by a GeoNames alternate (a spelling variant: "Zaporizhzhia"), and more
# so against a town with that main name (Engels was once Pokrovsk).
_ALTERNATE_PENALTY = 0.3
_ALTERNATE_VS_MAIN_PENALTY = 1.5
# A name the parser did not tag as a place ("Valencia" as PERSON) must be a well-known one.
_WEAK_MIN_POPULATION = 50_000
# Curated towns (regions.tsv) are news places with no population figure: they rank like a
# plain region against same-named GeoNames towns.
_CURATED_TOWN_SCORE = _REGION_SCORE
# "the city" refers to a place named in the same or one of the two sentences before.
_ANAPHOR_SENTENCES = 2
# A country among the document's countries is worth a town 30 times larger: Paris, Texas
# does not beat Paris, France on a US story alone, but does when Texas is named too.
_CONTEXT_COUNTRY_BONUS = 1.5
_CONTEXT_ADMIN1_BONUS = 3.0


@dataclass(slots=True)
class _DocContext:
    """What the document itself says about where it is: countries and regions it names."""

    view: DocView
    countries: dict[str, set[str]] = field(default_factory=dict)  # iso3 -> keys naming it
    admin1: dict[str, set[str]] = field(default_factory=dict)  # admin1 -> keys naming it
    # The place entities of the document in order, resolved: what "the city" refers to.
    places: list[tuple[int, int, Place]] = field(default_factory=list)


class Locator:
    """Finds the place of an event in its own clause and resolves it offline."""

    _default: Locator | None = None
    _lock = threading.Lock()

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.version = f"geo 1 / {gazetteer.version}"
        self._doc: AnnotatedDoc | None = None
        self._ctx: _DocContext | None = None

    @classmethod
    def default(cls) -> Locator:
        """The shared locator over the packaged gazetteer (built or loaded once)."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls(load())
        return cls._default

    def country_of(self, name: str) -> str | None:
        """The country of the most likely place called ``name`` ("Kaduna" -> NGA), or None:
        the same choice ``locate`` makes for a name with no context."""
        key = fold(name)
        cands = self.gazetteer.lookup(key)
        return self._choose(key, cands, set(), None, ()).country if cands else None

    def admin1_name(self, code: str | None) -> str | None:
        """The name of an admin1 region ("UA.05" -> "Donetsk Oblast") when we know it."""
        return self.gazetteer.admin1_names.get(code) if code else None

    def locate(
        self,
        adoc: AnnotatedDoc,
        trigger: int,
        actor_tokens: Sequence[tuple[int, int]] = (),
        context_countries: Sequence[str] = (),
        event_root: str | None = None,
    ) -> Location | None:
        """The place of the event whose verb is token ``trigger``, or None.

        ``event_root`` is the event's CAMEO root ("19"), when known: physical events (attacks,
        deployments, visits) happen where their recipient is; verbal ones do not.
        """
        ctx = self._context(adoc)
        mentions = find_mentions(ctx.view, trigger, actor_tokens, event_root)
        if not mentions:
            return None
        countries = set(context_countries)
        # The event's own clause first, then each clause of the same occasion in turn.
        for tier in sorted({m.tier for m in mentions}):
            group = [m for m in mentions if m.tier == tier]
            found = [(m, r) for m in group if (r := self._resolve_mention(ctx, m, countries, ()))]
            if found:
                return self._best(ctx, found, countries)
        return None

    def _best(
        self,
        ctx: _DocContext,
        found: list[tuple[Mention, tuple[Location, Place]]],
        countries: set[str],
    ) -> Location:
        # Countries and regions named in the same clause qualify its towns: "clashes in
        # Tripoli, in northern Lebanon".
        coarse = [p for _, (_, p) in found if p.feature in ("country", "region")]
        if coarse and len(found) > 1:
            found = [
                (m, self._resolve_mention(ctx, m, countries, coarse) or r)
                if r[1].feature in ("city", "site")
                else (m, r)
                for m, r in found
            ]
        # The most precise place wins ("a base near Goma in eastern Congo"), then the first.
        best = min(range(len(found)), key=lambda n: (_SPECIFICITY[found[n][1][1].feature], n))
        return found[best][1][0]

    # -- resolution -------------------------------------------------------------------

    def _resolve_mention(
        self, ctx: _DocContext, m: Mention, countries: set[str], extra_hints: Sequence[Place]
    ) -> tuple[Location, Place] | None:
        if m.anaphor is not None:
            return self._resolve_anaphor(ctx, m)
        aligned = [self._best_for_span(ctx, h) for h in m.hints]
        hint_places = [p for p in aligned if p is not None]
        hints = hint_places + [p for p in extra_hints if p not in hint_places]
        place = self.resolve(m.text, countries, ctx, kind=m.kind, hints=hints)
        if m.site_only:
            # "opened the Rafah crossing": only a known site makes an object the place.
            if place is not None and place.feature == "site":
                return _location(m.text, m.char_start, m.char_end, place), place
            return None
        if m.demonym is not None:
            return self._resolve_demonym(ctx, m, place)
        # A weak name counts when it is well known, or when the place that qualifies it
        # vouches for it ("a U.N. compound at Qana in southern Lebanon").
        if place is not None and (
            not m.weak
            or _well_known(place)
            or any(h.country == place.country and h is not place for h in hint_places)
        ):
            return _location(m.text, m.char_start, m.char_end, place), place
        # An unknown site or village with a known place around it ("at the Al-Amal
        # hospital in Khan Younis", "the Kharkiv airport") is located at that place.
        tokens = ctx.view.adoc.tokens
        for (hs, he), hp in zip(m.hints, aligned, strict=True):
            if hp is None or (m.weak and not _well_known(hp)):
                continue
            a, b = tokens[hs].idx, tokens[he - 1].end
            return _location(ctx.view.adoc.doc.text[a:b], a, b, hp), hp
        return None

    def _resolve_demonym(
        self, ctx: _DocContext, m: Mention, whole: Place | None
    ) -> tuple[Location, Place] | None:
        """ "the Korean peninsula" (a known area), "a Syrian air base" (Syria), "near the
        Syrian border" (a border; whose side, the text does not say)."""
        if whole is not None and whole.feature != "city":
            return _location(m.text, m.char_start, m.char_end, whole), whole
        assert m.demonym is not None
        tokens = ctx.view.adoc.tokens
        ds, de = m.demonym
        words = ctx.view.adoc.doc.text[tokens[ds].idx : tokens[de - 1].end]
        iso3 = self.gazetteer.demonyms.get(fold(words))
        if iso3 is None and de - ds > 1:
            iso3 = self.gazetteer.demonyms.get(fold(tokens[de - 1].text))
        if m.border:
            named = iso3 is not None or (
                (p := self.resolve(words)) is not None and p.feature == "country"
            )
            if not named:
                return None
            border = Place(
                gazetteer_id="",
                name=m.text,
                feature="region",
                country=None,
                admin1=None,
                lat=None,
                lon=None,
            )
            loc = replace(_location(m.text, m.char_start, m.char_end, border), gazetteer_id=None)
            return loc, border
        country = self.gazetteer.country(iso3) if iso3 else None
        if country is None:
            return None
        return _location(m.text, m.char_start, m.char_end, country), country

    def _resolve_anaphor(self, ctx: _DocContext, m: Mention) -> tuple[Location, Place] | None:
        """ "the city", "the emirate": the last place of that kind named shortly before."""
        tokens = ctx.view.adoc.tokens
        sent = tokens[m.start].sent
        found: Place | None = None
        for s, _e, place in ctx.places:
            if s >= m.start:
                break
            if tokens[s].sent < sent - _ANAPHOR_SENTENCES:
                continue
            if m.anaphor == "city" and place.feature != "city":
                continue
            if m.anaphor == "country" and (
                place.feature != "country" or tokens[s].dep in ("compound", "amod", "poss")
            ):
                continue  # "U.S. troops" names no country the story is in
            # "the territory", "the enclave": a region. (A country would mostly be the other
            # side: "handed Macau back to China, ending its rule over the enclave".)
            if m.anaphor == "area" and place.feature != "region":
                continue
            found = place
        if found is None:
            return None
        return _location(m.text, m.char_start, m.char_end, found), found

    def resolve(
        self,
        text: str,
        countries: set[str] | Sequence[str] = (),
        ctx: _DocContext | None = None,
        kind: str | None = None,
        hints: Sequence[Place] = (),
    ) -> Place | None:
        """The gazetteer entry a place name means, given the document's countries."""
        key = fold(text)
        keys = _keys(key, kind)
        if kind is not None:
            keys = keys + [(k, None, strict) for k, _, strict in keys]  # "the town of X"
        for k, k_kind, strict in keys:
            cands = self.gazetteer.lookup(k)
            if strict:
                # "north Africa" is not the Tunisian town whose old name is "Africa".
                cands = [c for c in cands if not c[1]]
            if k_kind == "region":
                cands = [c for c in cands if c[0].feature == "region"]
            elif k_kind == "city":
                cands = [c for c in cands if c[0].feature == "city"]
            if cands:
                return self._choose(k, cands, set(countries), ctx, hints)
        return None

    def _choose(
        self,
        key: str,
        cands: list[tuple[Place, bool]],
        countries: set[str],
        ctx: _DocContext | None,
        hints: Sequence[Place],
    ) -> Place:
        if hints:
            h_admin1 = {h.admin1 for h in hints if h.admin1 and h.feature != "country"}
            h_countries = {h.country for h in hints if h.country}
            narrowed = [c for c in cands if c[0].admin1 in h_admin1] or [
                c for c in cands if c[0].country in h_countries
            ]
            if narrowed:
                cands = narrowed
        if len(cands) == 1:
            return cands[0][0]
        ctx_countries = set(countries)
        ctx_admin1: set[str] = set()
        if ctx is not None:
            # A name does not vouch for itself: "Georgia" must not make Georgia the context.
            ctx_countries.update(c for c, keys in ctx.countries.items() if keys - {key})
            ctx_admin1.update(a for a, keys in ctx.admin1.items() if keys - {key})
        region_countries = {p.country for p, _ in cands if p.feature == "region"}
        alt_penalty = (
            _ALTERNATE_VS_MAIN_PENALTY
            if any(p.feature == "city" and not alt for p, alt in cands)
            else _ALTERNATE_PENALTY
        )
        best: Place | None = None
        best_score = -math.inf
        for place, alt in cands:
            if place.feature == "country":
                # Georgia the country or the US state: the state when the story is
                # American and the country is not among its countries.
                if place.country not in ctx_countries and region_countries & ctx_countries:
                    continue
                score = _COUNTRY_SCORE
            elif place.feature == "site":
                score = _SITE_SCORE
            elif place.feature == "region":
                score = _PREFERRED_REGION_SCORE if place.prefer else _REGION_SCORE
            elif _curated(place):
                score = _PREFERRED_REGION_SCORE if place.prefer else _CURATED_TOWN_SCORE
            else:
                score = (
                    math.log10(max(place.population, 1000)) + _PROMINENCE_WEIGHT * place.prominence
                )
                if alt:
                    score -= alt_penalty
            if place.country in ctx_countries:
                score += _CONTEXT_COUNTRY_BONUS
            if place.admin1 and place.admin1 in ctx_admin1 and place.feature == "city":
                score += _CONTEXT_ADMIN1_BONUS
            if score > best_score:
                best, best_score = place, score
        return best if best is not None else cands[0][0]

    def _best_for_span(self, ctx: _DocContext, span: tuple[int, int]) -> Place | None:
        # Hints are resolved without context: "Texas" or "Ukraine" mean one thing.
        tokens = ctx.view.adoc.tokens
        start, end = span
        if not (0 <= start < end <= len(tokens)):
            return None
        text = ctx.view.adoc.doc.text[tokens[start].idx : tokens[end - 1].end]
        return self.resolve(text)

    # -- per-document context ---------------------------------------------------------

    def _context(self, adoc: AnnotatedDoc) -> _DocContext:
        # The coder locates all events of a document in a row: keep the last one's view.
        if self._doc is adoc and self._ctx is not None:
            return self._ctx
        ctx = _DocContext(DocView(adoc))
        tokens = adoc.tokens
        for ent in adoc.entities:
            if ent.label not in PLACE_LABELS:
                # spaCy's small model tags many towns PERSON or ORG ("in Dakar", "seized
                # Goma"): in a place's position, a well-known place is what "the city" may
                # refer to.
                last = tokens[ent.token_end - 1]
                head = tokens[last.head]
                if ent.label in ("PERSON", "ORG") and (
                    (last.dep == "pobj" and ctx.view.lower[head.i] in LOCATIVE_PREPS)
                    or (last.dep == "dobj" and head.lemma.lower() in PLACE_OBJECT_LEMMAS)
                ):
                    key = fold(ent.text)
                    cands = self.gazetteer.lookup(key)
                    if cands:
                        place = self._choose(key, cands, set(), None, ())
                        if _well_known(place):
                            ctx.places.append((ent.token_start, ent.token_end, place))
                continue
            key = fold(ent.text)
            cands = self.gazetteer.lookup(key)
            if not cands:
                continue
            place = self._choose(key, cands, set(), None, ())
            ctx.places.append((ent.token_start, ent.token_end, place))
            if place.feature == "country" and place.country:
                ctx.countries.setdefault(place.country, set()).add(key)
            elif place.feature == "region" and place.admin1:
                ctx.admin1.setdefault(place.admin1, set()).add(key)
                if place.country:
                    ctx.countries.setdefault(place.country, set()).add(key)
        self._doc, self._ctx = adoc, ctx
        return ctx


_SPECIFICITY = {"site": 0, "city": 1, "region": 2, "country": 3}


def _curated(place: Place) -> bool:
    return place.gazetteer_id.startswith("polybius:")


def _well_known(place: Place) -> bool:
    return place.feature != "city" or place.population >= _WEAK_MIN_POPULATION or _curated(place)


def _keys(key: str, kind: str | None) -> list[tuple[str, str | None, bool]]:
    """Lookup keys to try for a name, most literal first, each with the kind it implies and
    whether only main names may match (a name stripped of a compass word)."""
    out: list[tuple[str, str | None, bool]] = [(key, None, False)]
    words = key.split(" ")
    if len(words) > 1 and words[-1] in REGION_WORDS:
        out.append((" ".join(words[:-1]), "region", False))
    elif len(words) > 1 and words[-1] in TOWN_WORDS:
        out.append((" ".join(words[:-1]), "city", False))
    if len(words) > 1 and (words[0] in DIRECTIONS or words[0] in COMPASS):
        strict = words[0] in COMPASS
        out.extend((k.split(" ", 1)[1], kd, strict) for k, kd, _ in list(out) if " " in k)
    if kind is not None:
        # "Kaduna state" (the word outside the entity) or "the town of Marib".
        out = [(k, kd or kind, st) for k, kd, st in out]
    return out


def _location(text: str, start: int, end: int, place: Place) -> Location:
    return Location(
        text=text,
        name=place.name,
        feature=place.feature,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        gazetteer_id=place.gazetteer_id,
        precision=place.precision,
        start=start,
        end=end,
    )
