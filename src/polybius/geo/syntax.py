"""Which words of a sentence name the place of one event.

We walk the dependency tree down from the event's trigger: locative prepositions
("in", "near", "outside"...) and their objects, the nested "the town of X" and
"the outskirts of X" phrases, the object of verbs whose object is itself a place
("shelled Kharkiv", "visited Beijing"), and, for acts that happen somewhere, the phrases
nested in their objects ("held four hours of talks in Geneva", "took control of the
palace in Kabul"). That is tier 0, the event's own clause.

When the own clause names no place, the clauses of the same occasion are tried in turn
(tiers 1, 2...): the predicate the trigger is coordinated with ("arrived in Pyongyang and
was greeted"), the clause a participle hangs on ("rallied in Belgrade, demanding"), the
scene a participle gives the subject ("Erdogan, visiting Kyiv, offered"). Places of
background clauses ("after militants fired rockets from Lebanon", "who grew up in Lyon")
are never reached.

A capital or country that is merely an actor ("Moscow warned London", "sanctions on
Russia") is not a place; it is when a physical act happens on its territory ("fired
missiles at Israel", "drills around Taiwan"), which the event's CAMEO root tells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from polybius.geo.names import COMPASS, DIRECTIONS, REGION_WORDS, TOWN_WORDS
from polybius.records import AnnotatedDoc, EntitySpan, Token

# CAMEO roots of acts that happen somewhere physically: visits and meetings (04), aid
# deliveries (07), withdrawals (08), protests (14), military posture (15), coercion (17),
# violence (18-20). Their recipient's territory is their place.
PHYSICAL_ROOTS = frozenset({"04", "07", "08", "14", "15", "17", "18", "19", "20"})
# Roots whose intended or material act has a place as well ("agreed to halt operations in
# Nagorno-Karabakh", "threatened to deploy missiles in Kaliningrad", joint exercises).
# Statements, appeals, demands, accusations and rejections (01, 02, 05, 09-12, 16) are
# located where they were made, which their own clause says or nothing does.
DEEP_ROOTS = PHYSICAL_ROOTS | {"03", "06", "13"}
# Roots of acts that make a scene other actors' acts share: a clause with a subject of its
# own ("..., and security forces exchanged fire", "as protesters rallied") is on the same
# occasion. A resignation or a release (08) after a curfew is not.
SCENE_ROOTS = frozenset({"04", "14", "15", "17", "18", "19", "20"})
# Roots of the use or show of force and of protests: their object's stated purpose is a
# place of the act ("launched an offensive to retake the breakaway region"); a meeting's
# is its topic ("discuss efforts to forge a settlement in Yugoslavia").
FORCE_ROOTS = SCENE_ROOTS - {"04"}

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
        "through",
        "toward",
        "towards",
        "onto",
        "on",  # only with a spatial noun or after an attack word, see below
        "to",  # only after a verb of movement, see below
    }
)
# Place prepositions whose object is a place even when it is also an event's actor.
_PLACE_ONLY_PREPS = frozenset({"in", "near", "outside", "inside", "across", "throughout", "within"})
# Prepositions under which an actor is the place of a physical act: "fired missiles at
# Israel", "drills around Taiwan", "advanced on the outskirts of Kyiv", "air strikes
# against Yugoslavia". "to" is not among them: "sent weapons to Ukraine" is a transfer.
_PHYSICAL_PREPS = (LOCATIVE_PREPS - {"to"}) | {"against"}
# Prepositions whose object is never the event's place, nor anything nested in it.
_OPAQUE_PREPS = frozenset(
    {"about", "over", "than", "like", "despite", "unlike", "since", "without", "except", "instead"}
)
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
        "peninsula",
        "enclave",
        "zone",
        "line",
        "lines",
        "frontlines",
    }
)
# Nouns of facilities: "Beirut's international airport", "the Kharkiv airport", "the
# Al-Amal hospital". A place before them (compound or possessive) locates them when the
# whole phrase is no known site. (An embassy or consulate belongs to the country before
# it, and lies elsewhere: "Mexico's embassy in Quito".)
SITE_NOUNS = frozenset(
    {
        "airport",
        "airfield",
        "airbase",
        "base",
        "bases",
        "port",
        "harbour",
        "harbor",
        "plant",
        "station",
        "facility",
        "facilities",
        "site",
        "complex",
        "reactor",
        "refinery",
        "depot",
        "hospital",
        "school",
        "university",
        "mosque",
        "church",
        "synagogue",
        "cathedral",
        "temple",
        "shrine",
        "prison",
        "jail",
        "compound",
        "palace",
        "parliament",
        "square",
        "market",
        "crossing",
        "checkpoint",
        "bridge",
        "dam",
        "stadium",
        "headquarters",
        "barracks",
        "garrison",
        "camp",
        "court",
        "tribunal",
        "hall",
    }
)
_FOREIGN_SITES = frozenset({"embassy", "embassies", "consulate", "consulates", "mission"})
# Place nouns a demonym puts in a country: "a Syrian air base", "Israeli towns",
# "Polish territory", "near the Syrian border" (whose side the text does not say).
DEMONYM_PLACE_NOUNS = (
    frozenset(
        {
            "town",
            "towns",
            "city",
            "cities",
            "village",
            "villages",
            "territory",
            "soil",
            "airspace",
            "waters",
            "island",
            "islands",
            "coast",
            "province",
            "region",
            "border",
            "peninsula",
            "capital",
            "countryside",
            "side",
        }
    )
    | SITE_NOUNS
) - _FOREIGN_SITES
# Nouns that refer back to a place named before: "rioted in the city centre" (Tallinn),
# "invaded the emirate" (Kuwait), "handed the territory back" (Hong Kong). The value is
# the kind of place they can refer to.
ANAPHOR_NOUNS = {
    "city": "city",
    "capital": "city",
    "town": "city",
    "emirate": "country",
    "kingdom": "country",
    "country": "country",
    "territory": "area",
    "enclave": "area",
    "island": "area",
    "region": "area",
    "province": "area",
    "peninsula": "area",
    "strip": "area",
}
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
        "annex",
        "reoccupy",
        "cede",
        "offensive",
        "bombing",
        "shelling",
        "airstrike",
        "incursion",
        "invasion",
        "occupation",
        "annexation",
        "siege",
        "liberation",
        "evacuation",
        "strikes",
        "attacks",
    }
)
# Verbs whose "on X" is where they land: "dropped the bomb on the city", "fired on".
_ON_LEMMAS = frozenset({"drop", "fire", "rain"})
# Phrasal verbs whose object is a place handed over: "handed Hong Kong back to China".
_HANDOVER = frozenset({("hand", "back"), ("hand", "over"), ("give", "back"), ("turn", "over")})
# Verbs and nouns of travel, after which "to X" is where the traveller went ("flew to
# Beijing", "a state visit to Russia"), even when X is also the event's recipient.
TRAVEL_LEMMAS = frozenset(
    {
        "travel",
        "fly",
        "go",
        "come",
        "arrive",
        "return",
        "head",
        "move",
        "relocate",
        "march",
        "advance",
        "trip",
        "journey",
        "visit",
        "tour",
        "sail",
        "drive",
        "rush",
    }
)
# Moving forces somewhere: "deployed missiles to Belarus" is military posture there.
DEPLOY_LEMMAS = frozenset({"deploy", "redeploy", "deployment", "station", "move", "relocate"})
# Verbs of sending: "to X" is the destination; it is the event's place when people go
# ("sent a team of doctors to Italy"), not when goods do ("sent weapons to Ukraine").
SEND_LEMMAS = frozenset({"send", "dispatch", "order", "airlift", "ship", "rush"})
MOTION_LEMMAS = TRAVEL_LEMMAS | DEPLOY_LEMMAS | SEND_LEMMAS
# The verbs of movement that locate a statement's "to X" as well (the narrowest reading,
# for events that do not happen on a territory).
_PLAIN_MOTION_LEMMAS = frozenset(
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
# Verbs whose object is a place given back: "returned the Golan Heights to Syria".
_GIVE_BACK_LEMMAS = frozenset({"return", "cede", "surrender", "transfer"})
# The people or units sent, which make a sending a deployment.
PERSONNEL_NOUNS = frozenset(
    {
        "troop",
        "troops",
        "soldier",
        "force",
        "forces",
        "marine",
        "team",
        "expert",
        "doctor",
        "medic",
        "rescuer",
        "unit",
        "personnel",
        "peacekeeper",
        "delegation",
        "envoy",
        "mission",
        "adviser",
        "advisor",
        "official",
        "worker",
        "contingent",
        "battalion",
        "brigade",
        "division",
        "police",
        "officer",
        "carrier",
        "warship",
        "fleet",
        "destroyer",
        "submarine",
        "navy",
        "army",
        "minister",
        "diplomat",
        "inspector",
        "monitor",
        "observer",
    }
)
# Withdrawals happen where they leave: "pulled out of Iraq", "withdraw its troops from Mali".
WITHDRAW_LEMMAS = frozenset(
    {
        "withdraw",
        "withdrawal",
        "pull",
        "pullout",
        "retreat",
        "expel",
        "expulsion",
        "evacuate",
        "evacuation",
        "evict",
        "oust",
        "drive",
        "leave",
        "exit",
        "remove",
    }
)
# Verbs of agreeing and intending: "agreed to a ceasefire in Gaza" is located in Gaza.
_AGREE_LEMMAS = frozenset({"agree", "consent", "commit", "move", "return", "pledge"})
# Verbs of reporting: "witnesses said militiamen fired on the crowd" reports an act of the
# occasion the coordinated clause describes.
_REPORT_LEMMAS = frozenset({"say", "report", "tell", "add", "claim", "confirm"})
# Subordinating words of clauses on the same occasion as the main clause ("as protesters
# rallied", "while police watched"); "after", "before", "since", "because" mark others.
_SAME_TIME_MARKS = frozenset({"as", "while", "when", "whilst"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
_NOUN_ARG_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "npadvmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Nouns that count people: "hundreds of protesters in Tbilisi".
_CROWD_NOUNS = frozenset(
    {"thousand", "hundred", "dozen", "ten", "million", "score", "crowd", "group", "number"}
)
# Nouns after "to" that are a scene: "took to the streets of Tehran".
_TO_SCENES = frozenset({"streets", "street", "square"})
_MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class EventKind:
    """What the event's CAMEO root says about where it can happen."""

    physical: bool = False  # happens on its recipient's territory (see PHYSICAL_ROOTS)
    deep: bool = False  # its intended or nested act locates it (see DEEP_ROOTS)
    scene: bool = False  # shares its scene with other actors' acts (see SCENE_ROOTS)
    force: bool = False  # a use or show of force, or a protest (see FORCE_ROOTS)

    @classmethod
    def of(cls, root: str | None) -> EventKind:
        # No root (a caller that does not code events): the narrowest reading.
        if not root:
            return cls()
        r = root[:2]
        return cls(
            physical=r in PHYSICAL_ROOTS,
            deep=r in DEEP_ROOTS,
            scene=r in SCENE_ROOTS,
            force=r in FORCE_ROOTS,
        )


