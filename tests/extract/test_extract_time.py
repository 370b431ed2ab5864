"""Time references (extract/time.py): date expressions resolved against the publication date.

A weekday is the latest such day on or before publication, a date without a year is the latest one on or
before publication, day ranges ("the night of X leading to Y", "12-13 April") are read by rule, and what
has no calendar anchor (a duration) or would lie after publication is no time. Habitual statements take
no time. Sentences written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_support import PUBLISHED, event, reading, spans_are_exact

from sitreps.extract.time import resolve
from sitreps.model import Reading, TimePrecision

# PUBLISHED is Wednesday 10 May 2023.
Resolved = tuple[date, date, TimePrecision]


def _day(y: int, m: int, d: int) -> Resolved:
    return date(y, m, d), date(y, m, d), "day"


def _range(first: date, last: date) -> Resolved:
    return first, last, "range"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monday", _day(2023, 5, 8)),
        ("on Monday", _day(2023, 5, 8)),
        ("Tuesday evening", _day(2023, 5, 9)),
        ("Sunday morning", _day(2023, 5, 7)),
        ("Friday night", _day(2023, 5, 5)),
        ("Wednesday", _day(2023, 5, 10)),  # the day of publication itself
        ("last Wednesday", _day(2023, 5, 3)),  # "last" on the same weekday: the week before
        ("Thursday", _day(2023, 5, 4)),
    ],
)
def test_a_weekday_is_the_latest_one_on_or_before_publication(text: str, expected: Resolved) -> None:
    assert resolve(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", _day(2023, 5, 10)),
        ("yesterday", _day(2023, 5, 9)),
        ("two days ago", _day(2023, 5, 8)),
        ("last week", _range(date(2023, 5, 1), date(2023, 5, 7))),
        ("this week", _range(date(2023, 5, 8), date(2023, 5, 14))),
        ("last month", (date(2023, 4, 1), date(2023, 4, 30), "month")),
        ("last year", (date(2022, 1, 1), date(2022, 12, 31), "year")),
        ("this year", (date(2023, 1, 1), date(2023, 12, 31), "year")),
    ],
)
def test_a_relative_day_counts_from_publication(text: str, expected: Resolved) -> None:
    assert resolve(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 3", _day(2023, 5, 3)),
        ("3 May", _day(2023, 5, 3)),
        ("Feb 14", _day(2023, 2, 14)),
        ("May 11", _day(2022, 5, 11)),  # the day after publication: last year's
        ("December 25", _day(2022, 12, 25)),
        ("May 3, 2021", _day(2021, 5, 3)),
        ("14 February 2022", _day(2022, 2, 14)),
        ("March 2020", (date(2020, 3, 1), date(2020, 3, 31), "month")),
        ("2019", (date(2019, 1, 1), date(2019, 12, 31), "year")),
    ],
)
def test_a_calendar_date_without_a_year_is_the_latest_before_publication(
    text: str, expected: Resolved
) -> None:
    assert resolve(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the night of May 3 leading to 4", _range(date(2023, 5, 3), date(2023, 5, 4))),
        ("May 3-4", _range(date(2023, 5, 3), date(2023, 5, 4))),
        ("3-4 May", _range(date(2023, 5, 3), date(2023, 5, 4))),
        ("3–4 May", _range(date(2023, 5, 3), date(2023, 5, 4))),
        ("12 to 14 April", _range(date(2023, 4, 12), date(2023, 4, 14))),
        ("Sept. 12-13", _range(date(2022, 9, 12), date(2022, 9, 13))),
        ("May 30-31", _range(date(2022, 5, 30), date(2022, 5, 31))),  # ends after publication: last year
        ("June 12 through 15, 2021", _range(date(2021, 6, 12), date(2021, 6, 15))),
        ("between Friday and Sunday", _range(date(2023, 5, 5), date(2023, 5, 7))),
        ("from Monday to Wednesday", _range(date(2023, 5, 8), date(2023, 5, 10))),
        ("from Saturday to Tuesday", _range(date(2023, 5, 6), date(2023, 5, 9))),
    ],
)
def test_a_day_range(text: str, expected: Resolved) -> None:
    assert resolve(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    "text",
    [
        "three years",  # a duration
        "18 months",
        "the past decade",
        "tomorrow",  # after publication
        "next week",
        "31 June",  # no such day
        "June 31 2021",
        "early May",
    ],
)
def test_no_time_without_a_calendar_anchor_or_after_publication(text: str) -> None:
    assert resolve(text, PUBLISHED) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 3, 2021", _day(2021, 5, 3)),
        ("Monday", None),
        ("May 3", None),
        ("yesterday", None),
    ],
)
def test_without_a_publication_date_only_a_year_anchors(text: str, expected: Resolved | None) -> None:
    assert resolve(text, None) == expected


@pytest.mark.xfail(strict=True, reason='"the 1990s" resolves to the day before publication')
def test_a_decade_is_not_a_day_of_the_publication_year() -> None:
    resolved = resolve("the 1990s", PUBLISHED)
    assert resolved is None or (resolved[0].year, resolved[1].year) == (1990, 1999)


# -- in articles -----------------------------------------------------------------------------------------


def _times(r: Reading) -> list[tuple[str, date | None, date | None, str]]:
    return [(t.mention.text, t.start, t.end, t.precision) for t in r.times]


@pytest.mark.parametrize(
    ("text", "times"),
    [
        (
            "Drones struck the depot on Tuesday night.",
            [("Tuesday", date(2023, 5, 9), date(2023, 5, 9), "day")],
        ),
        (
            "Gunmen attacked the convoy last Wednesday.",
            [("last Wednesday", date(2023, 5, 3), date(2023, 5, 3), "day")],
        ),
        (
            "Gunmen attacked the convoy on 30 December 2022.",
            [("30 December 2022", date(2022, 12, 30), date(2022, 12, 30), "day")],
        ),
        (
            "Troops shelled the town between Friday and Sunday.",
            [("between Friday and Sunday", date(2023, 5, 5), date(2023, 5, 7), "range")],
        ),
        (
            "The ceasefire collapsed on Sunday after talks in March 2021 failed.",
            [
                ("Sunday", date(2023, 5, 7), date(2023, 5, 7), "day"),
                ("March 2021", date(2021, 3, 1), date(2021, 3, 31), "month"),
            ],
        ),
        ("Police arrested protesters yesterday.", [("yesterday", date(2023, 5, 9), date(2023, 5, 9), "day")]),
        ("Drones struck the port on May 11.", [("May 11", date(2022, 5, 11), date(2022, 5, 11), "day")]),
    ],
)
def test_times_of_an_article_resolve_against_its_publication(
    text: str, times: list[tuple[str, date, date, str]]
) -> None:
    r = reading(text)
    assert _times(r) == times
    assert all(t.anchor == PUBLISHED for t in r.times)
    assert spans_are_exact(r)


def test_a_range_takes_in_the_tail_the_model_leaves_out() -> None:
    r = reading("Troops shelled the village on the night of May 3 leading to 4.")
    (night,) = r.times
    assert night.mention.text.endswith("May 3 leading to 4")
    assert (night.start, night.end, night.precision) == (date(2023, 5, 3), date(2023, 5, 4), "range")
    assert r.article.text[night.mention.start : night.mention.end] == night.mention.text
    assert event(r, "shelled").time == night.id


@pytest.mark.parametrize(
    "text",
    [
        "The siege has lasted 18 months.",
        "The blockade has lasted three years.",
        "Talks are expected next week.",
    ],
)
def test_a_duration_or_a_future_is_no_time(text: str) -> None:
    assert reading(text).times == []


def test_a_clock_time_in_gmt_is_not_a_year() -> None:
    r = reading("The attack took place at 2130 GMT on Monday.")
    assert _times(r) == [("Monday", date(2023, 5, 8), date(2023, 5, 8), "day")]
    assert event(r, "attack").time == r.times[0].id


def test_the_same_words_resolve_against_each_articles_own_date() -> None:
    text = "Gunmen attacked the convoy on Saturday."
    earlier = reading(text, published=date(2021, 1, 4))  # a Monday
    later = reading(text, published=PUBLISHED)
    assert [t.start for t in earlier.times] == [date(2021, 1, 2)]
    assert [t.start for t in later.times] == [date(2023, 5, 6)]
    assert [t.anchor for t in earlier.times] == [date(2021, 1, 4)]


def test_an_article_without_a_publication_date_keeps_only_dates_with_a_year() -> None:
    r = reading(
        "Gunmen attacked the convoy on Saturday. Talks had failed on 30 December 2022.", published=None
    )
    assert _times(r) == [("30 December 2022", date(2022, 12, 30), date(2022, 12, 30), "day")]
    assert r.times[0].anchor is None


# -- events and their time -------------------------------------------------------------------------------


def test_an_event_takes_the_time_of_its_clause() -> None:
    r = reading("Farmers rallied in the main square on Friday.")
    rallied = event(r, "rallied")
    (friday,) = r.times
    assert (rallied.time, rallied.habitual) == (friday.id, False)
    assert friday.start == date(2023, 5, 5)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Farmers rallied in the main square every Friday.", "rallied"),
        ("Rebels regularly ambush convoys on the northern road.", "ambush"),
        ("Police usually arrest protesters at the square.", "arrest"),
    ],
)
def test_a_habitual_statement_has_no_time(text: str, trigger: str) -> None:
    found = event(reading(text), trigger)
    assert (found.habitual, found.time) == (True, None)


@pytest.mark.xfail(
    strict=True, reason='"on May 3 and 26 a day later": the count 26 is read as the end of a day range'
)
def test_a_count_after_a_date_is_not_a_day() -> None:
    r = reading("Officials reported 20 deaths on May 3 and 26 a day later.")
    assert _times(r) == [("May 3", date(2023, 5, 3), date(2023, 5, 3), "day")]
