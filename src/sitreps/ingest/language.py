"""Which language an article is written in (ISO 639-1), by lingua, from its first 2,000 characters."""

from __future__ import annotations

import re
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_SAMPLE_CHARS = 2000
_MIN_LETTERS = 20
# From this many letters on, lingua's low-accuracy mode (trigrams only) is as reliable as the full one
# (lingua's own advice puts the limit near 120 characters) and it loads its models in a quarter of a
# second instead of six: the full mode's lazily loaded models cost as much as preloading them all.
_LONG_TEXT_LETTERS = 100
_MIN_CONFIDENCE = 0.3
# The best language must be this many times as likely as the next one, or the text is ambiguous.
_MIN_MARGIN = 2.0
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


# The languages told apart: those of the news sitreps is fed, from the regions it covers. Loading the
# full-accuracy models of these 30 takes about 2 s, of all 75 lingua knows over 6 s (measured here).
NEWS_LANGUAGES = (
    "ENGLISH",
    "FRENCH",
    "SPANISH",
    "PORTUGUESE",
    "GERMAN",
    "ITALIAN",
    "DUTCH",
    "POLISH",
    "RUSSIAN",
    "UKRAINIAN",
    "SERBIAN",
    "BOSNIAN",
    "CROATIAN",
    "ALBANIAN",
    "GREEK",
    "TURKISH",
    "AZERBAIJANI",
    "ARMENIAN",
    "GEORGIAN",
    "ARABIC",
    "PERSIAN",
    "HEBREW",
    "URDU",
    "HINDI",
    "CHINESE",
    "JAPANESE",
    "KOREAN",
    "INDONESIAN",
    "SWAHILI",
    "SOMALI",
)


@cache
def _detector(low_accuracy: bool) -> LanguageDetector:
    """Built once per mode, from the news languages; its models load lazily, as needed."""
    builder = LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in NEWS_LANGUAGES))
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code ("en") of the language of ``text``; None when too short or not clear enough."""
    sample = text[:_SAMPLE_CHARS]
    letters = sum(c.isalpha() for c in sample)
    if letters < _MIN_LETTERS:
        return None
    values = _detector(letters >= _LONG_TEXT_LETTERS).compute_language_confidence_values(sample)
    if not values:
        return None
    best = values[0]
    runner_up = values[1].value if len(values) > 1 else 0.0
    if best.value < _MIN_CONFIDENCE or best.value < _MIN_MARGIN * runner_up:
        return None
    return str(best.language.iso_code_639_1.name).lower()


def normalise_language(value: object) -> str | None:
    """A language tag from metadata ("en", "EN", "en-US", "en_GB") as a bare lower-case code, or None."""
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if _LANGUAGE_CODE.fullmatch(code) else None
