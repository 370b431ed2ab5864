"""The configured spaCy pipeline: our components in their places, doing their jobs, and spaCy loaded
only when a text is parsed."""

from __future__ import annotations

import subprocess
import sys

from sitreps.nlp import load_pipeline, parse
from sitreps.nlp.sentences import BRACKET_COMPONENT
from sitreps.nlp.toponyms import TOPONYM_COMPONENT, ToponymMarker, bare


def test_our_components_sit_around_the_parser_and_the_recogniser() -> None:
    names = load_pipeline().pipe_names
    assert names.index(BRACKET_COMPONENT) == names.index("parser") - 1
    assert names.index(TOPONYM_COMPONENT) == names.index("ner") + 1
    assert isinstance(load_pipeline().get_pipe(TOPONYM_COMPONENT), ToponymMarker)


def test_a_bracketed_insertion_stays_in_its_sentence() -> None:
    doc = parse("Shells hit the Basarkechar [Gegharkunik] region overnight, the ministry said.")
    assert len(list(doc.sents)) == 1


def test_places_in_a_list_of_directions_are_places() -> None:
    doc = parse("Fighting went on in Dashkasan, Kalbajar, and Lachin directions all night.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert all(labels.get(name) == "GPE" for name in ("Dashkasan", "Kalbajar", "Lachin")), labels


def test_a_leading_the_is_not_part_of_the_name() -> None:
    assert bare("the Gaza Strip") == "Gaza Strip"
    assert bare("Thessaloniki") == "Thessaloniki"


def test_importing_the_package_does_not_load_spacy() -> None:
    code = "import sys, sitreps.nlp, sitreps.nlp.toponyms; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