@dataclass(slots=True)
class Mention:
    """A stretch of text that may name the event's place, best first in a list."""

    start: int  # token range [start, end)
    end: int
    text: str  # the place name as written (entity or proper-noun span)
    char_start: int
    char_end: int
    kind: str | None  # "region" or "city" when a following word says so ("Kaduna state")
    hints: tuple[tuple[int, int], ...] = ()  # token ranges of qualifying places ("Paris, Texas")
    via_object: bool = False  # the event's object, destination or origin, not a setting
    weak: bool = False  # not tagged as a place by the parser: only well-known places count
    prep: str | None = None  # the preposition that put it under the event ("at", "out of")
    tier: int = 0  # 0: the event's own clause; 1, 2...: clauses of the same occasion
    demonym: tuple[int, int] | None = None  # "a Syrian air base": the words naming a country
    border: bool = False  # "near the Syrian border": a border, the country's side unknown
    anaphor: str | None = None  # "the city": refers to a place named before (its kind)
    site_only: bool = False  # counts only if the words are a known site ("the Rafah crossing")


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
    view: DocView,
    trigger: int,
    actor_tokens: Sequence[tuple[int, int]] = (),
    event_root: str | None = None,
) -> list[Mention]:
    """Candidate place mentions for the event at ``trigger``, by tier, best first in each."""
    tokens = view.adoc.tokens
    if not 0 <= trigger < len(tokens):
        return []
    kind = EventKind.of(event_root)
    walk = _Walk(view, kind)
    walk.clause(trigger)
    for n, (head, how) in enumerate(_occasions(view, trigger, kind), start=1):
        walk.tier = n
        if how == "clause":
            walk.clause(head)
        else:  # the noun a relative clause describes: "a car bombing in Kabul that killed"
            walk.head(tokens[head], allow_object=False)
    return [m for m in walk.out if _keep(m, actor_tokens, view, kind)]


