"""Round-trip properties of the text and JSONL formats."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from polybius.errors import InputError
from polybius.ingest import read_documents
from polybius.ingest.common import normalise_for_hash

# No NUL (binary) and no "\r" (newlines are normalised to "\n"); a body starts and ends
# with a visible character because surrounding blank space is stripped.
_chars = st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r")
bodies = st.text(_chars, min_size=1, max_size=300).filter(
    lambda s: s.strip() != "" and not s[0].isspace() and not s[-1].isspace()
)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=150, deadline=None)
@given(body=bodies, day=dates)
def test_text_file_round_trip(body: str, day: date) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        path.write_bytes(f"date {day.isoformat()}\n{body}\n".encode())
        (doc,) = list(read_documents([path]))
    assert not isinstance(doc, InputError), doc
    assert doc.date == day
    assert doc.text == body


@settings(max_examples=150, deadline=None)
@given(body=st.text(min_size=1, max_size=300).filter(lambda s: s.strip() != ""), day=dates)
def test_jsonl_round_trip(body: str, day: date) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        record = {"id": "x", "date": day.isoformat(), "text": body}
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        (doc,) = list(read_documents([path]))
    assert not isinstance(doc, InputError), doc
    assert (doc.id, doc.date, doc.text) == ("x", day, body.strip())


@given(body=st.text(min_size=1, max_size=200))
def test_hash_ignores_whitespace_layout(body: str) -> None:
    relaid = "\n\n".join(body.split())
    assert normalise_for_hash(body) == normalise_for_hash(relaid)
