"""The event index: one flat row per stored event, in memory, for the list, the map and the timeline.

An event's date, point and names are spread over five tables (times, places, event_places, actors,
claims), and joining them for every map move costs about half a second per 100k events. The index joins
them once, into an in-memory SQLite table beside the store (attached read-only), and then answers each
request in milliseconds. Articles are only ever added with a growing ``seq``, and an article's records
are written in the same transaction as the article, so the index stays current by adding the events of
articles with a higher ``seq`` than it has seen: each request first asks SQLite whether anyone
committed to the store since (``PRAGMA data_version``), and if so indexes the articles after the last
``seq`` seen. It rebuilds from scratch if the store lost articles. Aggregates (map cells, timelines,
counts) are remembered until the index changes, since every page load asks the same questions.

An event's date is its time's start when it has one, else its article's publication date (``dated``
says which); its point is the first of its places that has coordinates, as in the exports.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from sitreps.store.database import read_only_uri
from sitreps.store.event_filter import EventFilter, fold

T = TypeVar("T")
Order = Literal["newest", "oldest"]
Bin = Literal["day", "week", "month"]

_FACTS = """
CREATE TABLE facts (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    article_seq INTEGER NOT NULL,
    day TEXT,            -- ISO date: the time's start, else the article's publication date
    sortday TEXT NOT NULL,  -- day, or '' when there is none (sorts last when newest come first)
    ordinal INTEGER,     -- day as date.toordinal()
    dated INTEGER NOT NULL,
    lat REAL,
    lon REAL,
    mx REAL,             -- Web Mercator x and y in [0, 1], for the map grid
    my REAL,
    precision INTEGER,
    country TEXT,
    plover TEXT NOT NULL,
    acled TEXT,
    duplicate INTEGER NOT NULL,
    actors TEXT NOT NULL,     -- case-folded names of actor1, actor2 and associated actors
    claimants TEXT NOT NULL   -- case-folded names of those who claim the event
)
"""
_FACTS_INDEXES = (
    "CREATE INDEX facts_list ON facts (sortday, id)",
    "CREATE INDEX facts_article ON facts (article_id)",
    # A country and type filter (or a type alone) reads its rows, already in list order, from these,
    # rather than scanning 1M rows to count them or to find a rare combination's first page.
    "CREATE INDEX facts_country ON facts (country, plover, sortday, id)",
    "CREATE INDEX facts_plover ON facts (plover, sortday, id)",
    # Full-text filters select articles (by seq); this finds their events.
    "CREATE INDEX facts_article_seq ON facts (article_seq)",
    # The points of located events, so that a map's bounding box reads only what lies inside it.
    "CREATE VIRTUAL TABLE facts_box USING rtree(seq, west, east, south, north)",
)
# The new located events into the box index (after _SELECT_NEW).
_BOX_NEW = """
INSERT INTO facts_box (seq, west, east, south, north)
SELECT seq, lon, lon, lat, lat FROM facts WHERE seq > ? AND lat IS NOT NULL AND lon IS NOT NULL
"""
# One row per event of the articles after a given seq. Names are joined with the unit separator.
_SELECT_NEW = """
INSERT INTO facts (id, article_id, article_seq, day, sortday, ordinal, dated, lat, lon, mx, my, precision,
                   country, plover, acled, duplicate, actors, claimants)
SELECT id, article_id, article_seq, day, coalesce(day, ''),
       CAST(julianday(substr(day, 1, 10)) - 1721424.5 AS INTEGER), dated, lat, lon,
       (lon + 180.0) / 360.0, mercator_y(lat), precision, country, plover, acled, duplicate, actors,
       coalesce(claimants, '')
