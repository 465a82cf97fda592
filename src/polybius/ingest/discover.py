"""Which files to read: explicit paths, folders (recursive) and "-" for stdin."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from polybius.errors import InputError

STDIN = "-"

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read. ``fmt`` is None when the content decides (stdin, odd suffixes)."""

    path: Path | None  # None for stdin
    fmt: str | None

    @property
    def name(self) -> str:
        return "<stdin>" if self.path is None else str(self.path)


def format_of(path: Path) -> str | None:
    if path.suffix == "":
        return "text"
    return FORMATS.get(path.suffix.lower())


def sniff(head: bytes) -> str:
    """The format of content without a telling file name, from its first non-space byte."""
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n\f\v")[:1]
    if first == b"{":
        return "jsonl"
    if first == b"<":
        return "html"
    return "text"


def discover(paths: Sequence[str | Path]) -> Iterator[Source | InputError]:
    """Sources in the order given; a folder expands to its readable files, sorted.

    Explicitly named files are always read (an unknown suffix is sniffed from the content);
    inside folders only the known suffixes are read and hidden files and folders are skipped,
    so stray READMEs and ``.git`` are not taken for news.
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield Source(None, None)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield Source(path, format_of(path))
        elif path.exists():
            yield InputError(str(path), "not a regular file or folder")
        else:
            yield InputError(str(path), "no such file or folder")


def _walk(root: Path) -> Iterator[Source]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if path.suffix.lower() in FORMATS and path.is_file():
                found.append(path)
    for path in sorted(found, key=lambda p: p.relative_to(root).parts):
        yield Source(path, FORMATS[path.suffix.lower()])
