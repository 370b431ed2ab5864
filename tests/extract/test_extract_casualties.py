"""Casualty figures (extract/casualties.py, tolls.py, figure_dates.py): a count, who it counts, what
happened to them, whose they are, and the day the figure held.

Counts come from digits and number words, vague counts ("dozens of" is at least 24) and tallies ("raised
the toll to 40, then to 45"); qualifiers from the words before the count; the party from a demonym, the
official body that reports its own side, or whoever gives a tally of its own; the event is the attack in
the sentence or just before. Sentences written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_support import PUBLISHED, event, figure, name_of, reading, spans_are_exact

from sitreps.model import CasualtyFigure, Reading


def _figures(text: str) -> list[tuple[str, str, int | None, int | None, int | None, str]]:
    """(span, kind, count, count_min, count_max, qualifier) of each figure of a text."""
    r = reading(text)
    return [(f.span.text, f.kind, f.count, f.count_min, f.count_max, f.qualifier) for f in r.figures]


def _only(text: str) -> tuple[Reading, CasualtyFigure]:
    r = reading(text)
    assert len(r.figures) == 1, [f.span.text for f in r.figures]
    return r, r.figures[0]


def _party(r: Reading, f: CasualtyFigure) -> tuple[str | None, str | None]:
    """The party's name and country."""
    actors = {a.id: a for a in r.actors}
    party = actors.get(f.party or "")
    return (party.name, party.country) if party is not None else (None, None)


# -- what happened --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        ("Seven civilians were killed in the blast.", "Seven civilians", "killed"),
        ("45 people died in the crash.", "45 people", "killed"),
        ("Four Serbian soldiers were wounded.", "Four Serbian soldiers", "wounded"),
        ("The flood hurt 25 villagers.", "25 villagers", "wounded"),
        ("Five police officers were taken prisoner by the militants.", "Five police officers", "captured"),
        ("Soldiers captured 9 rebels near the dam.", "9 rebels", "captured"),
        ("Rebels kidnapped 6 aid workers on the highway.", "6 aid workers", "captured"),
        ("Eight journalists were abducted in the north.", "Eight journalists", "captured"),
        ("1,250 residents were displaced.", "1,250 residents", "displaced"),
        ("Nearly two hundred villagers fled the clashes.", "two hundred villagers", "displaced"),
        ("Police detained 41 students on Tuesday.", "41 students", "arrested"),
        ("Up to 30 people are missing after the storm.", "30 people", "missing"),
        ("The army said it had lost 35 troops in the offensive.", "35 troops", "losses"),
    ],
)
def test_the_verb_or_noun_says_what_happened(text: str, span: str, kind: str) -> None:
    _, f = _only(text)
    assert (f.span.text, f.kind) == (span, kind)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The clashes left 11 dead and 30 wounded.",
            [("11 dead", "killed", 11), ("30 wounded", "wounded", 30)],
        ),
        (
            "The explosion killed 9 workers and injured 23 other workers.",
            [("9 workers", "killed", 9), ("23 other workers", "wounded", 23)],
        ),
        (
            "Eighteen people were killed and 40 wounded in the attack.",
            [("Eighteen people", "killed", 18), ("40 wounded", "wounded", 40)],
        ),
        (
            "Police arrested 3,400 protesters and 12 journalists.",
            [("3,400 protesters", "arrested", 3400), ("12 journalists", "arrested", 12)],
        ),
        (
            "The Cypriot defence ministry put its losses at 12 killed and 5 missing.",
            [("12 killed", "killed", 12), ("5 missing", "missing", 5)],
        ),
    ],
)
def test_a_list_of_figures_gives_one_figure_each(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert [(span, kind, count) for span, kind, count, *_ in _figures(text)] == expected


# -- how many ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Seven civilians were killed in the blast.", 7),
        ("Twenty-one soldiers were killed in the attack.", 21),
        ("1,250 residents were displaced.", 1250),
        ("Police arrested 3,400 protesters and 12 journalists.", 3400),
        ("Flooding displaced 3,000 people in the province.", 3000),
    ],
)
def test_digits_and_number_words(text: str, count: int) -> None:
    assert _figures(text)[0][2] == count


@pytest.mark.parametrize(
    ("text", "count", "count_min", "count_max", "qualifier"),
    [
        ("At least 40 people were injured when the bridge collapsed.", None, 40, None, "at_least"),
        ("More than 1,500 residents were displaced by the floods.", None, 1500, None, "more_than"),
        ("Over 500 civilians have been killed since the start of the war.", None, 500, None, "more_than"),
        ("About 600 people were displaced by the clashes.", 600, None, None, "about"),
        ("Almost 70 rebels were captured.", 70, None, None, "about"),
        ("Some 70 protesters were arrested.", 70, None, None, "about"),
        ("Nearly two hundred villagers fled the clashes.", 200, None, None, "about"),
        ("Up to 30 people are missing after the storm.", None, None, 30, "up_to"),
        ("At most 15 people were hurt.", None, None, 15, "at_most"),
        ("Fewer than 10 journalists were detained.", None, None, 10, "fewer_than"),
        ("Less than 20 people were injured.", None, None, 20, "fewer_than"),
        ("Seven civilians were killed in the blast.", 7, None, None, "exact"),
    ],
)
def test_a_qualifier_decides_which_bound_the_count_is(
    text: str, count: int | None, count_min: int | None, count_max: int | None, qualifier: str
) -> None:
    (only,) = _figures(text)
    assert only[2:] == (count, count_min, count_max, qualifier)


