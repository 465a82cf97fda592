"""Plain-text documents with a ``date`` first line."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from polybius.ingest import NO_DATE_WARNING, read_documents
from polybius.records import Document

from .conftest import split, write

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "xi_kazakhstan_2022-01-04.txt"


def read_one(path: Path, **kwargs: object) -> Document:
    docs, errors = split(read_documents([path], **kwargs))  # type: ignore[arg-type]
    assert errors == [] and len(docs) == 1
    return docs[0]


def test_shipped_example(tmp_path: Path) -> None:
    if not EXAMPLE.exists():
        pytest.skip("examples/xi_kazakhstan_2022-01-04.txt not in this checkout")
    doc = read_one(EXAMPLE)
    assert doc.date == date(2022, 1, 4)
    assert doc.text.startswith("President Xi Jinping on Monday")
    assert doc.text == doc.text.strip()
    assert doc.warnings == ()
    assert doc.origin == str(EXAMPLE)
    assert doc.id.startswith("doc-") and len(doc.id) == 20
    assert len(doc.content_hash) == 64


@pytest.mark.parametrize(
    "first_line",
    [
        "date 2022-01-04",
        " date 2022-01-04 ",
        "\ufeffdate 2022-01-04",
        "DATE 2022-01-04",
        "Date: 2022-01-04",
        "date: 2022-01-04T10:00:00Z",
        "\n\ndate 2022-01-04",
    ],
)
def test_date_line_variants(tmp_path: Path, first_line: str) -> None:
    path = write(tmp_path / "a.txt", first_line + "\n\n\nTokayev met Putin.\n\nThey talked.\n\n")
    doc = read_one(path)
    assert doc.date == date(2022, 1, 4)
    assert doc.text == "Tokayev met Putin.\n\nThey talked."


def test_no_extension_and_crlf(tmp_path: Path) -> None:
    path = write(tmp_path / "article", b"date 2022-01-04\r\nTokayev met Putin.\r\nThey talked.\r\n")
    doc = read_one(path)
    assert doc.date == date(2022, 1, 4)
    assert doc.text == "Tokayev met Putin.\nThey talked."


def test_without_date_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path / "a.txt", "Date palms grow in Kazakhstan.\nNo date here.\n")
    with caplog.at_level(logging.WARNING, logger="polybius.ingest"):
        doc = read_one(path)
    assert doc.date is None
    assert doc.text == "Date palms grow in Kazakhstan.\nNo date here."
    assert doc.warnings == (NO_DATE_WARNING,)
    assert any("no publication date" in r.getMessage() for r in caplog.records)


def test_invalid_date_is_missing_not_today(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "date 2022-13-45\nTokayev met Putin.\n")
    doc = read_one(path)
    assert doc.date is None
    assert doc.text == "Tokayev met Putin."
    assert any("invalid publication date '2022-13-45'" in w for w in doc.warnings)
    assert NO_DATE_WARNING in doc.warnings


def test_default_date(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Tokayev met Putin.\n")
    doc = read_one(path, default_date=date(2021, 5, 1))
    assert doc.date == date(2021, 5, 1)
    assert NO_DATE_WARNING not in doc.warnings
    # a date in the document wins over the default
    dated = write(tmp_path / "b.txt", "date 2022-01-04\nTokayev met Putin.\n")
    assert read_one(dated, default_date=date(2021, 5, 1)).date == date(2022, 1, 4)


def test_ids_are_stable_and_normalised(tmp_path: Path) -> None:
    a = read_one(write(tmp_path / "a.txt", "date 2022-01-04\nTokayev  met\nPutin.\n"))
    b = read_one(write(tmp_path / "b.txt", "Tokayev met Putin."))
    c = read_one(write(tmp_path / "c.txt", "Tokayev met Medvedev."))
    # NFC: "e" + combining acute is the same text as precomposed "é"
    d = read_one(write(tmp_path / "d.txt", "Caf\u00e9 talks."))
    e = read_one(write(tmp_path / "e.txt", "Cafe\u0301 talks."))
    assert a.id == b.id and a.content_hash == b.content_hash
    assert a.id != c.id
    assert d.id == e.id
    assert a.id == read_one(tmp_path / "a.txt").id  # same file, same id, every time
    assert a.id == "doc-" + a.content_hash[:16]
