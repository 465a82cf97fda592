"""JSON Lines: one ``{"id", "date", "text", "title"?, "url"?, "source"?}`` object a line.

Read lazily, one line at a time, so a corpus of any size streams through; a bad line yields
an InputError naming ``file:line`` and reading goes on with the next one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Protocol

from polybius.errors import InputError
from polybius.ingest.common import decode, make_document, parse_date
from polybius.records import Document

_CHUNK = 1 << 16


class LineSource(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def read_jsonl(
    stream: LineSource, name: str, default_date: date | None, max_bytes: int
) -> Iterator[Document | InputError]:
    """Documents from a binary stream of JSON lines; ``max_bytes`` bounds each line."""
    for lineno, line in _lines(stream, max_bytes):
        origin = f"{name}:{lineno}"
        if line is None:
            yield InputError(origin, f"line longer than the limit of {max_bytes} bytes")
            continue
        if not line.strip():
            continue
        yield parse_line(line, origin, default_date, first=lineno == 1)


def parse_line(
    line: bytes, origin: str, default_date: date | None, *, first: bool = False
) -> Document | InputError:
    if first and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    if b"\x00" in line:
        return InputError(origin, "invalid JSON (raw NUL bytes)")
    text = decode(line, origin)
    if isinstance(text, InputError):
        return text
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return InputError(origin, f"expected a JSON object, got {type(record).__name__}")
    body = record.get("text")
    if body is None:
        return InputError(origin, 'no "text" field')
    if not isinstance(body, str):
        return InputError(origin, f'"text" is a {type(body).__name__}, not a string')
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is not None and not isinstance(doc_id, str):
        return InputError(origin, f'"id" is a {type(doc_id).__name__}, not a string')
    pub_date, problem = parse_date(record.get("date"))
    return make_document(
        text=body.strip(),
        origin=origin,
        pub_date=pub_date,
        date_problem=problem,
        default_date=default_date,
        doc_id=(doc_id or "").strip() or None,
        title=_optional_str(record, "title"),
        url=_optional_str(record, "url"),
        source=_optional_str(record, "source"),
    )


def _optional_str(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _lines(stream: LineSource, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; a line over ``max_bytes`` comes as None and is skipped
    without being held in memory."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the oversized line
                rest = stream.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line
