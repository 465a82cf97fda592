"""Accuracy floors: CI fails if the coder's scores on a gold set drop below the pinned values.

Floors live in floors.json beside this file; `scripts/pin_floors.py` rewrites them from a
measurement (raise them when the coder improves, never lower them to get green).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polybius.evaluation import evaluate_docs, load_gold
from tests.conftest import GSR_GOLD, OWN_GOLD, require_shared

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())


def _check(report, floors):
    got = report.to_dict()
    failures = []
    for key in (
        "type_accuracy", "date_accuracy", "modality_accuracy",
        "location_country_accuracy", "location_place_accuracy",
    ):  # fmt: skip
        if key in floors and got[key] < floors[key]:
            failures.append(f"{key}: {got[key]} < {floors[key]}")
    if "location_false_rate_max" in floors and got["location_false_rate"] > floors["location_false_rate_max"]:
        failures.append(f"location_false_rate: {got['location_false_rate']} > {floors['location_false_rate_max']}")
    for key in ("overall", "dyad"):
        if key in floors and got[key]["f1"] < floors[key]:
            failures.append(f"{key} F1: {got[key]['f1']} < {floors[key]}")
    for etype, pr in floors.get("per_type", {}).items():
        c = got["per_type"][etype]
        if c["precision"] < pr["precision"] or c["recall"] < pr["recall"]:
            failures.append(f"{etype}: P {c['precision']} R {c['recall']} < floor {pr}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("gold", [OWN_GOLD, OWN_GOLD.with_name("polybius_gold_b.jsonl")],
                         ids=lambda p: p.name)
def test_own_gold_set_floors(pipeline, gold):
    if not gold.exists():
        pytest.fail(f"{gold} is part of the project and must exist")
    report, _ = evaluate_docs(load_gold(gold), name=gold.name, pipeline=pipeline)
    _check(report, FLOORS[gold.name])


def test_oeda_gold_standard_floors(pipeline):
    path = require_shared(GSR_GOLD)
    report, _ = evaluate_docs(load_gold(path), name=path.name, pipeline=pipeline)
    _check(report, FLOORS["plover_gsr_cameo.json"])