FROM (
    SELECT e.id, e.article_id, a.seq AS article_seq, coalesce(t.start, a.published) AS day,
           t.start IS NOT NULL AS dated, p.lat, p.lon, p.precision, p.country, e.plover,
           e.acled_event_type AS acled, a.duplicate_of IS NOT NULL AS duplicate,
           coalesce(fold(a1.name), '') || char(31) || coalesce(fold(a2.name), '') || char(31) || coalesce(
               (SELECT group_concat(fold(ac.name), char(31)) FROM store.event_associated AS x
                JOIN store.actors AS ac ON ac.id = x.actor_id WHERE x.event_id = e.id), '') AS actors,
           (SELECT group_concat(fold(ac.name), char(31)) FROM store.claims AS c
             JOIN store.actors AS ac ON ac.id = c.claimant WHERE c.subject = e.id) AS claimants
    FROM store.articles AS a
    JOIN store.events AS e ON e.article_id = a.id
    LEFT JOIN store.times AS t ON t.id = e.time
    LEFT JOIN store.actors AS a1 ON a1.id = e.actor1
    LEFT JOIN store.actors AS a2 ON a2.id = e.actor2
    LEFT JOIN store.places AS p ON p.id = (
        SELECT ep.place_id FROM store.event_places AS ep JOIN store.places AS q ON q.id = ep.place_id
        WHERE ep.event_id = e.id AND q.lat IS NOT NULL AND q.lon IS NOT NULL
        ORDER BY ep.position LIMIT 1)
    WHERE a.seq > ? AND a.seq <= ?
    ORDER BY a.seq, e.position
)
"""
# A grid cell is about this many pixels wide on screen at any zoom.
CELL_PX = 64
# Cells whose centres fall closer than this are drawn as one (their bubbles would overlap).
MERGE_PX = 44
MAX_CELLS = 4000
# Aggregates kept per state of the store (map views, timelines, counts).
MEMO_SIZE = 256


def _mercator_y(lat: float | None) -> float | None:
    if lat is None:
        return None
    lat = max(-85.05112878, min(85.05112878, lat))
    s = math.sin(math.radians(lat))
    return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def _fold(text: str | None) -> str | None:
    return None if text is None else fold(text)


@dataclass(frozen=True)
class EventKey:
    """Where an event sits in the list order: the cursor of the page that ends with it."""

    sortday: str
    id: str


@dataclass(frozen=True)
class IndexedEvent:
    id: str
    article_id: str
    day: date | None
    dated: bool
    sortday: str


@dataclass(frozen=True)
class MapCell:
    """Events that fall in one grid cell: how many, where on average, of which types, how precise."""

    lat: float
    lon: float
    count: int
    types: dict[str, int]
    precision: int | None  # the most precise (lowest) geo precision among them
    bounds: tuple[float, float, float, float]  # south, west, north, east
    event: str | None  # the event's id when the cell holds one event

    @property
    def plover(self) -> str:
        """The most frequent PLOVER type in the cell (ties: alphabetical)."""
        return min(self.types, key=lambda t: (-self.types[t], t))


@dataclass(frozen=True)
class MapView:
    zoom: int
    cells: list[MapCell]
    located: int  # events in the filter and box that have a point
    unlocated: int  # events in the filter (ignoring the box) without a point


@dataclass(frozen=True)
class Summary:
    events: int
    first: date | None
    last: date | None
    by_plover: dict[str, int]
    by_acled: dict[str, int]
    by_country: dict[str, int]


@dataclass(frozen=True)
class TimelineBin:
    start: date
    count: int


@dataclass(frozen=True)
class Timeline:
    bin: Bin
    bins: list[TimelineBin]
    undated: int  # events with neither a time nor a publication date
    before: int = 0  # events on isolated days long before the first bin (a war of 1600 named in passing)
    after: int = 0  # the same after the last bin


# A day is left off the timeline's ends when it lies this far from the next one and few events have it.
OUTLIER_GAP_DAYS = 366
OUTLIER_SHARE = 0.02


def trim_outlying_days(days: dict[int, int]) -> tuple[list[int], int, int]:
    """The days to draw, and how many events lie on isolated days before and after them.

    Events dated by a passing mention of history would stretch the timeline over centuries; a day at
    either end is dropped while it lies more than a year from the next and the events dropped so far
    stay under 2% of all.
    """
    ordered = sorted(days)
    total = sum(days.values())
    before = after = 0
    while len(ordered) > 1 and ordered[1] - ordered[0] > OUTLIER_GAP_DAYS:
        if before + after + days[ordered[0]] > OUTLIER_SHARE * total:
            break
        before += days[ordered.pop(0)]
    while len(ordered) > 1 and ordered[-1] - ordered[-2] > OUTLIER_GAP_DAYS:
        if before + after + days[ordered[-1]] > OUTLIER_SHARE * total:
            break
        after += days[ordered.pop()]
    return ordered, before, after


@dataclass
class _CellSum:
    """A map cell while its rows (one per PLOVER type) are added up."""

    count: int = 0
    sum_lat: float = 0.0
    sum_lon: float = 0.0
    types: dict[str, int] = field(default_factory=dict)
    precision: int | None = None
    bounds: tuple[float, float, float, float] | None = None
    first_id: str | None = None

    def add(
        self,
        plover: str,
        n: int,
        sum_lat: float,
        sum_lon: float,
        precision: int | None,
        bounds: tuple[float, float, float, float],
        first_id: str,
    ) -> None:
        self.count += n
        self.sum_lat += sum_lat
        self.sum_lon += sum_lon
        self.types[plover] = n
        if precision is not None:
            self.precision = precision if self.precision is None else min(self.precision, precision)
        if self.bounds is None:
            self.bounds = bounds
        else:
            s, w, n_, e = self.bounds
            self.bounds = (min(s, bounds[0]), min(w, bounds[1]), max(n_, bounds[2]), max(e, bounds[3]))
        self.first_id = first_id

    def absorb(self, other: _CellSum) -> None:
        """Take in another cell's events (its first id is kept only if this cell was empty)."""
        self.count += other.count
        self.sum_lat += other.sum_lat
        self.sum_lon += other.sum_lon
        for plover, n in other.types.items():
            self.types[plover] = self.types.get(plover, 0) + n
        if other.precision is not None:
            self.precision = (
                other.precision if self.precision is None else min(self.precision, other.precision)
            )
        if other.bounds is not None:
            if self.bounds is None:
                self.bounds = other.bounds
            else:
                s, w, n_, e = self.bounds
                b = other.bounds
                self.bounds = (min(s, b[0]), min(w, b[1]), max(n_, b[2]), max(e, b[3]))

    def done(self) -> MapCell:
        assert self.bounds is not None
        return MapCell(
            lat=round(self.sum_lat / self.count, 5),
            lon=round(self.sum_lon / self.count, 5),
            count=self.count,
            types=dict(sorted(self.types.items(), key=lambda kv: (-kv[1], kv[0]))),
            precision=self.precision,
            bounds=self.bounds,
            event=self.first_id if self.count == 1 else None,
        )


