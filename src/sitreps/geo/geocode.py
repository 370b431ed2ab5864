"""Choose the place each toponym of one article refers to, and say how precise and how sure that is.

Candidates come from the gazetteer; each is scored by
- how the name matched (its own name, our alias table, an alternate name, a loose transliteration),
- the article's countries (actors' countries, country mentions, the outlet's home, and, in a second
  pass, the countries of the article's other places) and their neighbours,
- the kind of place the text implies ("X region", "X district", "village of X", "in X direction"),
- population and the kind of place (countries, our regions, provinces, districts, towns),
- closeness to the article's other places, and for "Basarkechar [Gegharkunik]" to its partner.
Precision follows ACLED's geo-precision: 1 a town, 2 a district or "near"/"X district" around a town,
3 a province, 4 a country or anything wider. Confidence is the chosen candidate's share of the
softmax over all candidates' scores. Pure: no I/O beyond reading the (read-only) gazetteer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Literal

from sitreps.geo.countries import fold_name
from sitreps.geo.gazetteer import Candidate, Gazetteer

# What the words around a toponym say it is: "village of X" a settlement, "X district"/"in X direction"
# a district, "X region"/"X province"/"X oblast" a province (or a district-sized region).
Hint = Literal["settlement", "district", "province"]

MATCH_SCORE: dict[str, float] = {
    "name": 1.0,
    "alias": 1.0,
    "alternate": 0.8,
    "loose name": 0.45,
    "loose alias": 0.45,
    "loose alternate": 0.3,
}
# Prior by kind of place: a country name almost always means the country, and our curated regions,
# seas and continents beat towns of the same name. Towns and divisions earn the rest by population
# (a division's is the sum of its towns').
FEATURE_PRIOR: dict[str, float] = {
    "country": 1.2,
    "region": 1.5,
    "water": 1.5,
    "province": 0.2,
    "district": 0.1,
    "settlement": 0.0,
}
PROMINENCE = 1.2
DIVISION_PROMINENCE = 0.8
CAPITAL = 0.3
# A division named like a real town inside it ("Donetsk" the oblast and the city): the plain name is the
# town, unless the text says "region", "district" or "province".
NAMESAKE_TOWN = 10_000
NAMESAKE_PENALTY = 0.4
HINT_FIT: dict[Hint, dict[str, float]] = {
    "settlement": {"settlement": 0.6, "district": -0.3, "province": -0.3, "region": -0.3, "country": -0.5},
    "district": {"district": 0.6, "province": 0.4, "region": 0.3, "settlement": -0.1, "country": -0.5},
    "province": {"province": 0.6, "district": 0.5, "region": 0.6, "settlement": -0.2, "country": -0.5},
}
PRECISION: dict[str, int] = {"settlement": 1, "district": 2, "province": 3}
CANDIDATES_PER_NAME = 40
CONTEXT_WEIGHT = 1.0
NEIGHBOUR_WEIGHT = 0.3
COUNTRY_HINT, ADMIN_HINT, ADMIN_CONTEXT = 1.5, 1.0, 0.5
NEAR_KM = 150.0
NEAR_BONUS = 0.3
PARTNER_KM = 100.0
PARTNER_BONUS = 0.8
TEMPERATURE = 0.3
# A loose (transliteration) match outside the article's countries must be a place at least this large.
LOOSE_POPULATION = 100_000
# "Oaxaca State", "Suffolk County": a name that is unknown with its kind word is looked up without it.
_KIND_WORDS: dict[str, Hint] = {
    **dict.fromkeys(("state", "province", "region", "oblast", "governorate"), "province"),
    **dict.fromkeys(("county", "district", "rayon", "municipality"), "district"),
    **dict.fromkeys(("city", "town", "village"), "settlement"),
}


@dataclass(frozen=True)
class Mention:
    """One toponym to resolve: its text and what its surroundings say about it."""

    text: str
    start: int = 0
    end: int = 0
    hint: Hint | None = None
    near: bool = False  # "near X", "outskirts of X": the place is around X, not in it
    country: str | None = None  # "Los Angeles, USA": the country named right after it (alpha-2)
    admin: tuple[str, ...] = ()  # "Allendale, N.J.": names of the division named right after it
    partner: int | None = None  # index of the bracketed alternative: "Basarkechar [Gegharkunik]"


@dataclass(frozen=True)
class Context:
    """The article's countries (alpha-2) with weights; larger means more of the article is about it."""

    countries: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Resolution:
    """The chosen place of a mention, its precision and confidence, and the runners-up."""

    place: Candidate
    precision: int
    confidence: float
    alternatives: tuple[tuple[Candidate, float], ...]


