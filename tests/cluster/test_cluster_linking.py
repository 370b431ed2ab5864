"""When two events link (cluster/linking.py), the blocks candidates come from, and that links do not depend
on the order or batches events come in."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitreps.cluster.keys import EXCLUDED, EventKey, Point
from sitreps.cluster.linking import ClusterConfig, blocks, find_links, links
from sitreps.errors import SitrepsError

CONFIG = ClusterConfig()
JERMUK = Point(39.84, 45.67, 1, "AM/Vayots Dzor")
KALBAJAR = Point(40.10, 46.04, 1, "AZ/Kalbajar")  # about 40 km from Jermuk, across the border
KHARTOUM = Point(15.55, 32.53, 1, "SD/Khartoum")
ARMENIA = Point(40.0, 45.0, 4, None)  # the whole country: says nothing about the scene


def day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def key(
    event_id: str,
    *,
    article: str = "a1",
    family: str = "violence",
    first: str = "2022-09-13",
    last: str | None = None,
    dated: bool = True,
    vague: bool = False,
    countries: tuple[str, ...] = ("AM", "AZ"),
    points: tuple[Point, ...] = (),
    actors: tuple[str, ...] = (),
) -> EventKey:
    return EventKey(
        event_id,
        article,
        family,
        day(first),
        day(last or first),
        dated=dated,
        vague=vague,
        countries=frozenset(countries),
        points=points,
        actors=frozenset(actors),
    )


def test_each_side_blaming_the_other_across_the_border_is_one_event() -> None:
    armenian = key("e1", article="a1", points=(JERMUK,), actors=("state:AZE", "state:ARM"))
    azerbaijani = key("e2", article="a2", points=(KALBAJAR,), actors=("state:ARM", "state:AZE"))
    assert links(armenian, azerbaijani, CONFIG)
    assert links(azerbaijani, armenian, CONFIG)


def test_the_same_place_in_another_month_is_another_event() -> None:
    september = key("e1", article="a1", points=(JERMUK,))
    may = key("e2", article="a2", first="2023-05-15", points=(JERMUK,))
    assert not links(september, may, CONFIG)


def test_dates_a_day_apart_meet_but_three_days_apart_do_not() -> None:
    a = key("e1", article="a1", points=(JERMUK,))
    assert links(a, key("e2", article="a2", first="2022-09-14", points=(JERMUK,)), CONFIG)
    assert not links(a, key("e3", article="a3", first="2022-09-16", points=(JERMUK,)), CONFIG)


def test_a_range_covers_each_of_its_days() -> None:
    night = key("e1", article="a1", first="2022-09-12", last="2022-09-13", points=(KALBAJAR,))
    assert links(night, key("e2", article="a2", first="2022-09-13", points=(JERMUK,)), CONFIG)


def test_far_apart_places_are_different_events() -> None:
    a = key("e1", article="a1", countries=("SD", "AM"), points=(KHARTOUM,))
    assert not links(a, key("e2", article="a2", countries=("AM",), points=(JERMUK,)), CONFIG)


def test_no_shared_country_means_no_link() -> None:
    a = key("e1", article="a1", countries=("SD",))
    assert not links(a, key("e2", article="a2", countries=("AM",)), CONFIG)


def test_actors_that_exclude_each_other_are_different_events() -> None:
    a = key("e1", article="a1", actors=("state:SDN", "name:rapid support forces"))
    b = key("e2", article="a2", actors=("state:ARM", "state:AZE"))
    assert not links(a, b, CONFIG)


def test_type_time_and_country_alone_are_not_enough_across_articles() -> None:
    a = key("e1", article="a1", dated=False)
    b = key("e2", article="a2", dated=False)
    assert not links(a, b, CONFIG)
    # ... but inside one article, an undated "the fighting" is the fighting the article is about.
    assert links(a, key("e3", article="a1", dated=False), CONFIG)


def test_a_country_wide_place_neither_ties_nor_separates() -> None:
    a = key("e1", article="a1", points=(ARMENIA,), dated=False)
    b = key("e2", article="a2", points=(JERMUK,), dated=False)
    assert not links(a, b, CONFIG)  # nothing positive ties them
    assert links(  # a common actor does
        key("e4", article="a1", points=(ARMENIA,), actors=("state:AZE",), dated=False),
        key("e5", article="a2", points=(JERMUK,), actors=("state:AZE",), dated=False),
        CONFIG,
    )


def test_families_never_mix() -> None:
    attack = key("e1", article="a1", points=(JERMUK,))
    ceasefire = key("e2", article="a2", family="settlement", points=(JERMUK,))
    assert not links(attack, ceasefire, CONFIG)


def test_vague_times_only_meet_the_same_window() -> None:
    war = key("e1", article="a1", first="2020-01-01", last="2020-12-31", dated=False, vague=True)
    same = key("e2", article="a2", first="2020-01-01", last="2020-12-31", dated=False, vague=True)
    inside = key("e3", article="a3", first="2020-10-01", dated=True)
    assert links(war, same, CONFIG)
    assert not links(war, inside, CONFIG)


def test_one_province_is_one_scene_however_wide() -> None:
    north = Point(41.0, 45.0, 3, "AM/Tavush")
    south = Point(38.0, 46.2, 3, "AM/Syunik")  # about 350 km away
    far_north = Point(41.2, 42.0, 3, "AM/Tavush")  # 252 km from north: farther than a province reaches
    assert links(
        key("e1", article="a1", points=(north,)), key("e2", article="a2", points=(far_north,)), CONFIG
    )
    assert not links(
        key("e1", article="a1", points=(north,)), key("e3", article="a3", points=(south,)), CONFIG
    )


def test_nearness_depends_on_the_coarser_precision() -> None:
    town = Point(40.0, 45.0, 1, None)
    seventy_km = Point(40.63, 45.0, 1, None)
    district = Point(40.63, 45.0, 2, None)
    a = key("e1", article="a1", points=(town,))
    assert not links(a, key("e2", article="a2", points=(seventy_km,)), CONFIG)  # two towns: 60 km
    assert links(a, key("e3", article="a3", points=(district,)), CONFIG)  # a district: 120 km
    wider = ClusterConfig(near_km_town=80.0)
    assert links(a, key("e2", article="a2", points=(seventy_km,)), wider)


def test_an_event_without_countries_only_meets_its_own_article() -> None:
    a = key("e1", article="a1", countries=())
    assert links(a, key("e2", article="a1"), CONFIG)
    assert not links(a, key("e3", article="a2"), CONFIG)


def test_blocks_cover_each_day_widened_by_the_slack_for_each_country() -> None:
    a = key("e1", first="2022-09-13", last="2022-09-14", countries=("AZ", "AM"))
    d = day("2022-09-13")
    assert list(blocks(a, CONFIG)) == [
        ("violence", d, "AM"), ("violence", d, "AZ"),
        ("violence", d + 1, "AM"), ("violence", d + 1, "AZ"),
        ("violence", d + 2, "AM"), ("violence", d + 2, "AZ"),
    ]  # fmt: skip
    war = key("e2", first="2020-01-01", last="2020-12-31", vague=True, countries=("AM",))
    assert list(blocks(war, CONFIG)) == [("violence", day("2020-01-01"), "AM")]
    alone = key("e3", article="a9", countries=())
    assert list(blocks(alone, CONFIG)) == [
        ("violence", day("2022-09-13"), "article:a9"), ("violence", day("2022-09-14"), "article:a9"),
    ]  # fmt: skip


def test_find_links_pairs_the_new_with_the_known_and_not_the_known_together() -> None:
    known = [key("k1", article="a1", points=(JERMUK,)), key("k2", article="a2", points=(JERMUK,))]
    new = [key("n1", article="a3", points=(KALBAJAR,)), key("n2", article="a4", countries=("SD",))]
    assert find_links(new, known, CONFIG) == {("k1", "n1"), ("k2", "n1")}
    assert find_links(known, [], CONFIG) == {("k1", "k2")}
    assert find_links([], known, CONFIG) == set()


def test_excluded_events_never_link() -> None:
    denied = EventKey("e1", "a1", EXCLUDED, 0, 0)
    assert not links(denied, EventKey("e2", "a2", EXCLUDED, 0, 0), CONFIG)


POINTS = [JERMUK, KALBAJAR, KHARTOUM, ARMENIA]


@st.composite
def keys(draw: st.DrawFn) -> list[EventKey]:
    n = draw(st.integers(min_value=2, max_value=25))
    made = []
    for i in range(n):
        first = day("2022-09-10") + draw(st.integers(0, 10))
        made.append(
            EventKey(
                f"e{i:02d}",
                f"a{draw(st.integers(0, 5))}",
                draw(st.sampled_from(["violence", "settlement", EXCLUDED])),
                first,
                first + draw(st.integers(0, 2)),
                dated=draw(st.booleans()),
                countries=frozenset(draw(st.sets(st.sampled_from(["AM", "AZ", "SD"]), max_size=2))),
                points=tuple(draw(st.sets(st.sampled_from(POINTS), max_size=2))),
                actors=frozenset(
                    draw(st.sets(st.sampled_from(["state:ARM", "state:AZE", "name:x"]), max_size=2))
                ),
            )
        )
    return made


@given(keys(), st.randoms(use_true_random=False), st.integers(0, 25))
def test_links_do_not_depend_on_order_or_batches(
    made: list[EventKey], rnd: random.Random, split: int
) -> None:
    everything = find_links(made, [], CONFIG)
    shuffled = made[:]
    rnd.shuffle(shuffled)
    assert find_links(shuffled, [], CONFIG) == everything
    first, second = shuffled[:split], shuffled[split:]
    assert find_links(first, [], CONFIG) | find_links(second, first, CONFIG) == everything
    assert all(
        links(next(k for k in made if k.event_id == a), next(k for k in made if k.event_id == b), CONFIG)
        for a, b in everything
    )


def test_config_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "cluster.toml"
    path.write_text("[cluster]\nmax_span_days = 3\nnear_km_town = 25.5\n", encoding="utf-8")
    config = ClusterConfig.from_toml(path)
    assert (config.max_span_days, config.near_km_town, config.slack_days) == (3, 25.5, 1)
    path.write_text("max_spam_days = 3\n", encoding="utf-8")
    with pytest.raises(SitrepsError, match="unknown cluster setting"):
        ClusterConfig.from_toml(path)
    path.write_text("max_span_days = 2.5\n", encoding="utf-8")
    with pytest.raises(SitrepsError, match="whole number"):
        ClusterConfig.from_toml(path)
    path.write_text("max_span_days = [\n", encoding="utf-8")
    with pytest.raises(SitrepsError, match="cannot read"):
        ClusterConfig.from_toml(path)
