"""The event coder: verb patterns over the dependency parse to CAMEO/PLOVER events.

For each sentence, every verb whose lemma is in the lexicon is a candidate trigger. A rule
of that verb must match its complements; then the coder finds the source (the agent:
subject, passive "by" phrase, controller of an infinitive, or the speaker of reported
speech) and the target (object, prepositional recipient, "between A and B"), and reads
modality (negation, intent, hypotheticals) and the event's date off the clause.

Conventions (documented in the README):
- Compound actors give one event per actor.
- Symmetric events ("met", "clashed", "agreed") between A and B give A→B and B→A.
- Intentions are coded in their CAMEO 03x form (threats of force or sanctions: 13x).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from polybius.coding.lexicon import Lexicon, Rule
from polybius.coding.mentions import DocumentActors, Found, Resolver, with_country
from polybius.coding.ontology import Ontology
from polybius.coding.syntax import NEGATORS, SUBJECT_DEPS, Parse
from polybius.records import (
    ActorMention,
    AnnotatedDoc,
    Event,
    EventDate,
    Location,
    ResolvedActor,
    Span,
    Token,
)

if TYPE_CHECKING:
    from polybius.geo import Locator

MEASURE_NOUNS = frozenset(
    {"week", "day", "month", "year", "hour", "series", "round", "wave", "spate", "string", "number", "set"}
)  # fmt: skip
# "no involvement in", "denied any role in": a part in an incident.
PART_NOUNS = frozenset({"involvement", "role", "part", "hand", "responsibility", "link", "links"})
PURPOSES_OF_VISITS = frozenset(
    {"discuss", "talk", "negotiate", "confer", "consult", "meet", "reaffirm", "express", "show",
     "demonstrate", "underline", "underscore", "attend", "hold", "pledge"}
)  # fmt: skip
TRAVEL_VERBS = frozenset({"visit", "travel", "fly", "arrive", "go", "come", "head", "tour", "land"})
DECISION_VERBS = frozenset({"vote", "decide"})
HOSTILE_ACT_ROOTS = frozenset({"16", "17", "18", "19", "20"})
# Commands: to one's own forces they are coded as the act commanded.
COMMAND_VERBS = frozenset({"order", "instruct", "direct", "command"})
# Verbs whose complements are a topic, not events: "to discuss reopening the border".
TOPIC_VERBS = frozenset({"discuss", "debate", "consider", "study", "review", "examine", "explore"})
# Verbs whose infinitive/clausal complement is an intention of the subject.
INTENT_VERBS = frozenset(
    {
        "plan", "intend", "promise", "pledge", "vow", "want", "hope", "aim", "seek",
        "prepare", "expect", "offer", "agree", "mean", "wish", "commit", "resolve", "undertake",
        "volunteer", "propose", "set", "swear", "threaten", "vote", "decide",
    }
)  # fmt: skip
INTENT_ADJECTIVES = frozenset(
    {"willing", "ready", "prepared", "eager", "keen", "determined", "committed", "set", "poised"}
)
THREAT_VERBS = frozenset({"threaten", "warn"})
# Verbs whose object controls the infinitive: "urged Iran *to release*" (Iran releases).
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "call", "invite", "press", "encourage", "tell", "order", "allow", "force",
     "persuade", "pressure", "push", "implore", "permit", "help", "enable", "request"}
)  # fmt: skip
SPEECH_VERBS = frozenset(
    {"say", "state", "tell", "announce", "note", "add", "declare", "stress", "report", "claim",
     "insist", "write", "confirm", "reiterate", "emphasize", "emphasise", "explain", "argue",
     "assert", "affirm", "remark", "comment", "indicate", "believe", "think", "suggest",
     "conclude", "maintain", "contend"}
)  # fmt: skip
REFUSAL_WHEN_NEGATED = frozenset({"accept", "allow", "permit", "agree", "approve", "reach"})
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "reject", "disavow"})
FAILURE_VERBS = frozenset({"fail", "neglect", "stop", "cease"})
HEDGE_MODALS = frozenset({"could", "might", "may"})
WILL_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
# Prepositions whose object is the recipient of the event, in order of preference.
TARGET_PREPS = (
    "with", "to", "against", "on", "toward", "towards", "into", "upon", "at", "for",
    "from", "over", "of", "between", "onto", "about",
)  # fmt: skip
# Nouns whose country modifier does not name an actor: "the Russian language".
NOT_ACTOR_NOUNS = frozenset(
    {"language", "economy", "market", "stock", "share", "price", "currency", "culture",
     "history", "cuisine", "team", "league", "football", "film", "music", "friendship",
     "literature", "art", "food", "dish", "tradition", "holiday", "new", "year", "style"}
)  # fmt: skip
# Events whose complement describes what is asked, refused or alleged, not a second event:
# "urged Iran *to release*", "accused Greece *of violating*", "called for *strengthening*".
WEAPON_NOUNS = frozenset(
    {"missile", "rocket", "drone", "shell", "bomb", "warhead", "munition", "torpedo", "projectile",
     "mortar", "artillery", "tank", "jet", "warplane", "aircraft", "helicopter", "warship"}
)  # fmt: skip
PLACE_PREPS = frozenset({"in", "near", "outside", "inside", "across", "throughout", "within"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Roots whose events between coordinated subjects with no other recipient are mutual.
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})
ATTACK_CUES = frozenset(
    {"device", "ied", "explosive", "gunfire", "sniper", "mine", "minefield", "grenade", "gunman",
     "gunmen", "attacker", "assailant", "militant", "bomber", "suicide", "car-bomb", "landmine"}
)  # fmt: skip
DISASTER_NOUNS = frozenset(
    {"accident", "crash", "collision", "earthquake", "quake", "flood", "flooding", "storm",
     "hurricane", "cyclone", "typhoon", "landslide", "avalanche", "fire", "blaze", "wildfire",
     "outbreak", "epidemic", "disease", "heatwave", "stampede", "tsunami", "eruption", "drought"}
)  # fmt: skip
CONSUMING_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
DIRECTIVE_ROOTS = frozenset({"02", "10", "11", "12", "13"})
CONSUMED_DEPS = frozenset({"xcomp", "pcomp", "ccomp", "prep", "pobj", "dobj"})


class Grounder(Protocol):
    version: str

    def ground(self, adoc: AnnotatedDoc, trigger: int, pub_date: date | None) -> EventDate: ...


@dataclass(slots=True)
class _Candidate:
    trigger: Token
    rule: Rule
    code: str
    sources: list[Found]
    targets: list[Found]
    negated: bool = False
    intent: bool = False
    hypothetical: bool = False
    via_speaker: bool = False
    direct_target: bool = True  # object or "with"/"between" recipient: symmetric events mirror
    deep_target: bool = False  # the recipient was found deep inside a complement
    notes: list[str] = field(default_factory=list)


class EventCoder:
    """Turns one ``AnnotatedDoc`` into a list of ``Event`` records."""

    name = "coding.verbs"

    def __init__(
        self,
        lexicon: Lexicon,
        ontology: Ontology,
        resolver: Resolver,
        grounder: Grounder,
        versions: dict[str, str] | None = None,
        locator: Locator | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.locator = locator
        self.ontology = ontology
        self.resolver = resolver
        self.grounder = grounder
        self.version = f"{lexicon.version}; {ontology.version}"
        self.versions = dict(versions or {})

    def code(self, adoc: AnnotatedDoc) -> list[Event]:
        parse = Parse(adoc)
        pub = adoc.doc.date
        place_country = self.locator.country_of if self.locator is not None else None
        actors = DocumentActors(parse, self.resolver, pub, place_country)
        events: list[Event] = []
        seen: set[tuple[object, ...]] = set()
        for sentence in adoc.sentences:
            toks = parse.tokens[sentence.token_start : sentence.token_end]
            consumed: set[int] = set()
            # Subjects are remembered first so pronouns later in the sentence can use them.
            for tok in toks:
                if tok.dep in {"nsubj", "nsubjpass"}:
                    actors.remember(actors.at(tok.i, allow_coref=False), is_subject=True)
            for tok in toks:
                if tok.pos == "VERB" and tok.lemma.lower() in SPEECH_VERBS and tok.i not in consumed:
                    directive = self._directive(parse, actors, tok)
                    if directive is not None:
                        consumed.update(_complement_verbs(parse, tok.i))
                        for event in self._events(adoc, parse, actors, directive):
                            if _remember_once(seen, event):
                                events.append(event)
                        continue
                if tok.lemma.lower() in PART_NOUNS or tok.text.lower() == "nothing":
                    denial = self._denied_part(parse, actors, tok, events)
                    if denial is not None:
                        for event in self._events(adoc, parse, actors, denial):
                            if _remember_once(seen, event):
                                events.append(event)
                        continue
                if tok.pos not in {"VERB", "NOUN"} or self._lemma(tok) is None:
                    continue
                if tok.pos == "NOUN" and tok.dep not in {"ROOT"}:
                    continue  # nouns trigger only when the parser made them the clause head
                if tok.lemma.lower() in TOPIC_VERBS:
                    consumed.update(_complement_verbs(parse, tok.i))
                if tok.i in consumed or self._defers_to_complement(parse, tok):
                    continue
                if _is_purpose_of_visit(parse, tok):
                    continue
                for cand in self._candidates(parse, actors, tok):
                    if (
                        cand.code[:2] in CONSUMING_ROOTS
                        or cand.trigger.lemma.lower() in THREAT_VERBS
                        or cand.rule.xcomp
                    ):
                        consumed.update(_complement_verbs(parse, tok.i, infinitives=True))
                    for event in self._events(adoc, parse, actors, cand):
                        if _remember_once(seen, event):
                            events.append(event)
            for tok in toks:
                if tok.dep in {"dobj", "pobj", "dative"}:
                    actors.remember(actors.at(tok.i, allow_coref=False), is_subject=False)
        return _most_specific(events)

    # ------------------------------------------------------------ candidates
    def _candidates(self, parse: Parse, actors: DocumentActors, tok: Token) -> Iterable[_Candidate]:
        rule = self._match(parse, tok) or self._noun_rule(parse, tok)
        if rule is None:
            return []
        if _command(parse, tok) == "other":
            # "ordered Iran to release the sailors": a demand, whatever is demanded.
            rule = Rule(lemma=tok.lemma.lower(), code="100")
        passive = parse.is_passive(tok.i) or (
            tok.dep == "acl" and tok.tag == "VBN" and parse.child(tok.i, "agent") is not None
        )
        sources, via_speaker = self._sources(parse, actors, tok, passive)
        # Where talks or agreements happen is a venue; where strikes land is the target.
        venue = rule.code[:2] in MUTUAL_ROOTS and rule.code not in {"042", "043"}  # visits
        targets, how = self._targets(parse, actors, tok, passive, sources, venue)
        if rule.swap:
            sources, targets = self._swap_sources(parse, actors, tok, targets, sources)
        if not targets and rule.code[:2] in DIRECTIVE_ROOTS:
            # "demanded that the US cancel ...", "urged restraint by Iran": the recipient is
            # the one asked to act.
            targets = self._complement_subject(parse, actors, tok, sources)
        cand = _Candidate(
            tok, rule, rule.code, sources, targets, via_speaker=via_speaker,
            direct_target=how in {"object", "with", "between", "passive"},
            deep_target=how == "deep",
        )  # fmt: skip
        self._modality(parse, cand)
        return [cand]

    def _denied_part(
        self, parse: Parse, actors: DocumentActors, tok: Token, earlier: list[Event]
    ) -> _Candidate | None:
        """"had no involvement in the strike", "denied any role in the attack", "had nothing
        to do with the blast": the speaker's part in an incident, negated."""
        head = parse.head(tok.i)
        if tok.lemma.lower() == "nothing":
            do = next((c for c in parse.children(tok.i) if c.lemma.lower() == "do"), None)
            if do is None or tok.dep not in {"dobj", "attr"}:
                return None
            holder, below = head, do
        else:
            negated_det = any(c.dep == "det" and c.text.lower() == "no" for c in parse.children(tok.i))
            denied = head.lemma.lower() in DENIAL_VERBS and tok.dep == "dobj"
            if not (negated_det or denied) or tok.dep not in {"dobj", "attr"}:
                return None
            holder, below = head, tok
        if holder.pos not in {"VERB", "AUX"}:
            return None
        incident = None
        for c in parse.children(below.i):
            if c.dep == "prep" and c.text.lower() in {"in", "with", "for", "behind"}:
                incident = parse.child(c.i, "pobj")
                break
        code = self.lexicon.incidents.get(incident.lemma.lower()) if incident is not None else None
        targets: list[Found] = []
        if incident is not None:
            targets = [f for t in parse.subtree(incident.i) if t.dep in {"poss", "pobj", "amod", "compound"}
                       for f in actors.at(t.i, allow_coref=False)]
        if code is None or not targets:
            # "denied any involvement": the incident is the latest violent event reported
            # (one with a victim named, if any).
            violent = [e for e in earlier if e.cameo.root in VIOLENT_ROOTS and not e.negated]
            previous = next((e for e in reversed(violent) if e.target is not None), None)
            previous = previous or (violent[-1] if violent else None)
            if previous is None and code is None:
                return None
            if previous is not None:
                code = code or previous.cameo.code
                if not targets and previous.target is not None:
                    targets = [_found_from(previous.target)]
        if code is None:
            return None
        sources, via_speaker = self._sources(parse, actors, holder, False)
        keys = {_key(f) for f in sources}
        targets = [t for t in targets if _key(t) not in keys]
        cand = _Candidate(
            holder, Rule(lemma=holder.lemma.lower(), code=code), code, sources, targets,
            via_speaker=via_speaker, negated=True,
        )  # fmt: skip
        return cand

    def _complement_subject(
        self, parse: Parse, actors: DocumentActors, tok: Token, sources: list[Found]
    ) -> list[Found]:
        keys = {_key(f) for f in sources}
        obj = parse.child(tok.i, "dobj")
        clauses = parse.children(tok.i) + (parse.children(obj.i) if obj is not None else [])
        for c in clauses:
            if c.dep not in {"ccomp", "xcomp", "advcl", "acl"}:
                continue
            subj = parse.child(c.i, "nsubj", "nsubjpass")
            if subj is not None:
                found = [f for f in actors.at(subj.i) if _key(f) not in keys]
                owner = parse.child(subj.i, "poss")
                if not found and owner is not None:
                    # "calling Moon's appeal shameless": the appeal's author is the target.
                    found = [f for f in actors.at(owner.i) if _key(f) not in keys]
                if found:
                    return found
        return []

    def _directive(self, parse: Parse, actors: DocumentActors, tok: Token) -> _Candidate | None:
        """"X said (that) Y must/should do Z" is X demanding Z of Y (CAMEO 100)."""
        comp = next(
            (c for c in parse.children(tok.i) if c.dep in {"ccomp", "parataxis"} and c.pos in {"VERB", "AUX"}),
            None,
        )
        if comp is None:
            return None
        aux = {c.text.lower() for c in parse.children(comp.i) if c.dep in {"aux", "auxpass"}}
        if not aux & {"must", "should"}:
            return None
        subj_tok = parse.child(tok.i, "nsubj")
        target_tok = parse.child(comp.i, "nsubj", "nsubjpass")
        if subj_tok is None or target_tok is None:
            return None
        sources = actors.at(subj_tok.i)
        keys = {_key(f) for f in sources}
        targets = [f for f in actors.at(target_tok.i) if _key(f) not in keys]
        if not sources or not targets:
            return None
        rule = Rule(lemma=tok.lemma.lower(), code="100")
        cand = _Candidate(tok, rule, "100", sources, targets)
        self._modality(parse, cand)
        return cand

    def _defers_to_complement(self, parse: Parse, tok: Token) -> bool:
        """"agreed to restore relations", "promised to send aid": the intention is coded once,
        from the complement, which says what is intended. "Ordered troops to withdraw":
        a command to one's own forces is coded as the act it commands."""
        lemma = self._lemma(tok)
        if lemma in COMMAND_VERBS:
            if _command(parse, tok) != "own":
                return False
            own = self._match(parse, tok)
            if own is not None and own.obj:
                return False  # "ordered the newspaper to suspend publication": 1721
            return any(
                c.dep == "xcomp" and c.pos == "VERB" and self._match(parse, c) is not None
                for c in parse.children(tok.i)
            )
        if lemma not in INTENT_VERBS or lemma in THREAT_VERBS:
            return False
        own = self._match(parse, tok)
        if own is not None and own.xcomp:
            return False  # the lexicon codes this verb-plus-complement pair itself
        return any(
            c.dep == "xcomp" and c.pos == "VERB" and self._match(parse, c) is not None
            for c in parse.children(tok.i)
        )

    def _lemma(self, tok: Token) -> str | None:
        """The lexicon entry for a verb token, mending lemmatiser slips ("staged" → "stag")."""
        lemma = tok.lemma.lower()
        if lemma in self.lexicon:
            return lemma
        for guess in _base_forms(tok.text.lower()):
            if guess in self.lexicon:
                return guess
        return None

    def _noun_rule(self, parse: Parse, tok: Token) -> Rule | None:
        """"launched a mediation effort", "renewed negotiations": the event is in the noun."""
        if self._lemma(tok) not in self.lexicon.light_verbs or tok.pos != "VERB":
            return None
        obj = parse.child(tok.i, "dobj")
        if obj is None:
            # "engaged in ethnic cleansing", "remained on alert"
            for prep in parse.children(tok.i):
                if prep.dep == "prep" and prep.text.lower() in {"in", "on"}:
                    obj = parse.child(prep.i, "pobj")
                    if obj is not None:
                        break
        if obj is None:
            return None
        if obj.lemma.lower() in MEASURE_NOUNS:
            # "began two weeks of joint exercises", "a series of strikes"
            of = next((c for c in parse.children(obj.i) if c.dep == "prep" and c.text.lower() == "of"), None)
            inner = parse.child(of.i, "pobj") if of is not None else None
            if inner is not None:
                obj = inner
        for word in (obj.lemma.lower(), obj.text.lower()):
            if word in self.lexicon.nouns:
                return self.lexicon.nouns[word]
        # "a mediation effort", "a hunger strike": the event noun may be a compound modifier.
        for c in parse.children(obj.i):
            if c.dep in {"compound", "amod"} and c.lemma.lower() in self.lexicon.nouns:
                return self.lexicon.nouns[c.lemma.lower()]
        return None

    def _match(self, parse: Parse, tok: Token) -> Rule | None:
        lemma = self._lemma(tok) or tok.lemma.lower()
        below: set[str] | None = None
        preps: set[str] | None = None
        for rule in self.lexicon.rules(lemma):
            if rule.passive is not None and rule.passive != parse.is_passive(tok.i):
                continue
            if rule.particle and not any(
                # The parser tags "back" in "handed X back" advmod and "out" in "pulled out
                # of" prep: both are the phrasal verb's particle.
                c.dep in {"prt", "advmod", "prep"} and c.text.lower() in rule.particle
                for c in parse.children(tok.i)
            ):
                continue
            if rule.prep:
                if preps is None:
                    preps = {
                        c.text.lower()
                        for c in parse.children(tok.i)
                        if c.dep in {"prep", "prt", "agent", "dative", "advmod"}
                    }
                if not preps & rule.prep:
                    continue
            if rule.xcomp and not any(
                c.dep in {"xcomp", "ccomp"} and c.lemma.lower() in rule.xcomp
                for c in parse.children(tok.i)
            ):
                continue
            if rule.subj:
                subj = parse.child(tok.i, "nsubj", "nsubjpass")
                if subj is None or subj.lemma.lower() not in rule.subj:
                    continue
            if rule.obj or rule.not_obj:
                if below is None:
                    below = parse.lemmas_below(tok.i)
                if rule.obj and not below & rule.obj:
                    continue
                if rule.not_obj and below & rule.not_obj:
                    continue
            return rule
        return None

    # ------------------------------------------------------------ actors
    def _sources(
        self, parse: Parse, actors: DocumentActors, tok: Token, passive: bool
    ) -> tuple[list[Found], bool]:
        if passive:
            agent = parse.child(tok.i, "agent")
            if agent is not None:
                pobj = parse.child(agent.i, "pobj")
                if pobj is not None:
                    return actors.at(pobj.i), False
            return [], False
        if tok.dep == "acl":
            # "vessels firing water cannon": the noun the participle modifies acts.
            found = actors.at(tok.head)
            if found:
                return found, False
        subj_tok = self._subject(parse, tok)
        if subj_tok is not None:
            if subj_tok.head != subj_tok.i and subj_tok.dep in {"nsubj", "nsubjpass"}:
                found = actors.subjects(subj_tok.head, subj_tok.i)
            else:
                found = actors.at(subj_tok.i)
            if found or subj_tok.head == tok.i:
                # The clause has a subject of its own; if it is no known actor ("gunmen
                # killed ..., police said"), the speaker did not do it either.
                return found, False
        speaker = self._speaker(parse, tok)
        if speaker is not None:
            return actors.at(speaker.i), True
        return [], False

    def _subject(self, parse: Parse, tok: Token) -> Token | None:
        """The grammatical subject of the trigger's clause, climbing control chains."""
        current = tok
        for _ in range(6):
            subj = parse.child(current.i, "nsubj", "nsubjpass", "csubj")
            if subj is not None:
                if subj.tag in {"WP", "WDT"} or subj.text.lower() in {"who", "which", "that"}:
                    if current.dep == "relcl":
                        return parse.head(current.i)
                return subj
            head = parse.head(current.i)
            if head.i == current.i:
                return None
            if current.dep == "xcomp" and head.lemma.lower() in OBJECT_CONTROL:
                obj = parse.child(head.i, "dobj", "dative")
                if obj is not None:
                    return obj
            if current.dep == "relcl":
                return head
            if current.dep == "acl":
                # "the first nations to recognise X": the noun is the agent, or the copula's
                # subject when the noun is "one of the ... nations".
                noun = head
                climb = noun
                for _ in range(4):
                    if climb.dep in {"pobj", "prep", "attr"} or climb.lemma.lower() == "one":
                        climb = parse.head(climb.i)
                        continue
                    break
                subj = parse.child(climb.i, "nsubj")
                return subj if subj is not None else noun
            if current.dep in {"xcomp", "acomp", "conj", "advcl", "pcomp", "prep", "oprd"}:
                current = head
                continue
            return None
        return None

    def _speaker(self, parse: Parse, tok: Token) -> Token | None:
        """The subject of a speech verb that reports the trigger's clause."""
        for anc in parse.ancestors(tok.i):
            if anc.lemma.lower() in SPEECH_VERBS:
                return parse.child(anc.i, "nsubj")
        # "..., he said" is often parsed with the speech verb as a dependent of the trigger.
        for c in parse.children(tok.i):
            if c.dep in {"parataxis", "ccomp", "advcl"} and c.lemma.lower() in SPEECH_VERBS:
                return parse.child(c.i, "nsubj")
        return None

    def _targets(
        self,
        parse: Parse,
        actors: DocumentActors,
        tok: Token,
        passive: bool,
        sources: list[Found],
        venue: bool = False,
    ) -> tuple[list[Found], str]:
        """The recipient, and how it was found: "passive", "object", a preposition, "deep"."""
        source_keys = {_key(f) for f in sources}
        source_countries = {f.resolved.country for f in sources if f.resolved.country}
        weak: list[Found] = []

        def usable(found: list[Found]) -> list[Found]:
            # A bare sector noun ("its troops", "police") is a last resort: keep looking
            # for a recipient with a country.
            ok = [f for f in found if _key(f) not in source_keys]
            # Weapons are the means, not the recipient ("launched a long-range rocket").
            ok = [f for f in ok if not (f.resolved.kind == "sector" and f.token >= 0
                                        and parse.tokens[f.token].lemma.lower() in WEAPON_NOUNS)]
            # The source's own forces ("withdrew its troops") are not a recipient.
            ok = [f for f in ok if not (f.via == "context" and f.resolved.country in source_countries)]
            if ok and all(f.resolved.country is None and f.resolved.kind == "sector" for f in ok):
                if not weak:
                    weak.extend(ok)
                return []
            return ok

        if passive:
            subj = parse.child(tok.i, "nsubjpass")
            if subj is None and tok.dep == "conj":
                # "Vajpayee crossed into Pakistan and was welcomed by Sharif": the
                # shared subject is the one acted upon.
                subj = parse.child(tok.head, "nsubj", "nsubjpass")
            if subj is not None and (found := usable(actors.at(subj.i))):
                return found, "passive"
        kids = parse.children(tok.i)
        for c in kids:
            if c.dep in {"dobj", "dative", "iobj", "obj"} and (found := usable(actors.at(c.i))):
                return found, "object"
        by_prep = {c.text.lower(): c for c in kids if c.dep in {"prep", "dative"}}
        for prep in TARGET_PREPS:
            p = by_prep.get(prep)
            if p is None:
                continue
            pobj = parse.child(p.i, "pobj")
            if pobj is not None and (found := usable(actors.at(pobj.i))):
                return found, prep
        # Deeper: "recognise the independence of Kazakhstan", "sanctions on Russia",
        # "aligning strategies between China and Kazakhstan".
        for c in kids:
            if c.dep in SUBJECT_DEPS or c.dep in {"ccomp", "advcl", "relcl", "parataxis", "agent"}:
                continue
            if venue and c.dep == "prep" and c.text.lower() in PLACE_PREPS:
                continue  # "met in Singapore": where it happened, not with whom
            if c.dep == "conj" and c.pos in {"VERB", "AUX"} and parse.child(c.i, "nsubj") is not None:
                continue  # a clause with its own subject
            placed: set[int] = set()
            if venue:
                # "sealed an agreement in Vienna", "exercises near the Syrian border"
                for d in parse.subtree(c.i):
                    if d.dep == "prep" and d.text.lower() in PLACE_PREPS:
                        placed.update(t.i for t in parse.subtree(d.i))
            for d in parse.subtree(c.i):
                if d.i == c.i and d.dep in {"dobj", "dative"}:
                    continue
                if d.i in placed:
                    continue
                if d.dep in {"pobj", "poss", "dobj", "compound", "amod"} and d.head != tok.i:
                    if d.pos not in {"PROPN", "NOUN", "ADJ", "PRON"}:
                        continue
                    if d.dep in {"amod", "compound"} and parse.head(d.i).lemma.lower() in NOT_ACTOR_NOUNS:
                        continue  # "the Russian language" is not Russia
                    if d.pos == "PRON" and d.dep != "poss":
                        continue
                    found = usable(actors.at(d.i, allow_coref=d.dep == "poss"))
                    if found:
                        between = parse.head(d.i).text.lower() == "between"
                        return found, "between" if between else "deep"
        return weak, "weak"

    def _swap_sources(
        self,
        parse: Parse,
        actors: DocumentActors,
        tok: Token,
        targets: list[Found],
        sources: list[Found],
    ) -> tuple[list[Found], list[Found]]:
        """For "X received an award from Y" the giver is the source, X the target."""
        new_targets = sources
        keys = {_key(f) for f in new_targets}
        for d in parse.subtree(tok.i):
            if d.i == tok.i or d.dep in SUBJECT_DEPS:
                continue
            if d.dep in {"pobj", "amod", "compound", "poss"}:
                found = [f for f in actors.at(d.i, allow_coref=False) if _key(f) not in keys]
                if found:
                    return found, new_targets
        return [], new_targets

    # ------------------------------------------------------------ modality
    def _modality(self, parse: Parse, cand: _Candidate) -> None:
        tok = cand.trigger
        kids = parse.children(tok.i)
        if any(c.dep == "neg" or c.text.lower() in NEGATORS and c.dep == "advmod" for c in kids):
            cand.negated = True
        aux = {c.text.lower() for c in kids if c.dep in {"aux", "auxpass"}}
        if aux & HEDGE_MODALS:
            cand.hypothetical = True
        if aux & WILL_AUX:
            cand.intent = True
        if aux & {"would", "'d"} and tok.dep in {"ccomp", "conj"}:
            # "said it would allow ...": future in the past, reported.
            cand.intent = True
        # Conditionals: an "if" clause on the trigger, or the trigger inside one.
        condition = _condition(parse, tok.i)
        if condition == "unless" and (cand.intent or aux & WILL_AUX):
            # "will withdraw its force unless ...": an ultimatum, a threat.
            cand.code, cand.intent = "130", False
        elif condition:
            irrealis = set(aux)
            for anc in parse.ancestors(tok.i):
                irrealis |= {c.text.lower() for c in parse.children(anc.i) if c.dep in {"aux", "auxpass"}}
                if anc.dep != "xcomp":
                    break
            if irrealis & {"would", "'d", "could", "might"}:
                cand.hypothetical = True
        climb = tok
        for anc in parse.ancestors(tok.i):
            governed = climb.dep in {"xcomp", "conj"} or (
                climb.dep == "ccomp" and anc.lemma.lower() not in SPEECH_VERBS
            )
            if governed and _condition(parse, anc.i) == "if":
                # "would consider imposing sanctions if Russia invaded": the condition
                # governs the clause the act depends on.
                cand.hypothetical = True
            mark = parse.child(climb.i, "mark")
            if mark is not None and mark.text.lower() in CONDITION_MARKS and climb.dep == "advcl":
                cand.hypothetical = True
            lemma = anc.lemma.lower()
            anc_kids = parse.children(anc.i)
            if climb.dep in {"xcomp", "ccomp", "acomp", "advcl", "conj"}:
                negated_anc = any(c.dep == "neg" for c in anc_kids)
                if climb.dep in {"xcomp", "acomp"} and negated_anc:
                    cand.negated = True
                if climb.dep in {"ccomp", "xcomp"} and lemma in DENIAL_VERBS and not negated_anc:
                    cand.negated = True
                if climb.dep == "xcomp" and lemma in FAILURE_VERBS:
                    cand.negated = True
                if climb.dep in {"xcomp", "ccomp"} and lemma in INTENT_VERBS:
                    # A council that "voted to impose an embargo" imposed it; a cabinet that
                    # "voted to withdraw troops by July" intends to.
                    if not (lemma in DECISION_VERBS and cand.code[:2] in HOSTILE_ACT_ROOTS):
                        cand.intent = True
                if climb.dep in {"xcomp", "ccomp"} and lemma in THREAT_VERBS:
                    cand.intent = True
                if lemma in INTENT_ADJECTIVES:
                    cand.intent = True
                anc_aux = {c.text.lower() for c in anc_kids if c.dep in {"aux", "auxpass"}}
                if climb.dep in {"xcomp", "acomp"} and anc_aux & WILL_AUX:
                    cand.intent = True
            if climb.dep not in {"xcomp", "acomp", "conj", "aux", "prep", "pcomp"}:
                break
            climb = anc
        if cand.negated and (self._lemma(tok) or "") in REFUSAL_WHEN_NEGATED:
            # "will not accept refugees", "failed to reach agreement": a refusal, not a
            # negated cooperation.
            cand.code, cand.negated, cand.intent = "120", False, False
            return
        if cand.intent and not cand.hypothetical:
            intent_code = self.ontology.intent_code(cand.code)
            if intent_code is not None:
                cand.code = intent_code
            elif cand.code[:2] in {"03", "13"}:
                pass
        if cand.trigger.lemma.lower() in {"threaten", "warn"}:
            # "threatened to impose sanctions": the threat's kind comes from the complement.
            comp = next(
                (c for c in kids if c.dep in {"xcomp", "ccomp"} and self._lemma(c) is not None),
                None,
            )
            if comp is not None:
                inner = self._match(parse, comp)
                if inner is not None:
                    code = self.ontology.intent_code(inner.code)
                    if code is not None and code.startswith("13"):
                        cand.code = code
            cand.intent = False

    # ------------------------------------------------------------ events
    def _events(
        self, adoc: AnnotatedDoc, parse: Parse, actors: DocumentActors, cand: _Candidate
    ) -> list[Event]:
        sources = self._place(actors, cand.sources, cand.trigger.sent)
        targets = self._place(actors, cand.targets, cand.trigger.sent)
        # A recipient that is only a sector noun nobody can place ("joint military
        # exercises") is no recipient.
        targets = [t for t in targets if t.resolved.country or t.resolved.kind != "sector"]
        # A source must be placed: a country, an international body, or a named group.
        # Unidentified attackers ("gunmen killed five villagers") are the exception: the
        # attack on a placed victim is news even when nobody can say who did it.
        unknown_attackers = cand.code[:2] in VIOLENT_ROOTS and any(t.resolved.country for t in targets)
        sources = [
            s for s in sources
            if s.resolved.country or s.resolved.kind != "sector"
            or (unknown_attackers and s.resolved.sector == "REB")
        ]
        if not sources and unknown_attackers and _attack_in_clause(self.lexicon, parse, cand.trigger):
            # "Three civilians were killed in a car bombing in Baghdad", "a missile killed
            # two people in Przewodow": a violent event on a placed victim with no named
            # perpetrator has an unidentified source (CAMEO's UAF), not no event.
            sources = [_unidentified(cand.trigger)]
        source_countries = {s.resolved.country for s in sources}
        # A recipient placed by context in the source's own country and sector is the source
        # itself ("Russia withdrew its troops"), not a recipient.
        source_slots = {(s.resolved.country, s.resolved.sector) for s in sources}
        targets = [
            t for t in targets
            if not (t.via == "context" and (t.resolved.country, t.resolved.sector) in source_slots)
        ]
        if not sources:
            return []
        pairs: list[tuple[Found, Found | None]] = []
        foreign = [t for t in targets if t.resolved.country not in source_countries]
        if foreign and len(foreign) < len(targets):
            targets = foreign  # "between China and Kazakhstan", said by China: Kazakhstan
        elif not foreign and len(source_countries) >= 2 and cand.deep_target:
            # "Indian and Japanese soldiers began a joint exercise in the Indian state of
            # Mizoram": a place of one of the parties, not a recipient; they act together.
            targets = []
        if cand.trigger.lemma.lower() == "protest" and cand.code.startswith("14") and all(
            s.resolved.sector in {None, "GOV", "IGO"} and s.resolved.kind != "sector" for s in sources
        ):
            # A government or international body that "protests" complains; it does not march.
            cand.code = "114"
        if not targets and cand.code[:2] == "14" and len(sources) == 1 and sources[0].resolved.country:
            # Protest with no named target: directed at the government of the protesters'
            # own country (README, "Coding conventions").
            targets = [_government_of(sources[0])]
        if not targets and cand.rule.untargeted and cand.code == cand.rule.code:
            cand.code = cand.rule.untargeted  # "fired two missiles": a show of force
        if targets:
            pairs = [(s, t) for s in sources for t in targets if _key(s) != _key(t)]
            if cand.rule.symmetric and not cand.intent and cand.direct_target:
                pairs += [(t, s) for s in sources for t in targets if _key(s) != _key(t)]
        elif len(sources) >= 2 and (cand.rule.symmetric or cand.code[:2] in MUTUAL_ROOTS):
            # "China and Kazakhstan agreed ...", "the two countries will ...": each side
            # acts toward the other. ("France and Germany condemned the attack" does not.)
            pairs = [(s, t) for s in sources for t in sources if _key(s) != _key(t)]
        else:
            pairs = [(s, None) for s in sources]
        if not pairs:
            return []
        when = self.grounder.ground(adoc, cand.trigger.i, adoc.doc.date)
        sent = adoc.sentences[cand.trigger.sent]
        where = self._locate(adoc, parse, actors, cand, sources + targets)
        out = []
        for src, tgt in pairs:
            event = self._event(adoc, cand, src, tgt, when, sent.index)
            event.location = where
            out.append(event)
        return out

    def _locate(
        self,
        adoc: AnnotatedDoc,
        parse: Parse,
        actors: DocumentActors,
        cand: _Candidate,
        found: list[Found],
    ) -> Location | None:
        if self.locator is None:
            return None
        # The actors' own words are actors, not places ("Moscow warned London").
        sent = adoc.sentences[cand.trigger.sent]
        spans = []
        for f in found:
            m = f.mention
            lo = max(bisect_left(parse.starts, m.start), sent.token_start)
            hi = min(bisect_left(parse.starts, m.end), sent.token_end)
            if lo < hi:
                spans.append((lo, hi))
        countries = {c for c in actors.context if c}
        countries |= {f.resolved.country for f in found if f.resolved.country}
        return self.locator.locate(
            adoc, cand.trigger.i, spans, sorted(countries), event_root=cand.code[:2]
        )

    def _place(self, actors: DocumentActors, found: list[Found], sentence: int) -> list[Found]:
        out = []
        for f in found:
            weapon = f.token >= 0 and actors.parse.tokens[f.token].lemma.lower() in WEAPON_NOUNS
            if f.resolved.country is None and f.resolved.kind == "sector" and not weapon:
                # ("a roadside bomb" has no country the story can lend it)
                hint = actors.country_hint(sentence)
                if hint is not None:
                    f = with_country(f, hint)
            out.append(f)
        return out

    def _event(
        self,
        adoc: AnnotatedDoc,
        cand: _Candidate,
        src: Found,
        tgt: Found | None,
        when: EventDate,
        sentence_index: int,
    ) -> Event:
        cameo = self.ontology.cameo(cand.code)
        plover = self.ontology.plover(cand.code)
        if cand.rule.mode or cand.rule.context:
            from dataclasses import replace

            plover = replace(
                plover,
                mode=cand.rule.mode or plover.mode,
                context=tuple(dict.fromkeys(plover.context + cand.rule.context)),
            )
        sent = adoc.sentences[sentence_index]
        trig = cand.trigger
        confidence = 0.45
        confidence += 0.2 if src.via in {"kb", "surname"} else 0.1
        confidence += 0.15 if tgt is not None and tgt.via in {"kb", "surname"} else 0.05 if tgt else 0.0
        confidence += 0.1 if cand.rule.specificity else 0.0
        confidence -= 0.1 if cand.via_speaker else 0.0
        confidence -= 0.1 if src.via == "context" or (tgt and tgt.via == "context") else 0.0
        doc_id = adoc.doc.id
        raw = "|".join(
            [
                doc_id,
                str(sentence_index),
                str(trig.idx),
                src.mention.code or "",
                tgt.mention.code if tgt and tgt.mention.code else "",
                cand.code,
            ]
        )
        event_id = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
        return Event(
            event_id=event_id,
            doc_id=doc_id,
            source=src.mention,
            target=tgt.mention if tgt else None,
            cameo=cameo,
            plover=plover,
            when=when,
            sentence_index=sentence_index,
            sentence=Span(adoc.doc.text[sent.start : sent.end], sent.start, sent.end),
            trigger=Span(trig.text, trig.idx, trig.end),
            negated=cand.negated,
            intent=cand.intent or cameo.root == "03",
            hypothetical=cand.hypothetical,
            confidence=max(0.05, min(0.99, confidence)),
            pub_date=adoc.doc.date,
            versions=self.versions,
        )


