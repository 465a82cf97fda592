"""Fixtures for the "where" stage: one annotator and one locator for the whole folder."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from polybius.geo import Locator
from polybius.records import AnnotatedDoc, Document

CASES_FILE = Path(__file__).parent / "cases.tsv"


@dataclass(frozen=True)
class Case:
    line: int
    verb: str
    sentence: str
    context: tuple[str, ...]
    actors: tuple[str, ...]
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    tol_km: float
    xfail: str
    root: str | None  # the event's CAMEO root, as the coder passes it; None: not given

    @property
    def id(self) -> str:
        return f"L{self.line}-{self.verb}-{self.name or 'none'}"


def read_cases() -> list[Case]:
    cases: list[Case] = []
    header: list[str] | None = None
    with CASES_FILE.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
            if not row or row[0].startswith("#"):
                continue
            if header is None:
                header = row
                continue
            r = dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))
            cases.append(
                Case(
                    line=line,
                    verb=r["verb"],
                    sentence=r["sentence"],
                    context=tuple(c for c in r["context"].split(",") if c),
                    actors=tuple(a for a in r["actors"].split(";") if a),
                    name=r["name"],
                    country=r["country"] or None,
                    lat=float(r["lat"]) if r["lat"] else None,
                    lon=float(r["lon"]) if r["lon"] else None,
                    tol_km=float(r["tol_km"]) if r["tol_km"] else 0.0,
                    xfail=r["xfail"],
                    root=r["root"] or None,
                )
            )
    return cases


CASES = read_cases()


@pytest.fixture(scope="session")
def locator() -> Locator:
    return Locator.default()


@pytest.fixture(scope="session")
def annotated() -> dict[str, AnnotatedDoc]:
    """Every case sentence (and a few others) annotated once, keyed by text."""
    from polybius.annotate import Annotator

    texts = sorted({c.sentence for c in CASES} | set(EXTRA_SENTENCES))
    docs = [Document(id=f"geo-{n}", text=t, date=None) for n, t in enumerate(texts)]
    return {a.doc.text: a for a in Annotator().annotate(docs)}


EXTRA_SENTENCES = (
    "Russian forces shelled villages outside Donetsk on Monday.",
    "Moscow warned London against sending more weapons to Kyiv.",
)


def trigger_of(adoc: AnnotatedDoc, verb: str) -> int:
    """The first token whose lemma is ``verb``."""
    for t in adoc.tokens:
        if t.lemma.lower() == verb or t.text.lower() == verb:
            return t.i
    raise AssertionError(f"no token with lemma {verb!r} in {adoc.doc.text!r}")


def actor_ranges(adoc: AnnotatedDoc, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the first occurrence of each phrase."""
    out: list[tuple[int, int]] = []
    for phrase in phrases:
        at = adoc.doc.text.find(phrase)
        if at < 0:
            raise AssertionError(f"actor {phrase!r} not in {adoc.doc.text!r}")
        toks = [t.i for t in adoc.tokens if t.idx >= at and t.end <= at + len(phrase)]
        out.append((min(toks), max(toks) + 1))
    return out
