from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polybius.temporal import resolve

PUB = date(2022, 1, 4)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "future", "start", "end", "precision"),
    [
        ("on Monday", False, "2022-01-03", "2022-01-03", "day"),
        ("Monday", False, "2022-01-03", "2022-01-03", "day"),
        ("late on Friday", False, "2021-12-31", "2021-12-31", "day"),
        ("on Monday", True, "2022-01-10", "2022-01-10", "day"),
        ("next Monday", False, "2022-01-10", "2022-01-10", "day"),
        ("last Tuesday", False, "2021-12-28", "2021-12-28", "day"),
        ("yesterday", False, "2022-01-03", "2022-01-03", "day"),
        ("today", False, "2022-01-04", "2022-01-04", "day"),
        ("two days earlier", False, "2022-01-02", "2022-01-02", "day"),
        ("three days ago", False, "2022-01-01", "2022-01-01", "day"),
        ("last week", False, "2021-12-27", "2022-01-02", "week"),
        ("last month", False, "2021-12-01", "2021-12-31", "month"),
        ("next month", True, "2022-02-01", "2022-02-28", "month"),
        ("in March", False, "2021-03-01", "2021-03-31", "month"),
        ("in March 2021", False, "2021-03-01", "2021-03-31", "month"),
        ("on 12 March 1999", False, "1999-03-12", "1999-03-12", "day"),
        ("March 12, 1999", False, "1999-03-12", "1999-03-12", "day"),
        ("in 2008", False, "2008-01-01", "2008-12-31", "year"),
        ("2019", False, "2019-01-01", "2019-12-31", "year"),
        ("last year", False, "2021-01-01", "2021-12-31", "year"),
        ("Dec. 30", False, "2021-12-30", "2021-12-30", "day"),
    ],
)
def test_resolves_news_expressions(text, future, start, end, precision):
    r = resolve(text, PUB, future=future)
    assert r is not None, text
    assert (r.date.isoformat(), r.date_end.isoformat(), r.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["the past three decades", "over time", "recently"])
def test_durations_and_vague_words_are_not_dates(text):
    r = resolve(text, PUB)
    assert r is None or r.precision != "day"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.sampled_from(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]))
def test_past_weekday_is_within_the_last_week(pub, day):
    r = resolve(f"on {day}", pub, future=False)
    assert r is not None
    assert 0 <= (pub - r.date).days <= 6
    assert r.date.strftime("%A").lower() == day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_month_ranges_cover_whole_months(pub):
    r = resolve("last month", pub)
    assert r is not None and r.date.day == 1
    assert r.date_end.month == r.date.month and r.date_end < pub
