"""The word lists the language stages read, loaded once from the data files under ``sitreps/data``.

Two shapes. A list file (``.txt``, ``.tsv``): one entry a line, tab-separated columns, ``#`` lines are
comments. A TOML file of the named word lists one module reads (``<what>_words.toml``): arrays of words,
and tables from a word to what it means. Each file is read and parsed once per process; the modules keep
what they read in module-level constants.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any, get_args


def _text(name: str) -> str:
    return resources.files("sitreps").joinpath(f"data/{name}").read_text("utf-8")


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The entries of a list file: its lines, leaving out blank lines and ``#`` comments."""
    return tuple(line for line in _text(name).splitlines() if line.strip() and not line.startswith("#"))


@cache
def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads(_text(name))


def _value(name: str, key: str) -> Any:
    try:
        return _toml(name)[key]
    except KeyError:
        raise KeyError(f"data/{name} has no {key!r}") from None


def _words(name: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise TypeError(f"data/{name}: {key!r} is not an array of words")
    return tuple(value)


def word_list(name: str, key: str) -> tuple[str, ...]:
    """An array of words of a TOML word file, in the file's order."""
    return _words(name, key, _value(name, key))


def word_set(name: str, key: str) -> frozenset[str]:
    """An array of words of a TOML word file, as a set."""
    return frozenset(word_list(name, key))


def word_table(name: str, key: str) -> dict[str, Any]:
    """A table of a TOML word file (word -> value), in the file's order."""
    value = _value(name, key)
    if not isinstance(value, dict):
        raise TypeError(f"data/{name}: {key!r} is not a table")
    return dict(value)


def checked(name: str, key: str, value: Any, allowed: Any) -> Any:
    """``value`` (read from ``key`` of data/``name``), when ``allowed`` (a Literal type) lists it."""
    if value not in get_args(allowed):
        raise ValueError(f"data/{name}: {key!r} holds {value!r}, not one of {get_args(allowed)}")
    return value


def word_values(name: str, key: str, allowed: Any) -> dict[str, Any]:
    """A table of a TOML word file from a word to one of the values of the Literal type ``allowed``."""
    return {word: checked(name, key, value, allowed) for word, value in word_table(name, key).items()}


def word_kinds(name: str, key: str, allowed: Any) -> dict[str, Any]:
    """A table of a TOML word file from a kind (one of the Literal type ``allowed``) to its words, as
    word -> kind, in the file's order."""
    return {
        word: checked(name, key, kind, allowed)
        for kind, kind_words in word_table(name, key).items()
        for word in _words(name, f"{key}.{kind}", kind_words)
    }


def word_pairs(name: str, key: str, allowed: Any) -> tuple[tuple[str, Any], ...]:
    """An array of [words, value] pairs of a TOML word file, in the file's order, each value one of the
    Literal type ``allowed``."""
    value = _value(name, key)
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in value
    ):
        raise TypeError(f"data/{name}: {key!r} is not an array of [words, value] pairs")
    return tuple((words, checked(name, key, kind, allowed)) for words, kind in value)


def word_lists(name: str, key: str) -> dict[str, tuple[str, ...]]:
    """A table of a TOML word file from a name to an array of words, in the file's order."""
    return {group: _words(name, f"{key}.{group}", w) for group, w in word_table(name, key).items()}


def word_groups(name: str, key: str) -> dict[str, frozenset[str]]:
    """A table of a TOML word file from a name to an array of words, as sets, in the file's order."""
    return {group: frozenset(group_words) for group, group_words in word_lists(name, key).items()}
