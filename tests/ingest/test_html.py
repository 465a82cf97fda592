"""HTML pages through trafilatura, offline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from polybius.ingest import NO_DATE_WARNING, read_documents

from .conftest import ARTICLE_HTML, split, write


def test_article_text_title_date_url(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", ARTICLE_HTML)
    docs, errors = split(read_documents([path]))
    assert errors == []
    (doc,) = docs
    assert doc.date == date(2022, 1, 4)
    assert doc.title == "Xi sends message to Tokayev"
    assert doc.url == "https://news.example.org/world/xi-tokayev"
    assert "Kassym-Jomart" in doc.text and "willing to provide support" in doc.text
    # boilerplate stays out
    assert "Copyright" not in doc.text and "Sport" not in doc.text
    assert doc.origin == str(path)
    assert doc.warnings == ()


def test_page_without_date_metadata_has_no_date(tmp_path: Path) -> None:
    html = ARTICLE_HTML.replace(
        '<meta property="article:published_time" content="2022-01-04T10:00:00Z">', ""
    )
    path = write(tmp_path / "page.htm", html)
    (doc,) = list(read_documents([path]))
    assert not isinstance(doc, Exception)
    assert doc.date is None  # never guessed, never today
    assert NO_DATE_WARNING in doc.warnings


def test_page_without_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.html", "<html><head><title>x</title></head><body></body></html>")
    docs, errors = split(read_documents([path]))
    assert docs == []
    assert len(errors) == 1 and "empty document" in errors[0].reason
