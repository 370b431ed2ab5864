"""Event clusters: the events of many articles that report one real-world event (DESIGN.md, EventCluster).

A cluster is a connected component of the link graph (:mod:`sitreps.cluster.linking` says when two events
link), cut into week-long pieces when a chain of links runs longer than ``max_span_days`` (daily reports
of a war would otherwise chain into one). Every event reported as having happened belongs to exactly one
cluster, often alone; negated, hypothetical and habitual events belong to none.

Updates are incremental and do not depend on order. :func:`update_clusters` computes keys for the events
it has not seen, compares them only with stored events of the same blocks (family, day, country), stores
the new links, and recomputes only the components those links touch. Links are a symmetric test on two
events, components are a function of the links, and the cutting and :mod:`reconcile` are functions of a
component's members, so any order of articles, in any batches, ends with the same clusters.
"""

from __future__ import annotations

import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sitreps.cluster.actors import ActorIndex
from sitreps.cluster.keys import EventKey, event_keys
from sitreps.cluster.linking import ClusterConfig, find_links
from sitreps.cluster.reconcile import reconcile
from sitreps.model import Reading, record_id
from sitreps.store import Store
from sitreps.store import cluster_tables as tables

Progress = Callable[[str], None]
_KEPT_READINGS = 4000  # articles' readings held in memory while clusters are written


@dataclass(frozen=True)
class ClusterReport:
    """What one update did."""

    new_events: int  # events seen for the first time (clusterable or not)
    links: int  # links found between them and the stored events
    recomputed: int  # clusters written (the touched components, after cutting)
    seconds: float
    clusters: int  # clusters the store holds after the update
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step: keys, links, components, write


def update_clusters(
    store: Store,
    config: ClusterConfig | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> ClusterReport:
    """Bring the store's clusters up to date with its articles, in one transaction."""
    config = config or ClusterConfig()
    started = time.perf_counter()
    phases: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        phases[name] = round(now - since, 3)
        return now

    with store.transaction() as conn:
        if rebuild:
            tables.clear(conn)
        new_keys = _new_keys(store, config, progress)
        tables.insert_keys(conn, (k.row() for k in new_keys))
        fresh = [k for k in new_keys if k.clusterable]
        mark = lap("keys", started)
        known = _neighbourhood(store, fresh, config)
        pairs = find_links(fresh, known, config)
        tables.insert_links(conn, pairs)
        mark = lap("links", mark)
        components = _components(store, [k.event_id for k in fresh])
        mark = lap("components", mark)
        written = _write(store, components, config, progress)
        lap("write", mark)
        held = tables.count_clusters(conn)
    return ClusterReport(len(new_keys), len(pairs), written, time.perf_counter() - started, held, phases)


def cluster_id(event_ids: Iterable[str]) -> str:
    """A cluster's id: from its smallest member, so it survives most additions and never depends on order."""
    return record_id("cluster", min(event_ids))


def cut(keys: Sequence[EventKey], max_span_days: int) -> list[list[EventKey]]:
    """Cut one component into pieces no longer than ``max_span_days`` from their first day (earliest
    first; ties by event id), so the pieces depend only on the members."""
    pieces: list[list[EventKey]] = []
    for key in sorted(keys, key=lambda k: (k.first_day, k.event_id)):
        if pieces and key.first_day <= pieces[-1][0].first_day + max_span_days:
            pieces[-1].append(key)
        else:
            pieces.append([key])
    return pieces


def _new_keys(store: Store, config: ClusterConfig, progress: Progress | None) -> list[EventKey]:
    """Keys of every event clustering has not seen, computed from each article's own facts (its
    skeleton, read straight from the store's rows)."""
    keys: list[EventKey] = []
    for reading in tables.skeletons(store.connection, tables.articles_without_keys(store.connection)):
        # Only the article's own actors: keys must not change with what other articles say later.
        actors = ActorIndex((a.name, a.country, a.role, a.kind) for a in reading.actors)
        keys.extend(
            event_keys(
                reading, actors, undated_days=config.undated_days, max_window_days=config.max_window_days
            )
        )
        if progress:
            progress(reading.id)
    return keys


def _neighbourhood(store: Store, fresh: Sequence[EventKey], config: ClusterConfig) -> list[EventKey]:
    """Stored keys that may link to the fresh ones: those whose windows come within the slack of theirs."""
    if not fresh:
        return []
    first = min(k.first_day for k in fresh) - config.slack_days
    last = max(k.last_day for k in fresh) + config.slack_days
    return [EventKey.from_row(row) for row in tables.keys_between(store.connection, first, last)]


def _components(store: Store, seeds: Sequence[str]) -> list[list[str]]:
    """The connected components of the link graph that hold any of the seeds (sorted, deterministic)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    frontier = sorted(set(seeds))
    seen = set(frontier)
    for node in frontier:
        find(node)
    while frontier:
        found = tables.neighbours(store.connection, frontier)
        frontier = []
        for a, b in found:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
            for node in (a, b):
                if node not in seen:
                    seen.add(node)
                    frontier.append(node)
        frontier.sort()
    groups: dict[str, list[str]] = defaultdict(list)
    for node in seen:
        groups[find(node)].append(node)
    return sorted((sorted(members) for members in groups.values()), key=lambda m: m[0])


def _write(
    store: Store, components: list[list[str]], config: ClusterConfig, progress: Progress | None
) -> int:
    conn = store.connection
    every = [event_id for members in components for event_id in members]
    tables.delete_clusters_of(conn, every)
    keys = {row[0]: EventKey.from_row(row) for row in tables.keys_of(conn, every)}
    pieces = [
        piece
        for members in components
        for piece in cut(
            [keys[m] for m in members if m in keys and keys[m].clusterable], config.max_span_days
        )
    ]
    written = 0
    readings: OrderedDict[str, Reading] = OrderedDict()  # kept across batches: pieces share articles
    for batch in _batches(pieces):
        articles = sorted({k.article_id for piece in batch for k in piece})
        for article_id in articles:
            if article_id in readings:
                readings.move_to_end(article_id)
        missing = [a for a in articles if a not in readings]
        readings.update((r.article.id, r) for r in store.readings_of(missing))
        while len(readings) > max(_KEPT_READINGS, len(articles)):
            readings.popitem(last=False)
        for piece in batch:
            event_ids = sorted(k.event_id for k in piece)
            owners = {k.event_id: k.article_id for k in piece}
            piece_readings = [readings[a] for a in sorted(set(owners.values())) if a in readings]
            cluster = reconcile(cluster_id(event_ids), piece, piece_readings)
            tables.insert_cluster(conn, cluster, owners)
            written += 1
            if progress:
                progress(cluster.id)
    return written


def _batches(pieces: list[list[EventKey]], articles: int = 1000) -> list[list[list[EventKey]]]:
    """Pieces in groups that need about ``articles`` articles' readings at once, earliest first: reports
    of one week share their articles, so each article is mostly fetched once (and memory stays flat)."""
    batches: list[list[list[EventKey]]] = [[]]
    needed: set[str] = set()
    for piece in sorted(pieces, key=lambda p: (p[0].first_day, p[0].event_id)):
        owners = {k.article_id for k in piece}
        if batches[-1] and len(needed) + len(owners - needed) > articles:
            batches.append([])
            needed = set()
        batches[-1].append(piece)
        needed |= owners
    return [b for b in batches if b]
