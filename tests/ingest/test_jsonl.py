"""JSON Lines input, including bad lines and laziness."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from polybius.errors import InputError
from polybius.ingest import NO_DATE_WARNING, read_documents
from polybius.ingest.jsonl import read_jsonl

from .conftest import split, write


def line(**record: object) -> str:
    return json.dumps(record) + "\n"


def test_good_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "news.jsonl",
        line(id="a1", date="2022-01-04", text="Xi praised Tokayev.", title="T", url="u", source="S")
        + "\n"  # blank lines are skipped
        + line(id="a2", date="2022-01-04T10:00:00Z", text="Putin met Tokayev.")
        + line(id=7, date="2022-01-05T23:30:00+06:00", text="Tokayev thanked Putin."),
    )
    docs, errors = split(read_documents([path]))
    assert errors == []
    assert [d.id for d in docs] == ["a1", "a2", "7"]
    assert [d.date for d in docs] == [date(2022, 1, 4), date(2022, 1, 4), date(2022, 1, 5)]
    assert (docs[0].title, docs[0].url, docs[0].source) == ("T", "u", "S")
    assert docs[1].title is None
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:3", f"{path}:4"]


def test_bad_lines_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = write(
        tmp_path / "news.ndjson",
        line(id="ok1", date="2022-01-04", text="Xi praised Tokayev.")
        + '{"id": "broken", "text": \n'
        + line(id="notext", date="2022-01-04")
        + line(id="numtext", date="2022-01-04", text=42)
        + line(id="empty", date="2022-01-04", text="   ")
        + "[1, 2]\n"
        + line(id="ok2", text="Putin met Tokayev."),
    )
    docs, errors = split(read_documents([path]))
    assert [d.id for d in docs] == ["ok1", "ok2"]
    assert docs[1].date is None and NO_DATE_WARNING in docs[1].warnings
    assert [e.origin for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    reasons = [e.reason for e in errors]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1] == 'no "text" field'
    assert reasons[2] == '"text" is a int, not a string'
    assert reasons[3].startswith("empty document")
    assert reasons[4].startswith("expected a JSON object")
    assert str(errors[1]) == f'{path}:3: no "text" field'


def test_invalid_date_in_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path / "n.jsonl", line(id="x", date="04/01/2022", text="Xi met Putin."))
    (doc,) = list(read_documents([path]))
    assert not isinstance(doc, InputError)
    assert doc.date is None
    assert "invalid publication date '04/01/2022' (expected YYYY-MM-DD)" in doc.warnings


def test_id_falls_back_to_content_hash(tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.jsonl",
        line(date="2022-01-04", text="Xi met  Putin.") + line(text="Xi met Putin."),
    )
    docs, _ = split(read_documents([path]))
    assert docs[0].id == docs[1].id
    assert docs[0].id.startswith("doc-")


def test_oversized_line_is_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.jsonl",
        line(id="big", text="x" * 5000) + line(id="small", text="Xi met Putin."),
    )
    docs, errors = split(read_documents([path], max_bytes=1000))
    assert [d.id for d in docs] == ["small"]
    assert len(errors) == 1 and errors[0].origin == f"{path}:1"
    assert "limit of 1000 bytes" in errors[0].reason


class CountingStream(io.BytesIO):
    """Counts the lines handed out, to prove the reader does not read ahead."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.lines_read = 0

    def readline(self, size: int | None = -1, /) -> bytes:
        self.lines_read += 1
        return super().readline(size)


def test_reading_is_lazy() -> None:
    data = "".join(line(id=f"d{i}", date="2022-01-04", text=f"Story {i}.") for i in range(200))
    stream = CountingStream(data.encode())
    docs = read_jsonl(stream, "big.jsonl", None, 20_000_000)
    first = next(docs)
    assert not isinstance(first, InputError) and first.id == "d0"
    assert stream.lines_read == 1
    assert sum(1 for _ in docs) == 199


def test_reading_a_file_is_lazy(tmp_path: Path) -> None:
    filler = "Tokayev met Putin in Moscow. " * 10
    data = "".join(line(id=f"d{i}", date="2022-01-04", text=f"{i}. {filler}") for i in range(200))
    path = write(tmp_path / "big.jsonl", data)
    docs = read_documents([path])
    first = next(docs)
    assert not isinstance(first, InputError) and first.id == "d0"
    # A line appended after the first document came out is still read: the reader had not
    # gone through the file (about 70 kB) to its end.
    with path.open("a", encoding="utf-8") as f:
        f.write(line(id="late", text="Xi met Tokayev."))
    rest = [d.id for d in docs if not isinstance(d, InputError)]
    assert len(rest) == 200 and rest[-1] == "late"
