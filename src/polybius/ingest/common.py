"""What every reader shares: decoding, dates, ids, and building the Document."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from datetime import date, datetime

from polybius.errors import InputError
from polybius.records import Document

log = logging.getLogger("polybius.ingest")

NO_DATE_WARNING = "no publication date: events will have unknown dates"

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


def normalise_for_hash(text: str) -> str:
    """The text that ids and content hashes are computed on: NFC, whitespace collapsed.

    Two copies of an article that differ only in line wrapping or Unicode composition
    get the same id, so re-ingesting is idempotent.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def stable_id(text: str) -> str:
    return "doc-" + content_hash(text)[:16]


def decode(data: bytes, origin: str) -> str | InputError:
    """UTF-8 text (a BOM is dropped, newlines become ``\\n``), or why it is not text."""
    if b"\x00" in data:
        return InputError(origin, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(
            origin,
            f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: object) -> tuple[date | None, str | None]:
    """A publication date from ``YYYY-MM-DD`` or a full ISO timestamp (its date part, as
    written: a timestamp is not moved to another time zone).

    Returns (date, None), or (None, problem) when the value is missing or invalid.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if not isinstance(value, str):
        return None, f"invalid publication date {value!r} (not a string)"
    text = value.strip()
    match = _ISO_DAY.match(text)
    if not match:
        return None, f"invalid publication date {text!r} (expected YYYY-MM-DD)"
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
        if len(text) > 10:
            datetime.fromisoformat(text)  # reject a malformed time part
    except ValueError:
        return None, f"invalid publication date {text!r}"
    return day, None


def make_document(
    *,
    text: str,
    origin: str,
    pub_date: date | None,
    date_problem: str | None,
    default_date: date | None,
    doc_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Document | InputError:
    """The Document for an extracted body, or an InputError when there is no text.

    A missing date never becomes "today": it stays None (with a warning), unless the
    caller gave a ``default_date`` for the whole batch.
    """
    if not text.strip():
        return InputError(origin, "empty document (no text)")
    warnings: list[str] = []
    if date_problem:
        warnings.append(date_problem)
    if pub_date is None:
        if default_date is not None:
            pub_date = default_date
            note = f"no publication date: using the default date {default_date.isoformat()}"
            warnings.append(note)
            log.info("%s: %s", origin, note)
        else:
            warnings.append(NO_DATE_WARNING)
            log.warning("%s: %s", origin, "; ".join(warnings))
    digest = content_hash(text)
    return Document(
        id=doc_id or "doc-" + digest[:16],
        text=text,
        date=pub_date,
        title=title or None,
        url=url or None,
        source=source or None,
        origin=origin,
        content_hash=digest,
        warnings=tuple(warnings),
    )
