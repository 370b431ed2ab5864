"""Exports with clusters: cluster ids on every event row, and one ACLED row per real-world event."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from sitreps.cluster.update import update_clusters
from sitreps.export import EXPORTERS, ClusterIndex
from sitreps.export.to_acled import lowest_toll
from sitreps.model import EventCluster
from sitreps.pipeline.run import ingest
from sitreps.store import Store

ARTICLES = {
    "armenian-mod.md": (
        "Test Wire",
        "2024-03-05",
        "The Armenian Defence Ministry said Azerbaijani forces shelled the town of Jermuk on Monday, "
        "killing three Armenian soldiers.",
    ),
    "azerbaijani-mod.md": (
        "Caspian Post",
        "2024-03-05",
        "Azerbaijan's Defence Ministry said Armenian troops attacked Azerbaijani positions near Kalbajar "
        "on Monday, killing two Azerbaijani soldiers.",
    ),
    "armenian-toll.md": (
        "Yerevan Daily",
        "2024-03-06",
        "The Armenian Defence Ministry said on Tuesday that seven Armenian soldiers had been killed when "
        "Azerbaijani forces shelled Jermuk on Monday.",
    ),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, (outlet, published, text) in ARTICLES.items():
        (folder / name).write_text(
            f"---\ntitle: {name}\noutlet: {outlet}\npublished: {published}\n---\n{text}\n", encoding="utf-8"
        )
    path = tmp_path_factory.mktemp("db") / "sitreps.db"
    ingest([folder], path)
    with Store(path) as store:
        update_clusters(store)
    return path


def clash(store: Store) -> EventCluster:
    found = [c for c in store.clusters(kind="ASSAULT") if len(c.articles) == 3]
    assert len(found) == 1
    return found[0]


def test_acled_writes_one_row_per_cluster_with_the_lowest_named_toll(db: Path, tmp_path: Path) -> None:
    out, per_report = tmp_path / "acled.csv", tmp_path / "per-report.csv"
    with Store(db) as store:
        index = ClusterIndex.from_store(store)
        the_clash = clash(store)
        rows = EXPORTERS["acled"](store.iter_readings(), out, index)
        reports = EXPORTERS["acled"](store.iter_readings(), per_report)
    assert reports > rows  # without clusters, every report of the clash is a row
    frame = pd.read_csv(out, dtype={"event_id_cnty": str}, keep_default_na=False)
    assert frame["event_id_cnty"].is_unique
    row = frame[frame["notes"].str.contains(the_clash.id)].iloc[0]
    assert row["event_date"] == "2024-03-04" and row["time_precision"] == 1
    assert row["source"] == "Caspian Post; Test Wire; Yerevan Daily"
    # Armenia's ministry: 3, then 7 of its soldiers; Azerbaijan's: 2 of its own. Never 7 + 2.
    assert row["fatalities"] == 2 == lowest_toll(the_clash)
    assert "3 (2024-03-05) -> 7 (2024-03-05)" in row["notes"]
    assert "lowest toll of any named claimant" in row["notes"]
    assert row["location"] == the_clash.place and row["latitude"] == the_clash.lat


def test_event_rows_carry_cluster_ids(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        index = ClusterIndex.from_store(store)
        the_clash = clash(store)
        EXPORTERS["csv"](store.iter_readings(), tmp_path / "events.csv", index)
        EXPORTERS["geojson"](store.iter_readings(), tmp_path / "events.geojson", index)
        EXPORTERS["jsonl"](store.iter_readings(), tmp_path / "readings.jsonl", index)
        EXPORTERS["parquet"](store.iter_readings(), tmp_path / "parquet", index)
    with (tmp_path / "events.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["cluster_id"] for r in rows if r["event_id"] in the_clash.events} == {the_clash.id}
    features = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert the_clash.id in {f["properties"]["cluster_id"] for f in features}
    lines = (tmp_path / "readings.clusters.jsonl").read_text(encoding="utf-8").splitlines()
    assert the_clash in [EventCluster.model_validate_json(line) for line in lines]
    clusters = pd.read_parquet(tmp_path / "parquet" / "clusters.parquet")
    members = pd.read_parquet(tmp_path / "parquet" / "cluster_members.parquet")
    assert set(members[members["cluster_id"] == the_clash.id]["event_id"]) == set(the_clash.events)
    assert clusters.set_index("id").loc[the_clash.id, "sources"] == 3
