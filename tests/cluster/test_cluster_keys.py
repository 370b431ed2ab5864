"""What clustering compares about one event (cluster/keys.py), on article facts written here; and that the
facts the store reads straight from its rows give the same keys as the Readings they were stored from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import ReadingFactory
from sitreps.cluster.actors import ActorIndex
from sitreps.cluster.keys import EXCLUDED, EventKey, Point, event_keys
from sitreps.store import BatchItem, Store
from sitreps.store.cluster_tables import (
    ActorFacts,
    ArticleFacts,
    EventFacts,
    PlaceFacts,
    TimeFacts,
    facts_of,
    skeletons,
)

PUBLISHED = date(2024, 3, 6)
GYUMRI = PlaceFacts("p-gyumri", "AM", "Shirak", 40.78512, 43.84123, 1, False)
VANADZOR = PlaceFacts("p-vanadzor", "AM", "Lori", 40.8128, 44.4883, None, False)
TBILISI = PlaceFacts("p-tbilisi", "GE", "Tbilisi", 41.7151, 44.8271, 1, False)
MOSCOW_SAYS = PlaceFacts("p-moscow", "RU", "Moscow", 55.75, 37.62, 1, True)  # "Moscow said": metonymic
NO_COORDS = PlaceFacts("p-somewhere", "AM", None, None, None, 3, False)
ONE_DAY = TimeFacts("t-monday", date(2024, 3, 4), date(2024, 3, 4))
TWO_DAYS = TimeFacts("t-weekend", date(2024, 3, 2), date(2024, 3, 3))
MARCH = TimeFacts("t-march", date(2024, 3, 1), date(2024, 3, 31))  # holds the publication day
LAST_YEAR = TimeFacts("t-2023", date(2023, 1, 1), date(2023, 12, 31))
ARMY = ActorFacts("a-army", "Georgian army", "military", "GEO", None)
MINISTER = ActorFacts("a-minister", "Ana Beridze", "person", "GEO", "minister")
CHARITY = ActorFacts("a-charity", "Red Lantern Aid", "organisation", "GEO", None)


def event(
    event_id: str = "e1",
    *,
    plover: str = "ASSAULT",
    actor1: str | None = None,
    actor2: str | None = None,
    time: str | None = "t-monday",
    places: tuple[str, ...] = ("p-gyumri",),
    habitual: bool = False,
    negated: bool = False,
    hypothetical: bool = False,
) -> EventFacts:
    return EventFacts(
        event_id, plover, "actual", None, actor1, actor2, time, habitual, negated, hypothetical, places
    )


def article(
    *events: EventFacts,
    published: date | None = PUBLISHED,
    places: tuple[PlaceFacts, ...] = (GYUMRI, VANADZOR, TBILISI, MOSCOW_SAYS, NO_COORDS),
    actors: tuple[ActorFacts, ...] = (ARMY, MINISTER, CHARITY),
) -> ArticleFacts:
    times = (ONE_DAY, TWO_DAYS, MARCH, LAST_YEAR)
    return ArticleFacts("art-1", published, places, times, actors, events)


def keys(facts: ArticleFacts, undated_days: int = 2, max_window_days: int = 10) -> list[EventKey]:
    actors = ActorIndex((a.name, a.country, a.role, a.kind) for a in facts.actors)
    return event_keys(facts, actors, undated_days=undated_days, max_window_days=max_window_days)


def day(d: date) -> int:
    return d.toordinal()


def test_negated_hypothetical_and_habitual_events_are_excluded() -> None:
    found = keys(
        article(
            event("e1", negated=True),
            event("e2", hypothetical=True),
            event("e3", habitual=True),
            event("e4"),
        )
    )
    assert [(k.event_id, k.family, k.clusterable) for k in found] == [
        ("e1", EXCLUDED, False),
        ("e2", EXCLUDED, False),
        ("e3", EXCLUDED, False),
        ("e4", "violence", True),
    ]
    assert all(k.article_id == "art-1" for k in found)


def test_the_family_comes_from_the_event_types() -> None:
    attack, protest = keys(article(event("e1"), event("e2", plover="PROTEST")))
    assert (attack.family, protest.family) == ("violence", "demonstration")


def test_a_day_or_a_short_range_from_the_text_is_a_dated_window() -> None:
    monday, weekend = keys(article(event("e1", time="t-monday"), event("e2", time="t-weekend")))
    assert (monday.first_day, monday.last_day, monday.dated, monday.vague) == (
        day(date(2024, 3, 4)),
        day(date(2024, 3, 4)),
        True,
        False,
    )
    assert (weekend.first_day, weekend.last_day, weekend.dated) == (
        day(date(2024, 3, 2)),
        day(date(2024, 3, 3)),
        True,
    )


def test_a_long_window_around_publication_counts_as_no_date() -> None:
    (this_month,) = keys(article(event(time="t-march")))
    assert (this_month.first_day, this_month.last_day) == (day(date(2024, 3, 4)), day(PUBLISHED))
    assert not this_month.dated and not this_month.vague


def test_a_long_window_away_from_publication_is_vague() -> None:
    (last_year,) = keys(article(event(time="t-2023")))
    assert (last_year.first_day, last_year.last_day) == (day(date(2023, 1, 1)), day(date(2023, 12, 31)))
    assert last_year.vague and not last_year.dated
    (short,) = keys(article(event(time="t-2023")), max_window_days=400)
    assert short.dated and not short.vague  # the threshold is the config's


def test_an_undated_event_happened_on_publication_day_or_just_before() -> None:
    (undated,) = keys(article(event(time=None)))
    assert (undated.first_day, undated.last_day) == (day(date(2024, 3, 4)), day(PUBLISHED))
    assert not undated.dated and not undated.vague
    (wider,) = keys(article(event(time=None)), undated_days=5)
    assert wider.first_day == day(date(2024, 3, 1))
    (unknown_time,) = keys(article(event(time="t-nowhere")))
    assert (unknown_time.first_day, unknown_time.last_day) == (undated.first_day, undated.last_day)


def test_no_time_and_no_publication_date_is_excluded() -> None:
    (lost,) = keys(article(event(time=None), published=None))
    assert lost.family == EXCLUDED and not lost.clusterable
    (dated,) = keys(article(event(time="t-monday"), published=None))
    assert dated.clusterable and dated.dated  # a date from the text needs no publication date


def test_points_are_rounded_with_their_province_and_precision() -> None:
    (gyumri,) = keys(article(event(places=("p-gyumri", "p-vanadzor", "p-somewhere", "p-unknown"))))
    assert gyumri.points == (
        Point(40.7851, 43.8412, 1, "AM/Shirak"),
        Point(40.8128, 44.4883, 4, "AM/Lori"),  # no precision given: a country
    )
    assert gyumri.countries == frozenset({"AM"})


def test_a_metonymic_place_is_not_where_it_happened() -> None:
    (said,) = keys(article(event(places=("p-moscow", "p-tbilisi"))))
    assert said.points == (Point(41.7151, 44.8271, 1, "GE/Tbilisi"),)
    assert said.countries == frozenset({"GE"})


def test_states_of_state_actors_add_countries_and_every_actor_adds_keys() -> None:
    (army,) = keys(article(event(actor1="a-army", places=("p-gyumri",))))
    assert army.countries == frozenset({"AM", "GE"})
    assert army.actors == frozenset({"name:georgian army", "state:GEO"})
    (minister,) = keys(article(event(actor1="a-minister", actor2="a-charity")))
    assert minister.countries == frozenset({"AM"})  # a person or an organisation adds no country
    assert minister.actors == frozenset({"name:ana beridze", "state:GEO", "name:red lantern aid"})


def test_with_no_place_an_event_takes_the_countries_its_article_names_most() -> None:
    places = (GYUMRI, VANADZOR, NO_COORDS, TBILISI, MOSCOW_SAYS)  # AM three times, GE once
    (alone,) = keys(article(event(places=()), places=places))
    assert alone.countries == frozenset({"AM"}) and alone.points == ()
    border = (GYUMRI, VANADZOR, TBILISI)  # GE named half as often as AM: a border story names both
    (shared,) = keys(article(event(places=()), places=border))
    assert shared.countries == frozenset({"AM", "GE"})
    (nowhere,) = keys(article(event(places=()), places=(MOSCOW_SAYS,)))
    assert nowhere.countries == frozenset()


def test_a_key_goes_to_the_store_as_a_row_and_comes_back_equal() -> None:
    (key,) = keys(article(event(actor1="a-army", places=("p-gyumri", "p-vanadzor"))))
    row = key.row()
    assert row[:5] == ("e1", "art-1", "violence", key.first_day, key.last_day)
    assert EventKey.from_row(row) == key
    excluded = EventKey("e2", "art-1", EXCLUDED, 0, 0)
    assert EventKey.from_row(excluded.row()) == excluded


def test_the_stores_facts_equal_those_of_the_readings(
    reading_factory: ReadingFactory, tmp_path: Path
) -> None:
    readings = [
        reading_factory(1),
        reading_factory(2, published=None),
        reading_factory(3, coordinates=False),
    ]
    with Store(tmp_path / "sitreps.db") as store:
        store.add_batch([BatchItem(r) for r in readings])
        ids = sorted(r.article.id for r in readings)
        fast = list(skeletons(store.connection, ids))
        slow = [facts_of(r) for r in store.readings_of(ids)]
    assert [f.id for f in fast] == ids
    assert sorted(fast, key=lambda f: f.id) == sorted(slow, key=lambda f: f.id)
    assert sorted(fast, key=lambda f: f.id) == sorted((facts_of(r) for r in readings), key=lambda f: f.id)
    assert sum(len(f.events) for f in fast) == 9 and any(p.lat is None for f in fast for p in f.places)
    for facts in fast:
        assert keys(facts) == keys(next(facts_of(r) for r in readings if r.article.id == facts.id))
