"""Triggers that are events only in some contexts (extract/events.py, the gates): gunfire but not a blaze
or criticism, a war but not a price war, a military operation but not a factory's, a diplomatic session but
not a court's. Each text below is ours; it pins both the events and the non-events."""

from __future__ import annotations

import pytest

from sitreps.model import Article
from sitreps.pipeline import read


def _events(text: str) -> dict[str, str]:
    reading = read(Article.from_text(text, published="2023-05-02"))
    return {e.trigger.text.lower(): e.plover for e in reading.events}


@pytest.mark.parametrize(
    ("text", "trigger", "plover"),
    [
        ("Government troops returned fire after rebels ambushed a convoy near Goma.", "fire", "ASSAULT"),
        ("Police officers came under fire from gunmen near the border crossing.", "fire", "ASSAULT"),
        ("Its positions were still coming under Russian fire near Bakhmut.", "fire", "ASSAULT"),
        ("Ukrainian artillery fire hit a Russian convoy near Izium.", "fire", "ASSAULT"),
        ("Houthi gunmen fired on a checkpoint outside Aden.", "fired", "ASSAULT"),
        ("The war broke out in April 2023 between the army and the RSF.", "war", "ASSAULT"),
        ("The army launched a military operation against al-Shabaab in Hiran.", "operation", "ASSAULT"),
        ("Israeli forces pushed into Jenin on Monday.", "pushed", "MOBILIZE"),
        ("Rebel fighters advanced on the town of Bunia.", "advanced", "MOBILIZE"),
        ("Crowds of demonstrators chanted against the junta in Khartoum.", "chanted", "PROTEST"),
        ("Rights groups denounced the crackdown on protesters in Tehran.", "crackdown", "COERCE"),
        ("The minister's visit to Kyiv was kept secret until he arrived.", "visit", "CONSULT"),
        ("The Security Council met in an emergency session on Gaza.", "session", "CONSULT"),
    ],
)
def test_trigger_in_its_event_context(text: str, trigger: str, plover: str) -> None:
    assert _events(text).get(trigger) == plover


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("A fire broke out at a warehouse in Lagos on Monday.", "fire"),
        ("Moscow says a fire spread to a shopping centre next to the depot.", "fire"),
        ("The governor came under fire for his slow response to the floods.", "fire"),
        ("The company fired its chief executive last week.", "fired"),
        ("Supermarkets in Nairobi are locked in a price war.", "war"),
        ("A war of words erupted between the two ministers.", "war"),
        ("The former commander was charged with war crimes in The Hague.", "war"),
        ("The government declared a war on drugs.", "war"),
        ("The operation of the factory was halted after the strike.", "operation"),
        ("The charity said it was halting its operations in the region.", "operations"),
        ("The judge opened a new session of the court in Arusha.", "session"),
        ("Shares fell in the morning trading session in Lagos.", "session"),
        ("Prices advanced sharply in June.", "advanced"),
        ("The government pushed into new export markets.", "pushed"),
        ("Mourners gathered at the cemetery.", "gathered"),
        ("The mayor spoke with reporters after the meeting.", "spoke"),
        ("She made a visit to the doctor on Tuesday.", "visit"),
        ("Police announced a crackdown on illegal parking in the capital.", "crackdown"),
        ("Refugees arrived in Goris with only what they could carry.", "arrived"),
    ],
)
def test_trigger_word_outside_its_event_context(text: str, word: str) -> None:
    assert word not in _events(text)