def _keep(m: Mention, actors: Sequence[tuple[int, int]], view: DocView, kind: EventKind) -> bool:
    if m.via_object or m.anaphor or not _inside_actor_head(m, actors, view):
        return True
    # An actor is the place of a physical act done on it: "fired missiles at Israel".
    return kind.physical and m.prep in _PHYSICAL_PREPS


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


def _occasions(view: DocView, trigger: int, kind: EventKind) -> list[tuple[int, str]]:
    """Clauses of the same occasion as the trigger's, nearest first (rule 3 of the gold)."""
    tokens = view.adoc.tokens
    out: list[tuple[int, str]] = []
    cur = tokens[trigger]
    # "witnesses said pro-government militiamen fired on the crowd": a physical act
    # reported in a clause coordinated with the one that locates the occasion.
    if (
        kind.physical
        and cur.dep == "ccomp"
        and cur.head != cur.i
        and tokens[cur.head].lemma.lower() in _REPORT_LEMMAS
    ):
        cur = tokens[cur.head]
    for _ in range(3):
        if cur.head == cur.i:
            break
        head = tokens[cur.head]
        if head.pos not in ("VERB", "AUX"):
            if cur.dep == "relcl" and kind.physical:
                out.append((head.i, "noun"))
            break
        if cur.dep == "conj":
            # "arrived in Pyongyang and was greeted at the airport"; with a subject of its
            # own ("..., and security forces exchanged fire") only for acts with a scene.
            if _has_subject(view, cur.i) and not kind.scene:
                break
        elif cur.dep == "advcl":
            mark = _mark(view, cur.i)
            if mark is None and _has_subject(view, cur.i):
                break
            if mark is not None and not (mark in _SAME_TIME_MARKS and kind.scene):
                break
        elif cur.dep != "xcomp":
            break
        out.append((head.i, "clause"))
        cur = head
    # Below the trigger: coordinated acts and participles ("attacked the village, killing
    # 20 people in Kaduna"; "fired tear gas to disperse supporters in Kampala").
    for c in view.children[trigger]:
        child = tokens[c]
        if child.pos not in ("VERB", "AUX"):
            continue
        own_subject = _has_subject(view, c)
        coordinated = child.dep == "conj" and (not own_subject or kind.scene)
        # Only for physical acts: "extradited him to face charges in New York" is not.
        participle = (
            child.dep == "advcl" and _mark(view, c) is None and not own_subject and kind.physical
        )
        if coordinated or participle:
            out.append((c, "clause"))
    # The scene a participle gives the subject: "Erdogan, visiting Kyiv, offered to host".
    subj = _subject(view, trigger)
    if subj is not None:
        for c in view.children[subj]:
            child = tokens[c]
            if child.dep == "acl" and child.lemma.lower() in TRAVEL_LEMMAS:
                out.append((c, "clause"))
    return out


