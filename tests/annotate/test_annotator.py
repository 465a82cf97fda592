from datetime import date

import pytest

from polybius.annotate import DEFAULT_MODEL, Annotator, installed_models
from polybius.records import Document


@pytest.fixture(scope="module")
def annotator():
    return Annotator()


def test_default_model_is_installed():
    assert DEFAULT_MODEL in installed_models()


def test_records_match_the_text(annotator):
    text = "President Xi Jinping met Kassym-Jomart Tokayev on Monday. He praised him."
    adoc = annotator.annotate_one(Document(id="a", text=text, date=date(2022, 1, 4)))
    assert len(adoc.sentences) == 2
    for t in adoc.tokens:
        assert text[t.idx : t.end] == t.text
        head = adoc.tokens[t.head]
        assert head.sent == t.sent  # arcs never cross sentences
    for e in adoc.entities:
        assert text[e.start : e.end] == e.text
    assert adoc.sentence_text(1) == "He praised him."
    assert any(e.label == "DATE" and e.text == "Monday" for e in adoc.entities)
    praised = next(t for t in adoc.tokens if t.text == "praised")
    assert praised.lemma == "praise" and praised.pos == "VERB"
    assert [c.text for c in adoc.children(praised.i)][:1] == ["He"]


def test_pipe_keeps_input_order_and_metadata(annotator):
    docs = [Document(id=str(n), text=f"Story number {n}.", date=None) for n in range(50)]
    out = list(annotator.annotate(docs))
    assert [a.doc.id for a in out] == [str(n) for n in range(50)]
    assert out[0].annotator.startswith("spacy ")
