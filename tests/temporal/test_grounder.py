"""Which expression dates which event: clause attachment, ties between events, tense.

Sentences are our own; each names the trigger whose date is checked and the expected date
(ISO day, None for undated historical references).
"""

from __future__ import annotations

from datetime import date

import pytest

from polybius.records import Document
from polybius.temporal import DateGrounder


@pytest.fixture(scope="module")
def ground():
    from polybius.annotate import Annotator
    from polybius.config import Config

    config = Config.load()
    annotator = Annotator(config.model, config.batch_size, 1)

    def run(text: str, pub: str, trigger: str, nth: int = 0):
        doc = Document(id="t", text=text, date=date.fromisoformat(pub))
        adoc = annotator.annotate_one(doc)
        hits = [t.i for t in adoc.tokens if t.text == trigger]
        assert len(hits) > nth, f"{trigger!r} not in {text!r}"
        return DateGrounder().ground(adoc, hits[nth], doc.date)

    return run


def _iso(when) -> str | None:
    return when.date.isoformat() if when.date else None


@pytest.mark.parametrize(
    ("text", "pub", "trigger", "expected"),
    [
        # The date phrase at the end of a passive clause is the clause's own, and an age
        # ("a 52-year-old") is no date.
        (
            "Ana Ruiz, a 52-year-old lawyer who founded the party, was arrested by police "
            "in the capital on Thursday.",
            "2021-03-13", "arrested", "2021-03-11",
        ),
        # A date of the event's own clause beats that of the reporting verb.
        (
            "Investigators said on Thursday that the militia attacked the convoy on 3 May.",
            "2019-05-24", "attacked", "2019-05-03",
        ),
        # Noun modifier of the event noun itself.
        (
            "Officials counted the victims of Tuesday's attacks on the market.",
            "2017-02-10", "attacks", "2017-02-07",
        ),
        # A weekday inside a name ("Good Friday Agreement") is not a date.
        (
            "The parties signed the Good Friday Agreement on 10 April 1998.",
            "2023-04-12", "signed", "1998-04-10",
        ),
        # "Thursday" + "night" are one expression.
        (
            "Warplanes bombed the port on Thursday night, the army said.",
            "2015-03-27", "bombed", "2015-03-26",
        ),
        # A year after a comma belongs to the date.
        (
            "The fleet blockaded the island on July 20, 1974, the ministry recalled.",
            "2024-07-20", "blockaded", "1974-07-20",
        ),
        # "Overnight" in a story is the night ending on its publication day.
        ("Drones struck the refinery overnight.", "2022-09-14", "struck", "2022-09-14"),
    ],
)  # fmt: skip
def test_own_clause_dates(ground, text, pub, trigger, expected):
    assert _iso(ground(text, pub, trigger)) == expected


@pytest.mark.parametrize(
    ("text", "pub", "trigger", "expected"),
    [
        # "N days after X did": X is N days before the main clause.
        (
            "Rebels shelled the airport on Friday, two days after government troops "
            "captured the bridge.",
            "2018-06-16", "captured", "2018-06-13",
        ),
        # The parser can hang "a day" on the main verb; it still ties the after-clause.
        (
            "The president on Tuesday appointed a new cabinet. The decision came a day "
            "after the prime minister resigned.",
            "2019-10-09", "resigned", "2019-10-07",
        ),
        # One entity "Tuesday, two days" is two expressions.
        (
            "The court convicted the journalist on Tuesday, two days after the ministry "
            "revoked her licence.",
            "2020-02-13", "revoked", "2020-02-09",
        ),
        (
            "The court convicted the journalist on Tuesday, two days after the ministry "
            "revoked her licence.",
            "2020-02-13", "convicted", "2020-02-11",
        ),
        # "hours after the bombing": the bombing's own day, told elsewhere in the story.
        (
            "The foreign minister condemned Sunday's bombing of the port. The prime "
            "minister, who visited the wounded hours after the bombing, on Tuesday "
            "promised compensation.",
            "2016-05-26", "visited", "2016-05-22",
        ),
        # A relative clause is not dated by the main clause's expression.
        (
            "The foreign minister condemned Sunday's bombing of the port. The prime "
            "minister, who visited the wounded hours after the bombing, on Tuesday "
            "promised compensation.",
            "2016-05-26", "promised", "2016-05-24",
        ),
        # "the same day" and "after midnight" count from the story's day.
        (
            "Artillery shelled the town on Monday. The army returned fire the same day.",
            "2010-11-25", "returned", "2010-11-22",
        ),
        (
            "Crowds marched through the capital on Sunday. Police clashed with them "
            "after midnight.",
            "2019-06-11", "clashed", "2019-06-10",
        ),
    ],
)  # fmt: skip
def test_ties_between_events(ground, text, pub, trigger, expected):
    assert _iso(ground(text, pub, trigger)) == expected


def test_half_a_century_after_is_historical(ground):
    text = ("The minister visited Havana on Sunday, more than half a century after "
            "Washington cut ties with the island.")  # fmt: skip
    when = ground(text, "2016-03-22", "cut")
    assert when.date is None and when.historical
    assert _iso(ground(text, "2016-03-22", "visited")) == "2016-03-20"