def _of_nests(view: DocView, head: Token) -> bool:
    """Whether "of" after ``head`` nests the act: any object ("four hours of talks in
    Geneva", "control of the palace in Kabul"), a subject only when it counts people
    ("thousands of students throughout Indonesia", not "the sides of the island of Cyprus")."""
    if head.dep not in _SUBJECT_DEPS:
        return True
    ent = view.entity_of[head.i]
    return (ent is not None and ent.label == "CARDINAL") or head.lemma.lower() in _CROWD_NOUNS


def _has_object(view: DocView, i: int) -> bool:
    tokens = view.adoc.tokens
    return any(tokens[c].dep == "dobj" for c in view.children[i])


def _infinitive(view: DocView, i: int) -> bool:
    tokens = view.adoc.tokens
    return any(tokens[c].dep == "aux" and tokens[c].tag == "TO" for c in view.children[i])


def _has_subject(view: DocView, i: int) -> bool:
    tokens = view.adoc.tokens
    return any(tokens[c].dep in _SUBJECT_DEPS for c in view.children[i])


def _mark(view: DocView, i: int) -> str | None:
    tokens = view.adoc.tokens
    for c in view.children[i]:
        if tokens[c].dep in ("mark", "advmod") and tokens[c].tag in ("IN", "WRB"):
            return view.lower[c]
    return None


def _subject(view: DocView, i: int) -> int | None:
    """The subject of the trigger's clause, climbing "offered to host" and "X and Y"."""
    tokens = view.adoc.tokens
    for _ in range(4):
        for c in view.children[i]:
            if tokens[c].dep in ("nsubj", "nsubjpass"):
                return c
        t = tokens[i]
        if t.dep not in ("xcomp", "conj") or t.head == t.i:
            return None
        i = t.head
    return None