def _found_from(mention: ActorMention) -> Found:
    """An actor of an earlier event, taken up again ("no involvement in the strike")."""
    resolved = ResolvedActor(
        name=mention.name or mention.text, country=mention.country, sector=mention.sector,
        code=mention.code or "", kb_id=mention.kb_id,
    )
    return Found(mention, resolved, "coref", -1)


def _key(f: Found) -> str:
    """Identity of an actor: "Iraqi Kurds" and "the Iraqi government" are different actors."""
    r = f.resolved
    return f"{r.kb_id or r.code or r.name}/{r.sector or ''}"


def _complement_verbs(parse: Parse, i: int, infinitives: bool = False) -> set[int]:
    """Verbs inside the complements of ``i`` (not inside other full clauses); with
    ``infinitives``, "to"-clauses parsed as adverbial too ("demanded the parties to allow")."""
    out: set[int] = set()
    kids = parse.children(i)
    if infinitives:
        out.update(
            k.i for k in kids
            if k.dep == "advcl" and any(a.dep == "aux" and a.text.lower() == "to" for a in parse.children(k.i))
        )
    last = max([i] + [k.i for k in kids if k.dep == "prt"])
    stack = [k.i for k in kids if k.dep in CONSUMED_DEPS]
    # A gerund right after the verb is its complement even when parsed as an adverbial
    # clause ("ruled out supplying missiles"); one after a comma is a clause of its own.
    stack += [k.i for k in kids if k.dep == "advcl" and k.tag == "VBG" and k.i == last + 1]
    while stack:
        j = stack.pop()
        out.add(j)
        stack.extend(k.i for k in parse.children(j) if k.dep in CONSUMED_DEPS | {"conj"})
    return out


