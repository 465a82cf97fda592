"""Find the actor a noun phrase refers to, within one document.

Wraps the knowledge-base resolver with what only the document knows: earlier mentions
("Xi" after "Xi Jinping"), pronouns ("He congratulated Nazarbayev"), plural references
("the two countries"), and the countries in play for sector nouns ("police").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from polybius.coding.syntax import PRONOUNS, Parse
from polybius.records import ActorMention, ResolvedActor, Token

_PLURAL_HEADS = frozenset({"country", "nation", "side", "state", "government", "neighbor", "neighbour"})
_PLURAL_MARKERS = frozenset({"two", "both"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_THING_PRONOUNS = frozenset({"it", "its"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their"})
_QUANTITY_HEADS = frozenset(
    {"thousand", "thousands", "tens", "ten", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
     "group", "number", "crowd", "band", "some", "many", "most", "all", "several", "scores",
     "score", "handful", "member", "members", "contingent", "delegation", "team", "unit", "convoy", "column", "detachment"}
)  # fmt: skip
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "region", "province", "capital", "enclave", "camp",
     "territory", "area", "district", "state", "border", "frontier", "coast", "port"}
)  # fmt: skip
_INNER_DEPS = frozenset({"prep", "pobj", "acl", "relcl", "agent", "advcl", "ccomp", "xcomp"})
_ENTITY_LABELS = frozenset({"PERSON", "GPE", "NORP", "ORG", "FAC", "LOC"})


class Resolver(Protocol):
    version: str

    def resolve(
        self, text: str, on: date | None = None, context: tuple[str, ...] | list[str] = ()
    ) -> ResolvedActor | None: ...


@dataclass(frozen=True, slots=True)
class Found:
    """An actor found in the text, with how it was found."""

    mention: ActorMention
    resolved: ResolvedActor
    via: str  # "kb", "surname", "coref" (pronouns, plurals), "context"
    token: int = -1  # head token of the phrase


@dataclass(slots=True)
class _Memory:
    token: int
    resolved: ResolvedActor
    is_subject: bool


class DocumentActors:
    """Resolves phrases of one document, remembering what it has seen."""

    def __init__(
        self,
        parse: Parse,
        resolver: Resolver,
        on: date | None,
        place_country: Callable[[str], str | None] | None = None,
    ) -> None:
        self.parse = parse
        self.resolver = resolver
        self.on = on
        self._place_country = place_country
        self._cache: dict[tuple[int, bool], Found | None] = {}
        self._fixed: dict[int, list[Found]] = {}
        self._memory: list[_Memory] = []
        self._surnames: dict[str, ResolvedActor] = {}
        self._actor_nouns: dict[str, bool] = {}
        self.context = self._countries_in_document()

    # ------------------------------------------------------------------ public
    def at(self, i: int, *, allow_coref: bool = True) -> list[Found]:
        """Actors of the phrase headed by token ``i``, coordinated ones included."""
        if not allow_coref:
            # Without pronouns and plural references the answer depends on the text alone.
            known = self._fixed.get(i)
            if known is None:
                known = self._fixed[i] = self._at(i, False)
            return list(known)
        return self._at(i, True)

    def _at(self, i: int, allow_coref: bool) -> list[Found]:
        out: list[Found] = []
        for j in self.parse.conjuncts(i):
            split = self._coordinated_modifiers(j)
            out.extend(split if split else self._one(j, allow_coref))
        return out

    def subjects(self, verb: int, first: int) -> list[Found]:
        """The actors of a verb's subject, mending coordinations the parser broke.

        "US President Donald Trump and North Korean leader Kim Jong Un met": titles and
        names are often parsed as one compound chain or as two subjects of the verb, so
        the subject's words are cut at "and" and commas and each part resolved alone.
        """
        found = self.at(first)
        heads = [c.i for c in self.parse.children(verb) if c.dep in {"nsubj", "nsubjpass"}]
        idx = sorted(t.i for h in heads for t in self.parse.subtree(h))
        if not idx or idx[-1] - idx[0] + 1 != len(idx):
            return found
        cuts = [
            k for k in idx
            if self.parse.tokens[k].text.lower() in {"and", "&", ","} and self.parse.tokens[k].dep in {"cc", "punct"}
        ]
        if not any(self.parse.tokens[k].dep == "cc" for k in cuts):
            return found  # commas alone set off appositions ("Pakistan, a key U.S. ally,")
        for k in cuts:
            # The cut must coordinate the subject itself, not something inside a phrase
            # that modifies it ("systems supplied by the US, Germany and the Netherlands").
            j = k
            while j not in heads:
                if self.parse.tokens[j].dep in _INNER_DEPS:
                    return found
                j = self.parse.tokens[j].head
        parts: list[Found] = []
        bounds = [idx[0] - 1, *cuts, idx[-1] + 1]
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            lo += 1
            if lo >= hi:
                continue
            text = self.parse.span_text(lo, hi)
            resolved = self.resolver.resolve(text, self.on, self.context)
            if resolved is None or resolved.kind == "sector":
                return found  # a part we cannot name: trust the parse
            start, end = self.parse.char_span(lo, hi)
            head = max(range(lo, hi), key=lambda k: self.parse.tokens[k].pos == "PROPN")
            parts.append(Found(_mention(text, start, end, resolved), resolved, "kb", head))
        distinct = {(f.resolved.code, f.resolved.name) for f in parts}
        if len(parts) > len(found) and len(distinct) == len(parts):
            return parts
        return found

    def _coordinated_modifiers(self, i: int) -> list[Found]:
        """"Hungarian and Romanian officials": one actor per coordinated modifier."""
        head = self.parse.tokens[i]
        mod = next(
            (c for c in self.parse.children(i)
             if c.dep in {"amod", "compound", "nmod"} and self.parse.child(c.i, "conj") is not None),
            None,
        )  # fmt: skip
        if mod is None:
            return []
        out: list[Found] = []
        for m in self.parse.conjuncts(mod.i) + [
            c.i for c in self.parse.children(mod.i) if c.dep == "conj" and c.pos == "ADJ"
        ]:
            word = self.parse.tokens[m]
            text = f"{word.text} {head.text}"
            resolved = self.resolver.resolve(text, self.on, self.context)
            if resolved is None or not resolved.country:
                continue
            if any(f.resolved.country == resolved.country for f in out):
                continue
            mention = _mention(text, word.idx, word.end, resolved)
            out.append(Found(mention, resolved, "kb", m))
        return out if len(out) > 1 else []

    def remember(self, found: list[Found], is_subject: bool) -> None:
        for f in found:
            if f.via in {"kb", "surname"}:
                self._memory.append(_Memory(f.token, f.resolved, is_subject))

    def country_hint(self, sentence: int) -> str | None:
        """The one country a sentence (else the document) is about, for bare sector nouns."""
        sent = self.parse.adoc.sentences[sentence]
        in_sentence = {
            f.resolved.country
            for i in range(sent.token_start, sent.token_end)
            if self.parse.tokens[i].ent_type in {"GPE", "NORP"}
            for f in [self._cached_kb(i)]
            if f is not None and f.resolved.country
        }
        if len(in_sentence) == 1:
            return next(iter(in_sentence))
        if not in_sentence and self._dominant:
            return self._dominant
        return None

    # ------------------------------------------------------------------ internals
    def _one(self, i: int, allow_coref: bool) -> list[Found]:
        tok = self.parse.tokens[i]
        low = tok.text.lower()
        if tok.pos == "PRON" or low in PRONOUNS:
            return self._pronoun(i, low) if allow_coref else []
        if tok.lemma.lower() in _PLURAL_HEADS and self._has_plural_marker(i):
            return self._plural(i) if allow_coref else []
        if tok.lemma.lower() in _QUANTITY_HEADS:
            # "thousands of protesters", "a group of rebels": the actor is the "of" noun.
            of = next((c for c in self.parse.children(i) if c.dep == "prep" and c.text.lower() == "of"), None)
            pobj = self.parse.child(of.i, "pobj") if of is not None else None
            if pobj is not None:
                return self._one(pobj.i, allow_coref)
        found = self._cached_kb(i)
        if found is None:
            appos = self.parse.child(i, "appos")
            if appos is not None:
                found = self._cached_kb(appos.i)
        if found is None:
            found = self._surname(i)
        if found is not None and found.resolved.country is None and found.resolved.kind == "sector":
            found = self._owner_country(i, found, allow_coref)
        return [found] if found is not None else []

    def _owner_country(self, i: int, found: Found, allow_coref: bool) -> Found:
        """"its jets", "Moscow's troops": a sector noun takes its possessor's country."""
        poss = self.parse.child(i, "poss")
        if poss is None:
            return found
        owners = self._one(poss.i, allow_coref) if poss.i != i else []
        country = next((o.resolved.country for o in owners if o.resolved.country), None)
        return with_country(found, country) if country else found

    def _cached_kb(self, i: int) -> Found | None:
        key = (i, True)
        if key not in self._cache:
            self._cache[key] = self._kb(i)
        return self._cache[key]

    def _kb(self, i: int) -> Found | None:
        tok = self.parse.tokens[i]
        if tok.pos not in {"PROPN", "NOUN", "ADJ", "X"} and tok.ent_type not in _ENTITY_LABELS:
            return None
        lo, hi = self.parse.phrase(i)
        text = self.parse.span_text(lo, hi)
        resolved = self.resolver.resolve(text, self.on, self.context)
        if resolved is None and (lo, hi) != self.parse.phrase(i, with_of=False):
            lo, hi = self.parse.phrase(i, with_of=False)
            text = self.parse.span_text(lo, hi)
            resolved = self.resolver.resolve(text, self.on, self.context)
        if resolved is None:
            return None
        if tok.pos == "NOUN" and hi - lo > 1 and not self._is_actor_noun(tok):
            # "Chinese friendship", "Japan's stocks": a country modifier on a noun that is
            # not an actor does not make the phrase an actor.
            return None
        if (
            resolved.kind == "state" and resolved.sector is None and hi - lo == 1
            and tok.ent_type == "NORP" and tok.tag in {"NNS", "NNPS"}
        ):
            # "Thousands of Georgians protested": a plural demonym names the people, not
            # the state.
            resolved = _as_civilians(resolved)
        if (
            resolved.kind == "person" and hi - lo == 1 and tok.ent_type in {"GPE", "LOC", "FAC"}
            and self._surnames.get(tok.text.lower()) is None
        ):
            # "killed in Lagos" is the city, not Ricardo Lagos, unless he was named before.
            return None
        if resolved.kind == "person":
            for part in resolved.name.replace("-", " ").split():
                self._surnames.setdefault(part.lower(), resolved)
        start, end = self.parse.char_span(lo, hi)
        return Found(_mention(text, start, end, resolved), resolved, "kb", i)

    def _is_actor_noun(self, tok: Token) -> bool:
        """Is the head noun (with its compounds: "army chief") an actor word on its own?"""
        lemma = tok.lemma.lower()
        if lemma in _PLACE_NOUNS:
            return True  # "the besieged Bosnian town": a place stands for its country
        found: list[Token] = []
        stack = [c for c in self.parse.children(tok.i) if c.dep == "compound" and c.i < tok.i]
        while stack:  # "coast guard vessels": compounds of compounds
            c = stack.pop()
            found.append(c)
            stack.extend(k for k in self.parse.children(c.i) if k.dep == "compound")
        compounds = [c.text for c in sorted(found, key=lambda t: t.i)]
        key = " ".join([*compounds, lemma])
        known = self._actor_nouns.get(key)
        if known is None:
            words = " ".join([*compounds, tok.text])
            known = any(
                self.resolver.resolve(text, self.on) is not None
                for text in dict.fromkeys((tok.text, lemma, words))
            )
            self._actor_nouns[key] = known
        return known

    def _surname(self, i: int) -> Found | None:
        tok = self.parse.tokens[i]
        if tok.pos != "PROPN":
            return None
        person = self._surnames.get(tok.text.lower())
        if person is None:
            return None
        return Found(_mention(tok.text, tok.idx, tok.end, person), person, "surname", i)

    def _pronoun(self, i: int, low: str) -> list[Found]:
        tok = self.parse.tokens[i]
        want_person = low in _PERSON_PRONOUNS
        want_group = low in _GROUP_PRONOUNS
        candidates = [m for m in self._memory if m.token < i]
        picked: list[ResolvedActor] = []
        if want_person:
            persons = [m for m in candidates if m.resolved.kind == "person"]
            subjects = [m for m in persons if m.is_subject]
            chosen = (subjects or persons)[-1:] if (subjects or persons) else []
            picked = [m.resolved for m in chosen]
        elif low in _THING_PRONOUNS:
            things = [m for m in candidates if m.resolved.kind != "person"]
            subjects = [m for m in things if m.is_subject]
            chosen = (subjects or things)[-1:] if (subjects or things) else []
            picked = [m.resolved for m in chosen]
        elif want_group:
            return self._plural(i)
        return [Found(_mention(tok.text, tok.idx, tok.end, r), r, "coref") for r in picked]

    def _plural(self, i: int) -> list[Found]:
        """"The two countries" / "both sides": the last two distinct countries seen."""
        lo, hi = self.parse.phrase(i, with_of=False)
        text = self.parse.span_text(lo, hi)
        start, end = self.parse.char_span(lo, hi)
        seen: list[ResolvedActor] = []
        keys: set[str] = set()
        for m in reversed([m for m in self._memory if m.token < i]):
            key = m.resolved.country or m.resolved.code
            if key and key not in keys and m.resolved.kind != "sector":
                keys.add(key)
                seen.append(_as_country(m.resolved))
            if len(seen) == 2:
                break
        if len(seen) < 2:
            return []
        return [Found(_mention(text, start, end, r), r, "coref") for r in reversed(seen)]

    def _has_plural_marker(self, i: int) -> bool:
        return any(
            c.text.lower() in _PLURAL_MARKERS or c.lemma.lower() in _PLURAL_MARKERS
            for c in self.parse.children(i)
        ) or self.parse.tokens[i].text.lower() in {"both"}

    def _countries_in_document(self) -> tuple[str, ...]:
        counts: Counter[str] = Counter()
        for ent in self.parse.adoc.entities:
            if ent.label in {"GPE", "NORP", "LOC"}:
                r = self.resolver.resolve(ent.text, self.on)
                if r is not None and r.kind == "person":
                    r = None  # a place named like a politician ("Lagos")
                if r is not None and r.country:
                    counts[r.country] += 1
                elif ent.label != "NORP" and self._place_country is not None:
                    # Towns and regions place the story too ("police in Kaduna").
                    country = self._place_country(ent.text)
                    if country:
                        counts[country] += 1
        total = sum(counts.values())
        top = counts.most_common(1)
        self._dominant = top[0][0] if top and top[0][1] * 2 > total else None
        return tuple(c for c, _ in counts.most_common(8))


def _as_country(r: ResolvedActor) -> ResolvedActor:
    if r.kind == "person" and r.country:
        return ResolvedActor(name=r.country, country=r.country, sector=None, code=r.country)
    return r


def _as_civilians(r: ResolvedActor) -> ResolvedActor:
    return ResolvedActor(
        name=f"{r.name} civilians", country=r.country, sector="CVL", code=f"{r.country}CVL",
        kb_id=r.kb_id, kind="sector", role=r.role,
    )


def _mention(text: str, start: int, end: int, r: ResolvedActor) -> ActorMention:
    return ActorMention(
        text=text,
        start=start,
        end=end,
        name=r.name,
        country=r.country,
        sector=r.sector,
        code=r.code,
        kb_id=r.kb_id,
    )


def with_country(found: Found, country: str) -> Found:
    """A sector-only actor ("police") placed in the country the text is about."""
    r = found.resolved
    placed = ResolvedActor(
        name=f"{r.name} ({country})",
        country=country,
        sector=r.sector,
        code=f"{country}{r.sector or ''}",
        kb_id=r.kb_id,
        kind=r.kind,
        role=r.role,
    )
    m = found.mention
    return Found(_mention(m.text, m.start, m.end, placed), placed, "context", found.token)