class _Walk:
    """One walk over the clauses of an event, collecting mentions without repeats."""

    __slots__ = ("kind", "out", "seen", "tier", "tokens", "view")

    def __init__(self, view: DocView, kind: EventKind) -> None:
        self.view = view
        self.tokens = view.adoc.tokens
        self.kind = kind
        self.out: list[Mention] = []
        self.seen: set[int] = set()
        self.tier = 0

    def add(self, m: Mention | None, **changes: object) -> None:
        if m is None or m.start in self.seen:
            return
        self.seen.add(m.start)
        # Mentions are made afresh by each walk, so they are marked in place (a copy per
        # mention would cost as much as finding it).
        for name, value in changes.items():
            setattr(m, name, value)
        m.tier = self.tier
        self.out.append(m)

    def clause(self, i: int) -> None:
        """The places of the clause headed by token ``i`` (the trigger or an occasion's)."""
        tokens, view = self.tokens, self.view
        t = tokens[i]
        self.head(t, allow_object=True)
        # Arguments: "a raid in Kaduna state", "protesters in Tbilisi", and for acts with a
        # place what they nest ("held four hours of talks in Geneva").
        for a in self.args(i):
            self.head(tokens[a], allow_object=False)
            if self.kind.force:
                # The purpose of the act: "an offensive to retake the breakaway region",
                # "a naval deployment to protect shipping in the Gulf".
                for c in view.children[a]:
                    if tokens[c].dep in ("acl", "relcl") and _infinitive(view, c):
                        self.head(tokens[c], allow_object=True)
                        for a2 in self.args(c):
                            self.head(tokens[a2], allow_object=False)
        # "agreed to meet in Geneva", "continued shelling in Kharkiv": the complement
        # clause, and for intents its arguments ("agreed to halt operations in Karabakh").
        for c in view.children[i]:
            if tokens[c].dep == "xcomp":
                self.head(tokens[c], allow_object=True)
                if self.kind.deep:
                    for a in self.args(c):
                        self.head(tokens[a], allow_object=False)
        # The light verb an event noun depends on: "carried out a raid in Kaduna".
        if t.dep in ("dobj", "xcomp", "nsubj", "nsubjpass") and t.head != t.i:
            self.head(tokens[t.head], allow_object=False)

    def args(self, i: int) -> list[int]:
        tokens, view = self.tokens, self.view
        out = []
        for c in view.children[i]:
            if tokens[c].dep in _NOUN_ARG_DEPS and tokens[c].pos in ("NOUN", "PROPN", "PRON"):
                out.append(c)
                # "air strikes and an artillery barrage against forces in northeast Syria"
                out.extend(_conjuncts(view, c))
        return out

    def head(self, head: Token, allow_object: bool) -> None:
        tokens, view = self.tokens, self.view
        for c in view.children[head.i]:
            child = tokens[c]
            if child.dep in ("prep", "agent") or (child.dep == "dative" and child.pos == "ADP"):
                # "sent a team of doctors to Port-au-Prince" ("to" may be parsed dative)
                self.prep(head, child)
            elif allow_object and child.dep in _OBJECT_DEPS and self._place_verb(head):
                self.place_object(head, child)
            elif allow_object and child.dep == "dobj" and self.kind.physical:
                # "opened the Rafah crossing": a known site as the object of a physical act.
                m = _as_place(view, child, via_object=True)
                if m is not None:
                    self.add(m, site_only=True)
                else:
                    for m2 in _site_mentions(view, child):
                        self.add(m2, site_only=True, via_object=True)

    def _place_verb(self, head: Token) -> bool:
        lemma = head.lemma.lower()
        if lemma in PLACE_OBJECT_LEMMAS or lemma in _GIVE_BACK_LEMMAS:
            return True
        # "handed Hong Kong back": the particle may be parsed as an adverb.
        prts = {
            self.view.lower[c]
            for c in self.view.children[head.i]
            if self.tokens[c].dep in ("prt", "advmod")
        }
        return any((lemma, p) in _HANDOVER for p in prts)

    def place_object(self, head: Token, child: Token) -> None:
        tokens, view = self.tokens, self.view
        obj = child
        # "the Falkland Islands, which Argentine forces invaded": the relative's antecedent.
        if view.lower[child.i] in ("which", "that") and head.dep == "relcl":
            obj = tokens[head.head]
        for o in [obj.i, *_conjuncts(view, obj.i)]:
            m = _as_place(view, tokens[o], via_object=True) or _anaphor(view, tokens[o])
            if m is not None:
                self.add(m)
                continue
            # "shelled the outskirts of Kharkiv", "hit a school in Khan Younis"
            for m2 in self.pobj(tokens[o], 1, place_ok=False, site_ok=True, object_phrase=True):
                self.add(m2, via_object=True)

    def prep(self, head: Token, p: Token) -> None:
        tokens, view, kind = self.tokens, self.view, self.kind
        w = view.lower[p.i]
        gov = head.lemma.lower()
        at = p
        if w == "out":
            # "pulled out of Iraq": the object hangs off a second preposition.
            inner = [
                c for c in view.children[p.i] if tokens[c].dep == "prep" and view.lower[c] == "of"
            ]
            if inner:
                w, at = "out of", tokens[inner[0]]
        pobjs = [tokens[g] for g in view.children[at.i] if tokens[g].dep in ("pobj", "pcomp")]
        nouns = [q for q in pobjs if q.dep == "pobj"]  # "for deploying troops": not a phrase
        if w in ("from", "out of") and (
            gov in WITHDRAW_LEMMAS or (w == "out of" and gov in MOTION_LEMMAS)
        ):
            self.under(pobjs, w, via_object=True)
            return
        if w == "against" and kind.physical and gov in PLACE_OBJECT_LEMMAS:
            self.under(pobjs, w)  # "launched air strikes against Yugoslavia"
            return
        if w == "of" and kind.physical and head.pos == "NOUN" and gov in PLACE_OBJECT_LEMMAS:
            self.under(pobjs, w, via_object=True)  # "a full-scale invasion of Ukraine"
            return
        if w == "to":
            # "flew to Beijing", "a state visit to Russia", "deployed missiles to Belarus",
            # "sent a team of doctors to Italy": where the event's people went. Transitive
            # travel verbs give something ("returned the Golan Heights to Syria").
            travel = gov in TRAVEL_LEMMAS and not _has_object(view, head.i)
            sent = gov in SEND_LEMMAS or (gov in TRAVEL_LEMMAS and not travel)
            if kind.deep and (
                travel or gov in DEPLOY_LEMMAS or (sent and _sends_people(view, head))
            ):
                self.under(pobjs, w, via_object=True)
            elif gov in _PLAIN_MOTION_LEMMAS:
                self.under(pobjs, w)  # a destination, unless it is the recipient (an actor)
            elif kind.deep and (head.pos == "NOUN" or gov in _AGREE_LEMMAS):
                # "a halt to military operations in Georgia", "agreed to a ceasefire in Gaza"
                self.descend(nouns, w)
            else:
                # "took to the streets of Tehran"
                self.descend([q for q in nouns if view.lower[q.i] in _TO_SCENES], w)
            return
        if w in LOCATIVE_PREPS:
            on_ok = w != "on" or gov in PLACE_OBJECT_LEMMAS or gov in _ON_LEMMAS
            for q in pobjs:
                for m in self.pobj(q, 0, place_ok=on_ok):
                    self.add(m, prep=w)
            return
        if w in _OPAQUE_PREPS:
            return
        if w == "of" and not (kind.deep and head.pos == "NOUN" and _of_nests(view, head)):
            # "accused Israel of ...": what an accusation is about is not where it was made;
            # for acts with a place, "four hours of talks in Geneva" nests it.
            return
        # "clashed with protesters in Tripoli": the place of a participant.
        self.descend(nouns, w)

    def under(self, pobjs: list[Token], w: str, via_object: bool = False) -> None:
        for q in pobjs:
            for m in self.pobj(q, 0, place_ok=True):
                if via_object:
                    self.add(m, prep=w, via_object=True)
                else:
                    self.add(m, prep=w)

    def descend(self, pobjs: list[Token], w: str) -> None:
        for q in pobjs:
            for m in self.pobj(q, 1, place_ok=False):
                self.add(m, prep=m.prep or w)

    def pobj(
        self,
        p: Token,
        depth: int,
        place_ok: bool = True,
        kind: str | None = None,
        site_ok: bool | None = None,
        object_phrase: bool = False,
    ) -> list[Mention]:
        """Mentions under the object of a locative preposition (or of a place verb)."""
        if depth > _MAX_DEPTH:
            return []
        tokens, view = self.tokens, self.view
        if place_ok:
            m = _as_place(view, p, kind=kind)
            if m is not None:
                return [m]
            a = _anaphor(view, p)
            if a is not None:
                return [a]
        out: list[Mention] = []
        spatial = _spatial(view, p)
        lemma = p.lemma.lower()
        # "near the town of Marib": the name is a town's, not the governorate's.
        sub_kind = "city" if lemma in ("town", "city", "village") else None
        for c in view.children[p.i]:
            child = tokens[c]
            if child.dep != "prep":
                continue
            w = view.lower[child.i]
            # "on a visit to Moscow" (a noun: "without returning to Kyrgyzstan" is no visit)
            travel_to = w == "to" and lemma in TRAVEL_LEMMAS and p.pos == "NOUN"
            if w in LOCATIVE_PREPS or (spatial and w in ("of", "with")) or travel_to:
                # "an oil depot on Kharg Island"; but "sanctions on Russia" is no place.
                site_on = w == "on" and (spatial or lemma in SITE_NOUNS)
                if w in ("on", "to") and not (travel_to or site_on):
                    continue
                for gc in view.children[c]:
                    if tokens[gc].dep == "pobj":
                        found = self.pobj(
                            tokens[gc], depth + 1, kind=sub_kind if w == "of" else None
                        )
                        if travel_to:  # the visitor's destination, even if it is an actor
                            for m in found:
                                m.via_object = True
                        out.extend(found)
        # "the city's outskirts", "Beirut's international airport": a possessive place;
        # "in the capital, Kyiv": an apposed one.
        if (spatial or (lemma in SITE_NOUNS and (place_ok or object_phrase))) and not out:
            for c in view.children[p.i]:
                if tokens[c].dep == "poss" or (tokens[c].dep == "appos" and spatial):
                    m = _as_place(view, tokens[c])
                    if m is None and spatial:
                        m = _anaphor(view, tokens[c])
                    if m is not None:
                        out.append(m)
        # "the Zaporizhzhia nuclear power plant", "the Kharkiv airport": a site named after a
        # place; the whole phrase may be a known site, else the place locates it.
        if place_ok if site_ok is None else site_ok:
            out.extend(_site_mentions(view, p))
            # "rioted in the city centre", "outside city hall": the city named before.
            if not out and (spatial or lemma in SITE_NOUNS):
                for c in view.children[p.i]:
                    if tokens[c].dep == "compound" and view.lower[c] in ("city", "capital"):
                        a = _anaphor(view, tokens[c], bare=True)
                        if a is not None:
                            out.append(a)
            # "a Syrian air base", "stormed Israeli towns": the country a demonym names,
            # for acts that happen on a territory.
            if self.kind.physical:
                d = _demonym_mention(view, p)
                if d is not None:
                    out.append(d)
        # "talks with Iran and the United States in Geneva": the place may hang off any
        # member of a coordination.
        for c in _conjuncts(view, p.i):
            out.extend(self.pobj(tokens[c], depth + 1, place_ok=place_ok))
        return out