def resolve_mentions(
    mentions: Sequence[Mention], context: Context, gazetteer: Gazetteer
) -> list[Resolution | None]:
    """The best place for every mention (None when the gazetteer knows no such name), in order."""
    mentions = [_known_form(m, gazetteer) for m in mentions]
    pools = [_candidates(m, gazetteer) for m in mentions]
    neighbours = gazetteer.neighbours()
    first = [
        _rank(m, pool, context.countries, neighbours, (), None)
        for m, pool in zip(mentions, pools, strict=True)
    ]
    picks = [ranked[0][0] if ranked else None for ranked in first]
    results: list[Resolution | None] = []
    for i, (mention, pool) in enumerate(zip(mentions, pools, strict=True)):
        if not pool:
            results.append(None)
            continue
        others = [p for j, p in enumerate(picks) if p is not None and j != i]
        countries = dict(context.countries)
        for j, ranked in enumerate(first):
            if j != i and ranked and ranked[0][0].country:
                code = ranked[0][0].country or ""
                countries[code] = countries.get(code, 0.0) + 0.5 * _share(ranked)
        partner_pool = pools[mention.partner] if mention.partner is not None else None
        ranked = _rank(mention, pool, countries, neighbours, others, partner_pool)
        results.append(_resolution(mention, ranked, countries))
    return results


def resolve_name(
    name: str, gazetteer: Gazetteer, *, countries: Mapping[str, float] | None = None, hint: Hint | None = None
) -> Resolution | None:
    """Resolve one name on its own (``sitreps gazetteer lookup``), optionally in a country context."""
    return resolve_mentions([Mention(name, hint=hint)], Context(countries or {}), gazetteer)[0]


def rank_candidates(
    name: str, gazetteer: Gazetteer, *, countries: Mapping[str, float] | None = None, hint: Hint | None = None
) -> list[tuple[Candidate, float]]:
    """Every candidate of a name with its share of the confidence, best first."""
    mention = Mention(name, hint=hint)
    ranked = _rank(
        mention, _candidates(mention, gazetteer), countries or {}, gazetteer.neighbours(), (), None
    )
    return _shares(ranked)


def precision_of(candidate: Candidate, mention: Mention) -> int:
    """ACLED-style precision: the candidate's own level, coarsened by "near X" or "X district"."""
    level = PRECISION.get(candidate.feature, 4)
    if level == 1 and (mention.near or mention.hint in {"district", "province"}):
        return 2
    return level


def outlet_country(outlet: str | None) -> str | None:
    """The home country (alpha-2) of a known national outlet, from ``geo/outlets.tsv``."""
    if not outlet:
        return None
    return _outlets().get(fold_name(outlet))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def without_kind_word(mention: Mention) -> Mention | None:
    """ "Oaxaca State" -> "Oaxaca" with the hint province; None when the name ends in no kind word."""
    words = mention.text.split()
    hint = _KIND_WORDS.get(words[-1].lower()) if len(words) > 1 else None
    if hint is None:
        return None
    return replace(mention, text=" ".join(words[:-1]), hint=mention.hint or hint)


def _known_form(mention: Mention, gazetteer: Gazetteer) -> Mention:
    if gazetteer.candidates(mention.text, loose=False):
        return mention
    shorter = without_kind_word(mention)
    return shorter if shorter is not None and gazetteer.candidates(shorter.text) else mention


def _candidates(mention: Mention, gazetteer: Gazetteer) -> list[Candidate]:
    found = gazetteer.candidates(mention.text)
    if any(c.exact for c in found):
        # A loose match is only a fallback: when the exact name is known, variants are other places.
        found = [c for c in found if c.exact]
    found.sort(key=lambda c: (-MATCH_SCORE[c.match], -c.population))
    return found[:CANDIDATES_PER_NAME]


def _prominence(candidate: Candidate) -> float:
    """Population on a log scale: 0 up to 1,000 people, the full weight from 20 million."""
    if candidate.population <= 1000:
        return 0.0
    share = min(1.0, (math.log10(candidate.population) - 3.0) / 4.3)
    return (DIVISION_PROMINENCE if candidate.feature in {"province", "district"} else PROMINENCE) * share


def _namesake_town(division: Candidate, pool: Sequence[Candidate]) -> bool:
    return any(
        c.feature == "settlement"
        and c.country == division.country
        and c.population >= NAMESAKE_TOWN
        and (
            division.name in (c.admin1, c.admin2)
            or km(c.lat, c.lon, division.lat, division.lon) <= PARTNER_KM
        )
        for c in pool
    )


