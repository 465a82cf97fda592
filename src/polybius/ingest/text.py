"""Plain-text documents: an optional ``date YYYY-MM-DD`` first line, then the body."""

from __future__ import annotations

import re
from datetime import date

from polybius.errors import InputError
from polybius.ingest.common import make_document, parse_date
from polybius.records import Document

# "date 2022-01-04", "Date: 2022-01-04", "DATE 2022-01-04T10:00Z". The value must start with
# a digit so that prose such as "Date palms ..." is never taken for a date line.
_DATE_LINE = re.compile(r"^date\s*[:=]?\s*(\d\S*)\s*$", re.IGNORECASE)


def split_date_line(text: str) -> tuple[str | None, str]:
    """(the date value of the first line, the rest), or (None, text) without a date line."""
    stripped = text.lstrip("\ufeff \t\n")
    first, _, rest = stripped.partition("\n")
    match = _DATE_LINE.match(first.strip())
    if match is None:
        return None, text
    return match[1], rest


def strip_blank_lines(body: str) -> str:
    """Drop the blank lines around the body and trailing spaces; keep everything inside."""
    lines = body.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines).rstrip()


def parse_text(text: str, origin: str, default_date: date | None) -> Document | InputError:
    date_value, body = split_date_line(text)
    if date_value is None:
        pub_date, problem = None, None
    else:
        pub_date, problem = parse_date(date_value)
    return make_document(
        text=strip_blank_lines(body),
        origin=origin,
        pub_date=pub_date,
        date_problem=problem,
        default_date=default_date,
    )