def _conjuncts(view: DocView, i: int) -> list[int]:
    """Nouns coordinated with token ``i`` ("strikes and a barrage"), in text order."""
    tokens = view.adoc.tokens
    out: list[int] = []
    stack = [i]
    while stack and len(out) < 6:
        j = stack.pop()
        for c in view.children[j]:
            if tokens[c].dep == "conj" and tokens[c].pos in ("NOUN", "PROPN"):
                out.append(c)
                stack.append(c)
    return sorted(out)


def _spatial(view: DocView, tok: Token) -> bool:
    return view.lower[tok.i] in SPATIAL_NOUNS or tok.lemma.lower() in SPATIAL_NOUNS


def _sends_people(view: DocView, verb: Token) -> bool:
    """ "sent a team of medical experts", "ordered 2,000 Marines": people, not goods."""
    tokens = view.adoc.tokens
    for c in view.children[verb.i]:
        if tokens[c].dep not in ("dobj", "dative"):
            continue
        for o in [c, *_conjuncts(view, c)]:
            t = tokens[o]
            if t.lemma.lower() in PERSONNEL_NOUNS or view.lower[o] in PERSONNEL_NOUNS:
                return True
    return False


def _site_mentions(view: DocView, p: Token) -> list[Mention]:
    """ "the Kharkiv airport", "the Rafah crossing": a site noun after capitalised names."""
    tokens = view.adoc.tokens
    lemma = p.lemma.lower()
    if p.pos != "NOUN" or not (lemma in SITE_NOUNS or lemma in SPATIAL_NOUNS):
        return []
    # The names before the noun, also through a common noun ("the Torkham border crossing").
    heads = [p.i] + [
        c for c in view.children[p.i] if tokens[c].dep == "compound" and tokens[c].pos == "NOUN"
    ]
    mods = [
        c
        for h in heads
        for c in view.children[h]
        if tokens[c].dep in ("compound", "nmod") and c < p.i and _capitalised(view, tokens[c])
    ]
    if not mods:
        return []
    first = min(_entity_or_compound(view, tokens[c])[0] for c in mods)
    while first < p.i and view.lower[first] == "the":
        first += 1
    a, b = tokens[first].idx, p.end
    return [
        Mention(
            start=first,
            end=p.i + 1,
            text=view.adoc.doc.text[a:b],
            char_start=a,
            char_end=b,
            kind=None,
            hints=tuple(_place_or_compound(view, tokens[c]) for c in mods),
            weak=True,
        )
    ]


