"""Which words of a sentence name the place of one event.

We walk the dependency tree down from the event's trigger: locative prepositions
("in", "near", "outside"...) and their objects, the nested "the town of X" and
"the outskirts of X" phrases, and the object of verbs whose object is itself a place
("shelled Kharkiv", "visited Beijing"). Places in other clauses are never reached, and a
capital that is merely an actor ("Moscow warned London") is not under a locative word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from polybius.geo.names import REGION_WORDS, TOWN_WORDS
from polybius.records import AnnotatedDoc, EntitySpan, Token

# Prepositions whose object is where something happened.
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "near",
        "outside",
        "at",
        "across",
        "around",
        "inside",
        "into",
        "along",
        "within",
        "throughout",
        "off",
        "over",
        "beyond",
        "nearby",
        "on",  # only with a spatial noun or after an attack word, see below
        "to",  # only after a verb of movement, see below
    }
)
# Place prepositions whose object is a place even when it is also an event's actor.
_PLACE_ONLY_PREPS = frozenset({"in", "near", "outside", "inside", "across", "throughout", "within"})
# Nouns that locate by way of a nested phrase: "near the town of Bakhmut", "on the
# outskirts of Kharkiv", "along the border with Lebanon", "in the north of Syria".
SPATIAL_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "villages",
        "towns",
        "cities",
        "region",
        "province",
        "district",
        "state",
        "oblast",
        "governorate",
        "county",
        "area",
        "areas",
        "outskirts",
        "suburb",
        "suburbs",
        "border",
        "borders",
        "frontier",
        "coast",
        "shore",
        "shores",
        "edge",
        "centre",
        "center",
        "heart",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "part",
        "parts",
        "vicinity",
        "streets",
        "street",
        "capital",
        "port",
        "island",
        "islands",
        "waters",
        "territory",
        "soil",
        "front",
        "frontline",
        "front line",
        "settlement",
        "hamlet",
        "camp",
        "neighbourhood",
        "neighborhood",
        "municipality",
        "prefecture",
        "valley",
        "banks",
        "bank",
        "sea",
        "strait",
        "gulf",
        "airspace",
    }
)
# Verbs (and event nouns) whose object, or passive subject, is the place itself.
PLACE_OBJECT_LEMMAS = frozenset(
    {
        "shell",
        "bomb",
        "bombard",
        "strike",
        "attack",
        "hit",
        "raid",
        "storm",
        "capture",
        "seize",
        "enter",
        "invade",
        "occupy",
        "besiege",
        "liberate",
        "retake",
        "recapture",
        "visit",
        "tour",
        "pound",
        "target",
        "blockade",
        "encircle",
        "surround",
        "evacuate",
        "overrun",
        "rock",
        "ravage",
        "flood",
        "assault",
        "offensive",
        "bombing",
        "shelling",
        "airstrike",
        "incursion",
        "invasion",
        "occupation",
        "siege",
    }
)
# Verbs after which "to X" says where the event took place ("flew to Beijing").
MOTION_LEMMAS = frozenset(
    {
        "travel",
        "fly",
        "go",
        "come",
        "arrive",
        "return",
        "head",
        "move",
        "deploy",
        "send",
        "dispatch",
        "relocate",
        "march",
        "advance",
        "trip",
        "journey",
        "deployment",
    }
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
_NOUN_ARG_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "npadvmod"})
_MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that may name the event's place, best first in a list."""

    start: int  # token range [start, end)
    end: int
    text: str  # the place name as written (entity or proper-noun span)
    char_start: int
    char_end: int
    kind: str | None  # "region" or "city" when a following word says so ("Kaduna state")
    hints: tuple[tuple[int, int], ...] = ()  # token ranges of qualifying places ("Paris, Texas")
    via_object: bool = False  # the object of a place verb, not under a preposition
    weak: bool = False  # not tagged as a place by the parser: only well-known places count


