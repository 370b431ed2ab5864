"""The classifier's label table and training text: every CASE 2021 task 2 label, well formed."""

from __future__ import annotations

from collections import Counter

from sitreps.classify import LABELS, label_table, training_snippets

CASE_LABELS = {
    "ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER",
    "CHEM_WEAP", "AIR_STRIKE", "SUIC_BOMB", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE",
    "SEX_VIOL", "ATTACK", "ABDUCT_DISSAP",
    "PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST",
    "VIOL_DEMONSTR", "MOB_VIOL",
    "AGREEMENT", "ARREST", "CHANGE_TO_GROUP_ACT", "DISR_WEAP", "HQ_ESTABLISHED", "PROPERTY_DISTRUCT",
    "NON_VIOL_TERRIT_TRANSFER", "OTHER",
    "DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER",
}  # fmt: skip
EXTRA = {"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}
ACLED_EVENT_TYPES = {
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
}  # fmt: skip


def test_table_covers_the_30_case_labels_once() -> None:
    labels = [info.label for info in label_table()]
    assert len(labels) == len(set(labels)) == 30
    assert set(labels) == CASE_LABELS
    assert set(LABELS) == CASE_LABELS


def test_acled_columns_filled_for_acled_labels_only() -> None:
    for info in label_table():
        assert info.definition, info.label
        if info.label in EXTRA:
            assert not info.acled_event_type and not info.acled_sub_event_type, info.label
        else:
            assert info.acled_event_type in ACLED_EVENT_TYPES, info.label
            assert info.acled_sub_event_type, info.label
    by_label = {info.label: info for info in label_table()}
    assert by_label["ART_MISS_ATTACK"].acled_sub_event_type == "Shelling/artillery/missile attack"
    assert by_label["AIR_STRIKE"].acled_sub_event_type == "Air/drone strike"
    assert by_label["OTHER"].acled_sub_event_type == "Other"
    assert by_label["OTHER"].acled_event_type == "Strategic developments"


def test_training_text_has_at_least_40_snippets_per_label() -> None:
    pairs = training_snippets()
    counts = Counter(label for label, _ in pairs)
    assert set(counts) == CASE_LABELS
    assert min(counts.values()) >= 40
    assert len(pairs) >= 1200
    texts = [text for _, text in pairs]
    assert all(text.strip() == text and len(text) > 15 for text in texts)


def test_training_text_has_no_contradictory_duplicates() -> None:
    seen: dict[str, str] = {}
    for label, text in training_snippets():
        key = text.casefold()
        assert seen.setdefault(key, label) == label, text