def test_the_qualifier_is_not_part_of_the_span() -> None:
    _, f = _only("At least 40 people were injured when the bridge collapsed.")
    assert (f.span.text, f.span.start) == ("40 people", len("At least "))


@pytest.mark.parametrize(
    ("text", "span", "kind", "count", "count_min", "qualifier"),
    [
        (
            "Dozens of people were hurt when shells hit the bus station.",
            "Dozens of people",
            "wounded",
            None,
            24,
            "at_least",
        ),
        (
            "Scores of protesters were arrested in the capital.",
            "Scores of protesters",
            "arrested",
            None,
            40,
            "at_least",
        ),
        ("Hundreds of students were detained.", "Hundreds of students", "arrested", None, 200, "at_least"),
        (
            "Thousands of residents were displaced by the fighting.",
            "Thousands of residents",
            "displaced",
            None,
            2000,
            "at_least",
        ),
        ("Tens of civilians were killed.", "Tens of civilians", "killed", None, 20, "at_least"),
        ("Several soldiers were wounded in the ambush.", "Several soldiers", "wounded", None, 3, "at_least"),
        ("A dozen villagers were kidnapped by gunmen.", "A dozen villagers", "captured", 12, None, "about"),
    ],
)
def test_a_vague_count_is_the_least_it_commits_to(
    text: str, span: str, kind: str, count: int | None, count_min: int | None, qualifier: str
) -> None:
    assert _figures(text) == [(span, kind, count, count_min, None, qualifier)]


@pytest.mark.parametrize(
    ("text", "span", "kind", "population"),
    [
        (
            "No casualties among residents were reported after the blast.",
            "No casualties",
            "losses",
            "civilian",
        ),
        ("The soldiers were not injured in the incident.", "The soldiers", "wounded", "military"),
    ],
)
def test_none_hurt_is_a_zero(text: str, span: str, kind: str, population: str) -> None:
    _, f = _only(text)
    assert (f.span.text, f.kind, f.count, f.qualifier, f.population) == (span, kind, 0, "exact", population)


@pytest.mark.parametrize(
    "text",
    [
        "Troops destroyed 12 tanks near the river.",
        "Police seized 40 rifles in the raid.",
        "The 30 soldiers arrived at the base on Monday.",
        "The airline put its losses for the quarter at 450 million.",
        "Protests continued in the capital on 12 May.",
    ],
)
def test_a_number_that_counts_no_casualties_is_no_figure(text: str) -> None:
    assert reading(text).figures == []


@pytest.mark.xfail(strict=True, reason='"Two hundred and five soldiers" is counted as 200')
def test_a_number_in_words_with_and() -> None:
    _, f = _only("Two hundred and five soldiers were wounded.")
    assert (f.span.text, f.count) == ("Two hundred and five soldiers", 205)


# -- whose ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "population"),
    [
        ("About 60 soldiers were wounded in the fighting.", "military"),
        ("Almost 70 rebels were captured.", "military"),
        ("Five police officers were taken prisoner by the militants.", "military"),
        ("Seven civilians were killed in the blast.", "civilian"),
        ("Police detained 41 students on Tuesday.", "civilian"),
        ("The flood hurt 25 villagers.", "civilian"),
        ("45 people died in the crash.", "unknown"),
        ("The army said it had lost 35 troops in the offensive.", "military"),
    ],
)
def test_the_population_comes_from_the_people_counted(text: str, population: str) -> None:
    assert _only(text)[1].population == population


def test_each_figure_of_a_list_has_its_own_population() -> None:
    r = reading("The attack killed 17 soldiers and three civilians.")
    assert [(f.span.text, f.population) for f in r.figures] == [
        ("17 soldiers", "military"),
        ("three civilians", "civilian"),
    ]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Rebels killed 15 Malian soldiers near the border.", ("Mali", "MLI")),
        ("Four Serbian soldiers were wounded.", ("Serbia", "SRB")),
        ("The Estonian defence ministry said 14 soldiers were wounded.", ("Estonia", "EST")),
        ("Latvian Defence Minister Anna Berzina said three soldiers were wounded.", ("Latvia", "LVA")),
        ("The Ugandan army said 8 of its soldiers were killed.", ("Uganda", "UGA")),
        ("The Moroccan interior ministry put its losses at 6 officers.", ("Morocco", "MAR")),
        ("Ukraine had lost 400 soldiers, officials said.", ("Ukraine", "UKR")),
    ],
)
def test_the_party_is_the_state_whose_people_they_are(text: str, party: tuple[str, str]) -> None:
    r, f = _only(text)
    assert _party(r, f) == party
    assert next(a for a in r.actors if a.id == f.party).kind == "state"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels said they had killed 30 soldiers.",  # not an official body speaking of its own side
        "Seven civilians were killed in the blast.",
        "The army said it had lost 35 troops in the offensive.",  # no country named
    ],
)
def test_no_party_when_nothing_says_whose(text: str) -> None:
    assert _only(text)[1].party is None


