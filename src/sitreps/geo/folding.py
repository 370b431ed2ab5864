"""Name keys: how place names are compared, exactly and through transliteration variants.

Two keys per name. :func:`name_key` is the exact comparison: case, diacritics and punctuation folded
(via :func:`sitreps.geo.countries.fold_name`), plus the letters NFKD leaves alone (ə -> e). :func:`loose_key`
also merges the common romanisation variants of Azerbaijani, Russian, Ukrainian and Armenian names, so
that Kelbajar, Kalbajar and Kəlbəcər meet, Lachin meets Laçın and Yerevan meets Erevan. Loose matches
are weaker evidence than exact ones; the geocoder ranks them lower.
"""

from __future__ import annotations

import re

from sitreps.geo.countries import fold_name

# Letters that NFKD does not decompose and fold_name does not map; ʻ and ʾ/ʿ are transliteration marks
# (Uzbek oʻ, Arabic hamza and ayn) that are dropped like apostrophes.
_BEFORE_FOLD = str.maketrans(
    {"ə": "e", "Ə": "e", "ß": "ss", "\u02bb": "", "\u02be": "", "\u02bf": "", "ʹ": "", "ʺ": ""}
)
# Applied in order to the exact key. Each line merges spellings that romanisations of one sound give:
# Russian/Ukrainian (shch, kh, zh, y/i), Azerbaijani (x = kh, q = g, c = j, ç = ch, ğ = gh, ə = a/e) and
# Armenian (gh, ġ, e/ye). The result is a key, not a spelling: only equality matters.
_LOOSE_STEPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\by(?=[aeiou])"), ""),  # Yerevan = Erevan, Yevlakh = Evlakh
    (re.compile(r"shch|sch"), "s"),
    (re.compile(r"dzh|dj|tch|ch|j"), "c"),  # Kalbajar = Kəlbəcər, Lachin = Laçın
    (re.compile(r"sh"), "s"),  # Dashkasan = Daşkəsən
    (re.compile(r"zh"), "z"),
    (re.compile(r"kh|x"), "h"),  # Khankendi = Xankəndi
    (re.compile(r"gh|q"), "g"),  # Gegharkunik = Geġark'unik', Qubadli = Gubadly
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"e"), "a"),  # ə is written a or e: Kelbajar = Kalbajar
    (re.compile(r"y"), "i"),  # Gubadly = Qubadlı
    (re.compile(r"[^a-z0-9]"), ""),  # spaces and hyphens: Deir ez-Zor = Deir ez Zor
    (re.compile(r"i+"), "i"),  # Cəbrayıl (cabraiil) = Dzhebrail
    (re.compile(r"([^aeiou])\1+"), r"\1"),  # Zaporizhzhia = Zaporizhia; vowels stay: Korean is not Koran
)


def name_key(name: str) -> str:
    """The exact comparison key: "Kəlbəcər" -> "kelbecer", "Laçın" -> "lacin", "the Hague" -> "hague"."""
    return fold_name(name.translate(_BEFORE_FOLD))


def loose_key(name: str) -> str:
    """The transliteration-tolerant key: Kelbajar, Kalbajar and Kəlbəcər all give "kalbacar"."""
    key = name_key(name)
    for pattern, replacement in _LOOSE_STEPS:
        key = pattern.sub(replacement, key)
    return key
