"""Event clusters: the events of many articles that report one real-world event (DESIGN.md, EventCluster).

A cluster is a connected component of the link graph (:mod:`sitreps.resolve.linking` says when two events
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
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sitreps.model import Reading, record_id
from sitreps.resolve.actors import ActorIndex
from sitreps.resolve.cluster_keys import EventKey, event_keys
from sitreps.resolve.linking import ClusterConfig, find_links
from sitreps.resolve.reconcile import reconcile
from sitreps.store import Store
from sitreps.store import cluster_tables as tables

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ClusterReport:
    """What one update did."""

    new_events: int  # events seen for the first time (clusterable or not)
    links: int  # links found between them and the stored events
    recomputed: int  # clusters written (the touched components, after cutting)
    seconds: float


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
    with store.transaction() as conn:
        if rebuild:
            tables.clear(conn)
        new_keys = _new_keys(store, config, progress)
        tables.insert_keys(conn, new_keys)
        fresh = [k for k in new_keys if k.clusterable]
        known = _neighbourhood(store, fresh, config)
        pairs = find_links(fresh, known, config)
        tables.insert_links(conn, pairs)
        components = _components(store, [k.event_id for k in fresh])
        written = _write(store, components, config, progress)
    return ClusterReport(len(new_keys), len(pairs), written, time.perf_counter() - started)


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
    """Keys of every event clustering has not seen, computed from each article's own reading."""
    keys: list[EventKey] = []
    for reading in store.readings_of(tables.articles_without_keys(store.connection)):
        # Only the article's own actors: keys must not change with what other articles say later.
        actors = ActorIndex((a.name, a.country, a.role, a.kind) for a in reading.actors)
        keys.extend(
            event_keys(
                reading, actors, undated_days=config.undated_days, max_window_days=config.max_window_days
            )
        )
        if progress:
            progress(reading.article.id)
    return keys


def _neighbourhood(store: Store, fresh: Sequence[EventKey], config: ClusterConfig) -> list[EventKey]:
    """Stored keys that may link to the fresh ones: those whose windows come within the slack of theirs."""
    if not fresh:
        return []
    first = min(k.first_day for k in fresh) - config.slack_days
    last = max(k.last_day for k in fresh) + config.slack_days
    return tables.keys_between(store.connection, first, last)


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
    keys = {k.event_id: k for k in tables.keys_of(conn, every)}
    readings: dict[str, Reading] = {}
    written = 0
    for members in components:
        member_keys = [keys[m] for m in members if m in keys and keys[m].clusterable]
        articles = sorted({k.article_id for k in member_keys} - set(readings))
        readings.update((r.article.id, r) for r in store.readings_of(articles))
        for piece in cut(member_keys, config.max_span_days):
            event_ids = sorted(k.event_id for k in piece)
            owners = {k.event_id: k.article_id for k in piece}
            piece_readings = [readings[a] for a in sorted(set(owners.values())) if a in readings]
            cluster = reconcile(cluster_id(event_ids), piece, piece_readings)
            tables.insert_cluster(conn, cluster, owners)
            written += 1
        if progress:
            progress(members[0])
        if len(readings) > 2000:  # keep memory flat on large corpora
            readings.clear()
    return written
