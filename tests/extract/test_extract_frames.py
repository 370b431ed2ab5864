"""Reporting frames (extract/frames.py), seen through the claims they give: who says what.

A reporting verb with a speaker frames what it reports ("said", "according to", "wrote on its accounts");
a denial verb is a frame that denies; a pronoun speaker is the last person named; a quotation takes the
frame that closes or opens it; a sentence with no frame borrows the one at the end of its paragraph, or
the one before it when it opens with a continuation ("In addition"). Sentences written for these tests.
"""

from __future__ import annotations

import pytest
from extract_support import OUTLET, claim, claims_about, event, figure, name_of, reading, spans_are_exact

from sitreps.model import Claim, Reading

ARMY = "Armed Forces of Latvia"
MINISTER = "Rasa Vaitkus"


def _only_claim(r: Reading, trigger: str) -> Claim:
    (c,) = claims_about(r, event(r, trigger).id)
    return c


def _claimant(r: Reading, trigger: str) -> str | None:
    return name_of(r, _only_claim(r, trigger).claimant)


# -- which verbs frame -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "verb",
    [
        "said",
        "reported",
        "stated",
        "announced",
        "stressed",
        "emphasized",
        "noted",
        "confirmed",
        "declared",
        "alleged",
        "insisted",
        "warned",
        "claimed",
        "underlined",
        "reiterated",
        "added",
        "wrote",
    ],
)
def test_a_reporting_verb_makes_its_subject_the_speaker(verb: str) -> None:
    r = reading(f"The Latvian army {verb} that rebels had attacked a convoy.", outlet=OUTLET)
    c = _only_claim(r, "attacked")
    assert (name_of(r, c.claimant), c.stance) == (ARMY, "asserts")
    assert [name_of(r, x) for x in c.relay] == [OUTLET]


@pytest.mark.parametrize("verb", ["denied", "rejected", "dismissed", "refuted"])
def test_a_denial_verb_is_a_frame_that_denies(verb: str) -> None:
    r = reading(f"The Latvian army {verb} that rebels had attacked a convoy.", outlet=OUTLET)
    attacked = event(r, "attacked").id
    assert name_of(r, claim(r, attacked, "denies").claimant) == ARMY
    assert claim(r, attacked, "asserts").claimant is None


@pytest.mark.parametrize("verb", ["hoped", "feared"])
def test_a_verb_of_feeling_frames_nothing(verb: str) -> None:
    r = reading(f"The Latvian army {verb} that rebels had attacked a convoy.", outlet=OUTLET)
    assert _claimant(r, "attacked") == OUTLET


def test_according_to_frames_the_whole_sentence() -> None:
    r = reading(
        "Rebels attacked a convoy near Tarvo, according to the Estonian defence ministry.", outlet=OUTLET
    )
    assert _claimant(r, "attacked") == "Ministry of Defense of Estonia"


def test_a_closing_verb_takes_the_speaker_named_before_it() -> None:
    r = reading(
        "Gunmen attacked the newsroom overnight, the Committee for Free Reporting said.", outlet=OUTLET
    )
    assert _claimant(r, "attacked") == "Committee for Free Reporting"


def test_an_unnamed_speaker_is_a_frame_without_a_claimant() -> None:
    r = reading("Rebels attacked a convoy on Saturday, an army spokesman said.", outlet=OUTLET)
    c = _only_claim(r, "attacked")
    assert c.claimant is None
    assert [name_of(r, x) for x in c.relay] == [OUTLET]


# -- pronouns --------------------------------------------------------------------------------------------


def test_she_is_the_person_named_before() -> None:
    r = reading(
        f"Lithuanian Interior Minister {MINISTER} visited the border. She said rebels had attacked a patrol.",
        outlet=OUTLET,
    )
    assert _claimant(r, "attacked") == MINISTER


def test_he_is_the_last_person_named_before() -> None:
    r = reading(
        f"Lithuanian Interior Minister {MINISTER} met Polish Defence Minister Tomasz Nowak. "
        "He said rebels had attacked a patrol.",
        outlet=OUTLET,
    )
    assert _claimant(r, "attacked") == "Tomasz Nowak"