def _command(parse: Parse, tok: Token) -> str | None:
    """For "ordered X to do Y": "own" when X is the commander's own apparatus ("troops",
    "his forces", "state companies"), "other" when X is another actor ("ordered Iran to ..."),
    None when ``tok`` commands nothing."""
    if tok.lemma.lower() not in COMMAND_VERBS or not any(c.dep == "xcomp" for c in parse.children(tok.i)):
        return None
    obj = parse.child(tok.i, "dobj")
    if obj is None:
        return "own"
    phrase = list(parse.subtree(obj.i))
    foreign = any(t.ent_type in {"GPE", "NORP"} for t in phrase)
    owned = any(t.lemma.lower() in {"his", "her", "its", "their"} for t in phrase)
    return "other" if foreign and not owned else "own"


def _condition(parse: Parse, i: int) -> str | None:
    """The mark ("if", "unless") of a condition clause governed by token ``i``."""
    for c in parse.children(i):
        if c.dep == "advcl":
            mark = parse.child(c.i, "mark")
            if mark is not None and mark.text.lower() in {"if", "unless"}:
                return mark.text.lower()
    return None


def _is_purpose_of_visit(parse: Parse, tok: Token) -> bool:
    """"will visit Eritrea to discuss ...", "arrived for talks": the talk is the visit's
    purpose, coded once as the visit."""
    if tok.lemma.lower() not in PURPOSES_OF_VISITS:
        return False
    head = parse.head(tok.i)
    return tok.dep in {"advcl", "xcomp"} and head.lemma.lower() in TRAVEL_VERBS and head.i != tok.i


