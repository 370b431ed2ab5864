"""The matching rules the seed and the gold sentences share: names, roles, places, distances, triggers and
the choice of the closest candidate."""

from __future__ import annotations

import pytest

from sitreps.eval.matching import (
    Check,
    FieldCheck,
    ReadingIndex,
    closest,
    expected_matches,
    km_between,
    name_contains,
    place_names_match,
    roles_match,
    trigger_matches,
)
from sitreps.model import Actor, Article, Reading, Span


@pytest.mark.parametrize(
    ("expected", "name", "others", "matches"),
    [
        ("Ministry of Defense of Azerbaijan", "Azerbaijani Defence Ministry", [], True),
        ("Ministry of Defense of Azerbaijan", "the ministry", [], True),
        ("Government of Armenia", "Armenia", [], True),
        ("Government of Armenia", "Armenian government", [], True),
        ("Turkey", "Türkiye", [], True),
        ("Zakir Hasanov", "Hasanov", ["Col-Gen Zakir Hasanov"], True),
        ("Armenian social media", "Armenia", [], False),
        ("Turkish media", "Turkey", [], False),
        ("Azerbaijani army", "Armenian army", ["the army"], False),
        ("Hulusi Akar", "Zakir Hasanov", [], False),
    ],
)
def test_names(expected: str, name: str, others: list[str], matches: bool) -> None:
    assert expected_matches(expected, name, others) is matches


def test_roles_places_and_distances() -> None:
    assert roles_match("Minister of Defense", "Defence Minister")
    assert roles_match("Minister of Foreign Affairs", "Foreign Minister")
    assert not roles_match("Minister of Defense", "Minister")
    assert not roles_match("Minister of Defense", None)
    assert place_names_match("Kalbajar", "Kalbajar direction")
    assert place_names_match("Gegharkunik", "the Gegharkunik region")
    assert not place_names_match("Basarkechar", "Basarkechar [Gegharkunik] region")
    assert km_between(40.18, 45.73, 40.18, 45.73) == 0.0
    assert km_between(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19, abs=0.01)


def test_the_gold_name_rule_is_a_substring_of_any_name() -> None:
    assert name_contains("Russian forces", ["Armed Forces of Russia", "Russian forces"])
    assert name_contains("ukrain", ["Armed Forces of Ukraine"])
    assert name_contains("Kyiv|Ukrain", ["Government of Ukraine"])
    assert not name_contains("Moscow", ["Government of Russia"])


def test_the_reading_index_offers_both_name_rules() -> None:
    text = "Ukrainian forces said they shelled the bridge."
    article = Article.from_text(text, published="2024-03-06")
    mention = Span.of(article, 0, len("Ukrainian forces"))
    actor = Actor(id="ac-ua", name="Armed Forces of Ukraine", country="UKR", mentions=[mention])
    index = ReadingIndex(Reading(article=article, actors=[actor]))
    assert index.actor_is("ac-ua", "Ukraine") and index.actor_named("ac-ua", "Ukrain")
    assert not index.actor_is("ac-ua", "Ukrain")  # tokens: a stem is no name
    assert index.actor_named("ac-ua", "forces") and not index.actor_named("ac-xx", "forces")


def test_triggers_match_whole_words_either_way() -> None:
    assert trigger_matches("talks", "held talks")
    assert trigger_matches("held talks", "talks")
    assert trigger_matches("Shelled", "attacked|shelled")
    assert not trigger_matches("shell", "shelled")


def test_the_closest_candidate_fails_fewest_checks_and_the_first_wins_a_tie() -> None:
    def judge(n: int) -> list[FieldCheck]:
        return [FieldCheck("even", n % 2 == 0), FieldCheck("small", n < 3)]

    assert closest([3, 4, 1], judge)[0] == 4  # 4 and 1 fail one check each: 4 comes first
    assert closest([1, 2], judge) == (2, [FieldCheck("even", True), FieldCheck("small", True)])


def test_a_check_prints_as_a_seed_line_and_as_a_gold_line() -> None:
    miss = Check("event shelling", False, "no ASSAULT event")
    assert miss.line() == "MISS event shelling  (no ASSAULT event)"
    assert Check("must_not: x", True, kind="must_not").line() == "held   must_not: x"
    assert (
        str(Check("actor 'X' found", False, "actors: 'Y'", "actors"))
        == "[actors] actor 'X' found: actors: 'Y'"
    )
    assert str(Check("actor 'X' found", True, "", "actors")) == "[actors] actor 'X' found"
