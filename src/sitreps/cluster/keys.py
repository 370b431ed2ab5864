"""What clustering compares about one event: its family, its date window, where and between whom.

Each event that is reported as having happened (not negated, hypothetical or habitual) gets an
:class:`EventKey`:

- **family**: from its PLOVER and ACLED types (``ontology/families.tsv``);
- **window**: the days it may have happened on. A day or a range from the text is ``dated``. A wider
  time (a month, a year) is ``vague``: it only meets events with the very same window. With no time at
  all, news reports what happened on the publication day or just before it, so the window is the
  ``undated_days`` before publication up to publication (not ``dated``);
- **countries**: ISO alpha-2 of its places and of its actors' states, else of the places its article
  names most (so an attack told with no place still is not compared with one on another continent);
- **points**: its places with coordinates and precision (ACLED's 1 town .. 4 country);
- **actors**: name and state keys of actor1 and actor2 (see :class:`~sitreps.cluster.actors.ActorIndex`).

Keys are computed from an article's :class:`~sitreps.store.cluster_tables.ArticleFacts` (what the store
reads of its rows) and go back to the store as plain rows (:meth:`EventKey.row`, :meth:`EventKey.from_row`).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sitreps.cluster.actors import ActorIndex
from sitreps.geo.countries import by_code
from sitreps.ontology import event_family
from sitreps.store.cluster_tables import ArticleFacts, EventFacts, KeyRow, PlaceFacts, TimeFacts

EXCLUDED = "-"  # the family of an event that is never clustered (negated, hypothetical, habitual)


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    precision: int
    admin1: str | None  # "AM/Syunik": country and first-level division, for "same province"


@dataclass(frozen=True)
class EventKey:
    event_id: str
    article_id: str
    family: str
    first_day: int  # date.toordinal()
    last_day: int
    dated: bool = False
    vague: bool = False
    countries: frozenset[str] = frozenset()
    points: tuple[Point, ...] = ()
    actors: frozenset[str] = frozenset()

    @property
    def clusterable(self) -> bool:
        return self.family != EXCLUDED

    def row(self) -> KeyRow:
        """The key as the store keeps it (a row of event_keys)."""
        return self.event_id, self.article_id, self.family, self.first_day, self.last_day, self.body()

    def body(self) -> str:
        """The keys the store keeps as JSON (event_keys.body)."""
        return json.dumps(
            {
                "dated": self.dated,
                "vague": self.vague,
                "countries": sorted(self.countries),
                "points": [[p.lat, p.lon, p.precision, p.admin1] for p in self.points],
                "actors": sorted(self.actors),
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_row(cls, row: KeyRow) -> EventKey:
        """The key of a stored row (the inverse of :meth:`row`)."""
        event_id, article_id, family, first, last, body = row
        data: dict[str, Any] = json.loads(body)
        return cls(
            event_id,
            article_id,
            family,
            first,
            last,
            dated=bool(data.get("dated")),
            vague=bool(data.get("vague")),
            countries=frozenset(data.get("countries", ())),
            points=tuple(Point(float(p[0]), float(p[1]), int(p[2]), p[3]) for p in data.get("points", ())),
            actors=frozenset(data.get("actors", ())),
        )


def event_keys(
    reading: ArticleFacts, actors: ActorIndex, *, undated_days: int, max_window_days: int
) -> list[EventKey]:
    """The keys of every event of one article (excluded events get the family ``EXCLUDED``)."""
    article = reading
    places = {place.id: place for place in reading.places}
    times = {time.id: time for time in reading.times}
    by_id = {actor.id: actor for actor in reading.actors}
    fallback = _article_countries(reading)
    keys: list[EventKey] = []
    for event in reading.events:
        if event.negated or event.hypothetical or event.habitual:
            keys.append(EventKey(event.id, article.id, EXCLUDED, 0, 0))
            continue
        window = _window(event, times, article.published, undated_days, max_window_days)
        if window is None:
            keys.append(EventKey(event.id, article.id, EXCLUDED, 0, 0))
            continue
        first, last, dated, vague = window
        event_places = [places[p] for p in event.places if p in places and not places[p].metonymic]
        actor_keys: set[str] = set()
        countries = {p.country for p in event_places if p.country}
        for actor_id in (event.actor1, event.actor2):
            actor = by_id.get(actor_id or "")
            if actor is None:
                continue
            actor_keys |= actors.keys(actor)
            alpha3 = actors.country(actor)
            country = by_code(alpha3) if alpha3 else None
            if country is not None and actor.kind not in ("person", "organisation", "media"):
                countries.add(country.alpha2)
        keys.append(
            EventKey(
                event.id,
                article.id,
                event_family(event.plover, event.mode, event.acled_event_type),
                first,
                last,
                dated=dated,
                vague=vague,
                countries=frozenset(countries or fallback),
                points=_points(event_places),
                actors=frozenset(actor_keys),
            )
        )
    return keys


def _window(
    event: EventFacts,
    times: dict[str, TimeFacts],
    published: date | None,
    undated_days: int,
    max_window_days: int,
) -> tuple[int, int, bool, bool] | None:
    """(first day, last day, dated, vague), or None when the event has no time and no publication date."""
    time = times.get(event.time or "")
    if time is not None and time.start is not None:
        end = time.end or time.start
        if (end - time.start).days + 1 <= max_window_days:
            return time.start.toordinal(), end.toordinal(), True, False
        if published is None or not time.start <= published <= end:
            return time.start.toordinal(), end.toordinal(), False, True
        # "this month": as good as no date for an event reported now.
    if published is None:
        return None
    return (published - timedelta(days=undated_days)).toordinal(), published.toordinal(), False, False


def _points(places: list[PlaceFacts]) -> tuple[Point, ...]:
    points = {
        Point(
            round(p.lat, 4),
            round(p.lon, 4),
            p.precision or 4,
            f"{p.country}/{p.admin1}" if p.country and p.admin1 else None,
        )
        for p in places
        if p.lat is not None and p.lon is not None
    }
    return tuple(sorted(points, key=lambda p: (p.lat, p.lon, p.precision, p.admin1 or "")))


def _article_countries(reading: ArticleFacts) -> frozenset[str]:
    """The countries the article's places name most: the one most named, and any named as often or
    at least half as often (a border war names both sides)."""
    counts = Counter(p.country for p in reading.places if p.country and not p.metonymic)
    if not counts:
        return frozenset()
    top = max(counts.values())
    return frozenset(country for country, n in counts.items() if n * 2 >= top)
