"""The pipeline, assembled in one place: read → annotate → code (actors, events, dates).

    pipeline = Pipeline.from_config(Config.load())
    for doc, events in pipeline.process(documents):
        ...
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from polybius import __version__
from polybius.config import Config
from polybius.errors import InputError
from polybius.records import Document, Event

log = logging.getLogger("polybius.pipeline")


class Pipeline:
    """Annotator + event coder, with the versions of every stage recorded on each event."""

    def __init__(self, config: Config) -> None:
        from polybius.actors import ActorResolver
        from polybius.annotate import Annotator
        from polybius.coding.coder import EventCoder
        from polybius.coding.lexicon import Lexicon
        from polybius.coding.ontology import Ontology
        from polybius.temporal import DateGrounder

        self.config = config
        self.annotator = Annotator(config.model, config.batch_size, config.n_process)
        self.resolver = ActorResolver.default(overlays=config.actor_overlays)
        lexicon = Lexicon.load(config.verb_overlays)
        ontology = Ontology.load()
        grounder = DateGrounder()
        self.versions = {
            "polybius": __version__,
            "annotate": self.annotator.description,
            "actors": self.resolver.version,
            "coding": f"{lexicon.version}; {ontology.version}",
            "temporal": grounder.version,
        }
        locator = None
        if config.locate:
            from polybius.geo import Locator

            locator = Locator.default()
            self.versions["geo"] = locator.version
        self.coder = EventCoder(
            lexicon, ontology, self.resolver, grounder, self.versions, locator=locator
        )
        self.failures: list[InputError] = []

    @classmethod
    def from_config(cls, config: Config | None = None) -> Pipeline:
        return cls(config or Config.load())

    @property
    def version(self) -> str:
        return "; ".join(f"{k} {v}" if k == "polybius" else v for k, v in self.versions.items())

    def process(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Code a stream of documents; a document that fails is logged and yields no events."""
        for adoc in self.annotator.annotate(docs):
            try:
                events = self.coder.code(adoc)
            except Exception as exc:  # one bad document never kills a batch
                log.error("coding failed for %s: %s", adoc.doc.id, exc)
                self.failures.append(InputError(adoc.doc.origin or adoc.doc.id, f"coding failed: {exc}"))
                events = []
            if self.config.min_confidence:
                events = [e for e in events if e.confidence >= self.config.min_confidence]
            yield adoc.doc, events


def extract(
    paths: Sequence[str | Path], config: Config | None = None
) -> Iterator[Event]:
    """Read documents from ``paths`` and yield their coded events (unreadable ones are logged)."""
    from polybius.ingest import read_documents

    pipeline = Pipeline.from_config(config)

    def good_documents() -> Iterator[Document]:
        for item in read_documents(paths):
            if isinstance(item, InputError):
                log.warning("skipped %s", item)
                continue
            yield item

    for _doc, events in pipeline.process(good_documents()):
        yield from events
