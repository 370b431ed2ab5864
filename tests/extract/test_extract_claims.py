"""Claims (extract/claims.py): every event and figure is a claim by someone, relayed by someone.

The claimant is the speaker of the innermost frame that governs the subject; the frames around it, from
the outlet inwards, are the relay chain; a denial is a claim with stance ``denies`` linked to what it
denies. Sentences written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_support import (
    OUTLET,
    PUBLISHED,
    claim,
    claims_about,
    event,
    figure,
    name_of,
    reading,
    spans_are_exact,
)

from sitreps.model import Reading


def _relay(r: Reading, ids: list[str]) -> list[str | None]:
    return [name_of(r, i) for i in ids]


# -- every event and figure is claimed ------------------------------------------------------------------

EVERYTHING_CLAIMED = [
    "The Peruvian interior ministry said police arrested 20 protesters in Lima.",
    "Rebels said they had killed 30 soldiers.",
    "Police arrested 20 protesters in Lima.",
    "The Finnish government denied that its troops attacked the village.",
]


@pytest.mark.parametrize("text", EVERYTHING_CLAIMED)
def test_every_event_and_figure_has_a_claim(text: str) -> None:
    r = reading(text, outlet=OUTLET)
    subjects = {e.id for e in r.events} | {f.id for f in r.figures}
    assert subjects and {c.subject for c in r.claims} == subjects
    kinds = {c.subject: c.subject_kind for c in r.claims}
    assert all(kinds[e.id] == "event" for e in r.events)
    assert all(kinds[f.id] == "figure" for f in r.figures)


@pytest.mark.parametrize("text", EVERYTHING_CLAIMED)
def test_claim_spans_are_exact_and_evidence_is_the_sentence(text: str) -> None:
    r = reading(text, outlet=OUTLET)
    assert spans_are_exact(r)
    assert all(c.evidence.text == text for c in r.claims)  # one sentence: the evidence is all of it


def test_with_no_frame_the_outlet_is_the_claimant() -> None:
    r = reading("Police arrested 20 protesters in Lima.", outlet=OUTLET)
    for subject in (event(r, "arrested").id, figure(r, "20 protesters").id):
        c = claim(r, subject)
        assert (name_of(r, c.claimant), c.relay, c.statement, c.quoted) == (OUTLET, [], None, False)
        assert c.said_on == PUBLISHED


def test_with_no_frame_and_no_outlet_nobody_is_named() -> None:
    r = reading("Police arrested 20 protesters in Lima.")
    c = claim(r, event(r, "arrested").id)
    assert (c.claimant, c.relay, c.stance) == (None, [], "asserts")


# -- claimant and relay ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "claimant"),
    [
        (
            "The Peruvian interior ministry said police arrested 20 protesters in Lima.",
            "arrested",
            "Ministry of Internal Affairs of Peru",
        ),
        (
            "Chilean troops and Peruvian police clashed near the border, the Bolivian foreign ministry said.",
            "clashed",
            "Ministry of Foreign Affairs of Bolivia",
        ),
        (
            "Rebels attacked a convoy near Tarvo, according to the Estonian defence ministry.",
            "attacked",
            "Ministry of Defense of Estonia",
        ),
        ("Rebels claimed that they had shot down a helicopter.", "shot", "Rebels"),
        (
            "The Latvian army announced that rebels had attacked a convoy.",
            "attacked",
            "Armed Forces of Latvia",
        ),
        ("The Latvian army confirmed that 5 soldiers were wounded.", "5 soldiers", "Armed Forces of Latvia"),
        (
            "The Hungarian foreign ministry wrote on its social media accounts that protesters clashed with "
            "police.",
            "clashed",
            "Ministry of Foreign Affairs of Hungary",
        ),
    ],
)
def test_the_speaker_of_the_frame_is_the_claimant_and_the_outlet_relays(
    text: str, subject: str, claimant: str
) -> None:
    r = reading(text, outlet=OUTLET)
    subject_id = event(r, subject).id if subject[0].isalpha() else figure(r, subject).id
    c = claim(r, subject_id)
    assert name_of(r, c.claimant) == claimant
    assert _relay(r, c.relay) == [OUTLET]
    assert (c.stance, c.quoted) == ("asserts", False)


def test_the_relay_runs_from_the_outlet_inwards() -> None:
    r = reading(
        "Slovak media reported that Defence Minister Juraj Hlina said rebels attacked a convoy.",
        outlet=OUTLET,
    )
    c = claim(r, event(r, "attacked").id)
    assert name_of(r, c.claimant) == "Juraj Hlina"
    assert _relay(r, c.relay) == [OUTLET, "Slovak media"]


def test_the_outlet_that_cites_a_source_relays_it_once() -> None:
    r = reading(
        f"{OUTLET} reports, citing the Slovak defence ministry, that rebels attacked a convoy near the "
        "border.",
        outlet=OUTLET,
    )
    c = claim(r, event(r, "attacked").id)
    assert name_of(r, c.claimant) == "Ministry of Defense of Slovakia"
    assert _relay(r, c.relay) == [OUTLET]


@pytest.mark.xfail(
    strict=True,
    reason='"X reports, citing Y, that Z said ...": the cited source Y is made the claimant, not Z',
)
def test_an_outlet_citing_media_that_quote_a_minister() -> None:
    r = reading(
        f"{OUTLET} reports, citing Slovak media, that Juraj Hlina said rebels attacked a convoy.",
        outlet=OUTLET,
    )
    c = claim(r, event(r, "attacked").id)
    assert name_of(r, c.claimant) == "Juraj Hlina"
    assert _relay(r, c.relay) == [OUTLET, "Slovak media"]


def test_an_unnamed_source_leaves_the_claimant_unknown_but_keeps_the_relay() -> None:
    r = reading("Critics said the police had beaten protesters.", outlet=OUTLET)
    c = claim(r, event(r, "beaten").id)
    assert (c.claimant, _relay(r, c.relay), c.stance) == (None, [OUTLET], "asserts")


def test_who_gives_a_tally_claims_its_figure_and_the_frame_relays_it() -> None:
    r = reading(
        "The Cypriot defence ministry raised its toll to 31 soldiers, Greek media said.", outlet=OUTLET
    )
    c = claim(r, figure(r, "31 soldiers").id)
    assert name_of(r, c.claimant) == "Ministry of Defense of Cyprus"
    assert _relay(r, c.relay) == [OUTLET, "Greek media"]


# -- what is claimed, and when ---------------------------------------------------------------------------


def test_the_statement_is_the_reported_clause() -> None:
    text = "The Latvian army announced that rebels had attacked a convoy."
    r = reading(text, outlet=OUTLET)
    c = claim(r, event(r, "attacked").id)
    assert c.statement is not None
    assert c.statement.text == "that rebels had attacked a convoy"
    assert text[c.statement.start : c.statement.end] == c.statement.text


@pytest.mark.parametrize(
    ("text", "subject", "said_on"),
    [
        ("Soldiers shelled the village, the ministry said on Monday.", "shelled", date(2023, 5, 8)),
        (
            "The Latvian army told reporters on Tuesday that rebels attacked a convoy.",
            "attacked",
            date(2023, 5, 9),
        ),
        ("The Latvian army announced that rebels had attacked a convoy.", "attacked", PUBLISHED),
    ],
)
def test_a_claim_is_made_on_the_day_of_its_reporting_verb_else_on_publication(
    text: str, subject: str, said_on: date
) -> None:
    r = reading(text, outlet=OUTLET)
    assert claim(r, event(r, subject).id).said_on == said_on


def test_the_day_of_the_event_is_not_the_day_of_the_claim() -> None:
    r = reading("The Latvian army said rebels attacked a convoy on Sunday.", outlet=OUTLET)
    assert claim(r, event(r, "attacked").id).said_on == PUBLISHED


def test_a_quoted_claim_is_marked_quoted() -> None:
    r = reading(
        "“Rebels attacked our convoy,” Anna Berzina, the Latvian defence minister, said on Sunday.",
        outlet=OUTLET,
    )
    c = claim(r, event(r, "attacked").id)
    assert (name_of(r, c.claimant), c.quoted, c.said_on) == ("Anna Berzina", True, date(2023, 5, 7))
    assert c.statement is not None and c.statement.text == "Rebels attacked our convoy"


# -- denials ------------------------------------------------------------------------------------------


def test_a_denial_of_a_clause_denies_its_events() -> None:
    text = "The Finnish government denied that its troops attacked the village."
    r = reading(text, outlet=OUTLET)
    attacked = event(r, "attacked").id
    denial, assertion = claim(r, attacked, "denies"), claim(r, attacked, "asserts")
    assert name_of(r, denial.claimant) == "Government of Finland"
    assert _relay(r, denial.relay) == [OUTLET]
    assert assertion.claimant is None  # the text does not say who claimed the attack
    assert denial.statement is not None and denial.statement.text == "that its troops attacked the village"
    (relation,) = r.relations
    assert (relation.kind, relation.from_, relation.to) == ("denies", denial.id, assertion.id)
    assert relation.evidence is not None and relation.evidence.text == text


@pytest.mark.parametrize(
    ("text", "denier", "source"),
    [
        (
            "The Serbian defence ministry dismissed reports by Croatian media that its troops had shelled a "
            "village.",
            "Ministry of Defense of Serbia",
            "Croatian media",
        ),
        (
            "Rebels refuted the Bolivian army's claims that troops had captured the bridge.",
            "Rebels",
            "Armed Forces of Bolivia",
        ),
    ],
)
def test_denied_content_keeps_its_original_source(text: str, denier: str, source: str) -> None:
    r = reading(text, outlet=OUTLET)
    (denial,) = [c for c in r.claims if c.stance == "denies"]
    assert denial.subject is not None
    assertions = [c for c in claims_about(r, denial.subject) if c.stance == "asserts"]
    assert [name_of(r, c.claimant) for c in assertions] == [source]
    assert name_of(r, denial.claimant) == denier
    assert [(x.from_, x.to) for x in r.relations] == [(denial.id, assertions[0].id)]


@pytest.mark.parametrize(
    ("text", "subject", "asserted_by", "denied_by"),
    [
        (
            "The Bulgarian army said rebels attacked a convoy. Rebel leader Stefan Kolev denied the report.",
            "attacked",
            "Armed Forces of Bulgaria",
            "Stefan Kolev",
        ),
        (
            "Romanian troops shelled the village, local officials said. Bucharest dismissed the claim.",
            "shelled",
            None,
            "Government of Romania",
        ),
    ],
)
def test_a_denial_of_the_report_denies_the_claim_before_it(
    text: str, subject: str, asserted_by: str | None, denied_by: str
) -> None:
    r = reading(text, outlet=OUTLET)
    about = event(r, subject).id
    assertion, denial = claim(r, about, "asserts"), claim(r, about, "denies")
    assert name_of(r, assertion.claimant) == asserted_by
    assert name_of(r, denial.claimant) == denied_by
    assert denial.evidence.text == text[text.index(". ") + 2 :]
    assert [(x.kind, x.from_, x.to) for x in r.relations] == [("denies", denial.id, assertion.id)]


def test_a_denial_verb_is_itself_an_event_claimed_by_the_outlet() -> None:
    r = reading("The Finnish government denied that its troops attacked the village.", outlet=OUTLET)
    c = claim(r, event(r, "denied").id)
    assert (name_of(r, c.claimant), c.stance) == (OUTLET, "asserts")


def test_nothing_is_denied_without_a_denial() -> None:
    r = reading("The Bulgarian army said rebels attacked a convoy.", outlet=OUTLET)
    assert r.relations == []
    assert all(c.stance == "asserts" for c in r.claims)


def test_every_claim_of_a_figure_denied_with_its_event() -> None:
    r = reading("Rebels said they had killed 30 soldiers. The Latvian army denied the claim.", outlet=OUTLET)
    killed, thirty = event(r, "killed").id, figure(r, "30 soldiers").id
    for subject in (killed, thirty):
        assert name_of(r, claim(r, subject, "asserts").claimant) == "Rebels"
        assert name_of(r, claim(r, subject, "denies").claimant) == "Armed Forces of Latvia"
    assert len(r.relations) == 2


@pytest.mark.xfail(
    strict=True, reason='"We deny ..." in a quotation: the denial gets no claimant, not the speaker'
)
def test_we_deny_in_a_quotation_is_denied_by_the_speaker() -> None:
    r = reading(
        "Slovenian troops shelled a depot, the Italian foreign ministry said. "
        "“We deny these claims,” Slovenian Defence Minister Janez Novak said.",
        outlet=OUTLET,
    )
    denial = claim(r, event(r, "shelled").id, "denies")
    assert name_of(r, denial.claimant) == "Janez Novak"
