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
    # gold/README.md: the most recent such day strictly before publication.
    r = resolve(f"on {day}", pub, future=False)
    assert r is not None
    assert 1 <= (pub - r.date).days <= 7
    assert r.date.strftime("%A").lower() == day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_month_ranges_cover_whole_months(pub):
    r = resolve("last month", pub)
    assert r is not None and r.date.day == 1
    assert r.date_end.month == r.date.month and r.date_end < pub


@pytest.mark.parametrize(
    "text", ["14 months", "two days", "a 30-day", "week-long", "a 15-year-old", "decades", "hours"]
)
def test_bare_lengths_of_time_and_ages_are_not_dates(text):
    assert resolve(text, PUB) is None


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("the same day", "2021-12-30"),
        ("hours later", "2021-12-30"),
        ("that night", "2021-12-30"),
        ("the next day", "2021-12-31"),
        ("the following day", "2021-12-31"),
        ("after midnight", "2021-12-31"),
        ("a day earlier", "2021-12-29"),
        ("two days later", "2022-01-01"),
        ("two days earlier", "2021-12-28"),
        # "ago" counts from publication whatever the story's day.
        ("two days ago", "2022-01-02"),
    ],
)
def test_story_relative_expressions_count_from_the_anchor(text, start):
    r = resolve(text, PUB, anchor=date(2021, 12, 30))
    assert r is not None and (r.date.isoformat(), r.precision) == (start, "day")


def test_overnight_is_the_publication_day():
    r = resolve("overnight", PUB)
    assert r is not None and r.date == PUB


def test_weekend_past_and_coming():
    past = resolve("over the weekend", PUB)
    coming = resolve("this weekend", PUB, future=True)
    assert past is not None and (past.date.isoformat(), past.date_end.isoformat()) == (
        "2022-01-01",
        "2022-01-02",
    )
    assert coming is not None and coming.date.isoformat() == "2022-01-08"


def test_publication_weekday_in_the_past_is_a_week_before():
    # gold/README.md: "no text uses the publication day's own weekday for an event".
    r = resolve("on Tuesday", PUB)
    assert r is not None and r.date.isoformat() == "2021-12-28"
    last = resolve("last Monday", PUB)
    assert last is not None and last.date.isoformat() == "2022-01-03"
