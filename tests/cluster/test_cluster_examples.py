"""Clusters on the sample corpus (examples/): the September 2022 border war, read in two orders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitreps.cluster.update import update_clusters
from sitreps.model import EventCluster
from sitreps.pipeline.run import ingest
from sitreps.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.name != "README.md")


def build(paths: list[Path], db: Path) -> Path:
    ingest(paths, db)
    with Store(db) as store:
        update_clusters(store)
    return db


@pytest.fixture(scope="module")
def forward(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(FILES, tmp_path_factory.mktemp("forward") / "sitreps.db")


def clusters(db: Path) -> list[EventCluster]:
    with Store(db) as store:
        return store.clusters()


def border_war(db: Path) -> EventCluster:
    """The violent cluster of 12-14 September 2022 with the most reports."""
    found = [
        c
        for c in clusters(db)
        if c.plover == "ASSAULT"
        and c.start
        and c.end
        and c.start <= date(2022, 9, 14)
        and c.end >= date(2022, 9, 12)
    ]
    assert found
    return max(found, key=lambda c: len(c.events))


def test_the_border_war_gathers_both_sides_reports(forward: Path) -> None:
    war = border_war(forward)
    assert war.sources >= 8
    keys = {v.claimant_key for v in war.versions}
    assert {"official:ARM", "official:AZE"} <= keys
    assert war.country in ("AM", "AZ")


def test_the_ministries_contradict_each_other_with_evidence_from_both_sides(forward: Path) -> None:
    war = border_war(forward)
    blame = [c for c in war.contradictions if c.about == "initiator"]
    sides = [{c.first.claimant_key, c.second.claimant_key} for c in blame]
    assert {"official:ARM", "official:AZE"} in sides
    (between,) = [
        c for c in blame if {c.first.claimant_key, c.second.claimant_key} == {"official:ARM", "official:AZE"}
    ]
    by_side = {between.first.claimant_key: between.first, between.second.claimant_key: between.second}
    assert by_side["official:ARM"].value == "Azerbaijan" and by_side["official:AZE"].value == "Armenia"
    denials = [c for c in war.contradictions if c.about == "denial"]
    assert denials, "each ministry dismisses the other's account"
    with Store(forward) as store:
        for c in [between, *denials]:
            for side in (c.first, c.second):
                reading = store.reading(side.article_id)
                assert reading is not None
                assert reading.article.text[side.evidence.start : side.evidence.end] == side.evidence.text
            assert c.first.article_id != c.second.article_id or c.first.evidence != c.second.evidence


def test_armenias_toll_is_one_timeline_that_rises(forward: Path) -> None:
    war = border_war(forward)
    armenian = [
        s
        for s in war.figures
        if s.claimant_key == "official:ARM" and s.kind == "killed" and s.party == "Armenia"
    ]
    assert armenian
    values = {p.count for s in armenian for p in s.points}
    assert {49, 105} <= values
    updates = {(r.from_, r.to) for r in war.relations if r.kind == "updates"}
    points = {p.figure: p for s in armenian for p in s.points}
    assert any(
        points[a].count == 105 and points[b].count == 49 for a, b in updates if a in points and b in points
    )


def test_another_order_gives_the_same_clusters(forward: Path, tmp_path: Path) -> None:
    backward = build(list(reversed(FILES)), tmp_path / "backward.db")
    assert [c.model_dump(mode="json") for c in clusters(backward)] == [
        c.model_dump(mode="json") for c in clusters(forward)
    ]
