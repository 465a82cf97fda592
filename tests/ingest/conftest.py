"""Helpers for the ingest tests: every input file is written in tmp_path by the test."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from polybius.errors import InputError
from polybius.records import Document

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Xi sends message to Tokayev | Example News</title>
<meta property="article:published_time" content="2022-01-04T10:00:00Z">
<link rel="canonical" href="https://news.example.org/world/xi-tokayev">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Xi sends message to Tokayev</h1>
<p>Chinese President Xi Jinping on Tuesday sent a message to Kazakh President Kassym-Jomart
Tokayev, expressing support for the measures taken by the Kazakh authorities.</p>
<p>Xi said China opposes any attempt by outside forces to create unrest in Kazakhstan and is
willing to provide support to help Kazakhstan through its difficulties.</p>
</article>
<footer>Copyright Example News. All rights reserved.</footer>
</body></html>
"""


def split(results: Iterable[Document | InputError]) -> tuple[list[Document], list[InputError]]:
    docs: list[Document] = []
    errors: list[InputError] = []
    for item in results:
        (errors if isinstance(item, InputError) else docs).append(item)  # type: ignore[arg-type]
    return docs, errors


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
