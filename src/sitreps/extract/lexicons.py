"""The lexicons of titles, ranks, ministries, group nouns and news outlets the actors extractor reads,
parsed once from their data files under ``sitreps/data`` (read through :mod:`sitreps.nlp.wordlists`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import cast

from sitreps.geo.countries import fold_name
from sitreps.model import ActorKind
from sitreps.nlp.wordlists import data_lines


@cache
def roles() -> tuple[tuple[str, str], ...]:
    """(title as written, office) pairs, longest title first so "deputy foreign minister" wins."""
    pairs = [
        (variant, line.split("\t")[1])
        for line in data_lines("roles.tsv")
        for variant in line.split("\t")[0].split("|")
    ]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def ranks() -> tuple[str, ...]:
    """Ranks and honorifics dropped from the front of a name, longest first."""
    return tuple(sorted(data_lines("ranks.txt"), key=len, reverse=True))


@dataclass(frozen=True)
class Portfolio:
    words: tuple[str, ...]
    name: str
    minister: str


@cache
def portfolios() -> tuple[Portfolio, ...]:
    out = []
    for line in data_lines("ministries.tsv"):
        words, name, minister = line.split("\t")
        out.append(Portfolio(tuple(words.split("|")), name, minister))
    return tuple(out)


@cache
def _role_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """``roles()`` with each title compiled once, as a whole word (or hyphenated word) of its own."""
    return tuple((re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-])"), role) for variant, role in roles())


def find_role(text: str) -> str | None:
    """The office named in a stretch of text ("Azerbaijani Defense Minister" -> "Minister of Defense")."""
    lowered = " ".join(text.lower().split())
    for pattern, role in _role_patterns():
        if pattern.search(lowered):
            return role
    return None


@cache
def _portfolio_patterns() -> tuple[tuple[Portfolio, tuple[re.Pattern[str], ...]], ...]:
    """``portfolios()`` with each portfolio's words compiled once, as whole words."""
    return tuple(
        (portfolio, tuple(re.compile(rf"\b{re.escape(w)}\b") for w in portfolio.words))
        for portfolio in portfolios()
    )


def portfolio_of(text: str) -> Portfolio | None:
    """The portfolio a ministry's name or a minister's role names, if any."""
    lowered = text.lower()
    for portfolio, patterns in _portfolio_patterns():
        if portfolio.minister.lower() == lowered or any(p.search(lowered) for p in patterns):
            return portfolio
    return None


@cache
def group_nouns() -> dict[str, ActorKind]:
    """Head nouns that make a demonym into a collective actor, with the actor's kind."""
    table: dict[str, ActorKind] = {}
    for line in data_lines("group_nouns.tsv"):
        noun, kind = line.split("\t")
        table[noun] = cast(ActorKind, kind)
    return table


@cache
def media_outlets() -> frozenset[str]:
    """Folded names of news agencies and outlets known by name."""
    return frozenset(fold_name(line) for line in data_lines("media_outlets.txt"))