def _remember_once(seen: set[tuple[object, ...]], event: Event) -> bool:
    """One event per (dyad, code, date, modality) per document: a story that restates its
    news must not count it twice."""
    key = (
        event.source.code if event.source else None,
        event.target.code if event.target else None,
        event.cameo.code,
        event.when.date,
        event.negated,
        event.hypothetical,
    )
    if key in seen:
        return False
    seen.add(key)
    return True


def _most_specific(events: list[Event]) -> list[Event]:
    """Within a sentence, one event per (source, target, PLOVER type, modality): "agreed to
    restore relations" is one intention, coded by its most specific CAMEO code."""
    best: dict[tuple[object, ...], Event] = {}
    for e in events:
        key = (
            e.sentence_index,
            e.source.code if e.source else None,
            e.target.code if e.target else None,
            e.plover.event_type,
            e.negated,
            e.hypothetical,
        )
        kept = best.get(key)
        if kept is None or _specificity(e.cameo.code) > _specificity(kept.cameo.code):
            best[key] = e
    # "met his Iraqi counterpart ... to discuss cooperation": a recipient-less event of the
    # same source and type in the same sentence adds nothing to the one with a recipient.
    with_target = {
        (e.sentence_index, e.source.code if e.source else None, e.plover.event_type)
        for e in best.values()
        if e.target is not None
    }
    chosen = {
        id(e)
        for e in best.values()
        if e.target is not None
        or (e.sentence_index, e.source.code if e.source else None, e.plover.event_type)
        not in with_target
    }
    return [e for e in events if id(e) in chosen]


