"""Score coded events against gold documents.

Scores (all micro-averaged over documents):
- per PLOVER type: precision, recall, F1 of the multiset of factual event types per document;
  ``overall`` is the micro F1 over all types;
- dyad F1: the same on (source country, target country, type) triples;
- type accuracy: share of gold documents with events whose most confident predicted event
  has one of the gold types (a document with no prediction counts as wrong);
- date accuracy: over gold events with a date annotation that were matched by type, the
  share whose predicted date agrees at the gold precision (an undated historical gold event
  must get no date);
- location: over gold events with a location annotation that were matched the same way,
  ``location_country_accuracy`` and ``location_place_accuracy`` are the shares of gold events
  with a place whose predicted location has the same country / is the same place (see
  ``same_place``), and ``location_false_rate`` is the share of gold events without a place
  (the text gives none for that event) that were given one;
- modality: share of negated / hypothetical gold events predicted with the same flag.
Negated and hypothetical events are not facts: they are left out of type and dyad scores,
so coding them as facts costs precision.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polybius.evaluation.gold import GoldDoc, GoldEvent, GoldLocation
from polybius.records import Event, Location

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Counter[Any], pred: Counter[Any]) -> None:
        overlap = sum((gold & pred).values())
        self.tp += overlap
        self.fp += sum(pred.values()) - overlap
        self.fn += sum(gold.values()) - overlap

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Report:
    gold_name: str
    documents: int = 0
    per_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in PLOVER_TYPES})
    overall: Counts = field(default_factory=Counts)
    dyad: Counts = field(default_factory=Counts)
    type_hits: int = 0
    type_docs: int = 0
    date_hits: int = 0
    date_total: int = 0
    location_country_hits: int = 0
    location_place_hits: int = 0
    location_total: int = 0  # matched gold events with a place
    location_false: int = 0
    location_null_total: int = 0  # matched gold events whose text gives no place
    modality_hits: int = 0
    modality_total: int = 0
    negative_docs: int = 0
    negative_clean: int = 0

    @property
    def type_accuracy(self) -> float:
        return self.type_hits / self.type_docs if self.type_docs else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_hits / self.date_total if self.date_total else 0.0

    @property
    def location_country_accuracy(self) -> float:
        return self.location_country_hits / self.location_total if self.location_total else 0.0

    @property
    def location_place_accuracy(self) -> float:
        return self.location_place_hits / self.location_total if self.location_total else 0.0

    @property
    def location_false_rate(self) -> float:
        return self.location_false / self.location_null_total if self.location_null_total else 0.0

    @property
    def modality_accuracy(self) -> float:
        return self.modality_hits / self.modality_total if self.modality_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold_name,
            "documents": self.documents,
            "overall": self.overall.to_dict(),
            "dyad": self.dyad.to_dict(),
            "type_accuracy": round(self.type_accuracy, 4),
            "date_accuracy": round(self.date_accuracy, 4),
            "date_events": self.date_total,
            "location_country_accuracy": round(self.location_country_accuracy, 4),
            "location_place_accuracy": round(self.location_place_accuracy, 4),
            "location_events": self.location_total,
            "location_false_rate": round(self.location_false_rate, 4),
            "location_null_events": self.location_null_total,
            "modality_accuracy": round(self.modality_accuracy, 4),
            "modality_events": self.modality_total,
            "negative_documents": self.negative_docs,
            "negative_documents_without_events": self.negative_clean,
            "per_type": {t: c.to_dict() for t, c in self.per_type.items()},
        }

    def to_text(self) -> str:
        lines = [f"gold: {self.gold_name} ({self.documents} documents)", ""]
        lines.append(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
        for t, c in self.per_type.items():
            if c.tp + c.fn + c.fp == 0:
                continue
            lines.append(
                f"{t:<10} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                f"{c.tp + c.fn:5d} {c.tp + c.fp:5d}"
            )
        lines += [
            "",
            f"event F1 (types, micro):      {self.overall.f1:.3f}  "
            f"(P {self.overall.precision:.3f}, R {self.overall.recall:.3f})",
            f"dyad F1 (src, tgt, type):     {self.dyad.f1:.3f}  "
            f"(P {self.dyad.precision:.3f}, R {self.dyad.recall:.3f})",
            f"event-type accuracy:          {self.type_accuracy:.3f}  ({self.type_docs} docs)",
            f"date accuracy:                {self.date_accuracy:.3f}  ({self.date_total} events)",
            f"location country accuracy:    {self.location_country_accuracy:.3f}  "
            f"({self.location_total} events)",
            f"location place accuracy:      {self.location_place_accuracy:.3f}  "
            f"({self.location_total} events)",
            f"location false rate:          {self.location_false_rate:.3f}  "
            f"({self.location_null_total} events without a place)",
            f"modality accuracy:            {self.modality_accuracy:.3f}  ({self.modality_total} events)",
            f"non-political docs w/o events: {self.negative_clean}/{self.negative_docs}",
        ]
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)


def _actor_key(actor: Any) -> str | None:
    if actor is None:
        return None
    if actor.sector in {"IGO", "NGO"} and not actor.country:
        return "IGO"
    return str(actor.country) if actor.country else None


def _pred_factual(events: list[Event]) -> list[Event]:
    return [e for e in events if not e.negated and not e.hypothetical and e.plover.event_type]


def score_document(report: Report, gold: GoldDoc, predicted: list[Event]) -> dict[str, Any]:
    """Add one document to ``report``; returns its mismatches for error analysis."""
    report.documents += 1
    facts = [g for g in gold.events if g.factual]
    preds = _pred_factual(predicted)
    g_types = Counter(g.type for g in facts)
    p_types = Counter(e.plover.event_type for e in preds)
    for t in set(g_types) | set(p_types):
        if t in report.per_type:
            report.per_type[t].add(Counter({t: g_types[t]}), Counter({t: p_types[t]}))
    report.overall.add(g_types, p_types)
    g_dyads: Counter[tuple[Any, ...]] = Counter((g.source, g.target, g.type) for g in facts)
    p_dyads: Counter[tuple[Any, ...]] = Counter((_actor_key(e.source), _actor_key(e.target), e.plover.event_type) for e in preds)
    report.dyad.add(g_dyads, p_dyads)
    if facts:
        report.type_docs += 1
        if preds:
            best = max(preds, key=lambda e: e.confidence)
            report.type_hits += best.plover.event_type in g_types
    if not gold.events:
        report.negative_docs += 1
        report.negative_clean += not preds
    wrong_dates = _score_dates(report, facts, preds)
    wrong_locations = _score_locations(report, facts, preds)
    _score_modality(report, gold.events, predicted)
    row: dict[str, Any] = {
        "id": gold.id,
        "missing": sorted(map(str, (g_dyads - p_dyads).elements())),
        "extra": sorted(map(str, (p_dyads - g_dyads).elements())),
    }
    if wrong_dates:
        row["wrong_dates"] = wrong_dates
    if wrong_locations:
        row["wrong_locations"] = wrong_locations
    return row


def _matches(
    facts: list[GoldEvent], preds: list[Event], wanted: Callable[[GoldEvent], bool]
) -> Iterator[tuple[GoldEvent, Event]]:
    """Pair each wanted gold event with one predicted event: same type and dyad, else same type.

    A prediction is used at most once; gold events without a match are skipped.
    """
    pool = list(preds)
    for g in facts:
        if not wanted(g):
            continue
        match = next(
            (e for e in pool if e.plover.event_type == g.type
             and (_actor_key(e.source), _actor_key(e.target)) == (g.source, g.target)),
            None,
        ) or next((e for e in pool if e.plover.event_type == g.type), None)  # fmt: skip
        if match is None:
            continue
        pool.remove(match)
        yield g, match


def _score_dates(report: Report, facts: list[GoldEvent], preds: list[Event]) -> list[dict[str, Any]]:
    """Count date agreement; returns the disagreements (gold vs predicted) for error analysis."""
    wrong: list[dict[str, Any]] = []
    for g, match in _matches(facts, preds, lambda g: g.has_date):
        report.date_total += 1
        if _date_agrees(g.date, match):
            report.date_hits += 1
        else:
            wrong.append({
                "type": g.type,
                "trigger": match.trigger.text,
                "gold": g.date,
                "predicted": match.when.date.isoformat() if match.when.date else None,
                "precision": match.when.precision,
                "expression": match.when.text,
            })
    return wrong


def _score_locations(
    report: Report, facts: list[GoldEvent], preds: list[Event]
) -> list[dict[str, Any]]:
    """Count location agreement; returns the disagreements (gold vs predicted) for errors."""
    wrong: list[dict[str, Any]] = []
    for g, match in _matches(facts, preds, lambda g: g.has_location):
        pred = match.location
        if g.location is None:
            report.location_null_total += 1
            if pred is None:
                continue
            report.location_false += 1
        else:
            report.location_total += 1
            country_ok = pred is not None and pred.country == g.location.country
            place_ok = pred is not None and same_place(g.location, pred)
            report.location_country_hits += country_ok
            report.location_place_hits += place_ok
            if country_ok and place_ok:
                continue
        wrong.append({
            "type": g.type,
            "trigger": match.trigger.text,
            "gold": _gold_location_dict(g.location),
            "predicted": _location_dict(pred),
        })
    return wrong


def _gold_location_dict(loc: GoldLocation | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {"name": loc.name, "country": loc.country, "feature": loc.feature, "text": loc.text}


def _location_dict(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {"name": loc.name, "country": loc.country, "feature": loc.feature, "text": loc.text}


def fold_place(name: str) -> tuple[str, ...]:
    """A place name as lower-case ASCII words: accents, case and punctuation do not count."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return tuple(re.findall(r"[a-z0-9]+", plain.casefold()))


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return n > 0 and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def same_place(gold: GoldLocation, pred: Location) -> bool:
    """Whether a predicted location names the gold place.

    There is no gazetteer point for the gold names, so names are compared: folded (accents,
    case and punctuation removed) they are equal, or one is a run of whole words of the other
    ("Kaduna" / "Kaduna State", "Baghdad" / "Baghdad airport"; never "Niger" / "Nigeria").
    The predicted name is the gazetteer's spelling, so the words of the text the locator
    resolved count as well: "Deraa" in the text is the gazetteer's "Dar‘ā".
    Containment does not make a country the same place as a place inside it ("Lebanon" is not
    "southern Lebanon"), and places in two different known countries are never the same
    ("Georgia" the country and the US state).
    """
    if gold.country and pred.country and gold.country != pred.country:
        return False
    g = fold_place(gold.name)
    if not g:
        return False
    names = [p for p in (fold_place(pred.name), fold_place(pred.text)) if p]
    if g in names:
        return True
    if (gold.feature == "country") != (pred.feature == "country"):
        return False
    return any(_contains(g, p) or _contains(p, g) for p in names)


def _date_agrees(gold_date: str | None, event: Event) -> bool:
    d = event.when.date
    if gold_date is None:
        return d is None
    if d is None:
        return False
    return d.isoformat()[: len(gold_date)] == gold_date


def _score_modality(report: Report, gold: list[GoldEvent], predicted: list[Event]) -> None:
    for g in gold:
        if not (g.negated or g.hypothetical):
            continue
        report.modality_total += 1
        report.modality_hits += any(
            e.plover.event_type == g.type
            and e.negated == g.negated
            and e.hypothetical == g.hypothetical
            for e in predicted
        )


def write_errors(path: Path, rows: list[dict[str, Any]]) -> None:
    with Path(path).open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
