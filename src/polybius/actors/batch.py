"""Resolve many mentions at once: the logic behind ``polybius actor``.

Input lines are JSON objects {"id", "text", "date"}; every input line gives exactly one
output object, with nulls when unresolved and an "error" field when the line itself is
malformed, so outputs can be joined back to inputs line by line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from polybius.actors.resolver import ActorResolver
from polybius.records import ResolvedActor

RESULT_FIELDS = ("country", "sector", "code", "name", "kb_id", "kind", "role")


def actor_to_dict(text: str, actor: ResolvedActor | None) -> dict[str, Any]:
    """The JSON shape of one resolution; every field is present, null when unresolved."""
    out: dict[str, Any] = {"text": text}
    for name in RESULT_FIELDS:
        out[name] = getattr(actor, name) if actor is not None else None
    return out


def parse_date(value: Any) -> date | None:
    """An ISO date (YYYY-MM-DD, or a longer ISO timestamp); raises ValueError if bad."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"date must be a YYYY-MM-DD string, got {value!r}")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"date is not YYYY-MM-DD: {value!r}") from None


def resolve_line(resolver: ActorResolver, line: str, line_number: int) -> dict[str, Any]:
    """One input JSON line to one output object (never raises on bad input)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(None, None, f"line {line_number}: invalid JSON: {exc.msg}")
    if not isinstance(record, dict):
        return _error(None, None, f"line {line_number}: expected a JSON object")
    record_id = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        return _error(record_id, None, f"line {line_number}: missing or non-text 'text'")
    try:
        on = parse_date(record.get("date"))
    except ValueError as exc:
        return _error(record_id, text, f"line {line_number}: {exc}")
    context = record.get("context") or ()
    if not isinstance(context, list | tuple) or not all(isinstance(c, str) for c in context):
        return _error(record_id, text, f"line {line_number}: 'context' must list ISO3 codes")
    out = {"id": record_id, **actor_to_dict(text, resolver.resolve(text, on, tuple(context)))}
    out["date"] = on.isoformat() if on else None
    return out


def resolve_lines(resolver: ActorResolver, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Resolve JSONL input; blank lines are skipped, every other line yields one object."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield resolve_line(resolver, line, number)


def _error(record_id: Any, text: str | None, message: str) -> dict[str, Any]:
    out = {"id": record_id, **actor_to_dict(text or "", None)}
    out["text"] = text
    out["date"] = None
    out["error"] = message
    return out