@pytest.mark.xfail(
    strict=True, reason='the subject of "lost" gives the party only as a country name, not a demonym'
)
def test_an_army_that_lost_soldiers_is_their_party() -> None:
    r, f = _only("The Slovenian army lost 12 soldiers in the ambush.")
    assert _party(r, f) == ("Slovenia", "SVN")


# -- tallies -------------------------------------------------------------------------------------------


def test_each_value_of_a_raised_toll_is_a_figure() -> None:
    assert _figures("Officials raised the death toll to 40, then to 45 and finally to 48.") == [
        ("40", "killed", 40, None, None, "exact"),
        ("45", "killed", 45, None, None, "exact"),
        ("48", "killed", 48, None, None, "exact"),
    ]


@pytest.mark.parametrize(
    ("text", "span", "count"),
    [
        ("The death toll rose to 52, officials said.", "52", 52),
        ("The health ministry put the number of people killed at 63.", "63", 63),
    ],
)
def test_a_toll_is_a_count_of_the_dead(text: str, span: str, count: int) -> None:
    assert _figures(text) == [(span, "killed", count, None, None, "exact")]


def test_a_tally_given_as_ones_own_is_of_ones_own_side() -> None:
    r = reading("The Cypriot defence ministry put its losses at 12 killed and 5 missing.")
    assert [(f.kind, _party(r, f), f.population) for f in r.figures] == [
        ("killed", ("Cyprus", "CYP"), "military"),
        ("missing", ("Cyprus", "CYP"), "military"),
    ]


# -- the event a figure belongs to ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Seven civilians were killed in the blast.", "blast"),
        ("About 60 soldiers were wounded in the fighting.", "fighting"),
        ("Troops shelled the village. Four residents were wounded.", "shelled"),
        ("Two civilians were killed when Serbian drones struck the market on Sunday.", "struck"),
        ("Rebels killed 15 Malian soldiers near the border.", "killed"),
    ],
)
def test_a_figure_belongs_to_the_attack_in_or_before_its_sentence(text: str, trigger: str) -> None:
    r, f = _only(text)
    assert f.event == event(r, trigger).id


@pytest.mark.parametrize(
    "text",
    [
        "Police detained 41 students on Tuesday.",
        "Up to 30 people are missing after the storm.",
    ],
)
def test_a_figure_without_an_attack_belongs_to_no_event(text: str) -> None:
    assert _only(text)[1].event is None


# -- when it held --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("Seven civilians were killed in the blast.", PUBLISHED),
        ("The ministry said on Monday that 14 soldiers had died.", date(2023, 5, 8)),
        ("The toll climbed to 31 on Sunday.", date(2023, 5, 7)),
        ("The toll has risen to 19, the governor said on Tuesday.", date(2023, 5, 9)),
        # the day of the deaths is not the day of the report
        ("Two civilians were killed when Serbian drones struck the market on Sunday.", PUBLISHED),
    ],
)
def test_a_figure_holds_on_the_day_it_was_reported(text: str, as_of: date) -> None:
    assert _only(text)[1].as_of == as_of


def test_a_day_later_counts_from_the_figure_before() -> None:
    r = reading("Emergency services reported 20 dead on 3 May and 26 a day later.")
    assert [(f.span.text, f.count, f.as_of) for f in r.figures] == [
        ("20 dead", 20, date(2023, 5, 3)),
        ("26", 26, date(2023, 5, 4)),
    ]


def test_without_a_publication_date_an_undated_figure_has_no_day() -> None:
    r = reading("Seven civilians were killed in the blast.", published=None)
    assert [f.as_of for f in r.figures] == [None]


# -- spans and claims ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The clashes left 11 dead and 30 wounded.",
        "A dozen villagers were kidnapped by gunmen.",
        "The Ugandan army said 8 of its soldiers were killed.",
        "Officials raised the death toll to 40, then to 45 and finally to 48.",
        "No casualties among residents were reported after the blast.",
    ],
)
def test_figure_spans_are_exact(text: str) -> None:
    r = reading(text)
    assert r.figures and spans_are_exact(r)


def test_a_figure_span_runs_from_the_count_to_the_people() -> None:
    r = reading("The Ugandan army said 8 of its soldiers were killed.")
    f = figure(r, "8 of its soldiers")
    assert (f.kind, f.count, f.population) == ("killed", 8, "military")


def test_a_figure_is_claimed_by_the_body_that_reports_it() -> None:
    r = reading("The Estonian defence ministry said 14 soldiers were wounded.")
    (c,) = [c for c in r.claims if c.subject == figure(r, "14 soldiers").id]
    assert (name_of(r, c.claimant), c.subject_kind) == ("Ministry of Defense of Estonia", "figure")
