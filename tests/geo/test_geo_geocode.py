"""Ranking candidates: context, kind of place, brackets, precision, confidence."""

from __future__ import annotations

import pytest

from sitreps.geo.gazetteer import Gazetteer, open_gazetteer
from sitreps.geo.geocode import (
    Context,
    Mention,
    outlet_country,
    rank_candidates,
    resolve_mentions,
    resolve_name,
    without_kind_word,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def test_the_article_context_picks_lacin_in_azerbaijan(gazetteer: Gazetteer) -> None:
    # "Lacin" is the exact name of a town in Turkey and of one in Azerbaijan.
    found = {c.country for c, _ in rank_candidates("Lacin", gazetteer)}
    assert {"AZ", "TR"} <= found
    best, share = rank_candidates("Lacin", gazetteer, countries={"AZ": 3.0})[0]
    assert best.country == "AZ" and share > 0.5
    assert rank_candidates("Lacin", gazetteer, countries={"TR": 3.0})[0][0].country == "TR"


def test_armenia_is_the_country_not_the_colombian_city(gazetteer: Gazetteer) -> None:
    resolution = resolve_name("Armenia", gazetteer)
    assert resolution is not None
    assert (resolution.place.place_id, resolution.precision) == ("iso:AM", 4)
    assert resolution.alternatives[0][0].country == "CO"


def test_kind_words_choose_between_a_province_and_a_village(gazetteer: Gazetteer) -> None:
    province = resolve_name("Gegharkunik", gazetteer, hint="province")
    assert province is not None and province.place.feature == "province" and province.precision == 3
    village = resolve_name("Gegharkunik", gazetteer, hint="settlement")
    assert village is not None and village.place.feature == "settlement" and village.precision == 1


def test_a_direction_is_the_district(gazetteer: Gazetteer) -> None:
    context = Context({"AZ": 5.0})
    mentions = [Mention(n, hint="district") for n in ("Dashkasan", "Kalbajar", "Lachin")]
    results = resolve_mentions(mentions, context, gazetteer)
    assert [r.place.place_id if r else None for r in results] == ["iso:AZ-DAS", "iso:AZ-KAL", "iso:AZ-LAC"]
    assert all(r is not None and r.precision == 2 for r in results)


def test_a_plain_city_name_is_the_city_not_its_namesake_province(gazetteer: Gazetteer) -> None:
    donetsk = resolve_name("Donetsk", gazetteer, countries={"UA": 1.0})
    assert donetsk is not None and donetsk.place.feature == "settlement" and donetsk.precision == 1
    oblast = resolve_name("Donetsk", gazetteer, countries={"UA": 1.0}, hint="province")
    assert oblast is not None and oblast.place.place_id == "iso:UA-14" and oblast.precision == 3


def test_bracketed_alternatives_constrain_each_other(gazetteer: Gazetteer) -> None:
    mentions = [
        Mention("Basarkechar", partner=1, hint="province"),
        Mention("Gegharkunik", partner=0, hint="province"),
    ]
    town, province = resolve_mentions(mentions, Context({"AZ": 2.0, "AM": 2.0}), gazetteer)
    assert town is not None and province is not None
    assert (town.place.name, town.place.country, town.precision) == ("Vardenis", "AM", 2)
    assert (province.place.place_id, province.precision) == ("iso:AM-GR", 3)


def test_a_country_or_division_named_after_a_comma(gazetteer: Gazetteer) -> None:
    la = resolve_mentions([Mention("Los Angeles", country="CL")], Context(), gazetteer)[0]
    assert la is not None and la.place.country == "CL"
    plain = resolve_name("Los Angeles", gazetteer)
    assert plain is not None and plain.place.country == "US" and plain.place.admin1 == "California"


def test_near_makes_a_town_district_precise(gazetteer: Gazetteer) -> None:
    near = resolve_mentions([Mention("Vardenis", near=True)], Context({"AM": 1.0}), gazetteer)[0]
    assert near is not None and near.place.feature == "settlement" and near.precision == 2


def test_confidence_is_a_share_and_alternatives_are_kept(gazetteer: Gazetteer) -> None:
    sure = resolve_name("Kəlbəcər", gazetteer, countries={"AZ": 1.0})
    assert sure is not None and 0 < sure.confidence <= 0.99 and len(sure.alternatives) <= 3
    unsure = resolve_name("Springfield", gazetteer)
    assert unsure is not None and unsure.confidence < sure.confidence


def test_loose_matches_need_the_article_or_a_large_place(gazetteer: Gazetteer) -> None:
    assert resolve_name("Kelbadzhar", gazetteer, countries={"AZ": 1.0}) is not None
    assert resolve_name("Qwxzzyv", gazetteer) is None


def test_unknown_names_with_a_kind_word_are_looked_up_without_it() -> None:
    shorter = without_kind_word(Mention("Oaxaca State"))
    assert shorter is not None and (shorter.text, shorter.hint) == ("Oaxaca", "province")
    assert without_kind_word(Mention("Yerevan")) is None


def test_outlets_have_home_countries() -> None:
    assert outlet_country("Azernews") == "AZ"
    assert outlet_country("Armenpress") == "AM"
    assert outlet_country("Reuters") is None and outlet_country(None) is None