class DocView:
    """Per-document lookups the walk needs, built once per document."""

    __slots__ = ("adoc", "children", "entity_of", "lower")

    def __init__(self, adoc: AnnotatedDoc) -> None:
        self.adoc = adoc
        tokens = adoc.tokens
        self.lower = [t.text.lower() for t in tokens]
        self.children: list[list[int]] = [[] for _ in tokens]
        for t in tokens:
            if t.head != t.i and 0 <= t.head < len(tokens):
                self.children[t.head].append(t.i)
        self.entity_of: list[EntitySpan | None] = [None] * len(tokens)
        for ent in adoc.entities:
            for i in range(ent.token_start, min(ent.token_end, len(tokens))):
                self.entity_of[i] = ent


def find_mentions(
    view: DocView, trigger: int, actor_tokens: Sequence[tuple[int, int]] = ()
) -> list[Mention]:
    """Candidate place mentions for the event at ``trigger``, in order of preference."""
    tokens = view.adoc.tokens
    if not 0 <= trigger < len(tokens):
        return []
    out: list[Mention] = []
    seen: set[int] = set()

    def add(m: Mention | None) -> None:
        if m is not None and m.start not in seen:
            seen.add(m.start)
            out.append(m)

    trig = tokens[trigger]
    _from_head(view, trig, add, allow_object=True)
    # Arguments of the trigger: "a raid in Kaduna state", "protesters in Tbilisi".
    for c in view.children[trigger]:
        if tokens[c].dep in _NOUN_ARG_DEPS and tokens[c].pos in ("NOUN", "PROPN", "PRON"):
            _from_head(view, tokens[c], add, allow_object=False)
    # "agreed to meet in Geneva", "continued shelling in Kharkiv": the trigger's
    # complement clause, or the light verb the event noun depends on.
    for c in view.children[trigger]:
        if tokens[c].dep == "xcomp":
            _from_head(view, tokens[c], add, allow_object=True)
    if trig.dep in ("dobj", "xcomp", "nsubj", "nsubjpass") and trig.head != trig.i:
        _from_head(view, tokens[trig.head], add, allow_object=False)
    return [m for m in out if m.via_object or not _inside_actor_head(m, actor_tokens, view)]


def _inside_actor_head(m: Mention, actors: Sequence[tuple[int, int]], view: DocView) -> bool:
    """A place that is itself an actor phrase's head (not under a locative word in it)."""
    tokens = view.adoc.tokens
    for start, end in actors:
        if start <= m.start and m.end <= end:
            # Inside the actor phrase: still a location when a preposition inside that
            # phrase puts it there ("protesters in Tbilisi").
            head = tokens[m.end - 1]
            while (
                head.head != head.i
                and start <= head.head < end
                and tokens[head.head].dep == "compound"
            ):
                head = tokens[head.head]
            prep = tokens[head.head] if head.head != head.i else None
            if prep is None or view.lower[prep.i] not in LOCATIVE_PREPS:
                return True
            # "protesters in Tbilisi" (the preposition inside the actor phrase), or a whole
            # actor phrase that is the object of a place preposition ("struck targets in
            # southern Lebanon"); "sanctions on Russia", "flew to Paris" are not places.
            if not (start <= prep.i < end or view.lower[prep.i] in _PLACE_ONLY_PREPS):
                return True
    return False


def _from_head(view: DocView, head: Token, add, allow_object: bool) -> None:  # type: ignore[no-untyped-def]
    tokens = view.adoc.tokens
    for c in view.children[head.i]:
        child = tokens[c]
        if child.dep == "prep":
            prep = view.lower[child.i]
            if prep not in LOCATIVE_PREPS:
                # "clashed with protesters in Tripoli": the place of a participant.
                if prep not in ("of", "to", "about", "over", "than", "like", "despite"):
                    for p in view.children[c]:
                        if tokens[p].dep == "pobj":
                            for m in _from_pobj(view, tokens[p], 1, place_ok=False):
                                add(m)
                continue
            if prep == "to" and head.lemma.lower() not in MOTION_LEMMAS:
                continue
            for p in view.children[c]:
                if tokens[p].dep in ("pobj", "pcomp"):
                    on_ok = prep != "on" or head.lemma.lower() in PLACE_OBJECT_LEMMAS
                    for m in _from_pobj(view, tokens[p], 0, place_ok=on_ok):
                        add(m)
        elif (
            allow_object and child.dep in _OBJECT_DEPS and head.lemma.lower() in PLACE_OBJECT_LEMMAS
        ):
            obj = _as_place(view, child, via_object=True)
            if obj is not None:
                add(obj)
            else:
                # "shelled the outskirts of Kharkiv", "hit a school in Khan Younis"
                for m2 in _from_pobj(view, child, 1, place_ok=False, site_ok=True):
                    add(m2)