@pytest.mark.parametrize(
    ("text", "pub", "trigger", "expected"),
    [
        # A non-finite complement's date dates the governing event.
        (
            "The opposition accused the army of killing protesters in the square on Sunday.",
            "2013-08-13", "accused", "2013-08-11",
        ),
        (
            "The two leaders agreed to hold a summit in Geneva on June 16.",
            "2021-06-02", "agreed", "2021-06-16",
        ),
        (
            "Police fired tear gas to disperse students outside the university on Friday.",
            "2016-02-20", "fired", "2016-02-19",
        ),
        # ... and a participle on the subject dates its verb.
        (
            "The French president, touring Nairobi on Wednesday, pledged new aid for Kenya.",
            "2019-03-15", "pledged", "2019-03-13",
        ),
        # "by July" is a deadline for an intention, not the day of the act.
        (
            "The cabinet voted on Sunday to pull its troops out of the region by July.",
            "2000-03-07", "pull", "2000-03-05",
        ),
        # "after flying ..." is another, earlier act.
        (
            "The ministry said on Friday it would send doctors to the region, after flying "
            "medical supplies there in September.",
            "2014-11-01", "send", "2014-10-31",
        ),
        # A date standing before a reported clause belongs to the reporting verb.
        (
            "The governor said on Monday he would deploy troops to the border.",
            "2024-11-27", "deploy", "2024-11-25",
        ),
        # A subjectless ", and ..." after a subordinate clause continues the main clause.
        (
            "The navy began exercises near the strait on Thursday, three days after the new "
            "president took office, and called them a warning.",
            "2024-05-25", "called", "2024-05-23",
        ),
    ],
)  # fmt: skip
def test_complements_and_attachment(ground, text, pub, trigger, expected):
    assert _iso(ground(text, pub, trigger)) == expected


@pytest.mark.parametrize(
    ("text", "pub", "trigger", "expected", "precision"),
    [
        # A passive lead ("was attacked ... on Saturday") dates the story's later events.
        (
            "The embassy was attacked by a mob on Saturday. The government condemned the "
            "violence and vowed to punish those responsible.",
            "2012-09-16", "punish", "2012-09-15", "day",
        ),
        # Reported "would" takes the day it was said.
        (
            "The prime minister condemned the attack on Monday. He said his government would "
            "expel the ambassador.",
            "2018-03-14", "expel", "2018-03-12", "day",
        ),
        # A backshifted past perfect in reported speech is not historical.
        (
            "Rebels captured the town on Sunday. The army said it had withdrawn its units.",
            "2024-12-10", "withdrawn", "2024-12-08", "day",
        ),
        # An after-clause without a date of its own happens on its main clause's day.
        (
            "The cabinet met in the capital. Police detained dozens of people on Friday after "
            "demonstrators blocked the highway.",
            "2007-04-28", "blocked", "2007-04-27", "day",
        ),
        # A clause that changes tense ("had torched ..., and ... declared") does not share
        # its neighbour's date.
        (
            "The mayor on Saturday banned all marches. Rioters had torched a police station "
            "on Friday night, and the mayor declared a curfew.",
            "2019-10-20", "declared", "2019-10-19", "day",
        ),
        (
            "The mayor on Saturday banned all marches. Rioters had torched a police station "
            "on Friday night, and the mayor declared a curfew.",
            "2019-10-20", "torched", "2019-10-18", "day",
        ),
        # Present tense without a date: the publication day.
        (
            "Troops killed three militants on Monday. The government says it will not "
            "negotiate with the group.",
            "2021-05-05", "negotiate", "2021-05-05", "document",
        ),
    ],
)  # fmt: skip
def test_tense_and_the_lead(ground, text, pub, trigger, expected, precision):
    when = ground(text, pub, trigger)
    assert (_iso(when), when.precision) == (expected, precision)


def test_past_perfect_relative_is_undated(ground):
    text = ("Police arrested the former minister on Friday, who had been granted asylum by "
            "the embassy.")  # fmt: skip
    when = ground(text, "2024-04-07", "granted")
    assert when.date is None and when.historical


@pytest.mark.parametrize(
    ("text", "pub", "trigger", "expected"),
    [
        # Ties the entity recogniser misses are still read.
        (
            "Police detained the activist at his home on Friday and released him the "
            "following day.",
            "2023-06-14", "released", "2023-06-10",
        ),
        # A date standing before "after ..." belongs to the main clause.
        (
            "The bloc imposed sanctions on the regime last month after its forces diverted "
            "a passenger jet.",
            "2022-03-10", "imposed", "2022-02-01",
        ),
        # A past verb with a date of its own leaves its infinitive's date forward-looking.
        (
            "The two leaders agreed on Monday to meet again on Friday in Geneva.",
            "2021-08-17", "meet", "2021-08-20",
        ),
        # An auxiliary shared by coordinated verbs ("had seized ... and held") keeps them
        # together.
        (
            "The rebels had seized the town in 2014 and held it for three years.",
            "2022-03-10", "held", "2014-01-01",
        ),
        # "N years after" counts years back from the main clause's year.
        (
            "The two countries restored diplomatic relations in 2015, 54 years after they "
            "were severed.",
            "2021-08-17", "severed", "1961-01-01",
        ),
    ],
)  # fmt: skip
def test_more_attachment_and_ties(ground, text, pub, trigger, expected):
    assert _iso(ground(text, pub, trigger)) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The militia launched drones at the ship in response to the seizure of its tanker "
         "on Sunday.", "launched"),
        ("Protesters burned tyres in the capital in reaction to the arrest of their leader on "
         "Monday.", "burned"),
    ],
)  # fmt: skip
def test_date_inside_a_cause_phrase_dates_the_cause(ground, text, trigger):
    assert ground(text, "2025-06-24", trigger).precision == "document"


def test_first_to_clause_is_historical(ground):
    when = ground("Turkey was one of the first countries to recognise the new government.",
                  "2022-03-10", "recognise")  # fmt: skip
    assert when.date is None and when.historical
