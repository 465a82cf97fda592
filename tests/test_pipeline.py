"""The pipeline streams: it pulls documents batch by batch, never the whole corpus."""

from __future__ import annotations

from datetime import date

from polybius.records import Document


def test_pipeline_is_lazy_and_bounded(pipeline):
    pulled = 0

    def corpus():
        nonlocal pulled
        for n in range(10_000):
            pulled += 1
            yield Document(id=f"d{n}", text=f"France condemned Russia on Monday, story {n}.",
                           date=date(2022, 1, 4))

    stream = pipeline.process(corpus())
    first = [next(stream) for _ in range(3)]
    assert len(first) == 3
    # Only about one spaCy batch has been read to give the first results.
    assert pulled <= 2 * pipeline.config.batch_size + 1
    assert all(doc.id.startswith("d") for doc, _ in first)


def test_every_event_records_stage_versions(pipeline, code_text):
    events = code_text("Germany praised France for its efforts.")
    assert events
    assert set(events[0].versions) >= {"polybius", "annotate", "actors", "coding", "temporal"}
