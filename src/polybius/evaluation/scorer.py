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
- modality: share of negated / hypothetical gold events predicted with the same flag.
Negated and hypothetical events are not facts: they are left out of type and dyad scores,
so coding them as facts costs precision.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polybius.evaluation.gold import GoldDoc, GoldEvent
from polybius.records import Event

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
    _score_modality(report, gold.events, predicted)
    row: dict[str, Any] = {
        "id": gold.id,
        "missing": sorted(map(str, (g_dyads - p_dyads).elements())),
        "extra": sorted(map(str, (p_dyads - g_dyads).elements())),
    }
    if wrong_dates:
        row["wrong_dates"] = wrong_dates
    return row


def _score_dates(report: Report, facts: list[GoldEvent], preds: list[Event]) -> list[dict[str, Any]]:
    """Count date agreement; returns the disagreements (gold vs predicted) for error analysis."""
    wrong: list[dict[str, Any]] = []
    pool = list(preds)
    for g in facts:
        if not g.has_date:
            continue
        match = next(
            (e for e in pool if e.plover.event_type == g.type
             and (_actor_key(e.source), _actor_key(e.target)) == (g.source, g.target)),
            None,
        ) or next((e for e in pool if e.plover.event_type == g.type), None)  # fmt: skip
        if match is None:
            continue
        pool.remove(match)
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