def _specificity(code: str) -> int:
    return len(code) - (code.endswith("0") and len(code) == 3)


def _attack_in_clause(lexicon: Lexicon, parse: Parse, trigger: Token) -> bool:
    """Does the clause say it was an attack ("killed in a car bombing", "by an explosive
    device", "a missile killed") rather than an accident or a disaster?"""
    words = {t.lemma.lower() for t in parse.subtree(trigger.i)}
    if words & DISASTER_NOUNS:
        return False
    return bool(words & (ATTACK_CUES | WEAPON_NOUNS | set(lexicon.incidents)))


def _unidentified(trigger: Token) -> Found:
    actor = ResolvedActor(name="unidentified attackers", country=None, sector="UAF", code="UAF", kind="sector")
    mention = ActorMention(
        text="", start=trigger.idx, end=trigger.idx, name=actor.name, country=None, sector="UAF",
        code="UAF",
    )  # fmt: skip
    return Found(mention, actor, "context", -1)


def _government_of(found: Found) -> Found:
    country = found.resolved.country or ""
    gov = ResolvedActor(name=country, country=country, sector="GOV", code=f"{country}GOV", kb_id=country)
    m = found.mention
    mention = ActorMention(
        text="", start=m.end, end=m.end, name=country, country=country, sector="GOV",
        code=f"{country}GOV", kb_id=country,
    )  # fmt: skip
    return Found(mention, gov, "context", -1)


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of an inflected English verb, most likely first."""
    out = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2], word[:-3]]
    if word.endswith("ing"):
        out += [word[:-3] + "e", word[:-3], word[:-4]]
    if word.endswith("es"):
        out += [word[:-1], word[:-2]]
    elif word.endswith("s"):
        out.append(word[:-1])
    return [w for w in out if len(w) > 2]
