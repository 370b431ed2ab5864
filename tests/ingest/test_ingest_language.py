"""Language identification by lingua: ISO 639-1 codes, None when unsure."""

from __future__ import annotations

import pytest
from ingest_support import REPORT

from sitreps.ingest import detect_language
from sitreps.ingest.language import normalise_language


def test_english_paragraph() -> None:
    assert detect_language(REPORT) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Les deux ministres se sont entretenus par téléphone samedi au sujet de la frontière.", "fr"),
        ("Министры обороны двух стран обсудили по телефону обстановку на границе в субботу.", "ru"),
        ("Le cessez-le-feu a été violé pendant la nuit, selon le ministère de la Défense.", "fr"),
    ],
)
def test_short_french_and_russian_paragraphs(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "Hi there", "12345 678 90 -- !!", "a b c d e f g h i j k l m n"])
def test_too_little_text_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_only_the_start_is_read() -> None:
    assert detect_language(REPORT * 50 + "Министры обороны двух стран обсудили" * 50) == "en"


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en", "en"), ("EN-us", "en"), ("pt_BR", "pt"), (" ru ", "ru"), ("english", None), (3, None)],
)
def test_language_tags_from_metadata(tag: object, code: str | None) -> None:
    assert normalise_language(tag) == code
