"""Give an event the date of the expression governing its clause.

Each date expression is attached to the clause verb it modifies (the first verb above it in
the parse). An event takes, in this order:

1. an expression of its own clause ("was shot ... on Tuesday"), or, when the event is a noun,
   one that modifies the noun itself ("Tuesday's attacks");
2. a tie to another event of the sentence: "two days after X stormed ..." dates the storming
   two days before the main clause, "hours after the attacks" dates the clause by the day
   the attacks have elsewhere in the story, "half a century after" makes it historical;
3. an expression of a non-finite complement it governs ("agreed to hold a summit on April
   27", "accused Israel of committing genocide ... on Thursday"), or of a participle on one
   of its arguments ("Erdogan, visiting Kyiv on Thursday, offered ...");
4. the same from the clauses above it, walking up through reported speech, complements,
   participles and coordinated clauses of the same tense ("He said on Monday that ...") but
   not out of a relative or a subordinate clause with its own subject ("Nazarbayev, who in
   2019 received ..." does not date the main verb, nor the main verb's date the relative).

An event with none of these is historical when it is in the past perfect or a "first to"
clause. Otherwise a past-tense event takes the date of the clause it is subordinate to
("detained on Friday after protesters rioted"), failing that the day of the story's lead
sentence; anything else the publication date (precision ``document``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from polybius.records import AnnotatedDoc, EventDate, Token
from polybius.temporal.expressions import (
    MONTHS,
    WEEKDAYS,
    Resolved,
    is_anchored,
    is_duration,
    resolve,
)

_EXTRA_DATE_WORDS = re.compile(
    r"\b(yesterday|today|tonight|tomorrow|overnight|midnight|" + "|".join(WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
_EXTRA_DATE_PHRASES = re.compile(
    r"\b((the|that) (same|next|following|previous) (day|night|morning|evening|afternoon)"
    r"|that (day|night|morning|evening|afternoon)|(earlier|later) (in|that) the day"
    r"|(earlier|later) that (day|night|morning|evening|afternoon)"
    r"|(hours|minutes|moments|a day|a week|(two|three|four|five|six|\d+) (days|weeks)) "
    r"(later|earlier)|the day (before|after))\b",
    re.IGNORECASE,
)
_PERFECT_AUX = frozenset({"had", "'d"})
_HISTORICAL_MODIFIERS = frozenset({"first", "last", "earliest", "initially", "once", "formerly"})
_DURATION_WORDS = frozenset({"past", "over", "for", "decades", "years", "centuries", "since"})
# Prepositions that make the expression after them a span, not a time: "within 14 months".
_SPAN_PREPOSITIONS = frozenset({"for", "within", "throughout"})
_SEQUENCE_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until", "upon"})
_DEADLINE_PREPOSITIONS = frozenset({"by", "until", "before"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MODAL_AUX = frozenset({"would", "could", "might", "should", "may", "can", "must", "ca"})
_PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})
_PRESENT_AUX = frozenset({"is", "are", "am", "has", "have", "does", "do", "'s", "'re", "'m", "'ve"})
# A token the tagger calls a verb but the parser uses as a noun ("data on missile launches").
_NOMINAL_DEPS = frozenset(
    {"pobj", "dobj", "nsubj", "nsubjpass", "attr", "compound", "appos", "poss"}
)
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Modifiers through which an expression dates a noun, not a clause ("Tuesday's attacks", "the
# killing of 26 tourists last month", "the March 2011 uprising").
_NOUN_ONLY_DEPS = frozenset({"poss", "npadvmod", "nmod", "compound", "amod", "nummod", "advmod"})
_YEAR_TOKEN = re.compile(r"(1[0-9]|20)\d\d")
# Parts of the day: "Thursday night" dates the night, so "Thursday" still dates the clause.
_DAY_PARTS = frozenset({"night", "morning", "afternoon", "evening", "midnight", "dawn", "noon"})
_MAX_NOUNS = 2
# "in retaliation for ...", "in response to ...": a date inside dates the earlier event that
# the phrase names as the cause, not the clause.
_CAUSE_NOUNS = frozenset({"retaliation", "response", "reaction", "revenge", "reprisal"})
_TIE_MARKS = frozenset({"after", "before"})
_TIE_UNITS = {"minute": 0, "hour": 0, "day": 1, "night": 1, "week": 7}
_LONG_UNITS = frozenset({"month", "year", "decade", "century"})
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Expr:
    """A date expression of the document and the clause it is attached to."""

    head: int  # head token of the expression
    start: int  # token span [start, end)
    end: int
    text: str
    sent: int
    verb: int | None  # the clause verb it modifies
    nouns: int  # nouns crossed on the way up to that verb ("a speech on Thursday": 1)
    noun_only: bool  # it dates a noun, not a clause ("Tuesday's attacks")
    path: frozenset[int]  # tokens between the expression and its verb


@dataclass(frozen=True, slots=True)
class _When:
    """A date found for a clause: ``resolved`` None means historical and undated."""

    resolved: Resolved | None
    text: str


class DateGrounder:
    """Grounds each event's date against the publication date (see module docstring)."""

    name = "temporal.rules"
    version = "temporal 3"

    def __init__(self) -> None:
        # The coder asks about one document's events in a row: keep that document's analysis.
        self._last: _DocumentTime | None = None

    def ground(self, adoc: AnnotatedDoc, trigger: int, pub_date: date | None) -> EventDate:
        doc_time = self._last
        if doc_time is None or doc_time.adoc is not adoc or doc_time.pub != pub_date:
            doc_time = self._last = _DocumentTime(adoc, pub_date)
        return doc_time.ground(trigger)


