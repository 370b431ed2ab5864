"""Keeping the clusters current (cluster/update.py) on hand-made Readings in a real store: what one update
does and reports, that later updates recompute only what new events touch, and that no order or batching
of the articles changes the clusters; how a component is cut and a cluster named."""

from __future__ import annotations

import random
from datetime import date
from itertools import permutations
from pathlib import Path

import pytest

from conftest import make_reading
from sitreps.cluster.keys import EventKey
from sitreps.cluster.linking import ClusterConfig
from sitreps.cluster.update import ClusterReport, cluster_id, cut, update_clusters
from sitreps.model import EventCluster, Reading, record_id
from sitreps.store import BatchItem, Store

# Each hand-made reading has a shelling dated 12-13 September 2022 near Kalbajar, Armenia's denial and a
# protest in Yerevan (both undated: days before publication). The first two are published a day apart, so
# all three of their events meet; the third is published in December: only its shelling meets theirs.
SEPTEMBER_26 = make_reading(1, published=date(2022, 9, 26))
SEPTEMBER_27 = make_reading(2, published=date(2022, 9, 27))
DECEMBER = make_reading(3, published=date(2022, 12, 1))
READINGS = [SEPTEMBER_26, SEPTEMBER_27, DECEMBER]


def events(reading: Reading, plover: str) -> str:
    (found,) = [e.id for e in reading.events if e.plover == plover]
    return found


def add(db: Path, *readings: Reading, config: ClusterConfig | None = None) -> ClusterReport:
    with Store(db) as store:
        store.add_batch([BatchItem(r) for r in readings])
        return update_clusters(store, config)


def everything(db: Path) -> list[dict[str, object]]:
    with Store(db) as store:
        return [c.model_dump(mode="json", by_alias=True) for c in store.clusters()]


def members(db: Path) -> list[list[str]]:
    with Store(db) as store:
        return sorted(sorted(c.events) for c in store.clusters())


def everything_at_once(tmp_path: Path) -> list[dict[str, object]]:
    """The clusters of the three readings stored and clustered in one batch."""
    db = tmp_path / "at-once.db"
    add(db, *READINGS)
    return everything(db)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "sitreps.db"


def test_reports_of_one_event_join_one_cluster_and_the_rest_stay_apart(db: Path) -> None:
    report = add(db, *READINGS)
    assert (report.new_events, report.links, report.recomputed, report.clusters) == (9, 5, 5, 5)
    assert set(report.phases) == {"keys", "links", "components", "write"} and report.seconds > 0
    shelling, denial, protest = (
        [events(r, plover) for r in READINGS] for plover in ("ASSAULT", "REJECT", "PROTEST")
    )
    assert members(db) == sorted(
        [sorted(shelling), sorted(denial[:2]), [denial[2]], sorted(protest[:2]), [protest[2]]]
    )
    with Store(db) as store:
        clusters = {c.id: c for c in store.clusters()}
        (war,) = [c for c in clusters.values() if c.plover == "ASSAULT"]
        assert war.id == cluster_id(shelling) and store.cluster_of(shelling[2]) == war.id
        assert (war.start, war.end, war.first_reported) == (
            date(2022, 9, 12),
            date(2022, 9, 13),
            date(2022, 9, 26),
        )
        assert war.sources == 3 and war.articles == sorted(r.article.id for r in READINGS)
        assert all(store.cluster_of(e) in clusters for e in denial + protest)


def test_a_later_update_recomputes_only_what_the_new_events_touch(db: Path, tmp_path: Path) -> None:
    add(db, SEPTEMBER_26, SEPTEMBER_27)
    before = {c["id"]: c for c in everything(db)}
    report = add(db, DECEMBER)
    # December's shelling links to both September ones; its denial and protest stand alone.
    assert (report.new_events, report.links, report.recomputed, report.clusters) == (3, 2, 3, 5)
    after = {c["id"]: c for c in everything(db)}
    untouched = [cid for cid in before if before[cid] == after.get(cid)]
    assert len(untouched) == 2  # September's denial and protest clusters, as they were
    assert len(after) == 5 and everything(db) == everything_at_once(tmp_path)


def test_no_order_or_batching_changes_the_clusters(tmp_path: Path) -> None:
    expected = everything_at_once(tmp_path)
    for n, order in enumerate(permutations(READINGS)):
        one_by_one = tmp_path / f"order-{n}.db"
        for reading in order:
            add(one_by_one, reading)
        assert everything(one_by_one) == expected, [r.article.id for r in order]
    two_batches = tmp_path / "two-batches.db"
    add(two_batches, DECEMBER, SEPTEMBER_27)
    add(two_batches, SEPTEMBER_26)
    assert everything(two_batches) == expected


def test_an_update_with_nothing_new_does_nothing_and_a_rebuild_gives_the_same(db: Path) -> None:
    add(db, *READINGS)
    expected = everything(db)
    with Store(db) as store:
        again = update_clusters(store)
        assert (again.new_events, again.links, again.recomputed, again.clusters) == (0, 0, 0, 5)
        seen: list[str] = []
        rebuilt = update_clusters(store, rebuild=True, progress=seen.append)
    assert (rebuilt.new_events, rebuilt.links, rebuilt.recomputed, rebuilt.clusters) == (9, 5, 5, 5)
    assert everything(db) == expected
    articles = sorted(r.article.id for r in READINGS)
    assert seen[:3] == articles and sorted(seen[3:]) == sorted(str(c["id"]) for c in expected)


def test_a_chain_longer_than_the_span_is_cut(db: Path) -> None:
    # The protests of 26 and 27 September link (their windows start 24 and 25 September); with a span of
    # zero days, they are cut into two clusters, whose links are kept.
    report = add(db, SEPTEMBER_26, SEPTEMBER_27, config=ClusterConfig(max_span_days=0))
    assert (report.links, report.clusters) == (3, 5)
    protests = [[events(r, "PROTEST")] for r in (SEPTEMBER_26, SEPTEMBER_27)]
    assert all(p in members(db) for p in protests)


def test_an_empty_store_has_no_clusters(db: Path) -> None:
    with Store(db) as store:
        report = update_clusters(store)
        assert (report.new_events, report.links, report.recomputed, report.clusters) == (0, 0, 0, 0)
        assert store.clusters() == []


def key(event_id: str, first_day: int) -> EventKey:
    return EventKey(event_id, "a1", "violence", first_day, first_day, dated=True)


def test_cut_keeps_pieces_within_the_span_and_ignores_order() -> None:
    start = date(2022, 9, 1).toordinal()
    chain = [key(f"e{i:02d}", start + i) for i in range(20)]
    pieces = cut(chain, 7)
    assert [len(p) for p in pieces] == [8, 8, 4]
    assert all(p[-1].first_day - p[0].first_day <= 7 for p in pieces)
    shuffled = chain[:]
    random.Random(1).shuffle(shuffled)
    assert cut(shuffled, 7) == pieces
    same_day = [key("e2", start), key("e1", start)]
    assert cut(same_day, 0) == [[same_day[1], same_day[0]]]  # ties by event id


def test_a_cluster_is_named_after_its_smallest_member() -> None:
    assert (
        cluster_id(["ev-b", "ev-a", "ev-c"]) == cluster_id(["ev-c", "ev-a"]) == record_id("cluster", "ev-a")
    )
    assert cluster_id(["ev-b"]) != cluster_id(["ev-a"])


def test_stored_clusters_read_back_as_written(db: Path) -> None:
    add(db, *READINGS)
    with Store(db) as store:
        for cluster in store.clusters():
            assert store.cluster(cluster.id) == cluster
            assert isinstance(cluster, EventCluster)
