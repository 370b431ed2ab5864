"""The classifier: deterministic training, clear sentences of our own classified right, the API's shape."""

from __future__ import annotations

import pytest

from sitreps.classify import LABELS, Prediction, classify, classify_many, train

# Sentences written for these tests only (not in the training text).
CLEAR = [
    (
        "ARMED_CLASH",
        "Fighting broke out between the army and the rebels near the river, and both sides lost men.",
    ),
    ("AIR_STRIKE", "Warplanes bombed a fuel depot on the edge of the town on Monday night."),
    ("AIR_STRIKE", "An armed drone struck a pickup truck carrying militants, killing four."),
    ("ART_MISS_ATTACK", "The town was shelled with heavy artillery for several hours."),
    ("ART_MISS_ATTACK", "Mortar rounds fired by the insurgents hit the barracks."),
    ("REM_EXPLOS", "A roadside bomb tore through an army truck on the highway, killing two soldiers."),
    ("GRENADE", "Attackers hurled a hand grenade into a crowded tea shop."),
    ("SUIC_BOMB", "A suicide bomber detonated his explosive vest at the gates of the police academy."),
    ("CHEM_WEAP", "Doctors said the victims of the attack showed signs of chlorine exposure."),
    ("ATTACK", "Gunmen shot dead four farmers in their fields outside the village."),
    ("ABDUCT_DISSAP", "Armed men kidnapped a priest and two nuns and demanded a ransom."),
    ("SEX_VIOL", "Militiamen raped two women at a roadblock, a rights group said."),
    ("PEACE_PROTEST", "Hundreds of nurses marched peacefully to the ministry to demand better pay."),
    ("PROTEST_WITH_INTER", "Police dispersed the peaceful sit-in with tear gas and detained its organisers."),
    ("FORCE_AGAINST_PROTEST", "Soldiers opened fire on unarmed demonstrators, killing six of them."),
    ("VIOL_DEMONSTR", "Protesters threw stones at the police and set a government building on fire."),
    ("MOB_VIOL", "A mob lynched two men accused of stealing cattle."),
    ("ARREST", "Police arrested the opposition spokesman at his home before dawn."),
    ("DISR_WEAP", "Army engineers defused a bomb found under a bridge."),
    ("HQ_ESTABLISHED", "The rebels set up their new headquarters in an abandoned school."),
    ("NON_VIOL_TERRIT_TRANSFER", "The militia handed over control of the town to the army without a fight."),
    (
        "GOV_REGAINS_TERIT",
        "Government troops recaptured the town from the insurgents after a week of fighting.",
    ),
    ("NON_STATE_ACTOR_OVERTAKES_TER", "The insurgents overran the garrison and captured the town."),
    ("AGREEMENT", "The government and the rebel alliance signed a ceasefire agreement."),
    ("DIPLO", "The foreign minister held talks with her Turkish counterpart in Ankara."),
    ("ATTRIB", "The jihadist group claimed responsibility for the attack in a statement."),
    ("ORG_CRIME", "Police seized a tonne of cocaine and arrested members of the cartel."),
    ("NATURAL_DISASTER", "A strong earthquake flattened houses in the mountain villages."),
    ("MAN_MADE_DISASTER", "An explosion at a fertiliser factory killed nine workers."),
]


@pytest.mark.parametrize(("label", "text"), CLEAR)
def test_clear_sentences(label: str, text: str) -> None:
    assert classify(text).label == label


def test_prediction_shape() -> None:
    prediction = classify("Police arrested the opposition spokesman at his home before dawn.")
    assert isinstance(prediction, Prediction)
    assert prediction.label in LABELS
    assert 0.0 < prediction.probability <= 1.0
    assert len(prediction.alternatives) == 3
    labels = [prediction.label, *(label for label, _ in prediction.alternatives)]
    assert len(set(labels)) == 4
    probabilities = [prediction.probability, *(p for _, p in prediction.alternatives)]
    assert probabilities == sorted(probabilities, reverse=True)
    assert "arrest" in prediction.cues


def test_classify_many_matches_classify() -> None:
    texts = [text for _, text in CLEAR[:6]]
    assert [p.label for p in classify_many(texts)] == [classify(t).label for t in texts]
    assert classify_many([]) == []


def test_odd_inputs_do_not_fail() -> None:
    for text in ["", "   ", "??", "x" * 5000, "Ça a explosé à Bamako 🙂"]:
        assert classify(text).label in LABELS


def test_training_is_deterministic() -> None:
    texts = [text for _, text in CLEAR]
    first = train().predict(texts)
    second = train().predict(texts)
    assert [p.label for p in first] == [p.label for p in second]
    assert [round(p.probability, 12) for p in first] == [round(p.probability, 12) for p in second]
