"""Which pairs of events report the same real-world event: a symmetric test on two :class:`EventKey`.

Two events link when all of these hold (thresholds in :class:`ClusterConfig`):

1. the same family (PLOVER and ACLED families, ``ontology/families.tsv``);
2. their date windows overlap, give or take ``slack_days`` (a night attack is dated to either day);
   a vague window (a month, a year) only meets the very same window;
3. they share a country (of their places or of their actors' states, else of their articles);
4. their places are not far apart: when both have coordinates, some pair is in the same province or
   within ``near_km`` for the coarser of the two precisions (a town is a point, a province is wide);
5. their actors do not exclude each other: when both name actors, some actor is common, in either
   direction (each side blames the other, so the initiator may differ);
6. and something positive ties them beyond type, time and country: nearby places, a common actor,
   both dated from the text (or both naming the same month or year), or the same article.

Candidates come from blocks of (family, day, country), so the cost grows with the events per block,
not with the square of the corpus.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sitreps.cluster.keys import EventKey, Point
from sitreps.errors import SitrepsError
from sitreps.geo.geocode import km


@dataclass(frozen=True)
class ClusterConfig:
    """Every tunable threshold of clustering, with its default (the note of issue #5 justifies them)."""

    undated_days: int = 2  # an undated event happened on publication day or this many days before
    max_window_days: int = 10  # a longer time window (a month, a year) is vague, not a date
    slack_days: int = 1  # windows this many days apart still overlap (overnight, time zones)
    max_span_days: int = 7  # a chain of links longer than this is cut into week-long clusters
    near_km_town: float = 60.0  # places this close are one scene, when both are towns (precision 1)
    near_km_district: float = 120.0  # ... when the coarser of the two is a district (2)
    near_km_province: float = 250.0  # ... when it is a province (3); a country is never "near"

    def near_km(self, precision: int) -> float | None:
        return {1: self.near_km_town, 2: self.near_km_district, 3: self.near_km_province}.get(precision)

    @classmethod
    def from_toml(cls, path: Path) -> ClusterConfig:
        """A config file holding some of the fields (the rest keep their defaults)."""
        try:
            data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise SitrepsError(f"cannot read the cluster config {path}: {e}") from e
        data = data.get("cluster", data)
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise SitrepsError(f"unknown cluster setting(s) in {path}: {', '.join(unknown)}")
        for name, value in data.items():
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise SitrepsError(f"cluster setting {name} in {path} must be a number >= 0, not {value!r}")
            if known[name] == "int" and not isinstance(value, int):
                raise SitrepsError(f"cluster setting {name} in {path} must be a whole number")
        return cls(**data)


def links(a: EventKey, b: EventKey, config: ClusterConfig) -> bool:
    """Whether two events report the same real-world event (the module's rules 1-6)."""
    if a.family != b.family or not a.clusterable or a.event_id == b.event_id:
        return False
    if a.vague or b.vague:
        if (a.first_day, a.last_day) != (b.first_day, b.last_day):
            return False
    elif a.first_day > b.last_day + config.slack_days or b.first_day > a.last_day + config.slack_days:
        return False
    same_article = a.article_id == b.article_id
    if a.countries and b.countries:
        if not a.countries & b.countries:
            return False
    elif not same_article:
        return False
    near = _near(a.points, b.points, config)
    if near is False:
        return False
    common_actor = bool(a.actors & b.actors)
    if a.actors and b.actors and not common_actor:
        return False
    same_period = a.vague  # (then both are, with the very same window: "the 2020 war")
    return bool(near) or common_actor or (a.dated and b.dated) or same_period or same_article


def _near(a: Sequence[Point], b: Sequence[Point], config: ClusterConfig) -> bool | None:
    """True when some pair of places is one scene, False when all are apart, None when unknown."""
    a = [p for p in a if p.precision < 4]
    b = [p for p in b if p.precision < 4]
    if not a or not b:
        return None
    for p in a:
        for q in b:
            if p.admin1 is not None and p.admin1 == q.admin1:
                return True
            limit = config.near_km(max(p.precision, q.precision))
            if limit is not None and km(p.lat, p.lon, q.lat, q.lon) <= limit:
                return True
    return False


def blocks(key: EventKey, config: ClusterConfig) -> Iterable[tuple[str, int, str]]:
    """The (family, day, country) blocks an event is compared in: each day of its window widened by
    the slack, for each of its countries ("" when it has none: then only its own article's events)."""
    countries = sorted(key.countries) or [f"article:{key.article_id}"]
    if key.vague:
        days: Iterable[int] = [key.first_day]
    else:
        days = range(key.first_day, key.last_day + config.slack_days + 1)
    for day in days:
        for country in countries:
            yield key.family, day, country


def find_links(
    new: Sequence[EventKey], known: Sequence[EventKey], config: ClusterConfig
) -> set[tuple[str, str]]:
    """Every linked pair (a < b) with at least one event from ``new``; ``known`` are stored events that
    may link to them (events in both lists are fine). The answer does not depend on either order."""
    everyone = {k.event_id: k for k in known if k.clusterable}
    everyone.update((k.event_id, k) for k in new if k.clusterable)
    new_ids = {k.event_id for k in new if k.clusterable}
    table: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    for event_id in sorted(everyone):
        for block in blocks(everyone[event_id], config):
            table[block].append(event_id)
    found: set[tuple[str, str]] = set()
    checked: set[tuple[str, str]] = set()
    for members in table.values():
        fresh = [m for m in members if m in new_ids]
        if not fresh:
            continue
        for a in fresh:
            for b in members:
                pair = (a, b) if a < b else (b, a)
                if a == b or pair in checked:
                    continue
                checked.add(pair)
                if links(everyone[a], everyone[b], config):
                    found.add(pair)
    return found