def _merge_close(grid: dict[tuple[int, int], _CellSum], zoom: int) -> list[_CellSum]:
    """Cells whose centres would be drawn closer than MERGE_PX apart, merged into the larger one.

    The centre of a cell is the mean of its events, so two neighbouring cells can sit a few pixels
    apart across their shared edge; only the 8 neighbours of a cell can be that close.
    """
    scale = 256 * 2**zoom

    def pixels(cell: _CellSum) -> tuple[float, float]:
        lat, lon = cell.sum_lat / cell.count, cell.sum_lon / cell.count
        return (lon + 180.0) / 360.0 * scale, (_mercator_y(lat) or 0.0) * scale

    kept: dict[tuple[int, int], _CellSum] = {}
    for key, cell in sorted(grid.items(), key=lambda kv: -kv[1].count):
        x, y = pixels(cell)
        target = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                other = kept.get((key[0] + dx, key[1] + dy))
                if other is not None and other is not cell:
                    ox, oy = pixels(other)
                    if (ox - x) ** 2 + (oy - y) ** 2 < MERGE_PX**2:
                        target = other
        if target is None:
            kept[key] = cell
        else:
            target.absorb(cell)
    return list({id(c): c for c in kept.values()}.values())


class EventIndex:
    """The in-memory index of the store at ``path``. Thread-safe: one re-entrant lock, one connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._memo: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._conn = sqlite3.connect("file::memory:", uri=True, check_same_thread=False, isolation_level=None)
        self._conn.create_function("mercator_y", 1, _mercator_y, deterministic=True)
        self._conn.create_function("fold", 1, _fold, deterministic=True)
        self._conn.execute("ATTACH DATABASE ? AS store", (read_only_uri(path),))
        self._conn.execute(_FACTS)
        for statement in _FACTS_INDEXES:
            self._conn.execute(statement)
        self._seen_seq = 0
        self._seen_articles = 0
        self._seen_version: int | None = None
        self.last_refresh_s = 0.0

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # Keeping up with the store

    def refresh(self) -> int:
        """Index the events of articles stored since the last call; returns how many were added."""
        with self._lock:
            return self._refresh()

    def _refresh(self) -> int:
        conn = self._conn
        # data_version changes only when another connection commits to the store: one cheap pragma
        # per request while nothing is being ingested.
        version = conn.execute("PRAGMA store.data_version").fetchone()[0]
        if version == self._seen_version:
            return 0
        top, articles = conn.execute("SELECT coalesce(max(seq), 0), count(*) FROM store.articles").fetchone()
        if top == self._seen_seq and articles == self._seen_articles:
            self._seen_version = version
            return 0
        started = time.perf_counter()
        conn.execute("BEGIN")
        try:
            if top < self._seen_seq or articles < self._seen_articles:  # the store was replaced
                conn.execute("DELETE FROM facts")
                conn.execute("DELETE FROM facts_box")
                self._seen_seq = 0
            (last_fact,) = conn.execute("SELECT coalesce(max(seq), 0) FROM facts").fetchone()
            before = conn.total_changes
            conn.execute(_SELECT_NEW, (self._seen_seq, top))
            added = conn.total_changes - before
            conn.execute(_BOX_NEW, (last_fact,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self._memo.clear()
        self._seen_seq, self._seen_articles, self._seen_version = top, articles, version
        self.last_refresh_s = time.perf_counter() - started
        return added

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            self._refresh()
            return self._conn.execute(sql, params).fetchall()

    def _remembered(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """An aggregate computed once per state of the store: the page asks the same questions on
        every load, and the answers change only when an ingest adds articles (which clears them)."""
        with self._lock:
            self._refresh()
            if key in self._memo:
                self._memo.move_to_end(key)
                return cast(T, self._memo[key])
            value = compute()
            self._memo[key] = value
            if len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
            return value

    def per_version(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """``compute()`` once per state of the store (any commit to it, not only new articles): for
        answers read from the store itself, such as its counts."""
        with self._lock:
            self._refresh()
            return self._remembered(("store", self._seen_version, *key), compute)

    def size(self) -> int:
        """How many events the index holds (near-duplicates included), without refreshing it."""
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM facts").fetchone()[0])

    # Questions the page asks

    def count(self, flt: EventFilter) -> int:
        return self._remembered(("count", flt), lambda: self._count(flt))

    def _count(self, flt: EventFilter) -> int:
        where, params = flt.where()
        ((n,),) = self._query(f"SELECT count(*) FROM facts AS f WHERE {where}", params)
        return int(n)

    def page(
        self, flt: EventFilter, *, after: EventKey | None, limit: int, order: Order = "newest"
    ) -> list[IndexedEvent]:
        """Up to ``limit`` events after ``after`` in a stable order: by date (newest or oldest first;
        undated events last when newest come first), then by id."""
        where, params = flt.where()
        descending = order == "newest"
        if after is not None:
            op = "<" if descending else ">"
            where += f" AND (f.sortday {op} ? OR (f.sortday = ? AND f.id {op} ?))"
            params += [after.sortday, after.sortday, after.id]
        direction = "DESC" if descending else "ASC"
        rows = self._query(
            f"SELECT f.id, f.article_id, f.day, f.dated, f.sortday FROM facts AS f WHERE {where}"
            f" ORDER BY f.sortday {direction}, f.id {direction} LIMIT ?",
            [*params, limit],
        )
        return [
            IndexedEvent(
                id=str(event_id),
                article_id=str(article_id),
                day=date.fromisoformat(str(day)[:10]) if day else None,
                dated=bool(dated),
                sortday=str(sortday),
            )
            for event_id, article_id, day, dated, sortday in rows
        ]

    def located(self, event_id: str) -> tuple[date | None, bool] | None:
        """The date the index gives one event and whether it is the event's own; None if not indexed."""
        rows = self._query("SELECT day, dated FROM facts WHERE id = ?", (event_id,))
        if not rows:
            return None
        day, dated = rows[0]
        return (date.fromisoformat(str(day)[:10]) if day else None), bool(dated)

    def map_cells(self, flt: EventFilter, zoom: int) -> MapView:
        """Events with a point, counted per grid cell of about CELL_PX pixels at this zoom level."""
        zoom = max(0, min(22, zoom))
        return self._remembered(("map", flt, zoom), lambda: self._map_cells(flt, zoom))

    def _map_cells(self, flt: EventFilter, zoom: int) -> MapView:
        cells_across = max(1, (256 * 2**zoom) // CELL_PX)
        where, params = flt.where()
        rows = self._query(
            f"""SELECT CAST(f.mx * ? AS INTEGER) AS cx, CAST(f.my * ? AS INTEGER) AS cy, f.plover,
                       count(*), sum(f.lat), sum(f.lon), min(f.precision),
                       min(f.lat), min(f.lon), max(f.lat), max(f.lon), min(f.id)
                FROM facts AS f WHERE {where} AND f.lat IS NOT NULL AND f.lon IS NOT NULL
                GROUP BY cx, cy, f.plover""",
            [cells_across, cells_across, *params],
        )
        grid: dict[tuple[int, int], _CellSum] = {}
        for cx, cy, plover, n, sum_lat, sum_lon, precision, south, west, north, east, first_id in rows:
            cell = grid.setdefault((cx, cy), _CellSum())
            cell.add(str(plover), n, sum_lat, sum_lon, precision, (south, west, north, east), first_id)
        cells = sorted((c.done() for c in _merge_close(grid, zoom)), key=lambda c: (-c.count, c.lat, c.lon))
        located = sum(cell.count for cell in cells)
        unlocated = self._unlocated(replace(flt, bbox=None))
        return MapView(zoom=zoom, cells=cells[:MAX_CELLS], located=located, unlocated=unlocated)

    def _unlocated(self, flt: EventFilter) -> int:
        """Matching events without a point: the same for every map view of one filter."""

        def count() -> int:
            where, params = flt.where()
            ((n,),) = self._query(
                f"SELECT count(*) FROM facts AS f WHERE {where} AND (f.lat IS NULL OR f.lon IS NULL)", params
            )
            return int(n)

        return self._remembered(("unlocated", flt), count)

    def timeline(self, flt: EventFilter, bin: Bin | None = None) -> Timeline:
        """Event counts per day, week or month (see :meth:`_timeline`)."""
        return self._remembered(("timeline", flt, bin), lambda: self._timeline(flt, bin))

    def _timeline(self, flt: EventFilter, bin: Bin | None = None) -> Timeline:
        """Event counts per day, week (from Monday) or month, with empty bins filled in. Without ``bin``,
        the bin is chosen from the span of dates: days up to 120 days, weeks up to three years, else
        months. Isolated far-off days at either end are counted in ``before``/``after``, not drawn."""
        where, params = flt.where()
        rows = self._query(
            f"SELECT f.ordinal, count(*) FROM facts AS f WHERE {where} GROUP BY f.ordinal", params
        )
        undated = sum(int(n) for ordinal, n in rows if ordinal is None)
        days = {int(o): int(n) for o, n in rows if o is not None}
        if not days:
            return Timeline(bin=bin or "day", bins=[], undated=undated)
        shown, before, after = trim_outlying_days(days)
        first, last = shown[0], shown[-1]
        if bin is None:
            span = last - first
            bin = "day" if span <= 120 else "week" if span <= 3 * 366 else "month"
        counts: dict[date, int] = {}
        for ordinal in shown:
            n = days[ordinal]
            start = _bin_start(date.fromordinal(ordinal), bin)
            counts[start] = counts.get(start, 0) + n
        bins = []
        current = _bin_start(date.fromordinal(first), bin)
        end = _bin_start(date.fromordinal(last), bin)
        while current <= end:
            bins.append(TimelineBin(start=current, count=counts.get(current, 0)))
            current = _next_bin(current, bin)
        return Timeline(bin=bin, bins=bins, undated=undated, before=before, after=after)

    def summary(self, flt: EventFilter) -> Summary:
        """Counts per type and country and the range of dates (see :meth:`_summary`)."""
        return self._remembered(("summary", flt), lambda: self._summary(flt))

    def _summary(self, flt: EventFilter) -> Summary:
        """How many events match, their first and last day, and counts per PLOVER type, ACLED type and
        country (most frequent first; None counted as 'unknown'), from one pass over the index."""
        where, params = flt.where()
        rows = self._query(
            f"SELECT f.plover, f.acled, f.country, count(*), min(f.day), max(f.day) FROM facts AS f"
            f" WHERE {where} GROUP BY f.plover, f.acled, f.country",
            params,
        )
        tallies: dict[str, dict[str, int]] = {"plover": {}, "acled": {}, "country": {}}
        first: str | None = None
        last: str | None = None
        for plover, acled, country, n, low, high in rows:
            for column, key in (("plover", plover), ("acled", acled), ("country", country)):
                name = "unknown" if key is None else str(key)
                tallies[column][name] = tallies[column].get(name, 0) + int(n)
            if low is not None and (first is None or low < first):
                first = low
            if high is not None and (last is None or high > last):
                last = high

        def ranked(counts: dict[str, int]) -> dict[str, int]:
            return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

        return Summary(
            events=sum(tallies["plover"].values()),
            first=date.fromisoformat(first[:10]) if first else None,
            last=date.fromisoformat(last[:10]) if last else None,
            by_plover=ranked(tallies["plover"]),
            by_acled=ranked(tallies["acled"]),
            by_country=ranked(tallies["country"]),
        )


def _bin_start(day: date, bin: Bin) -> date:
    if bin == "day":
        return day
    if bin == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next_bin(start: date, bin: Bin) -> date:
    if bin == "day":
        return start + timedelta(days=1)
    if bin == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)
