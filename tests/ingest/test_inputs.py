"""Folders, stdin, and every kind of unreadable input."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from polybius.errors import InputError
from polybius.ingest import read_documents

from .conftest import ARTICLE_HTML, split, write

GOOD_TEXT = "date 2022-01-04\nTokayev met Putin.\n"


def test_nonexistent_path() -> None:
    (err,) = list(read_documents(["/no/such/file.txt"]))
    assert isinstance(err, InputError)
    assert err.origin == "/no/such/file.txt" and err.reason == "no such file or folder"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.txt", b"date 2022-01-04\nabc\x00\x01\x02", "binary file"),
        ("latin1.txt", "date 2022-01-04\nCaf\u00e9 talks".encode("latin-1"), "not UTF-8"),
        ("blank.txt", b"  \n\n \t\n", "empty document"),
        ("dateonly.txt", b"date 2022-01-04\n\n", "empty document"),
        ("binary.html", b"<html>\x00\x00</html>", "binary file"),
        ("binary.jsonl", b'{"text": "a"}\n\x00\x00\x00', "binary file"),
    ],
)
def test_unreadable_file(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = write(tmp_path / name, content)
    (err,) = list(read_documents([path]))
    assert isinstance(err, InputError)
    assert err.origin == str(path)
    assert reason in err.reason


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbfdate 2022-01-04\nCaf\xc3\xa9 talks.\n")
    (doc,) = list(read_documents([path]))
    assert not isinstance(doc, InputError)
    assert (doc.date, doc.text) == (date(2022, 1, 4), "Caf\u00e9 talks.")


def test_huge_file(tmp_path: Path) -> None:
    path = write(tmp_path / "huge.txt", "date 2022-01-04\n" + "word " * 400)
    (err,) = list(read_documents([path], max_bytes=1000))
    assert isinstance(err, InputError) and "too large" in err.reason
    (doc,) = list(read_documents([path], max_bytes=10_000))
    assert not isinstance(doc, InputError)


def test_folder_mixing_good_and_bad_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "a.txt", GOOD_TEXT)
    write(root / "b" / "page.html", ARTICLE_HTML)
    write(
        root / "b" / "news.jsonl",
        json.dumps({"id": "j1", "date": "2022-01-04", "text": "Xi met Tokayev."})
        + "\nnot json\n"
        + json.dumps({"id": "j2", "text": "Putin met Xi."})
        + "\n",
    )
    write(root / "c.TXT", "Lukashenko visited Moscow.")  # suffixes are case-insensitive
    write(root / "bad_binary.txt", b"\x00\x01\x02\x03")
    write(root / "bad_latin1.txt", "Caf\u00e9".encode("latin-1"))
    write(root / "bad_empty.txt", "\n\n")
    write(root / "z" / "bad.ndjson", "[]\n")
    # not read: hidden files and folders, unknown suffixes, files without suffix
    write(root / ".hidden.txt", GOOD_TEXT)
    write(root / ".git" / "x.txt", GOOD_TEXT)
    write(root / "notes.md", GOOD_TEXT)
    write(root / "README", GOOD_TEXT)

    results = list(read_documents([root]))
    docs, errors = split(results)
    assert [Path(d.origin or "").name.split(":")[0] for d in docs] == [
        "a.txt",
        "news.jsonl",
        "news.jsonl",
        "page.html",
        "c.TXT",
    ]
    assert [d.id for d in docs if d.id.startswith("j")] == ["j1", "j2"]
    error_origins = sorted(e.origin for e in errors)
    assert error_origins == sorted(
        [
            str(root / "b" / "news.jsonl") + ":2",
            str(root / "bad_binary.txt"),
            str(root / "bad_empty.txt"),
            str(root / "bad_latin1.txt"),
            str(root / "z" / "bad.ndjson") + ":1",
        ]
    )
    # the order is stable: sorted by path, depth-first
    assert [r.origin for r in results] == [r.origin for r in read_documents([root])]


def test_several_paths_keep_their_order(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "First story.")
    b = write(tmp_path / "b.txt", "Second story.")
    results = list(read_documents([b, "/missing.txt", a]))
    assert [r.origin for r in results] == [str(b), "/missing.txt", str(a)]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, *, binary: bool = True) -> None:
    if binary:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    else:
        monkeypatch.setattr(sys, "stdin", io.StringIO(data.decode("utf-8")))


@pytest.mark.parametrize("binary", [True, False])
def test_stdin_text(monkeypatch: pytest.MonkeyPatch, binary: bool) -> None:
    _stdin(monkeypatch, b"\n  date 2022-01-04\nTokayev met Putin.\n", binary=binary)
    (doc,) = list(read_documents(["-"]))
    assert not isinstance(doc, InputError)
    assert (doc.date, doc.text, doc.origin) == (date(2022, 1, 4), "Tokayev met Putin.", "<stdin>")


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": f"s{i}", "text": f"Story {i}." + " pad" * 500}) for i in range(30)]
    _stdin(monkeypatch, ("  " + "\n".join(lines) + "\nbroken\n").encode())
    docs, errors = split(read_documents(["-"]))
    assert [d.id for d in docs] == [f"s{i}" for i in range(30)]
    assert [e.origin for e in errors] == ["<stdin>:31"]


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, ARTICLE_HTML.encode())
    (doc,) = list(read_documents(["-"]))
    assert not isinstance(doc, InputError)
    assert doc.title == "Xi sends message to Tokayev" and doc.date == date(2022, 1, 4)


def test_stdin_is_not_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"Tokayev met Putin.")
    list(read_documents(["-"]))
    assert not sys.stdin.closed


def test_unknown_suffix_named_explicitly_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.dump", json.dumps({"id": "x", "text": "Xi met Putin."}) + "\n")
    (doc,) = list(read_documents([path]))
    assert not isinstance(doc, InputError) and doc.id == "x" and doc.origin == f"{path}:1"
