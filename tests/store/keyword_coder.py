"""A tiny deterministic coder for store tests: builds real ``Event`` records from keywords.

The store's behaviour (transactions, dedup, queries, exports) is what these tests check;
this coder only makes the inputs predictable without loading spaCy.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from datetime import date

from polybius.records import (
    ActorMention,
    CameoInfo,
    Document,
    Event,
    EventDate,
    Location,
    PloverInfo,
    Span,
)

COUNTRIES = {"China": "CHN", "Kazakhstan": "KAZ", "Russia": "RUS", "Ukraine": "UKR"}
VERBS = {
    "met": ("040", "Consult, not specified", 1.0, 1, "CONSULT"),
    "praised": ("051", "Praise or endorse", 3.4, 1, "SUPPORT"),
    "aided": ("070", "Provide aid, not specified", 7.0, 2, "AID"),
    "accused": ("112", "Accuse, not specified", -2.0, 3, "ACCUSE"),
    "attacked": ("190", "Use conventional military force", -10.0, 4, "ASSAULT"),
    "attack": ("190", "Use conventional military force", -10.0, 4, "ASSAULT"),
    "said": ("010", "Make statement", 0.0, 1, None),
}
SENTENCE = re.compile(r"[^.]+\.")


class KeywordCoder:
    version = "keyword-coder 1"

    def __init__(self, delay: float = 0.0, fail_on: str | None = None) -> None:
        self.delay = delay
        self.fail_on = fail_on

    def process(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        for doc in docs:
            if self.delay:
                time.sleep(self.delay)
            if self.fail_on and self.fail_on in doc.text:
                from polybius.errors import PolybiusError

                raise PolybiusError(f"cannot code {doc.id}")
            yield doc, list(code_document(doc, self.version))


def _mention(text: str, start: int) -> ActorMention:
    code = COUNTRIES[text]
    return ActorMention(
        text=text, start=start, end=start + len(text), name=text, country=code,
        sector="GOV", code=code + "GOV", kb_id=f"kb:{code.lower()}",
    )  # fmt: skip


def code_document(doc: Document, version: str = "keyword-coder 1") -> Iterator[Event]:
    for index, match in enumerate(SENTENCE.finditer(doc.text)):
        sentence = match.group(0)
        base = match.start()
        found = sorted(
            (m.start() + base, name)
            for name in COUNTRIES
            for m in re.finditer(re.escape(name), sentence)
        )
        verb = next((v for v in VERBS if re.search(rf"\b{v}\b", sentence)), None)
        if verb is None or not found:
            continue
        code, label, goldstein, quad, plover = VERBS[verb]
        trigger_start = base + sentence.index(verb)
        source = _mention(found[0][1], found[0][0])
        target = _mention(found[1][1], found[1][0]) if len(found) > 1 else None
        day = re.search(r"on (\d{4}-\d{2}-\d{2})", sentence)
        when = date.fromisoformat(day.group(1)) if day else doc.date
        location = None
        if "in Astana" in sentence:
            at = base + sentence.index("Astana")
            location = Location(
                text="Astana", name="Astana", feature="city", country="KAZ", admin1="Astana",
                lat=51.1801, lon=71.446, gazetteer_id="1526273", precision="city",
                start=at, end=at + 6,
            )  # fmt: skip
        yield Event(
            event_id=f"{doc.id}:{index}:{trigger_start}",
            doc_id=doc.id,
            source=source,
            target=target,
            cameo=CameoInfo(code=code, root=code[:2], label=label, goldstein=goldstein, quad_class=quad),
            plover=PloverInfo(event_type=plover, mode="visit" if verb == "met" else None,
                              context=("diplomatic",) if quad == 1 else ()),
            when=EventDate(date=when, date_end=None, precision="day" if day else "document",
                           text=day.group(0) if day else None),
            sentence_index=index,
            sentence=Span(sentence.strip(), base + (len(sentence) - len(sentence.lstrip())), match.end()),
            trigger=Span(verb, trigger_start, trigger_start + len(verb)),
            negated="did not" in sentence,
            hypothetical="may " in sentence,
            confidence=0.8123,
            location=location,
            pub_date=doc.date,
            versions={"polybius": "0.1.0", "coding": version},
        )  # fmt: skip
