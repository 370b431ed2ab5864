"""Name keys: exact folding and the transliteration-tolerant loose key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitreps.geo.folding import loose_key, name_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Kəlbəcər", "Kalbajar", "Kelbajar", "KALBAJAR"),
        ("Lachin", "Laçın", "Lacin"),
        ("Dashkasan", "Daşkəsən", "Dashkesan"),
        ("Yerevan", "Erevan"),
        ("Khankendi", "Xankəndi"),
        ("Qubadlı", "Gubadly", "Qubadli"),
        ("Gegharkunik", "Geġark'unik'"),
        ("Zaporizhzhia", "Zaporizhia"),
        ("Cəbrayıl", "Jabrayil", "Dzhebrail"),
        ("Deir ez-Zor", "Deir ez Zor", "Deir-ez-Zor"),
        ("Basarkechar", "Basarkeçər"),
    ],
)
def test_transliterations_meet_under_the_loose_key(spellings: tuple[str, ...]) -> None:
    assert len({loose_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kəlbəcər", "kelbecer"),
        ("Laçın", "lacin"),
        ("the Hague", "hague"),
        ("Mek'ele", "mekele"),
        ("U.S.", "us"),
    ],
)
def test_name_key_folds_case_diacritics_and_punctuation(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("one", "other"), [("Korean", "Koran"), ("Lachin", "Lacha"), ("Baku", "Bakı Xanlar")]
)
def test_different_names_stay_apart(one: str, other: str) -> None:
    assert loose_key(one) != loose_key(other)


@given(st.text(max_size=60))
def test_keys_take_any_text(text: str) -> None:
    key = loose_key(text)
    assert key == key.strip() and " " not in key
    assert loose_key(name_key(text)) == key
