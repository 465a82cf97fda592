"""Resolve a date expression against a publication date.

Common news expressions ("on Monday", "last month", "two days earlier", "in 2008") are
resolved by rule — they depend on the verb's tense, which general-purpose parsers do not
see. Absolute dates ("12 March 1999", "March 12") go to ``dateparser``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3,
    "a few": 3, "few": 3, "couple": 2, "a couple of": 2,
}  # fmt: skip

_NUM = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of)"
_AGO = re.compile(rf"\b{_NUM}\s+(day|week|month|year)s?\s+(ago|earlier|before|previously|later|after|from now)\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY_NUM = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")


# A bare length of time ("14 months", "two days", "a 30-day", "week-long", "15-year-old") is a
# duration or an age, never a date: without "ago"/"earlier"/"later" it says nothing about when.
_DURATION = re.compile(
    rf"(the\s+)?(({_NUM}|\d+|a|an)\s*-?\s*)?(minute|hour|day|night|week|month|year|decade|centur(y|ie))s?"
    r"(\s*-?\s*(long|old))?"
)
# Expressions that name a time relative to the story's own day rather than to publication:
# "the same day", "hours later", "that night". The caller supplies that day as ``anchor``.
_SAME_DAY = frozenset({
    "the same day", "same day", "that day", "later that day", "earlier that day",
    "earlier in the day", "later in the day", "that night", "later that night", "that evening",
    "later that evening", "that morning", "that afternoon", "hours later", "hours earlier",
    "minutes later", "moments later", "shortly afterwards", "shortly afterward",
    "soon afterwards", "soon afterward", "shortly after", "soon after", "hours afterwards",
    "within hours", "at midnight", "just before midnight", "before midnight", "midnight",
})  # fmt: skip
_NEXT_DAY = frozenset({
    "the next day", "the following day", "next day", "a day later", "the day after",
    "the next morning", "the following morning", "after midnight", "shortly after midnight",
    "just after midnight",
})  # fmt: skip
_PREVIOUS_DAY = frozenset({"the day before", "the previous day", "a day earlier", "the night before",
                           "the previous night", "the eve"})  # fmt: skip

_Date = date


@dataclass(frozen=True, slots=True)
class Resolved:
    date: _Date
    date_end: _Date
    precision: str  # day, week, month, year


def _day(d: date) -> Resolved:
    return Resolved(d, d, "day")


def _week(d: date) -> Resolved:
    start = d - timedelta(days=d.weekday())
    return Resolved(start, start + timedelta(days=6), "week")


def _month(year: int, month: int) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return Resolved(date(year, month, 1), date(year, month, last), "month")


def _year(year: int) -> Resolved:
    return Resolved(date(year, 1, 1), date(year, 12, 31), "year")


def _shift_month(d: date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def resolve(
    text: str, pub: date, future: bool = False, anchor: date | None = None
) -> Resolved | None:
    """Ground ``text`` against ``pub``; ``future`` when the verb is in the future tense.

    ``anchor`` is the day the story is telling about where it differs from the publication
    day: "the same day", "the next day" and "two days later" count from it ("ago" and the
    weekday names count from publication).
    """
    return _resolve(_normalise(text), pub, future, anchor or pub)


def is_anchored(text: str) -> bool:
    """Does the expression count from the story's day ("hours later", "two days earlier")
    rather than from the publication date?"""
    t = _normalise(text)
    if t in _SAME_DAY or t in _NEXT_DAY or t in _PREVIOUS_DAY:
        return True
    m = _AGO.search(t)
    return m is not None and m.group(3) not in {"ago", "from now"}


def is_duration(text: str) -> bool:
    """A bare length of time ("a day", "two weeks", "hours"): no date by itself."""
    return _DURATION.fullmatch(_normalise(text)) is not None


def _normalise(text: str) -> str:
    t = re.sub(r"\s+", " ", text.lower().strip())
    return re.sub(r"[’']s\b", "", t)


@lru_cache(maxsize=4096)
def _resolve(t: str, pub: date, future: bool, anchor: date) -> Resolved | None:
    if t in _SAME_DAY:
        return _day(anchor)
    if t in _NEXT_DAY:
        return _day(anchor + timedelta(days=1))
    if t in _PREVIOUS_DAY:
        return _day(anchor - timedelta(days=1))
    if _DURATION.fullmatch(t):
        return None
    t = re.sub(r"^(on|in|at|by|during|since|from|until|late|early|earlier|later)\s+", "", t)
    t = re.sub(r"^(late|early)\s+(on\s+)?", "", t)
    if t in {"today", "this morning", "this afternoon", "this evening", "tonight", "now",
             "overnight"}:  # fmt: skip
        # "overnight" in a story is the night that ends on its publication day.
        return _day(pub)
    if t in {"yesterday", "last night", "yesterday morning", "yesterday afternoon",
             "yesterday evening"}:  # fmt: skip
        return _day(pub - timedelta(days=1))
    if t in {"tomorrow", "tomorrow morning"}:
        return _day(pub + timedelta(days=1))
    if re.fullmatch(r"(over |at |during )?the weekend", t):
        # The weekend just past (or, in the future tense, the coming one).
        sat = _weekday(pub, 5, future=future)
        return Resolved(sat, sat + timedelta(days=1), "day")
    if m := _AGO.search(t):
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS.get(m.group(1), 1)
        unit, direction = m.group(2), m.group(3)
        sign = 1 if direction in {"later", "after", "from now"} else -1
        base = pub if direction in {"ago", "from now"} else anchor
        if unit == "day":
            return _day(base + timedelta(days=sign * n))
        if unit == "week":
            return _week(base + timedelta(weeks=sign * n))
        if unit == "month":
            return _month(*_shift_month(base, sign * n))
        return _year(base.year + sign * n)
    for prefix, offset in (("last ", -1), ("past ", -1), ("previous ", -1), ("this ", 0),
                           ("next ", 1), ("coming ", 1), ("earlier this ", 0), ("later this ", 0)):  # fmt: skip
        if t.startswith(prefix):
            unit = t[len(prefix) :].strip()
            if unit == "week":
                return _week(pub + timedelta(weeks=offset))
            if unit == "month":
                return _month(*_shift_month(pub, offset))
            if unit == "year":
                return _year(pub.year + offset)
            if unit == "weekend":
                sat = _weekday(pub, 5, future=offset > 0 or (offset == 0 and future))
                return Resolved(sat, sat + timedelta(days=1), "day")
            if unit in WEEKDAYS:
                if offset < 0:
                    return _day(_weekday(pub, WEEKDAYS[unit], future=False))
                if offset > 0:
                    return _day(_weekday(pub + timedelta(days=1), WEEKDAYS[unit], future=True))
                return _day(_weekday(pub, WEEKDAYS[unit], future=future))
            if unit in MONTHS:
                named = MONTHS[unit]
                in_year = pub.year - 1 if offset < 0 and named >= pub.month else pub.year
                in_year = pub.year + 1 if offset > 0 and named <= pub.month else in_year
                return _month(in_year, named)
    words = re.findall(r"[a-z]+|\d+", t)
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    year_m = _YEAR.search(t)
    year = int(year_m.group(1)) if year_m else None
    day_num = _day_of_month(t, year)
    if month is not None and day_num is not None:
        y = year if year is not None else _nearest_year(pub, month, day_num, future)
        try:
            return _day(date(y, month, day_num))
        except ValueError:
            return None
    if month is not None:
        if year is None:
            year = pub.year
            if not future and month > pub.month:
                year -= 1
            if future and month < pub.month:
                year += 1
        return _month(year, month)
    if weekday is not None:
        return _day(_weekday(pub, weekday, future=future))
    if year is not None and re.fullmatch(r"(the year )?(1[89]\d\d|20\d\d)", t):
        return _year(year)
    if year is not None and len(words) <= 3 and not any(w in {"past", "over", "for"} for w in words):
        return _year(year)
    return _fallback(t, pub, future)


def _day_of_month(t: str, year: int | None) -> int | None:
    for m in _DAY_NUM.finditer(t):
        value = int(m.group(1))
        if year is not None and str(year).endswith(m.group(0)):
            continue
        if 1 <= value <= 31 and m.group(0) != str(year):
            return value
    return None


def _nearest_year(pub: date, month: int, day: int, future: bool) -> int:
    try:
        candidate = date(pub.year, month, day)
    except ValueError:
        return pub.year
    if not future and candidate > pub + timedelta(days=1):
        return pub.year - 1
    if future and candidate < pub:
        return pub.year + 1
    return pub.year


def _weekday(pub: date, weekday: int, future: bool) -> date:
    """The nearest such weekday on or after ``pub`` (future), or strictly before it (past):
    a story tells of its own publication day as "today", so a past "on Monday" in a story
    published on a Monday is the Monday before."""
    if future:
        return pub + timedelta(days=(weekday - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1)


def _fallback(t: str, pub: date, future: bool) -> Resolved | None:
    if not re.search(r"\d", t):
        return None
    if re.search(r"\b(minute|hour|day|week|month|year|decade|century)s?\b", t):
        return None  # "within 14 months", "the 29-year": spans of time, which dateparser dates
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    settings = {
        "RELATIVE_BASE": datetime(pub.year, pub.month, pub.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_TIME_AS_PERIOD": False,
    }
    try:
        parsed = dateparser.parse(t, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    return _day(parsed.date())
