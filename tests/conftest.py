"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "examples" / "xi_kazakhstan_2022-01-04.txt"
OWN_GOLD = ROOT / "gold" / "polybius_gold.jsonl"
GSR_GOLD = SHARED / "gold" / "plover_gsr_cameo.json"


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, loaded once (spaCy model + knowledge base)."""
    from polybius.pipeline import Pipeline

    return Pipeline.from_config()


@pytest.fixture(scope="session")
def code_text(pipeline):
    """Code one text published on a date: ``code_text("...", "2022-01-04")``."""
    from datetime import date

    from polybius.records import Document

    def run(text: str, pub: str | None = "2022-01-04", doc_id: str = "t"):
        doc = Document(id=doc_id, text=text, date=date.fromisoformat(pub) if pub else None)
        return next(iter(pipeline.process([doc])))[1]

    return run


@pytest.fixture(scope="session")
def sample_events(pipeline):
    from polybius.ingest import read_documents

    docs = [d for d in read_documents([SAMPLE])]
    return next(iter(pipeline.process(docs)))[1]


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the development set lives in ../shared, not in the project)")
    return path
