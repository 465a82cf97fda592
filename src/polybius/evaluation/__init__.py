"""Evaluation stage: score the coder against gold files (`polybius eval`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from polybius.config import Config
from polybius.evaluation.gold import GoldDoc, GoldEvent, load_gold
from polybius.evaluation.scorer import Report, score_document, write_errors
from polybius.records import Document

if TYPE_CHECKING:
    from polybius.pipeline import Pipeline

__all__ = ["GoldDoc", "GoldEvent", "Report", "evaluate_docs", "evaluate_file", "load_gold"]


def evaluate_docs(
    gold: list[GoldDoc],
    config: Config | None = None,
    name: str = "gold",
    pipeline: Pipeline | None = None,
) -> tuple[Report, list[dict[str, Any]]]:
    """Code every gold document's text and score the events against its gold events."""
    from polybius.pipeline import Pipeline

    pipeline = pipeline or Pipeline.from_config(config)
    docs = (Document(id=g.id, text=g.text, date=g.date) for g in gold)
    report = Report(gold_name=name)
    mismatches = []
    for g, (_doc, events) in zip(gold, pipeline.process(docs), strict=True):
        row = score_document(report, g, events)
        wrong = row.get("wrong_dates") or row.get("wrong_locations")
        if row["missing"] or row["extra"] or wrong:
            row["text"] = g.text
            mismatches.append(row)
    return report, mismatches


def evaluate_file(path: Path, config: Config | None = None, errors_path: Path | None = None) -> Report:
    gold = load_gold(path)
    report, mismatches = evaluate_docs(gold, config, name=Path(path).name)
    if errors_path is not None:
        write_errors(errors_path, mismatches)
    return report
