"""Actors (extract/actors.py, extract/reference.py): who is named, normalised to one actor each.

Demonyms and country names with a group noun become a country's collective ("Government of X", "Armed
Forces of X", "Ministry of Y of X"); capitals acting in a sentence stand for their government; roles and
countries come from titles, appositions and "his ... counterpart"; a surname or "the ministry" joins the
actor it refers to. Sentences written for these tests.
"""

from __future__ import annotations

import pytest
from extract_support import OUTLET, actor, event, name_of, reading, spans_are_exact

from sitreps.model import ActorKind

# -- a country's collectives ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind", "country"),
    [
        ("Norwegian soldiers patrolled the valley at dawn.", "Armed Forces of Norway", "military", "NOR"),
        ("The Ghanaian army said it had secured the town.", "Armed Forces of Ghana", "military", "GHA"),
        ("The Swedish government announced new sanctions.", "Government of Sweden", "government", "SWE"),
        ("The Belgian parliament approved the budget.", "Government of Belgium", "government", "BEL"),
        ("Austrian police detained three men in Vienna.", "Police of Austria", "government", "AUT"),
        ("Thai police arrested the suspect late on Friday.", "Police of Thailand", "government", "THA"),
        (
            "The Mexican foreign ministry summoned the ambassador.",
            "Ministry of Foreign Affairs of Mexico",
            "government",
            "MEX",
        ),
        (
            "Canada's Defence Ministry said two planes had been sent.",
            "Ministry of Defense of Canada",
            "government",
            "CAN",
        ),
        (
            "Estonia's Interior Ministry said the border was closed.",
            "Ministry of Internal Affairs of Estonia",
            "government",
            "EST",
        ),
    ],
)
def test_a_demonym_or_country_with_a_group_noun_is_the_countrys_collective(
    text: str, name: str, kind: ActorKind, country: str
) -> None:
    found = actor(reading(text), name)
    assert (found.kind, found.country) == (kind, country)


def test_the_collective_keeps_the_words_of_the_text_as_its_mention() -> None:
    r = reading("The Mexican foreign ministry summoned the ambassador.")
    ministry = actor(r, "Ministry of Foreign Affairs of Mexico")
    assert [m.text for m in ministry.mentions] == ["Mexican foreign ministry"]
    assert ministry.aliases == ["Mexican foreign ministry"]


def test_two_countries_collectives_in_one_clause_stay_apart() -> None:
    r = reading("Chilean troops and Peruvian police clashed near the border on Sunday.")
    chile, peru = actor(r, "Armed Forces of Chile"), actor(r, "Police of Peru")
    assert (chile.kind, chile.country, peru.kind, peru.country) == ("military", "CHL", "government", "PER")
    clashed = event(r, "clashed")
    assert (name_of(r, clashed.actor1), name_of(r, clashed.actor2)) == (
        "Armed Forces of Chile",
        "Police of Peru",
    )


# -- states and populations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Vietnam and the Philippines traded accusations.", "Vietnam", "VNM"),
        ("Vietnam and the Philippines traded accusations.", "Philippines", "PHL"),
        ("Moldova recalled its ambassador on Monday.", "Moldova", "MDA"),
    ],
)
def test_a_country_name_is_its_state(text: str, name: str, country: str) -> None:
    found = actor(reading(text), name)
    assert (found.kind, found.country, found.sector) == ("state", country, "government")


def test_the_spellings_of_a_country_are_one_state() -> None:
    r = reading("Türkiye and Greece signed the accord. Turkey ratified it a week later.")
    turkey = actor(r, "Turkey")
    assert (turkey.kind, turkey.country) == ("state", "TUR")
    assert [m.text for m in turkey.mentions] == ["Türkiye", "Turkey"]
    assert actor(r, "Greece").country == "GRC"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The Hungarians voted on Sunday.", "Hungarians", "HUN"),
        ("Kenyans voted in large numbers.", "Kenyans", "KEN"),
    ],
)
def test_a_demonym_as_a_noun_is_a_population(text: str, name: str, country: str) -> None:
    found = actor(reading(text), name)
    assert (found.kind, found.country, found.sector) == ("population", country, "civilian")