class _DocumentTime:
    """The date expressions of one document and the dates they give its clauses."""

    def __init__(self, adoc: AnnotatedDoc, pub: date | None) -> None:
        self.adoc = adoc
        self.tokens = adoc.tokens
        self.pub = pub
        self.exprs = _expressions(adoc)
        self.by_verb: dict[int, list[_Expr]] = {}
        for e in self.exprs:
            # Deep inside noun phrases ("in retaliation for strikes on its sites over the
            # weekend") an expression dates those nouns, not the clause.
            if e.verb is not None and not e.noun_only and e.nouns <= _MAX_NOUNS:
                self.by_verb.setdefault(e.verb, []).append(e)
        self._children: dict[int, list[Token]] = {}
        for t in self.tokens:
            if t.head != t.i:
                self._children.setdefault(t.head, []).append(t)
        self._resolved: dict[int, Resolved | None] = {}
        self._lede: tuple[int, date, str] | None | bool = False
        self._clause_dates: dict[int, _When | None] = {}

    # -- the event's date ---------------------------------------------------------------

    def ground(self, trigger: int) -> EventDate:
        trig = self.tokens[trigger]
        historical = _is_historical(self.adoc, trig)
        if self.pub is None:
            return EventDate(None, None, "unknown", text=None, historical=historical)
        when = self._own_date(trigger)
        if when is not None:
            r = when.resolved
            if r is None:
                return EventDate(None, None, "unknown", text=when.text, historical=True)
            past = r.date_end < self.pub - timedelta(days=31)
            return EventDate(r.date, r.date_end, r.precision, text=when.text,
                             historical=past or historical)  # fmt: skip
        if historical:
            return EventDate(None, None, "unknown", text=None, historical=True)
        verb = self._clause_verb(trigger)
        if verb is not None and self._tense(verb)[0] == "past":
            outer = self._outer_date(verb)
            if outer is not None and outer.resolved is not None:
                r = outer.resolved
                return EventDate(r.date, r.date_end, r.precision,
                                 text=f"{outer.text} (from the main clause)")  # fmt: skip
            lede = self._lede_date()
            if lede is not None and lede[0] <= trig.sent:
                # A story's later past-tense events without a date of their own happen on
                # the day its lead sentence gives ("Xi on Monday called ... He congratulated").
                return EventDate(lede[1], lede[1], "day", text=f"{lede[2]} (from the lead)")
        return EventDate(self.pub, self.pub, "document")

    def _own_date(self, trigger: int) -> _When | None:
        """The date that governs the trigger's clause, from its own expressions, ties,
        complements or the clauses above it (steps 1-4 of the module docstring)."""
        trig = self.tokens[trigger]
        if not _is_verbal(trig):
            # An event noun dated by its own modifier: "Tuesday's attacks", "talks on Monday".
            for e in sorted(self.exprs, key=lambda e: abs(e.head - trigger)):
                if trigger in e.path and (w := self._when(e)) is not None:
                    return w
        verb = self._clause_verb(trigger)
        if verb is None:
            return None
        return self._clause_date(verb)

    def _clause_date(self, verb: int, extended: bool = False) -> _When | None:
        """The date of the clause headed by ``verb`` or of the clauses it depends on.
        ``extended`` also walks out of relative and subordinate clauses."""
        key = verb if not extended else -1 - verb
        if key in self._clause_dates:
            return self._clause_dates[key]
        self._clause_dates[key] = None  # guards against cycles through ties
        found: _When | None = None
        v: int | None = verb
        for _ in range(8):
            if v is None:
                break
            found = self._local_date(v)
            if found is not None:
                break
            v = self._parent_clause(v, extended)
        self._clause_dates[key] = found
        return found

    def _local_date(self, verb: int) -> _When | None:
        """A date given in the clause of ``verb`` itself: its own expressions, a tie, its
        non-finite complements, a participle on one of its arguments."""
        own = self._best(self.by_verb.get(verb, []), verb)
        if own is not None:
            return own
        tie = self._tie(verb)
        if tie is not None:
            return tie
        below = [e for v in self._complements(verb) for e in self.by_verb.get(v, [])]
        if (w := self._best(below, verb)) is not None:
            return w
        beside = [e for v in self._argument_participles(verb) for e in self.by_verb.get(v, [])]
        return self._best(beside, verb)

    def _best(self, exprs: list[_Expr], verb: int) -> _When | None:
        # An expression right on the verb beats one reached through a noun ("declared a
        # ceasefire on Friday" still counts); among equals the nearest wins.
        for e in sorted(exprs, key=lambda e: (e.nouns, abs(e.head - verb))):
            if (w := self._when(e)) is not None:
                return w
        return None

    def _outer_date(self, verb: int) -> _When | None:
        """For a past-tense clause without a date: the date of the clause it is part of,
        out of relative and subordinate clauses ("detained on Friday after protesters
        rioted", "a car bombing that killed ..."), skipping its own clause."""
        parent = self._parent_clause(verb, extended=True)
        if parent is None:
            return None
        return self._clause_date(parent, extended=True)

    # -- expressions ----------------------------------------------------------------------

    def _when(self, e: _Expr) -> _When | None:
        if (
            e.start > 0
            and self.tokens[e.start - 1].text.lower() in _DEADLINE_PREPOSITIONS
            and e.verb is not None
            and (self._tense(e.verb)[1] or _is_infinitive(self.adoc, e.verb))
        ):
            return None  # "voted to withdraw troops by July": a deadline, not the act's day
        r = self._resolve(e)
        return None if r is None else _When(r, e.text)

    def _resolve(self, e: _Expr) -> Resolved | None:
        if e.start in self._resolved:
            return self._resolved[e.start]
        self._resolved[e.start] = None  # guards against cycles through anchors
        assert self.pub is not None
        prospective = self._tense(e.verb)[1] if e.verb is not None else False
        anchor = self._anchor(e) if is_anchored(e.text) else None
        r = resolve(e.text, self.pub, future=prospective, anchor=anchor)
        if (
            r is not None
            and not prospective
            and e.verb is not None
            and _is_infinitive(self.adoc, e.verb)
            and any(w in MONTHS for w in re.findall(r"[a-z]+", e.text.lower()))
        ):
            # "agreed to hold a summit on April 27": an infinitive looks forward from its
            # past-tense verb, so the nearer of last and next April 27 is meant.
            ahead = resolve(e.text, self.pub, future=True)
            if ahead is not None and abs(ahead.date - self.pub) < abs(r.date - self.pub):
                r = ahead
        self._resolved[e.start] = r
        return r

    def _anchor(self, e: _Expr) -> date | None:
        """The story's day for "the same day", "hours later": the clause this one hangs
        from, else the latest date told before it, else the lead."""
        if e.verb is not None:
            parent = self._parent_clause(e.verb, extended=True)
            if parent is not None:
                w = self._clause_date(parent, extended=True)
                if w is not None and w.resolved is not None and w.resolved.precision == "day":
                    return w.resolved.date
        for other in sorted(self.exprs, key=lambda o: -o.head):
            if other.head >= e.start or other.noun_only or is_anchored(other.text):
                continue
            r = self._resolve(other)
            if r is not None and r.precision == "day":
                return r.date
        lede = self._lede_date()
        return lede[1] if lede else None

    # -- ties between events ----------------------------------------------------------------

    def _tie(self, verb: int) -> _When | None:
        """ "two days after X stormed" (the clause of X), "hours after the attacks" (the
        clause it modifies), "more than half a century after ..." (historical)."""
        kids = self._children.get(verb, [])
        marks = [c for c in kids if c.dep == "mark" and c.text.lower() in _TIE_MARKS]
        candidates = list(kids)
        if marks and self.tokens[verb].dep == "advcl":
            # "The move came a day after Hasina resigned": the parser may hang "a day" on the
            # main verb, right before the "after" of this clause.
            candidates += [
                c
                for c in self._children.get(self.tokens[verb].head, [])
                if c.i < marks[0].i
                and not any(t.dep == "punct" for t in self.tokens[c.i : marks[0].i])
            ]
        for unit in candidates:
            if unit.dep != "npadvmod" or self._unit(unit) is None:
                continue
            if not is_duration(_subtree_text(self.adoc, unit.i)):
                continue  # "last month after ...": a date of the main clause, not a tie
            if marks:
                # The clause is the earlier (or later) event: count back from the main clause.
                main = self._parent_clause(verb, extended=True)
                sign = -1 if marks[0].text.lower() == "after" else 1
                return self._offset(unit, main, sign, f"{_subtree_text(self.adoc, unit.i)} "
                                    f"{marks[0].text}")  # fmt: skip
        for prep in kids:
            if prep.dep != "prep" or prep.text.lower() not in _TIE_MARKS:
                continue
            units = [c for c in self._children.get(prep.i, []) if c.dep == "npadvmod"]
            if prep.i > 0 and self._unit(self.tokens[prep.i - 1]) is not None:
                units.append(self.tokens[prep.i - 1])  # "hours after", whatever the parse
            objects = [c for c in self._children.get(prep.i, []) if c.dep == "pobj"]
            if not units or not objects or self._unit(units[0]) is None:
                continue
            # "telephoned Bush hours after the attacks": the attacks' own date, found where
            # the story dates a noun of the same word ("Tuesday's attacks").
            noun = objects[0]
            for e in self.exprs:
                if e.head < noun.i and any(
                    self.tokens[j].lemma.lower() == noun.lemma.lower() and j != noun.i
                    for j in e.path
                ):
                    base = self._resolve(e)
                    if base is not None and base.precision == "day":
                        sign = 1 if prep.text.lower() == "after" else -1
                        return self._shift(units[0], base.date, sign,
                                           f"{_subtree_text(self.adoc, units[0].i)} {prep.text} "
                                           f"{e.text}")  # fmt: skip
        return None

    def _offset(self, unit: Token, main: int | None, sign: int, text: str) -> _When | None:
        name, count = self._unit(unit) or ("", None)
        if name in _LONG_UNITS and count is None:
            return _When(None, text)  # "half a century after": long ago, no date
        if main is None:
            return None
        base = self._clause_date(main, extended=True)
        if base is None or base.resolved is None:
            lede = self._lede_date()
            if lede is None or self._tense(main)[0] != "past":
                return None
            base_day = lede[1]
        elif base.resolved.precision == "day" or (
            name == "year" and base.resolved.precision in {"month", "year"}
        ):
            base_day = base.resolved.date  # "in 2015, 54 years after ...": 1961
        else:
            return None
        return self._shift(unit, base_day, sign, text)

    def _shift(self, unit: Token, base: date, sign: int, text: str) -> _When | None:
        name, count = self._unit(unit) or ("", None)
        if name in _TIE_UNITS:
            days = _TIE_UNITS[name] * (count if count is not None else 0)
            if count is None and _TIE_UNITS[name] > 0:
                return None  # "days after": how many is not said
            d = base + timedelta(days=sign * days)
            return _When(Resolved(d, d, "day"), text)
        if count is None:
            return _When(None, text)
        if name == "month":
            m = base.month - 1 + sign * count
            y, m = base.year + m // 12, m % 12 + 1
            last = calendar.monthrange(y, m)[1]
            return _When(Resolved(date(y, m, 1), date(y, m, last), "month"), text)
        if name == "year":
            y = base.year + sign * count
            return _When(Resolved(date(y, 1, 1), date(y, 12, 31), "year"), text)
        return _When(None, text)

    def _unit(self, t: Token) -> tuple[str, int | None] | None:
        """("day", 2) for "two days", ("day", 1) for "a day", ("hour", None) for "hours" and
        ("century", None) for "half a century" (no exact count); None if not a unit of time."""
        lemma = t.lemma.lower()
        if lemma.endswith("s") and lemma[:-1] in _TIE_UNITS.keys() | _LONG_UNITS:
            lemma = lemma[:-1]
        if lemma in {"centurie", "centuries"}:
            lemma = "century"
        if lemma not in _TIE_UNITS and lemma not in _LONG_UNITS:
            return None
        count: int | None = None
        for c in self._children.get(t.i, []):
            word = c.text.lower()
            if c.dep in {"quantmod", "advmod", "amod"} or word in {"half", "several", "few"}:
                return lemma, None  # "more than half a century", "several days"
            if c.dep in {"nummod", "det"}:
                if any(
                    g.dep in {"quantmod", "advmod", "amod"} for g in self._children.get(c.i, [])
                ):
                    return lemma, None  # "more than 50 years", "about two weeks"
                if word.isdigit():
                    count = int(word)
                elif word in _COUNT_WORDS:
                    count = _COUNT_WORDS[word]
        return lemma, count

    # -- the lead ----------------------------------------------------------------------------

    def _lede_date(self) -> tuple[int, date, str] | None:
        """The day a story's lead gives for its news: a day-precise date expression attached
        to a past-tense clause in the first two sentences, within a week before publication."""
        if self._lede is not False:
            return self._lede  # type: ignore[return-value]
        self._lede = None
        found: tuple[int, date, str] | None = None
        assert self.pub is not None
        for e in self.exprs:
            if e.sent > 1:
                break
            if e.noun_only or e.verb is None or e.nouns > _MAX_NOUNS or is_anchored(e.text):
                continue
            if self._tense(e.verb)[0] != "past":
                continue
            r = self._resolve(e)
            if r is None or r.precision != "day":
                continue
            if 0 <= (self.pub - r.date).days <= 7:
                found = (e.sent, r.date, e.text)
                break
        self._lede = found
        return found

    # -- clause structure ---------------------------------------------------------------------

    def _clause_verb(self, i: int) -> int | None:
        return i if _is_verbal(self.tokens[i]) else _first_verb_above(self.tokens, i)

    def _parent_clause(self, verb: int, extended: bool) -> int | None:
        """The clause ``verb``'s clause belongs to, if its time is that clause's time.
        Relative clauses and subordinate clauses with their own subject have their own time
        (unless ``extended``); a coordinated clause that changes tense ("had set fire ...,
        and he declared") never shares its neighbour's."""
        t = self.tokens[verb]
        if t.head == verb:
            return None
        if not extended and (
            t.dep in {"relcl", "acl"} or (t.dep == "advcl" and self._has_own_clause(verb))
        ):
            return None
        if (
            t.dep == "conj"
            and self._perfect(verb) != self._perfect(t.head)
            and any(c.dep in {"nsubj", "nsubjpass"} for c in self._children.get(verb, []))
        ):
            return None  # "had set fire ..., and he declared": (but "had seized ... and held")
        if t.dep == "conj" and self._returns_to_main_clause(verb):
            return _first_verb_above(self.tokens, self.tokens[t.head].head)
        return _first_verb_above(self.tokens, t.head)

    def _returns_to_main_clause(self, verb: int) -> bool:
        """ "launched drills on Thursday, three days after Lai took office, and called ...":
        a subjectless ", and ..." after a subordinate clause with its own subject continues
        the main clause, though the parser joins it to the subordinate one."""
        head = self.tokens[self.tokens[verb].head]
        if head.dep != "advcl" or not self._has_own_clause(head.i):
            return False
        if any(c.dep in {"nsubj", "nsubjpass"} for c in self._children.get(verb, [])):
            return False
        i = verb - 1
        while i > head.i and self.tokens[i].dep in {"advmod", "neg"}:
            i -= 1
        return self.tokens[i].dep == "cc" and self.tokens[i - 1].text == ","

    def _has_own_clause(self, i: int) -> bool:
        """An adverbial clause with its own subject or conjunction ("after X had ...") has its
        own time; a bare participle ("..., calling for independence") shares its head's."""
        return any(c.dep in {"nsubj", "nsubjpass", "mark"} for c in self._children.get(i, []))

    def _complements(self, verb: int) -> list[int]:
        """Non-finite clauses under ``verb`` that share its time: "agreed to hold ...",
        "accused X of committing ...", "fired tear gas to disperse ...", "was ready to ..."."""
        out: list[int] = []
        frontier = [verb]
        for _ in range(3):
            nxt: list[int] = []
            for v in frontier:
                for c in self._children.get(v, []):
                    if c.dep in {"xcomp", "acomp"} or (
                        c.dep == "advcl" and not self._has_own_clause(c.i)
                    ):
                        nxt.append(c.i)
                    elif c.dep == "prep" and c.text.lower() not in _SEQUENCE_PREPOSITIONS:
                        # "accused X of committing ...", but not "after flying ...": that
                        # is another, earlier act.
                        nxt += [g.i for g in self._children.get(c.i, []) if g.dep == "pcomp"]
            out += nxt
            frontier = nxt
        return out

    def _argument_participles(self, verb: int) -> list[int]:
        """Present participles on the subject or object: "Erdogan, visiting Kyiv on
        Thursday, offered ...", "withdrew a bill containing ... on Wednesday"."""
        out: list[int] = []
        for arg in self._children.get(verb, []):
            if arg.dep in _ARGUMENT_DEPS:
                out += [
                    p.i for p in self._children.get(arg.i, []) if p.dep == "acl" and p.tag == "VBG"
                ]
        return out

    def _aux(self, i: int) -> set[str]:
        return {c.text.lower() for c in self._children.get(i, []) if c.dep in {"aux", "auxpass"}}

    def _perfect(self, i: int) -> bool:
        return bool(self._aux(i) & _PERFECT_AUX) and self.tokens[i].tag == "VBN"

    def _tense(self, verb: int) -> tuple[str, bool]:
        """(tense, prospective) of the clause at ``verb``: tense is that of the finite verb
        governing it ("past", "present", "future"); prospective when the clause looks
        forward from it ("will visit", "said he would", "is due to meet")."""
        i = verb
        prospective = False
        for _ in range(8):
            t = self.tokens[i]
            aux = self._aux(i)
            if aux & _FUTURE_AUX:
                return "future", True
            if aux & _MODAL_AUX:
                # "said he would impose": the modal looks forward from the reporting verb.
                if t.dep == "ccomp" and t.head != i:
                    prospective = True
                    i = _first_verb_above(self.tokens, t.head) or t.head
                    continue
                return "present", True
            if t.tag == "VBD" or aux & _PAST_AUX:
                return "past", prospective
            if t.tag in {"VBZ", "VBP"} or aux & _PRESENT_AUX:
                return "present", prospective or "to" in aux
            if t.dep == "acl" and t.tag == "VBN":
                return "past", prospective  # "talks brokered by Saudi Arabia"
            if t.head == i:
                return ("past" if t.tag == "VBN" else "present"), prospective
            if "to" in aux:
                prospective = True  # an infinitive: forward from its governing verb
            parent = _first_verb_above(self.tokens, t.head)
            if parent is None:
                return "present", prospective
            if (
                prospective
                and "to" in aux
                and self.tokens[parent].tag == "VBD"
                and not self.by_verb.get(parent)
            ):
                # "applied to join NATO on Wednesday": a past verb without a date of its own
                # lends its tense to the date the parser hung on its infinitive ("agreed on
                # Monday to meet on Friday" keeps the infinitive's own, forward date).
                prospective = False
            i = parent
        return "present", prospective


