"""The authored cases in cases.tsv: mention, date, expected country/sector/name, context."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from polybius.actors import ActorResolver

CASES_FILE = Path(__file__).parent / "cases.tsv"


class Case(NamedTuple):
    line: int
    mention: str
    on: date | None
    country: str | None
    sector: str | None
    name: str | None
    context: tuple[str, ...]


def _opt(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


def load_cases() -> list[Case]:
    cases = []
    for number, raw in enumerate(CASES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip("\t") or raw.startswith("#"):
            continue
        cols = raw.split("\t") + [""] * 6
        when = _opt(cols[1])
        context = tuple(c.strip() for c in cols[5].split(",") if c.strip())
        cases.append(
            Case(
                number,
                cols[0],
                date.fromisoformat(when) if when else None,
                _opt(cols[2]),
                _opt(cols[3]),
                _opt(cols[4]),
                context,
            )
        )
    return cases


CASES = load_cases()


def test_there_are_at_least_300_cases() -> None:
    assert len(CASES) >= 300


@pytest.mark.parametrize("case", CASES, ids=[f"L{c.line}:{c.mention}" for c in CASES])
def test_case(resolver: ActorResolver, case: Case) -> None:
    actor = resolver.resolve(case.mention, case.on, case.context)
    if case.country is None and case.sector is None and case.name is None:
        assert actor is None, f"expected no actor, got {actor}"
        return
    assert actor is not None, "expected an actor, got None"
    assert (actor.country, actor.sector) == (case.country, case.sector), actor
    if case.name is not None:
        assert actor.name == case.name, actor
    expected_code = (case.country or "") + (case.sector or "")
    if actor.kind in ("igo", "ngo") or actor.role == "igo_leader":
        assert actor.code.startswith(actor.sector or "")
    elif actor.kind == "group" and case.country is None:
        assert actor.code == "IMG" + (case.sector or "")
    else:
        assert actor.code == expected_code