# -- capitals -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "governments"),
    [
        ("Warsaw condemned the attack.", {"Government of Poland": "Warsaw"}),
        ("Warsaw's decision angered farmers.", {"Government of Poland": "Warsaw"}),
        (
            "The deal was signed by Madrid and Lisbon.",
            {"Government of Spain": "Madrid", "Government of Portugal": "Lisbon"},
        ),
        (
            "Talks between Nairobi and Addis Ababa resumed on Monday.",
            {"Government of Kenya": "Nairobi", "Government of Ethiopia": "Addis Ababa"},
        ),
    ],
)
def test_a_capital_that_acts_is_its_government(text: str, governments: dict[str, str]) -> None:
    r = reading(text)
    for name, mention in governments.items():
        found = actor(r, name)
        assert found.kind == "government"
        assert [m.text for m in found.mentions] == [mention]


def test_a_capital_where_something_happens_is_no_actor() -> None:
    r = reading("Protests continued in Warsaw on Monday.")
    assert r.actors == []


def test_a_capital_and_its_government_act_together() -> None:
    r = reading("Talks between Nairobi and Addis Ababa resumed on Monday.")
    talks = event(r, "Talks")
    assert (name_of(r, talks.actor1), name_of(r, talks.actor2)) == (
        "Government of Kenya",
        "Government of Ethiopia",
    )


# -- people: roles, countries, names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role", "country"),
    [
        (
            "Portuguese President Maria Costa arrived in Rome.",
            "Maria Costa",
            "President",
            "PRT",
        ),
        (
            "Irish Foreign Minister Sean Byrne spoke with his British counterpart, Mark Hale.",
            "Sean Byrne",
            "Minister of Foreign Affairs",
            "IRL",
        ),
        (
            "Lithuanian Prime Minister Rasa Vaitkus spoke with her Latvian counterpart Janis Ozols.",
            "Rasa Vaitkus",
            "Prime Minister",
            "LTU",
        ),
        (
            "Colombian Interior Minister Luis Mora said the ministry had opened an inquiry.",
            "Luis Mora",
            "Minister of Internal Affairs",
            "COL",
        ),
        (
            "Col. Marco Bianchi, a spokesman for the Italian army, said the drill was over.",
            "Marco Bianchi",
            "Spokesperson",
            "ITA",
        ),
    ],
)
def test_a_title_or_apposition_gives_the_role_and_the_country(
    text: str, name: str, role: str, country: str
) -> None:
    person = actor(reading(text), name)
    assert (person.kind, person.role, person.country) == ("person", role, country)


@pytest.mark.parametrize(
    ("text", "name", "role", "country"),
    [
        (
            "Irish Foreign Minister Sean Byrne spoke with his British counterpart, Mark Hale.",
            "Mark Hale",
            "Minister of Foreign Affairs",
            "GBR",
        ),
        (
            "Lithuanian Prime Minister Rasa Vaitkus spoke with her Latvian counterpart Janis Ozols.",
            "Janis Ozols",
            "Prime Minister",
            "LVA",
        ),
        (
            "Greek Foreign Minister Eleni Markou met her Turkish counterpart Kemal Arslan in Athens.",
            "Kemal Arslan",
            "Minister of Foreign Affairs",
            "TUR",
        ),
    ],
)
def test_a_counterpart_takes_the_role_before_it_and_its_own_country(
    text: str, name: str, role: str, country: str
) -> None:
    person = actor(reading(text), name)
    assert (person.kind, person.role, person.country) == ("person", role, country)


def test_a_counterpart_is_the_person_not_the_country_of_the_demonym() -> None:
    r = reading("Greek Foreign Minister Eleni Markou met her Turkish counterpart Kemal Arslan in Athens.")
    met = event(r, "met")
    assert (name_of(r, met.actor1), name_of(r, met.actor2)) == ("Eleni Markou", "Kemal Arslan")
    assert all(a.name != "Turkey" for a in r.actors)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Col. Marco Bianchi, a spokesman for the Italian army, said the drill was over.", "Marco Bianchi"),
        ("Maj. Gen. Piet de Vries said the troops had withdrawn.", "Piet de Vries"),
    ],
)
def test_a_rank_is_not_part_of_the_name(text: str, name: str) -> None:
    person = actor(reading(text), name)
    assert [m.text for m in person.mentions] == [name]


def test_a_surname_alone_joins_the_full_name() -> None:
    r = reading("Portuguese President Maria Costa arrived in Rome. Costa met the Italian prime minister.")
    costa = actor(r, "Maria Costa")
    assert [m.text for m in costa.mentions] == ["Maria Costa", "Costa"]
    assert costa.aliases == ["Costa"]
    assert sum(a.kind == "person" for a in r.actors) == 1


# -- "the ministry" ---------------------------------------------------------------------------------------


