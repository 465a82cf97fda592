"""HTML pages: main text, title, date and URL via trafilatura, fully offline."""

from __future__ import annotations

from datetime import date
from typing import Any

from polybius.errors import InputError
from polybius.ingest.common import make_document, parse_date
from polybius.ingest.text import strip_blank_lines
from polybius.records import Document

# Only dates stated in the page's markup and metadata: htmldate's extensive search scans
# free text and URLs and can end up guessing, which is worse than an honest "unknown".
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def parse_html(html: str, origin: str, default_date: date | None) -> Document | InputError:
    try:
        import trafilatura  # imported on first HTML page: it costs 0.2 s at start-up

        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (
        Exception
    ) as exc:  # trafilatura/lxml raise many kinds; one bad page must not stop a batch
        return InputError(origin, f"HTML could not be parsed: {exc}")
    if result is None:
        return InputError(origin, "empty document (no main text found in the HTML)")

    def field(name: str) -> object:
        # a Document with __slots__ in trafilatura 2.x, a dict with as_dict=True
        return result.get(name) if isinstance(result, dict) else getattr(result, name, None)

    text = _str_or_none(field("text")) or ""
    pub_date, problem = parse_date(field("date"))
    return make_document(
        text=strip_blank_lines(text),
        origin=origin,
        pub_date=pub_date,
        date_problem=problem,
        default_date=default_date,
        title=_str_or_none(field("title")),
        url=_str_or_none(field("url")),
        source=_str_or_none(field("sitename")),
    )


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
