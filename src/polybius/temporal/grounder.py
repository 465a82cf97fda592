"""Give an event the date of the expression governing its clause.

A date expression belongs to an event when, walking up the parse from the expression,
the first verb reached is the trigger or a verb whose clause contains the trigger
("Xi on Monday called for ...", "He said on Monday that ... would ..."). An expression
inside another clause ("Nazarbayev, who in 2019 received ...") does not date the main verb.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from polybius.records import AnnotatedDoc, EventDate, Token
from polybius.temporal.expressions import WEEKDAYS, resolve

_EXTRA_DATE_WORDS = re.compile(
    r"\b(yesterday|today|tonight|tomorrow|" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE
)
_PERFECT_AUX = frozenset({"had", "'d"})
_HISTORICAL_MODIFIERS = frozenset({"first", "last", "earliest", "initially", "once", "formerly"})
_DURATION_WORDS = frozenset({"past", "over", "for", "decades", "years", "centuries", "since"})


class DateGrounder:
    """Grounds each event's date against the publication date (see module docstring)."""

    name = "temporal.rules"
    version = "temporal 2"

    def __init__(self) -> None:
        self._ledes: dict[tuple[str, int], tuple[int, date, str] | None] = {}

    def ground(self, adoc: AnnotatedDoc, trigger: int, pub_date: date | None) -> EventDate:
        tokens = adoc.tokens
        trig = tokens[trigger]
        future = _is_future(adoc, trig)
        historical = _is_historical(adoc, trig)
        expressions = _expressions(adoc, trig.sent)
        best: tuple[int, str] | None = None
        for head, text in expressions:
            if _governs(adoc, head, trigger):
                if best is None or abs(head - trigger) < abs(best[0] - trigger):
                    best = (head, text)
        if best is not None and pub_date is not None:
            resolved = resolve(best[1], pub_date, future=future)
            if resolved is not None:
                past = resolved.date_end < pub_date - timedelta(days=31)
                return EventDate(
                    resolved.date,
                    resolved.date_end,
                    resolved.precision,
                    text=best[1],
                    historical=past or historical,
                )
        if historical:
            return EventDate(None, None, "unknown", text=None, historical=True)
        if pub_date is None:
            return EventDate(None, None, "unknown")
        if trig.tag == "VBD" and not future:
            lede = self._lede_date(adoc, pub_date)
            if lede is not None and lede[0] <= trig.sent:
                # A story's later past-tense events without a date of their own happen on
                # the day its lead sentence gives ("Xi on Monday called ... He congratulated").
                return EventDate(lede[1], lede[1], "day", text=f"{lede[2]} (from the lead)")
        return EventDate(pub_date, pub_date, "document")

    def _lede_date(self, adoc: AnnotatedDoc, pub_date: date) -> tuple[int, date, str] | None:
        """The day a story's lead gives for its news: a day-precise date expression attached
        to a past-tense verb in the first two sentences, within a week before publication."""
        key = (adoc.doc.id, len(adoc.tokens))
        if key in self._ledes:
            return self._ledes[key]
        found: tuple[int, date, str] | None = None
        for sent in adoc.sentences[:2]:
            for head, text in _expressions(adoc, sent.index):
                verb = _first_verb_above(adoc.tokens, head)
                if verb is None or adoc.tokens[verb].tag != "VBD":
                    continue
                resolved = resolve(text, pub_date, future=False)
                if resolved is None or resolved.precision != "day":
                    continue
                if 0 <= (pub_date - resolved.date).days <= 7:
                    found = (sent.index, resolved.date, text)
                    break
            if found:
                break
        if len(self._ledes) > 1024:
            self._ledes.clear()
        self._ledes[key] = found
        return found