def _demonym_mention(view: DocView, p: Token) -> Mention | None:
    """ "a Syrian air base", "the Polish village", "near the Syrian border"."""
    tokens = view.adoc.tokens
    lemma = p.lemma.lower()
    if p.pos != "NOUN" or not (
        lemma in DEMONYM_PLACE_NOUNS or view.lower[p.i] in DEMONYM_PLACE_NOUNS
    ):
        return None
    # The capitalised modifiers before the noun ("South Korean", "Syrian"), through a
    # compound noun ("air" in "air base").
    heads = [p.i] + [c for c in view.children[p.i] if tokens[c].dep == "compound" and c < p.i]
    mods = [
        c
        for h in heads
        for c in view.children[h]
        if tokens[c].dep in ("amod", "compound", "nmod")
        and c < p.i
        and tokens[c].text[:1].isupper()
        and tokens[c].pos in ("ADJ", "PROPN", "NOUN")
    ]
    if not mods:
        return None
    last = max(mods)
    first = last
    while (
        first > 0
        and tokens[first - 1].text[:1].isupper()
        and tokens[first - 1].dep in ("compound", "amod")
    ):
        first -= 1
    start = first
    a, b = tokens[start].idx, p.end
    return Mention(
        start=start,
        end=p.i + 1,
        text=view.adoc.doc.text[a:b],
        char_start=a,
        char_end=b,
        kind=None,
        demonym=(first, last + 1),
        border=lemma in ("border", "frontier"),
    )


