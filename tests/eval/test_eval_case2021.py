"""The CASE 2021 label table and the label rule, on hand-made Readings (and the dev TSV when present)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitreps.eval import case2021
from sitreps.eval.case2021 import case_labels, label_for_plover, label_for_sub_event_type
from sitreps.eval.corpus import GoldFormatError
from sitreps.eval.plover import PLOVER_TYPES
from sitreps.model import Article, Reading
from sitreps.ontology import triggers

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "data" / "case2021-task2-dev.tsv"

# ACLED's 25 sub-event types (codebook 2019 onwards) and CASE's five additions.
ACLED_SUB_EVENT_TYPES = {
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
}
CASE_ADDITIONS = {"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}


def test_the_table_has_thirty_labels_25_acled_and_5_additions() -> None:
    rows = case_labels()
    assert len(rows) == 30
    assert len({r.label for r in rows}) == 30
    assert {r.acled_sub_event_type for r in rows if r.acled_sub_event_type} == ACLED_SUB_EVENT_TYPES
    assert {r.label for r in rows if r.acled_sub_event_type is None} == CASE_ADDITIONS
    assert all(r.definition for r in rows)


def test_every_acled_type_the_trigger_lexicon_emits_has_a_label() -> None:
    emitted = {t.acled_sub_event_type for t in triggers().values() if t.acled_sub_event_type}
    assert emitted, "the trigger lexicon emits no ACLED sub-event type"
    assert {s for s in emitted if label_for_sub_event_type(s) is None} == set()


def test_cues_are_plover_types_and_each_names_one_label() -> None:
    cues = [c for r in case_labels() for c in r.plover_cues]
    assert len(cues) == len({c.casefold() for c in cues})
    assert {c.split(":")[0] for c in cues} <= set(PLOVER_TYPES)
    assert label_for_plover("ASSAULT", "aerial") == "AIR_STRIKE"
    assert label_for_plover("ASSAULT", "no-such-mode") == "ARMED_CLASH"
    assert label_for_plover("CONSULT") == "DIPLO"
    assert label_for_plover("ACCUSE") == "ATTRIB"


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data is not present")
def test_every_label_of_the_dev_set_is_in_the_table() -> None:
    with DEV.open(encoding="utf-8") as f:
        gold = {row["SubType"] for row in csv.DictReader(f, delimiter="\t")}
    known = {r.label for r in case_labels()}
    assert gold - known == set()
    assert len(gold) == 30


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Artillery shells fired by government forces hit the outskirts of the town overnight.",
            "ART_MISS_ATTACK",
        ),
        ("Police arrested four opposition activists at their homes in the capital on Monday.", "ARREST"),
        ("The two foreign ministers met in Geneva to discuss the border dispute.", "DIPLO"),
    ],
)
def test_the_label_is_the_classifiers_reading_of_the_text(text: str, label: str) -> None:
    reading = Reading(article=Article.from_text(text))
    assert case2021.predict_label(reading) == label


def test_reading_a_tsv_with_quoted_snippets(tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    path.write_text(
        'id\tEventSnippet\tSubType\n1\t"He said ""enough"" and left"\tDIPLO\n'
        "2\tTroops clashed.\tARMED_CLASH\n",
        encoding="utf-8",
    )
    snippets = case2021.read_snippets(path)
    assert [(s.id, s.text, s.label) for s in snippets] == [
        ("1", 'He said "enough" and left', "DIPLO"),
        ("2", "Troops clashed.", "ARMED_CLASH"),
    ]


def test_a_tsv_without_the_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("id\ttext\n1\tx\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="no column EventSnippet, SubType"):
        case2021.read_snippets(path)
    with pytest.raises(GoldFormatError, match="cannot read"):
        case2021.read_snippets(tmp_path / "missing.tsv")


def test_evaluate_and_write_predictions(tmp_path: Path) -> None:
    snippets = [
        case2021.Snippet("a", "Police arrested three protesters in the capital on Monday.", "ARREST"),
        case2021.Snippet(
            "b", "Thousands of people held a peaceful rally in the city centre.", "PEACE_PROTEST"
        ),
    ]
    result = case2021.evaluate_snippets(snippets)
    assert result.report.n == 2
    assert len(result.predicted) == 2
    assert not result.run.failures
    out = tmp_path / "pred.tsv"
    case2021.write_predictions(result, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines] == ["a", "b"]
    assert all(line.split("\t")[1] in {r.label for r in case_labels()} for line in lines)