# -- expressions of a document ----------------------------------------------------------------


def _expressions(adoc: AnnotatedDoc) -> list[_Expr]:
    """Every date expression of the document, in text order, with its attachment."""
    tokens = adoc.tokens
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    other_entities: set[int] = set()
    merged: list[list[int]] = []
    for ent in sorted(adoc.entities, key=lambda e: e.token_start):
        if ent.label not in {"DATE", "TIME"}:
            other_entities.update(range(ent.token_start, ent.token_end))
        elif merged and merged[-1][1] == ent.token_start:
            merged[-1][1] = ent.token_end  # "Thursday" + "night" come as two entities
        else:
            merged.append([ent.token_start, ent.token_end])
    for ent_start, ent_end in merged:
        # "on Tuesday, two days after ..." comes as one entity: split it at commas, but not
        # before a year ("Aug. 6, 1945").
        start = ent_start
        for i in range(ent_start, ent_end + 1):
            at_comma = i < ent_end and tokens[i].text in {",", ";"}
            if at_comma and i + 1 < ent_end and _YEAR_TOKEN.fullmatch(tokens[i + 1].text):
                continue
            if i == ent_end or at_comma:
                if i > start:
                    spans.append((start, i))
                start = i + 1
        covered.update(range(ent_start, ent_end))
    for tok in tokens:
        if tok.i in covered or tok.i in other_entities or tok.dep == "compound":
            continue  # "the Good Friday Agreement" names no day
        if _EXTRA_DATE_WORDS.fullmatch(tok.text):
            spans.append((tok.i, tok.i + 1))
            covered.add(tok.i)
    # Ties the recogniser often misses: "released him the following day", "hours later".
    starts = {t.idx: t.i for t in tokens}
    ends = {t.end: t.i for t in tokens}
    for m in _EXTRA_DATE_PHRASES.finditer(adoc.doc.text):
        first, last = starts.get(m.start()), ends.get(m.end())
        if first is None or last is None or covered & set(range(first, last + 1)):
            continue
        spans.append((first, last + 1))
        covered.update(range(first, last + 1))
    out: list[_Expr] = []
    for start, end in sorted(spans):
        text = _span_text(adoc, start, end)
        words = set(text.lower().split())
        if words & _DURATION_WORDS and not re.search(
            r"\b(ago|earlier|later|weekend)\b", text.lower()
        ):
            continue  # "the past three decades" is a span of time, not a date
        head = _span_head(adoc, start, end)
        if (
            start > 0
            and tokens[start - 1].text.lower() in _TIE_MARKS
            and tokens[head].head == start - 1
        ):
            start -= 1  # "after midnight" is the next day, "before midnight" the same
            text = _span_text(adoc, start, end)
        if start > 0 and tokens[start - 1].text.lower() in _SPAN_PREPOSITIONS:
            continue  # "within 14 months"
        if (
            tokens[head].head < start
            and tokens[tokens[head].head].text.lower() in _SPAN_PREPOSITIONS
        ):
            continue
        verb, nouns, noun_only, path = _attachment(tokens, head)
        if verb is not None and _before_clause(adoc, verb, start, end):
            # "said on Monday he would impose ...", "imposed sanctions last month after its
            # forces ...": the parser hangs the date on the verb of the clause that follows
            # it, but standing before that clause it belongs to the one it follows.
            verb = _first_verb_above(tokens, tokens[verb].head)
        out.append(_Expr(head, start, end, text, tokens[start].sent, verb, nouns, noun_only, path))
    return out