def _from_pobj(
    view: DocView,
    p: Token,
    depth: int,
    place_ok: bool = True,
    kind: str | None = None,
    site_ok: bool | None = None,
) -> list[Mention]:
    """Mentions under the object of a locative preposition."""
    if depth > _MAX_DEPTH:
        return []
    tokens = view.adoc.tokens
    if place_ok:
        m = _as_place(view, p, kind=kind)
        if m is not None:
            return [m]
    out: list[Mention] = []
    spatial = view.lower[p.i] in SPATIAL_NOUNS or p.lemma.lower() in SPATIAL_NOUNS
    # "near the town of Marib": the name is a town's, not the governorate's.
    sub_kind = "city" if p.lemma.lower() in ("town", "city", "village") else None
    for c in view.children[p.i]:
        child = tokens[c]
        if child.dep != "prep":
            continue
        w = view.lower[child.i]
        if w in LOCATIVE_PREPS or (spatial and w in ("of", "with")):
            if w in ("on", "to"):
                continue
            for gc in view.children[c]:
                if tokens[gc].dep == "pobj":
                    out.extend(
                        _from_pobj(
                            view, tokens[gc], depth + 1, kind=sub_kind if w == "of" else None
                        )
                    )
    # "the city's outskirts", "Kharkiv's outskirts": a possessive place before a spatial noun.
    if spatial and not out:
        for c in view.children[p.i]:
            if tokens[c].dep == "poss":
                m = _as_place(view, tokens[c])
                if m is not None:
                    out.append(m)
    # "the Zaporizhzhia nuclear power plant", "the Kharkiv airport": a site named after a
    # place; the whole phrase may be a known site, else the place locates it.
    if (place_ok if site_ok is None else site_ok) and p.pos == "NOUN":
        mods = [
            c
            for c in view.children[p.i]
            if tokens[c].dep in ("compound", "nmod") and c < p.i and _capitalised(view, tokens[c])
        ]
        if mods:
            first = min(_entity_or_compound(view, tokens[c])[0] for c in mods)
            while first < p.i and view.lower[first] == "the":
                first += 1
            a, b = tokens[first].idx, p.end
            out.append(
                Mention(
                    start=first,
                    end=p.i + 1,
                    text=view.adoc.doc.text[a:b],
                    char_start=a,
                    char_end=b,
                    kind=None,
                    hints=tuple(_entity_or_compound(view, tokens[c]) for c in mods),
                    weak=True,
                )
            )
    return out


def _capitalised(view: DocView, tok: Token) -> bool:
    return (
        tok.pos == "PROPN" and tok.text[:1].isupper() or (tok.text.isupper() and len(tok.text) > 2)
    )


def _entity_or_compound(view: DocView, tok: Token) -> tuple[int, int]:
    ent = view.entity_of[tok.i]
    if ent is not None and ent.label not in _NUMERIC_LABELS:
        return ent.token_start, ent.token_end
    return _compound_span(view, tok)


