"""Resolver behaviour beyond the case table: interface, codes, caching, speed."""

from __future__ import annotations

import time
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from polybius.actors import ActorResolver
from polybius.records import ResolvedActor


def test_default_is_built_once(resolver: ActorResolver) -> None:
    assert ActorResolver.default() is resolver
    assert resolver.version.startswith("actors 1 / kb ")


def test_returns_the_shared_record(resolver: ActorResolver) -> None:
    actor = resolver.resolve("Kazakhstan")
    assert actor == ResolvedActor(
        name="Kazakhstan", country="KAZ", sector=None, code="KAZ", kb_id="KAZ", kind="state"
    )


def test_codes_by_kind(resolver: ActorResolver) -> None:
    un = resolver.resolve("the UN")
    assert un is not None and (un.country, un.code, un.kind, un.kb_id) == (
        None,
        "IGOUNO",
        "igo",
        "UNO",
    )
    nato = resolver.resolve("NATO")
    assert nato is not None and nato.code == "IGONAT"
    amnesty = resolver.resolve("Amnesty International")
    assert amnesty is not None and (amnesty.code, amnesty.kind) == ("NGOAMN", "ngo")
    police = resolver.resolve("police")
    assert police is not None and (police.country, police.code, police.kind) == (
        None,
        "COP",
        "sector",
    )
    isis = resolver.resolve("Islamic State")
    assert isis is not None and isis.code == "IMGREB"


def test_person_record_carries_role_and_id(resolver: ActorResolver) -> None:
    actor = resolver.resolve("President Donald Trump", date(2018, 1, 1))
    assert actor is not None
    assert (actor.kind, actor.kb_id, actor.role, actor.code) == (
        "person",
        "usa-trump",
        "head_of_state",
        "USAGOV",
    )
    former = resolver.resolve("Donald Trump", date(2022, 1, 1))
    assert former is not None and (former.code, former.role) == ("USAELI", None)


def test_latest_information_without_a_date(resolver: ActorResolver) -> None:
    merkel = resolver.resolve("Angela Merkel")
    assert merkel is not None and merkel.sector == "ELI"
    taliban = resolver.resolve("the Taliban")
    assert taliban is not None and taliban.code == "AFGGOV"


def test_context_settles_shared_names(resolver: ActorResolver) -> None:
    day = date(2021, 1, 5)
    assert resolver.resolve("Georgia", day).country == "GEO"  # type: ignore[union-attr]
    assert resolver.resolve("Georgia", day, ["USA"]).country == "USA"  # type: ignore[union-attr]
    assert resolver.resolve("Georgia", day, ("USA", "GEO")).country == "GEO"  # type: ignore[union-attr]


def test_case_aware_acronyms(resolver: ActorResolver) -> None:
    assert resolver.resolve("US") is not None
    assert resolver.resolve("us") is None
    assert resolver.resolve("WHO") is not None
    assert resolver.resolve("who") is None
    assert resolver.resolve("IS") is not None
    assert resolver.resolve("is") is None


def test_lists_and_tuples_share_the_cache(resolver: ActorResolver) -> None:
    first = resolver.resolve("Chinese troops", date(2020, 1, 1), ["CHN"])
    second = resolver.resolve("Chinese troops", date(2020, 1, 1), ("CHN",))
    assert first is second


def test_fast_enough(resolver: ActorResolver) -> None:
    """Generous bounds (shared CI machines); measured numbers are in the report."""
    phrases = [
        "Kazakh President Kassym-Jomart Tokayev",
        "the Kremlin",
        "Japan's defence minister",
        "Chinese troops",
        "opposition groups in Zimbabwe",
        "the German chancellor",
    ]
    days = [date(2001 + k, 1 + k % 12, 1 + k) for k in range(20)]
    start = time.perf_counter()
    for day in days:
        for phrase in phrases:
            resolver.resolve(phrase, day)
    uncached = (time.perf_counter() - start) / (len(days) * len(phrases))
    start = time.perf_counter()
    for _ in range(200):
        for phrase in phrases:
            resolver.resolve(phrase, days[0])
    cached = (time.perf_counter() - start) / (200 * len(phrases))
    assert uncached < 2e-3
    assert cached < 1e-4


_WORDS = st.sampled_from(
    [
        "the", "of", "in", "and", "Chinese", "China's", "president", "President", "troops",
        "former", "Georgia", "Jordan", "UN", "us", "US", "Taliban", "Xi", "Trump", "Real",
        "Madrid", "deputy", "first", "police", "two", "Kremlin", "'s", "-", "Élysée", "WHO",
        "secretary-general", "NATO", "to", "with", "Foo", "Bar", "", "Congo",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=7), st.dates(), st.lists(st.sampled_from(["USA", "GEO"])))
def test_resolve_never_raises(words: list[str], day: date, context: list[str]) -> None:
    resolver = ActorResolver.default()
    actor = resolver.resolve(" ".join(words), day, context)
    assert actor is None or (actor.code and actor.name)


@given(st.text(max_size=30))
def test_resolve_any_text(text: str) -> None:
    actor = ActorResolver.default().resolve(text)
    assert actor is None or isinstance(actor, ResolvedActor)