def test_he_added_continues_with_the_same_person() -> None:
    r = reading(
        "Greek Defence Minister Nikos Dimas said rebels had shelled the port. He added that 4 sailors were "
        "wounded.",
        outlet=OUTLET,
    )
    assert _claimant(r, "shelled") == "Nikos Dimas"
    assert name_of(r, claim(r, figure(r, "4 sailors").id).claimant) == "Nikos Dimas"


# -- quotations ------------------------------------------------------------------------------------------

CLOSING = (
    f"“Rebels attacked our patrol,” said {MINISTER}, the Lithuanian interior minister. "
    "“Two guards were wounded.”"
)
OPENING = (
    f"Lithuanian Interior Minister {MINISTER} said: “Rebels attacked our patrol. Two guards were wounded.”"
)


@pytest.mark.parametrize("text", [CLOSING, OPENING])
def test_a_quotation_takes_its_frame_and_every_sentence_of_it(text: str) -> None:
    r = reading(text, outlet=OUTLET)
    for subject in (event(r, "attacked").id, figure(r, "Two guards").id):
        c = claim(r, subject)
        assert (name_of(r, c.claimant), c.quoted) == (MINISTER, True)
        assert [name_of(r, x) for x in c.relay] == [OUTLET]


def test_a_quotation_after_its_frame_with_only_the_frame_between_continues_it() -> None:
    r = reading(
        "“Rebels attacked our patrol,” Lithuanian Interior Minister Rasa Vaitkus said. "
        "“Two guards were wounded,” she added.",
        outlet=OUTLET,
    )
    c = claim(r, figure(r, "Two guards").id)
    assert (name_of(r, c.claimant), c.quoted) == (MINISTER, True)


def test_a_quotation_in_a_new_paragraph_is_not_the_frames() -> None:
    text = (
        f"“Rebels attacked our patrol,” {MINISTER}, the Lithuanian interior minister, said.\n\n"
        "“Two guards were wounded.”"
    )
    r = reading(text, outlet=OUTLET)
    assert name_of(r, claim(r, event(r, "attacked").id).claimant) == MINISTER
    c = claim(r, figure(r, "Two guards").id)
    assert (name_of(r, c.claimant), c.quoted) == (OUTLET, False)


def test_words_outside_quotation_marks_are_not_quoted() -> None:
    r = reading(f"Lithuanian Interior Minister {MINISTER} said rebels had attacked a patrol.", outlet=OUTLET)
    c = _only_claim(r, "attacked")
    assert (name_of(r, c.claimant), c.quoted) == (MINISTER, False)


# -- frames that govern other sentences ------------------------------------------------------------------


def test_a_sentence_without_a_frame_takes_the_one_ending_its_paragraph() -> None:
    r = reading(
        "Gunmen attacked a bus near the river. Two soldiers were wounded, the Nigerian police said.",
        outlet=OUTLET,
    )
    assert _claimant(r, "attacked") == "Police of Nigeria"


def test_a_frame_does_not_reach_into_another_paragraph() -> None:
    r = reading(
        "Gunmen attacked a bus near the river.\n\nTwo soldiers were wounded, the Nigerian police said.",
        outlet=OUTLET,
    )
    assert _claimant(r, "attacked") == OUTLET
    assert name_of(r, claim(r, figure(r, "Two soldiers").id).claimant) == "Police of Nigeria"


@pytest.mark.parametrize(
    ("continuation", "claimant"),
    [
        ("In addition, rebels attacked a patrol.", "Police of Nigeria"),
        ("Moreover, rebels attacked a patrol.", "Police of Nigeria"),
        ("Rebels attacked a patrol.", OUTLET),
    ],
)
def test_a_continuation_takes_the_frame_of_the_sentence_before(continuation: str, claimant: str) -> None:
    r = reading(f"The Nigerian police said the border was closed. {continuation}", outlet=OUTLET)
    assert _claimant(r, "attacked") == claimant


def test_frames_keep_spans_exact() -> None:
    for text in (CLOSING, OPENING):
        assert spans_are_exact(reading(text, outlet=OUTLET))