def _expressions(adoc: AnnotatedDoc, sent_index: int) -> list[tuple[int, str]]:
    """(head token, text) of each date expression in the sentence."""
    sent = adoc.sentences[sent_index]
    out: list[tuple[int, str]] = []
    covered: set[int] = set()
    for ent in adoc.entities:
        if ent.token_start < sent.token_start or ent.token_end > sent.token_end:
            continue
        if ent.label not in {"DATE", "TIME"}:
            continue
        words = set(ent.text.lower().split())
        if words & _DURATION_WORDS and not re.search(r"\b(ago|earlier|later)\b", ent.text.lower()):
            continue  # "the past three decades" is a span of time, not a date
        head = _span_head(adoc, ent.token_start, ent.token_end)
        out.append((head, ent.text))
        covered.update(range(ent.token_start, ent.token_end))
    for tok in adoc.tokens[sent.token_start : sent.token_end]:
        if tok.i not in covered and _EXTRA_DATE_WORDS.fullmatch(tok.text):
            out.append((tok.i, tok.text))
    return out


def _span_head(adoc: AnnotatedDoc, start: int, end: int) -> int:
    for i in range(start, end):
        h = adoc.tokens[i].head
        if h < start or h >= end or h == i:
            return i
    return start


def _governs(adoc: AnnotatedDoc, head: int, trigger: int) -> bool:
    """Does the expression at ``head`` modify the trigger's clause?"""
    tokens = adoc.tokens
    verb = _first_verb_above(tokens, head)
    if verb is None:
        return False
    if verb == trigger:
        return True
    # The expression's verb must dominate the trigger through clause-internal links.
    i = trigger
    for _ in range(12):
        t = tokens[i]
        if t.head == i:
            return False
        if t.dep in {"relcl", "acl"} or (t.dep == "advcl" and _has_own_clause(adoc, i)):
            return False  # the trigger sits in its own subordinate clause
        i = t.head
        if i == verb:
            return True
    return False


def _has_own_clause(adoc: AnnotatedDoc, i: int) -> bool:
    """An adverbial clause with its own subject or conjunction ("after X had ...") has its
    own time; a bare participle ("..., calling for independence") shares its head's."""
    sent = adoc.sentences[adoc.tokens[i].sent]
    return any(
        t.head == i and t.dep in {"nsubj", "nsubjpass", "mark"}
        for t in adoc.tokens[sent.token_start : sent.token_end]
    )


def _first_verb_above(tokens: list[Token], i: int) -> int | None:
    for _ in range(12):
        t = tokens[i]
        if t.pos in {"VERB", "AUX"} and t.dep != "aux":
            return i
        if t.head == i:
            return i if t.pos in {"VERB", "AUX"} else None
        i = t.head
    return None


def _aux(adoc: AnnotatedDoc, i: int) -> set[str]:
    sent = adoc.sentences[adoc.tokens[i].sent]
    return {
        t.text.lower()
        for t in adoc.tokens[sent.token_start : sent.token_end]
        if t.head == i and t.dep in {"aux", "auxpass"}
    }


def _is_future(adoc: AnnotatedDoc, trig: Token) -> bool:
    i = trig.i
    for _ in range(4):
        aux = _aux(adoc, i)
        if aux & {"will", "shall", "'ll", "wo"}:
            return True
        t = adoc.tokens[i]
        if t.dep in {"xcomp", "acomp"} and t.head != i:
            i = t.head
            continue
        break
    return False


def _is_historical(adoc: AnnotatedDoc, trig: Token) -> bool:
    """Past-perfect clauses and "one of the first nations to ..." look back in time."""
    # Past perfect looks back, except in reported speech where it is just the backshifted
    # simple past ("denied that its jets had entered").
    if _aux(adoc, trig.i) & _PERFECT_AUX and trig.tag == "VBN" and trig.dep != "ccomp":
        return True
    if trig.dep in {"acl", "xcomp"} and trig.head < trig.i:
        # "one of the first nations to recognise", "the last country to leave"
        between = adoc.tokens[trig.head : trig.i]
        if any(t.lemma.lower() in _HISTORICAL_MODIFIERS and t.dep in {"amod", "advmod"} for t in between):
            return True
    return False
