"""Country lookup: the table's integrity against ISO 3166-1, and lookups by code, name and demonym."""

from __future__ import annotations

from collections import defaultdict

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitreps.geo.countries import (
    Country,
    all_countries,
    by_code,
    by_demonym,
    by_name,
    fold_name,
    lookup,
)

# In the table although not in ISO 3166-1: user-assigned codes in wide use.
NOT_IN_ISO = {"XK": "XKX"}


@pytest.mark.parametrize(
    ("text", "alpha3"),
    [
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("Türkiye", "TUR"),
        ("Republic of Türkiye", "TUR"),
        ("Azerbaijani", "AZE"),
        ("Azeri", "AZE"),
        ("Armenian", "ARM"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("United States", "USA"),
        ("the United States of America", "USA"),
        ("DRC", "COD"),
        ("Congolese", "COD"),
        ("Congo-Brazzaville", "COG"),
        ("Kosovo", "XKX"),
        ("Kosovars", "XKX"),
        ("the Netherlands", "NLD"),
        ("The Gambia", "GMB"),
        ("Russian Federation", "RUS"),
        ("Ukrainians", "UKR"),
        ("Turks", "TUR"),
        ("Palestinian", "PSE"),
        ("Burma", "MMR"),
        ("Swaziland", "SWZ"),
        ("Czech Republic", "CZE"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d\u2019Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("St. Lucia", "LCA"),
        ("Trinidad & Tobago", "TTO"),
        ("Guinea Bissau", "GNB"),
        ("u.k.", "GBR"),
        ("BRITONS", "GBR"),
    ],
)
def test_lookup_finds_the_country(text: str, alpha3: str) -> None:
    found = lookup(text)
    assert found is not None, text
    assert found.alpha3 == alpha3


def test_names_and_demonyms_are_looked_up_separately() -> None:
    assert by_name("Azerbaijan") == by_code("AZ")
    assert by_name("Azerbaijani") is None
    assert by_demonym("Azerbaijanis") == by_code("AZE")
    assert by_demonym("Azerbaijan") is None


@pytest.mark.parametrize("text", ["", "   ", "Narnia", "Wakanda", "Tigrayan", "Korean", "the", "Persian"])
def test_unknown_text_finds_nothing(text: str) -> None:
    assert lookup(text) is None


@pytest.mark.parametrize(("code", "alpha2"), [("tr", "TR"), ("TUR", "TR"), ("usa", "US"), (" xkx ", "XK")])
def test_by_code_takes_either_code_in_any_case(code: str, alpha2: str) -> None:
    found = by_code(code)
    assert found is not None
    assert found.alpha2 == alpha2


def test_by_code_unknown_is_none() -> None:
    assert by_code("ZZ") is None
    assert by_code("") is None


def test_codes_are_well_formed_and_unique() -> None:
    countries = all_countries()
    assert all(len(c.alpha2) == 2 and c.alpha2.isascii() and c.alpha2.isupper() for c in countries)
    assert all(len(c.alpha3) == 3 and c.alpha3.isascii() and c.alpha3.isupper() for c in countries)
    assert len({c.alpha2 for c in countries}) == len(countries)
    assert len({c.alpha3 for c in countries}) == len(countries)


def test_codes_agree_with_iso_3166() -> None:
    ours = {c.alpha2: c.alpha3 for c in all_countries()}
    iso = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    assert {a2: ours[a2] for a2 in ours if a2 not in iso} == NOT_IN_ISO
    assert {a2: a3 for a2, a3 in ours.items() if a2 in iso} == iso


def test_every_country_has_a_name_and_a_demonym() -> None:
    assert [c.alpha2 for c in all_countries() if not c.name or not c.demonyms] == []


def test_no_name_alias_or_demonym_names_two_countries() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for country in all_countries():
        for text in (country.name, *country.aliases, *country.demonyms):
            owners[fold_name(text)].add(country.alpha2)
    collisions = {key: sorted(codes) for key, codes in owners.items() if len(codes) > 1}
    assert collisions == {}
    assert "" not in owners


def test_all_countries_is_cached() -> None:
    assert all_countries() is all_countries()
    assert isinstance(all_countries()[0], Country)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Türkiye", "turkiye"),
        ("the Netherlands", "netherlands"),
        ("U.S.A.", "usa"),
        ("D.R. Congo", "dr congo"),
        ("Côte d'Ivoire", "cote divoire"),
        ("St. Kitts", "saint kitts"),
        ("Bosnia & Herzegovina", "bosnia and herzegovina"),
        ("  Guinea-Bissau ", "guinea bissau"),
        ("Føroyar", "foroyar"),
        ("The", "the"),
        ("the the Gambia", "gambia"),
        ("\u210caiti", "haiti"),  # black-letter H,
    ],
)
def test_fold_name(text: str, folded: str) -> None:
    assert fold_name(text) == folded


@given(st.text())
def test_fold_name_is_idempotent_and_tidy(text: str) -> None:
    folded = fold_name(text)
    assert fold_name(folded) == folded
    assert folded == folded.strip()
    assert "  " not in folded