def _score(
    candidate: Candidate,
    mention: Mention,
    pool: Sequence[Candidate],
    countries: Mapping[str, float],
    neighbours: Mapping[str, tuple[str, ...]],
    others: Sequence[Candidate],
    partner_pool: Sequence[Candidate] | None,
) -> float:
    score = MATCH_SCORE[candidate.match] + FEATURE_PRIOR.get(candidate.feature, 0.0) + _prominence(candidate)
    if candidate.capital:
        score += CAPITAL
    top = max(countries.values(), default=0.0)
    if top > 0:
        codes = (candidate.country,) if candidate.country else candidate.members
        # Square roots: a country named once still counts, one named twenty times does not drown the rest.
        weight = math.sqrt(max((countries.get(c, 0.0) for c in codes), default=0.0) / top)
        near = math.sqrt(
            max((countries.get(n, 0.0) for c in codes for n in neighbours.get(c, ())), default=0.0) / top
        )
        score += CONTEXT_WEIGHT * weight + NEIGHBOUR_WEIGHT * near * (1 - weight)
    if mention.hint is not None:
        score += HINT_FIT[mention.hint].get(candidate.feature, 0.0)
    elif candidate.feature in {"province", "district"} and _namesake_town(candidate, pool):
        score -= NAMESAKE_PENALTY
    if mention.country is not None:
        score += COUNTRY_HINT if mention.country in (candidate.country, *candidate.members) else -0.5
    if mention.admin and (candidate.admin1 in mention.admin or candidate.admin2 in mention.admin):
        score += ADMIN_HINT
    elif candidate.feature == "settlement" and any(
        o.feature in {"province", "district"}
        and o.country == candidate.country
        and o.name == candidate.admin1
        for o in others
    ):
        score += ADMIN_CONTEXT  # "Springfield" in an article that names Illinois
    if candidate.feature not in {"country", "region", "water"} and any(
        km(candidate.lat, candidate.lon, o.lat, o.lon) <= NEAR_KM for o in others if o is not candidate
    ):
        score += NEAR_BONUS
    if partner_pool and any(_contains(p, candidate) or _contains(candidate, p) for p in partner_pool[:10]):
        score += PARTNER_BONUS
    return score


def _contains(outer: Candidate, inner: Candidate) -> bool:
    """True when inner lies in outer: named as its admin area, or within PARTNER_KM of it."""
    if outer.place_id == inner.place_id:
        return False
    if outer.country and inner.country and outer.country != inner.country:
        return False
    if outer.feature in {"province", "district"} and outer.name in (inner.admin1, inner.admin2):
        return True
    return km(outer.lat, outer.lon, inner.lat, inner.lon) <= PARTNER_KM


def _rank(
    mention: Mention,
    pool: Sequence[Candidate],
    countries: Mapping[str, float],
    neighbours: Mapping[str, tuple[str, ...]],
    others: Sequence[Candidate],
    partner_pool: Sequence[Candidate] | None,
) -> list[tuple[Candidate, float]]:
    scored = [(c, _score(c, mention, pool, countries, neighbours, others, partner_pool)) for c in pool]
    scored.sort(key=lambda pair: (-pair[1], -pair[0].population, pair[0].place_id))
    return scored


def _supported(candidate: Candidate, countries: Mapping[str, float]) -> bool:
    """A loose match stands when the article is about its country or the place is a large one."""
    codes = (candidate.country,) if candidate.country else candidate.members
    return candidate.population >= LOOSE_POPULATION or any(countries.get(c, 0.0) > 0 for c in codes)


def _shares(ranked: Sequence[tuple[Candidate, float]]) -> list[tuple[Candidate, float]]:
    if not ranked:
        return []
    best = ranked[0][1]
    weights = [math.exp((s - best) / TEMPERATURE) for _, s in ranked]
    total = sum(weights)
    return [(c, w / total) for (c, _), w in zip(ranked, weights, strict=True)]


def _share(ranked: Sequence[tuple[Candidate, float]]) -> float:
    shares = _shares(ranked)
    return shares[0][1] if shares else 0.0


def _resolution(
    mention: Mention, ranked: Sequence[tuple[Candidate, float]], countries: Mapping[str, float]
) -> Resolution | None:
    shares = _shares(ranked)
    if not shares:
        return None
    best, share = shares[0]
    if not best.exact and not _supported(best, countries):
        return None  # a transliteration variant of an obscure place far from the story: rather none
    confidence = share * (1.0 if best.exact else 0.8)
    return Resolution(
        place=best,
        precision=precision_of(best, mention),
        confidence=round(min(0.99, max(0.01, confidence)), 3),
        alternatives=tuple((c, round(s, 3)) for c, s in shares[1:4]),
    )


@cache
def _outlets() -> dict[str, str]:
    text = resources.files("sitreps").joinpath("geo/outlets.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 2 and not line.startswith("#") and cells[0].strip():
            table[fold_name(cells[0])] = cells[1].strip().upper()
    return table