def _as_place(
    view: DocView, tok: Token, via_object: bool = False, kind: str | None = None
) -> Mention | None:
    """The place named by ``tok`` (an entity, a proper noun or "Kaduna state"), if any."""
    tokens = view.adoc.tokens
    ent = view.entity_of[tok.i]
    weak = False
    if ent is not None and ent.label in PLACE_LABELS:
        start, end = ent.token_start, ent.token_end
    elif ent is not None and ent.label in _NUMERIC_LABELS:
        return None
    elif view.lower[tok.i] in REGION_WORDS or view.lower[tok.i] in TOWN_WORDS:
        # "Kaduna state", "Donetsk region", "Gaza City": a proper-noun compound before it;
        # "the city of Nablus" is found through its "of" instead.
        if any(tokens[c].dep == "prep" and view.lower[c] == "of" for c in view.children[tok.i]):
            return None
        comp = [
            c
            for c in view.children[tok.i]
            if tokens[c].dep == "compound" and tokens[c].pos == "PROPN"
        ]
        if not comp:
            return None
        start = min(_entity_or_compound(view, tokens[c])[0] for c in comp)
        end = tok.i + 1
        kind = "region" if view.lower[tok.i] in REGION_WORDS else "city"
    elif _capitalised(view, tok) and tok.pos in ("PROPN", "NOUN", "ADV", "ADJ", "X"):
        # spaCy's small model tags many towns PERSON, NORP or ORG ("Valencia", "Punjab",
        # "Bamenda"), or nothing at all ("Donetsk"); all-capital names may not even be nouns.
        if ent is not None:
            start, end = ent.token_start, ent.token_end
            weak = not _after_place_noun(view, tok)
        else:
            start, end = _compound_span(view, tok)
            weak = tok.pos != "PROPN"
    else:
        return None
    while start < end - 1 and view.lower[start] == "the":
        start += 1
    text_start = tokens[start].idx
    text_end = tokens[end - 1].end
    text = view.adoc.doc.text[text_start:text_end]
    return Mention(
        start=start,
        end=end,
        text=text,
        char_start=text_start,
        char_end=text_end,
        kind=kind,
        hints=_hints(view, start, end),
        via_object=via_object,
        weak=weak,
    )


def _after_place_noun(view: DocView, tok: Token) -> bool:
    """True for "the town of X" (spaCy's small model often tags unknown towns PERSON)."""
    tokens = view.adoc.tokens
    prep = tokens[tok.head]
    if view.lower[prep.i] != "of" or prep.head == prep.i:
        return False
    return view.lower[tokens[prep.head].i] in SPATIAL_NOUNS


def _compound_span(view: DocView, tok: Token) -> tuple[int, int]:
    tokens = view.adoc.tokens
    start = tok.i
    while (
        start > 0
        and tokens[start - 1].dep == "compound"
        and tokens[start - 1].head == tok.i
        and tokens[start - 1].pos == "PROPN"
    ):
        start -= 1
    return start, tok.i + 1


def _hints(view: DocView, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Places that qualify this one: "Paris, Texas", "Kharkiv in eastern Ukraine"."""
    tokens = view.adoc.tokens
    out: list[tuple[int, int]] = []
    for i in range(start, end):
        for c in view.children[i]:
            child = tokens[c]
            if c >= start and c < end:
                continue
            cand: list[Token] = []
            if child.dep in ("appos", "npadvmod", "poss") or (
                child.dep == "conj" and _comma_before(view, c)
            ):
                cand.append(child)
            elif child.dep == "prep" and view.lower[child.i] in ("in", "of"):
                cand.extend(tokens[g] for g in view.children[c] if tokens[g].dep == "pobj")
            for t in cand:
                ent = view.entity_of[t.i]
                if ent is not None and ent.label in PLACE_LABELS:
                    out.append((ent.token_start, ent.token_end))
                elif t.pos == "PROPN":
                    out.append(_compound_span(view, t))
                elif view.lower[t.i] in REGION_WORDS:
                    comp = [g for g in view.children[t.i] if tokens[g].dep == "compound"]
                    if comp:
                        out.append((min(comp), max(comp) + 1))
    # "Paris, Texas" is sometimes parsed as a list: the entity right after a comma.
    if not out and end + 1 < len(tokens) and tokens[end].text == ",":
        ent = view.entity_of[end + 1]
        if ent is not None and ent.label == "GPE" and ent.token_start == end + 1:
            out.append((ent.token_start, ent.token_end))
    return tuple(out)


def _comma_before(view: DocView, i: int) -> bool:
    return i > 0 and view.adoc.tokens[i - 1].text == ","
