"""The word files under sitreps/data: each says what it holds and who reads it, and reads as the
extractors expect; the readers refuse what a typo would make of a file."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pytest

from sitreps.geo.geocode import Hint
from sitreps.model import Qualifier
from sitreps.nlp import wordlists
from sitreps.nlp.wordlists import (
    data_lines,
    word_groups,
    word_kinds,
    word_list,
    word_lists,
    word_pairs,
    word_set,
    word_table,
    word_values,
)

DATA = Path(str(resources.files("sitreps").joinpath("data")))
SRC = DATA.parent.parent
WORD_FILES = sorted(DATA.glob("*_words.toml"))
Colour = Literal["red", "green"]


def test_there_are_word_files() -> None:
    assert len(WORD_FILES) >= 10


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: p.name)
def test_a_word_file_says_what_it_holds_and_which_module_reads_it(path: Path) -> None:
    text = path.read_text("utf-8")
    header = [line for line in text.splitlines()[:6] if line.startswith("#")]
    assert header, f"{path.name} has no header comment"
    readers = [w.strip("(),:;.") for line in header for w in line.split() if w.startswith("(sitreps/")]
    assert readers, f"{path.name}'s header names no module that reads it"
    for reader in readers:
        assert (SRC / reader).is_file(), reader
        assert path.name in (SRC / reader).read_text("utf-8"), f"{reader} does not read {path.name}"
    tomllib.loads(text)


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: p.name)
def test_words_are_lower_case_and_stripped(path: Path) -> None:
    def strings(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        return []

    data = tomllib.loads(path.read_text("utf-8"))
    for key, value in data.items():
        if key == "wider_demonyms":  # names, as written
            continue
        for word in strings(value):
            assert (word == word.strip() and word == word.lower()) or word.isupper(), (key, word)


def test_list_files_leave_out_comments_and_blank_lines() -> None:
    ranks = data_lines("ranks.txt")
    assert "colonel" in ranks
    assert not any(line.startswith("#") or not line.strip() for line in ranks)


def test_readers_keep_the_files_order() -> None:
    assert word_list("frame_words.toml", "continuations")[:2] == ("moreover", "in addition")
    steps = word_table("figure_date_words.toml", "day_counts")
    assert list(steps) == ["a", "one", "two", "three", "four", "five"]
    assert word_pairs("casualty_words.toml", "qualifiers", Qualifier)[0] == ("at least", "at_least")
    assert word_set("frame_words.toml", "denial_verbs") == {"deny", "dismiss", "refute", "reject"}
    assert word_kinds("toponym_words.toml", "kind_after", Hint)["rayon"] == "district"
    kinds = word_lists("actor_words.toml", "org_kinds")
    assert list(kinds) == ["government", "military", "armed group", "media"]
    assert word_groups("event_words.toml", "pronoun_kinds")["he"] == {"person"}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {
        "colours": {"sky": "blue", "grass": "green"},
        "by_colour": {"red": ["rose"], "blue": ["sky"]},
        "pairs": [["rose", "red"], ["sky"]],
        "mixed": ["a", 1],
        "flat": ["a", "b"],
    }
    monkeypatch.setattr(wordlists, "_toml", lambda name: table)


@pytest.mark.usefixtures("fake")
def test_a_value_outside_its_kinds_is_refused() -> None:
    with pytest.raises(ValueError, match="'blue'"):
        word_values("fake.toml", "colours", Colour)
    with pytest.raises(ValueError, match="'blue'"):
        word_kinds("fake.toml", "by_colour", Colour)


@pytest.mark.usefixtures("fake")
def test_a_malformed_list_is_refused() -> None:
    with pytest.raises(KeyError, match=r"data/fake\.toml has no 'missing'"):
        word_set("fake.toml", "missing")
    with pytest.raises(TypeError, match="not an array of words"):
        word_set("fake.toml", "mixed")
    with pytest.raises(TypeError, match="not a table"):
        word_table("fake.toml", "flat")
    with pytest.raises(TypeError, match="pairs"):
        word_pairs("fake.toml", "pairs", Colour)