def _before_clause(adoc: AnnotatedDoc, verb: int, start: int, end: int) -> bool:
    """Does the expression [start, end) stand between a verb and the start (subject or
    conjunction) of the reported or subordinate clause ``verb`` that follows it?"""
    v = adoc.tokens[verb]
    if v.dep not in {"ccomp", "advcl"} or v.head >= start or verb < end:
        return False
    if v.dep == "advcl" and is_duration(_span_text(adoc, start, end)):
        return False  # "a day after X": a tie, which stays with the after-clause
    opening = [c.i for c in adoc.children(verb) if c.dep in {"nsubj", "nsubjpass", "expl", "mark"}]
    return bool(opening) and min(opening) >= end


def _attachment(tokens: list[Token], head: int) -> tuple[int | None, int, bool, frozenset[int]]:
    """(verb, nouns crossed, dates only a noun, tokens on the way) for an expression."""
    path: list[int] = []
    nouns = 0
    noun_only = False
    i = head
    first = True
    for _ in range(14):
        t = tokens[i]
        if t.head == i:
            return (i if _is_verbal(t) else None), nouns, noun_only, frozenset(path)
        up = tokens[t.head]
        if (
            first
            and t.dep in _NOUN_ONLY_DEPS
            and up.pos in {"NOUN", "PROPN"}
            and not _is_verbal(up)
            and up.lemma.lower() not in _DAY_PARTS
            # an adverb-like date ("... last month") on the verb's own object may be a
            # misattached date of the verb ("condemned the attack yesterday")
            and not (t.dep in {"npadvmod", "advmod"} and up.dep in _ARGUMENT_DEPS | {"attr"})
        ):
            noun_only = True  # "Tuesday's attacks", "the killing ... last month"
        first = False
        i = t.head
        path.append(i)
        if _is_verbal(up):
            return i, nouns, noun_only, frozenset(path)
        if up.pos in {"NOUN", "PROPN", "PRON"} or up.pos == "VERB":
            nouns += 1
            if up.lemma.lower() in _CAUSE_NOUNS and up.dep == "pobj":
                noun_only = True  # "in retaliation for strikes ... over the weekend": the cause
    return None, nouns, noun_only, frozenset(path)