def test_the_ministry_is_the_last_ministry_named() -> None:
    r = reading("The Mexican foreign ministry summoned the ambassador. The ministry said it was concerned.")
    ministry = actor(r, "Ministry of Foreign Affairs of Mexico")
    assert [m.text for m in ministry.mentions] == ["Mexican foreign ministry", "The ministry"]
    assert sum(a.kind == "government" for a in r.actors) == 1


@pytest.mark.parametrize(
    ("text", "ministry"),
    [
        (
            "Colombian Interior Minister Luis Mora said the ministry had opened an inquiry.",
            "Ministry of Internal Affairs of Colombia",
        ),
        (
            "Polish Defence Minister Tomasz Nowak visited the base. Nowak said the ministry would act.",
            "Ministry of Defense of Poland",
        ),
    ],
)
def test_the_ministry_of_a_minister_named_before(text: str, ministry: str) -> None:
    found = actor(reading(text), ministry)
    assert found.kind == "government"
    assert [m.text for m in found.mentions] == ["the ministry"]


def test_the_ministry_with_none_named_is_an_unnamed_ministry() -> None:
    r = reading("Journalists quoted the ministry as saying the road was closed.")
    ministry = actor(r, "Ministry")
    assert (ministry.kind, ministry.country) == ("government", None)


# -- organisations, groups, the outlet ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind", "sector"),
    [
        (
            "The Patriotic Liberation Front claimed the bombing.",
            "Patriotic Liberation Front",
            "armed group",
            "rebel",
        ),
        ("The Northern Brigades attacked the town.", "Northern Brigades", "armed group", "rebel"),
        ("The Coastal Daily News published the letter.", "Coastal Daily News", "media", "media"),
        ("Reuters reported that rebels seized the airport.", "Reuters", "media", "media"),
        ("The Red Cross sent aid to the region.", "Red Cross", "organisation", None),
    ],
)
def test_an_organisation_kind_comes_from_its_name(
    text: str, name: str, kind: ActorKind, sector: str | None
) -> None:
    found = actor(reading(text), name)
    assert (found.kind, found.sector, found.country) == (kind, sector, None)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Gunmen abducted several villagers overnight.", "Gunmen", "armed group"),
        ("Striking miners blocked the highway.", "Striking miners", "population"),
        ("Angry villagers protested outside the mine.", "Angry villagers", "population"),
        ("Reuters reported that rebels seized the airport.", "Rebels", "armed group"),
    ],
)
def test_an_unnamed_group_is_an_actor_by_its_own_words(text: str, name: str, kind: ActorKind) -> None:
    found = actor(reading(text), name)
    assert (found.kind, found.country) == (kind, None)


def test_the_outlet_is_a_media_actor_with_its_mentions_in_the_text() -> None:
    r = reading(f"{OUTLET} reports that the bridge reopened. {OUTLET} could not confirm it.", outlet=OUTLET)
    outlet = actor(r, OUTLET)
    assert outlet.kind == "media"
    assert [m.start for m in outlet.mentions] == [0, r.article.text.index(OUTLET, 1)]


def test_the_outlet_is_an_actor_even_when_the_text_does_not_name_it() -> None:
    r = reading("The bridge reopened on Monday.", outlet=OUTLET)
    outlet = actor(r, OUTLET)
    assert (outlet.kind, outlet.mentions) == ("media", [])


def test_no_actor_without_anyone_named() -> None:
    assert reading("The bridge reopened on Monday after repairs.").actors == []


@pytest.mark.xfail(strict=True, reason='the title word "Defence" tagged ORG becomes an organisation actor')
def test_a_title_is_not_an_organisation() -> None:
    r = reading("Defence Minister Juraj Hlina said rebels attacked a convoy.")
    assert [a.name for a in r.actors if a.kind != "armed group"] == ["Juraj Hlina"]


# -- every span points at its text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Greek Foreign Minister Eleni Markou met her Turkish counterpart Kemal Arslan in Athens.",
        "Türkiye and Greece signed the accord. Turkey ratified it a week later.",
        "The Mexican foreign ministry summoned the ambassador. The ministry said it was concerned.",
        "Col. Marco Bianchi, a spokesman for the Italian army, said the drill was over.",
        "Talks between Nairobi and Addis Ababa resumed on Monday.",
    ],
)
def test_actor_mentions_are_exact_spans(text: str) -> None:
    r = reading(text)
    assert r.actors and spans_are_exact(r)
    for a in r.actors:
        assert all(m.text == r.article.text[m.start : m.end] for m in a.mentions)