def _anaphor(view: DocView, tok: Token, bare: bool = False) -> Mention | None:
    """ "the city", "the emirate", "the breakaway region": a place named before."""
    tokens = view.adoc.tokens
    lemma = tok.lemma.lower()
    what = ANAPHOR_NOUNS.get(lemma) or ANAPHOR_NOUNS.get(view.lower[tok.i])
    if what is None or tok.pos != "NOUN":
        return None
    kids = view.children[tok.i]
    if not bare:
        # Definite and not named here: "the city", not "a city" or "the city of Nablus".
        if not any(
            tokens[c].dep == "det" and view.lower[c] in ("the", "this", "that") for c in kids
        ):
            return None
    # Named or qualified here ("the Gaza city", "the city's mayor", "the Korean
    # peninsula"): not a reference back.
    if any(
        tokens[c].dep in ("prep", "poss", "nmod", "appos")
        or (tokens[c].dep in ("compound", "amod") and tokens[c].text[:1].isupper())
        for c in kids
    ):
        return None
    if view.lower[tok.i].endswith("s") and view.lower[tok.i] != lemma:  # plurals: "the cities"
        return None
    start = min(
        [tok.i] + [c for c in kids if tokens[c].dep in ("det", "amod", "compound") and c < tok.i]
    )
    a, b = tokens[start].idx, tok.end
    return Mention(
        start=start,
        end=tok.i + 1,
        text=view.adoc.doc.text[a:b],
        char_start=a,
        char_end=b,
        kind=None,
        anaphor=what,
    )


def _place_or_compound(view: DocView, tok: Token) -> tuple[int, int]:
    """The place entity of a token, else its own name: in "the Fordow, Natanz and Isfahan
    facilities" (one ORG entity) the first name is "Fordow"."""
    ent = view.entity_of[tok.i]
    if ent is not None and ent.label in PLACE_LABELS:
        return ent.token_start, ent.token_end
    return _compound_span(view, tok)


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
    # "southern Lebanon", "northeast Syria", "central Belgrade": the direction belongs to
    # the words that name the place (the lookup drops it again, see names._keys).
    head = tokens[end - 1]
    while (
        start > 0
        and tokens[start - 1].head in (head.i, tok.i)
        and tokens[start - 1].dep in ("amod", "compound", "advmod")
        and (view.lower[start - 1] in DIRECTIONS or view.lower[start - 1] in COMPASS)
        and view.entity_of[start - 1] is None
    ):
        start -= 1
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
