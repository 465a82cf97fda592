"""Measure the coder on the gold sets and rewrite tests/evaluation/floors.json.

Floors sit a little below the measured scores (MARGIN for the aggregate scores, TYPE_MARGIN
for the per-type ones, which move by several points with one event), so CI fails when a
change makes the coder measurably worse. Run it after an improvement:

    .venv/bin/python scripts/pin_floors.py
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from polybius.evaluation import evaluate_docs, load_gold
from polybius.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "tests" / "evaluation" / "floors.json"
GOLD = [
    ROOT / "gold" / "polybius_gold.jsonl",
    ROOT / "gold" / "polybius_gold_b.jsonl",
    ROOT.parent / "shared" / "gold" / "plover_gsr_cameo.json",
]
MARGIN = 0.02
TYPE_MARGIN = 0.06


def _floor(value: float, margin: float) -> float:
    return max(0.0, math.floor((value - margin) * 100) / 100)


def floors_for(report: dict) -> dict:
    floors: dict = {
        "type_accuracy": _floor(report["type_accuracy"], MARGIN),
        "overall": _floor(report["overall"]["f1"], MARGIN),
        "dyad": _floor(report["dyad"]["f1"], MARGIN),
    }
    if report["date_events"]:
        floors["date_accuracy"] = _floor(report["date_accuracy"], MARGIN)
    if report["modality_events"]:
        floors["modality_accuracy"] = _floor(report["modality_accuracy"], MARGIN)
    if report.get("location_events"):
        for key in ("location_country_accuracy", "location_place_accuracy"):
            floors[key] = _floor(report[key], MARGIN)
        # A ceiling, not a floor: located events the text gives no place for.
        floors["location_false_rate_max"] = round(report["location_false_rate"] + MARGIN, 2)
    floors["per_type"] = {
        etype: {
            "precision": _floor(c["precision"], TYPE_MARGIN),
            "recall": _floor(c["recall"], TYPE_MARGIN),
        }
        for etype, c in report["per_type"].items()
        if c["tp"] + c["fn"] >= 5
    }
    return floors


def main() -> int:
    pipeline = Pipeline.from_config()
    pinned = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    for path in GOLD:
        if not path.exists():
            print(f"skip {path}: absent", file=sys.stderr)
            continue
        report, _ = evaluate_docs(load_gold(path), name=path.name, pipeline=pipeline)
        measured = report.to_dict()
        pinned[path.name] = floors_for(measured)
        print(f"{path.name}: F1 {measured['overall']['f1']}, dyad {measured['dyad']['f1']}, "
              f"type acc {measured['type_accuracy']}, date acc {measured['date_accuracy']}",
              file=sys.stderr)
    pinned["_comment"] = (
        "Pinned accuracy floors (scores may not drop below these); written by scripts/pin_floors.py."
    )
    FLOORS.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
