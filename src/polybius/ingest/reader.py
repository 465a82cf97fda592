"""``read_documents``: every supported input, one Document (or InputError) at a time."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path
from typing import IO

from polybius.errors import InputError
from polybius.ingest.common import decode
from polybius.ingest.discover import Source, discover, sniff
from polybius.ingest.html import parse_html
from polybius.ingest.jsonl import read_jsonl
from polybius.ingest.text import parse_text
from polybius.records import Document

_SNIFF_BYTES = 4096


def read_documents(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = 20_000_000,
    default_date: date | None = None,
) -> Iterator[Document | InputError]:
    """Read documents from files, folders and "-" (stdin), lazily and in order.

    Problems are yielded as ``InputError`` (never raised), so one bad file does not stop a
    batch. ``max_bytes`` bounds one document: a text or HTML file, or one JSONL line.
    ``default_date`` is used for documents without a publication date; without it they
    keep ``date=None`` and a warning.
    """
    if isinstance(paths, (str, Path)):  # a lone path is a common slip; don't iterate its chars
        paths = [paths]
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            with _open(item) as stream:
                yield from _read_source(item, stream, max_bytes, default_date)
        except OSError as exc:
            yield InputError(item.name, f"cannot read: {exc.strerror or exc}")


def _open(source: Source) -> AbstractContextManager[IO[bytes]]:
    if source.path is not None:
        return source.path.open("rb")
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return nullcontext(buffer)  # stdin stays open after the batch
    # A text-only stdin (e.g. replaced in tests or embedded interpreters).
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _read_source(
    source: Source, stream: IO[bytes], max_bytes: int, default_date: date | None
) -> Iterator[Document | InputError]:
    head = stream.read(_SNIFF_BYTES)
    fmt = source.fmt or sniff(head)
    if b"\x00" in head:
        yield InputError(source.name, "binary file (contains NUL bytes), not text")
        return
    if fmt == "jsonl":
        yield from read_jsonl(_Prefixed(head, stream), source.name, default_date, max_bytes)
        return
    data = head + stream.read(max_bytes + 1 - len(head)) if len(head) <= max_bytes else head
    if len(data) > max_bytes:
        yield InputError(source.name, f"too large (over the limit of {max_bytes} bytes)")
        return
    text = decode(data, source.name)
    if isinstance(text, InputError):
        yield text
    elif fmt == "html":
        yield parse_html(text, source.name, default_date)
    else:
        yield parse_text(text, source.name, default_date)


class _Prefixed:
    """A byte stream that replays already-read bytes before the rest of ``stream``."""

    def __init__(self, prefix: bytes, stream: IO[bytes]) -> None:
        self._prefix = prefix
        self._stream = stream

    def readline(self, size: int = -1, /) -> bytes:
        if not self._prefix:
            return self._stream.readline(size)
        newline = self._prefix.find(b"\n")
        cut = newline + 1 if newline >= 0 else len(self._prefix)
        if size >= 0:
            cut = min(cut, size)
        line, self._prefix = self._prefix[:cut], self._prefix[cut:]
        if line.endswith(b"\n") or self._prefix or len(line) == size:
            return line
        return line + self._stream.readline(size - len(line) if size >= 0 else -1)