def _span_text(adoc: AnnotatedDoc, start: int, end: int) -> str:
    first, last = adoc.tokens[start], adoc.tokens[end - 1]
    return adoc.doc.text[first.idx : last.end]


def _subtree_text(adoc: AnnotatedDoc, i: int) -> str:
    """The words of a short phrase headed by ``i`` ("two days", "hours")."""
    tokens = adoc.tokens
    start = i
    while start > 0 and tokens[start - 1].head == i and tokens[start - 1].sent == tokens[i].sent:
        start -= 1
    return _span_text(adoc, start, i + 1)


def _span_head(adoc: AnnotatedDoc, start: int, end: int) -> int:
    for i in range(start, end):
        h = adoc.tokens[i].head
        if h < start or h >= end or h == i:
            return i
    return start


def _is_verbal(t: Token) -> bool:
    """A clause head: a verb (or copula) that the parser does not use as a noun."""
    return t.pos in {"VERB", "AUX"} and t.dep != "aux" and t.dep not in _NOMINAL_DEPS


def _first_verb_above(tokens: list[Token], i: int) -> int | None:
    for _ in range(14):
        t = tokens[i]
        if _is_verbal(t):
            return i
        if t.head == i:
            return i if t.pos in {"VERB", "AUX"} else None
        i = t.head
    return None


def _is_infinitive(adoc: AnnotatedDoc, i: int) -> bool:
    return any(c.dep == "aux" and c.tag == "TO" for c in adoc.children(i))


def _is_historical(adoc: AnnotatedDoc, trig: Token) -> bool:
    """Past-perfect clauses and "one of the first nations to ..." look back in time."""
    # Past perfect looks back, except in reported speech where it is just the backshifted
    # simple past ("denied that its jets had entered").
    aux = {c.text.lower() for c in adoc.children(trig.i) if c.dep in {"aux", "auxpass"}}
    if aux & _PERFECT_AUX and trig.tag == "VBN" and trig.dep != "ccomp":
        return True
    infinitive = any(c.dep == "aux" and c.tag == "TO" for c in adoc.children(trig.i))
    if (
        trig.dep in {"acl", "xcomp"} or (trig.dep == "relcl" and infinitive)
    ) and trig.head < trig.i:
        # "one of the first nations to recognise", "the last country to leave"
        between = adoc.tokens[trig.head : trig.i]
        if any(
            t.lemma.lower() in _HISTORICAL_MODIFIERS and t.dep in {"amod", "advmod"}
            for t in between
        ):
            return True
    return False
