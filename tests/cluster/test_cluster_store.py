"""Clusters end to end: articles written here, read by the real pipeline, stored in a real SQLite file,
clustered incrementally, and queried through the store and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitreps.cli import app
from sitreps.cluster.update import update_clusters
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
        "on Monday. The ministry denied that its forces had shelled Jermuk.",
    ),
    "armenian-toll.md": (
        "Yerevan Daily",
        "2024-03-06",
        "The Armenian Defence Ministry said on Tuesday that seven Armenian soldiers had been killed when "
        "Azerbaijani forces shelled Jermuk on Monday.",
    ),
    "may-shelling.md": (
        "Test Wire",
        "2024-05-21",
        "The Armenian Defence Ministry said Azerbaijani forces shelled the town of Jermuk on Monday. "
        "No casualties were reported.",
    ),
    "no-events.md": ("Test Wire", "2024-03-05", "The weather in the capital was mild and sunny."),
    "undated.md": ("Test Wire", None, "Fighting was reported somewhere, an official said."),
}


def write_articles(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, (outlet, published, text) in ARTICLES.items():
        header = f"---\ntitle: {name}\noutlet: {outlet}\n" + (
            f"published: {published}\n" if published else ""
        )
        (folder / name).write_text(f"{header}---\n{text}\n", encoding="utf-8")
        paths[name] = folder / name
    return paths


def snapshot(db: Path) -> list[dict[str, object]]:
    """Every cluster as JSON, by id: what must not depend on the order articles came in."""
    with Store(db) as store:
        ids = [row[0] for row in store.connection.execute("SELECT id FROM clusters ORDER BY id")]
        return [store.cluster(i).model_dump(mode="json", by_alias=True) for i in ids]  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_articles(tmp_path_factory.mktemp("articles"))


@pytest.fixture(scope="module")
def db(articles: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "sitreps.db"
    ingest(list(articles.values()), path)
    with Store(path) as store:
        update_clusters(store)
    return path


def clusters_of(db: Path, article: Path) -> list[EventCluster]:
    with Store(db) as store:
        (article_id,) = store.connection.execute(
            "SELECT id FROM articles WHERE source = ?", (str(article),)
        ).fetchone()
        ids = [
            row[0]
            for row in store.connection.execute(
                "SELECT DISTINCT cluster_id FROM cluster_members WHERE article_id = ?", (article_id,)
            )
        ]
        return [c for c in (store.cluster(i) for i in ids) if c is not None]


def attack(db: Path, article: Path) -> EventCluster:
    found = [c for c in clusters_of(db, article) if c.plover == "ASSAULT"]
    assert len(found) == 1, found
    return found[0]


def test_reports_of_one_clash_join_one_cluster(db: Path, articles: dict[str, Path]) -> None:
    clash = attack(db, articles["armenian-mod.md"])
    assert attack(db, articles["azerbaijani-mod.md"]).id == clash.id
    assert attack(db, articles["armenian-toll.md"]).id == clash.id
    assert clash.sources == 3 and len(clash.articles) == 3
    assert clash.country == "AM" and clash.start is not None and clash.start.isoformat() == "2024-03-04"


def test_the_same_place_two_months_later_is_another_cluster(db: Path, articles: dict[str, Path]) -> None:
    assert attack(db, articles["may-shelling.md"]).id != attack(db, articles["armenian-mod.md"]).id


def test_a_claimants_later_figure_updates_its_earlier_one(db: Path, articles: dict[str, Path]) -> None:
    clash = attack(db, articles["armenian-mod.md"])
    (series,) = [s for s in clash.figures if s.claimant_key == "official:ARM" and s.kind == "killed"]
    assert [p.count for p in series.points] == [3, 7]
    assert (series.party, series.population, series.low, series.high, series.latest) == (
        "Armenia",
        "military",
        3,
        7,
        7,
    )
    (update,) = [r for r in clash.relations if r.kind == "updates"]
    assert (update.from_, update.to) == (series.points[1].figure, series.points[0].figure)
    assert any("3 (2024-03-05) -> 7 (2024-03-05)" in line for line in clash.summary)


def test_opposite_initiators_and_a_denial_are_contradictions(db: Path, articles: dict[str, Path]) -> None:
    clash = attack(db, articles["armenian-mod.md"])
    about = {c.about: c for c in clash.contradictions}
    assert set(about) == {"initiator", "denial"}
    blame = about["initiator"]
    assert {blame.first.claimant_key, blame.second.claimant_key} == {"official:ARM", "official:AZE"}
    assert {blame.first.value, blame.second.value} == {"Armenia", "Azerbaijan"}
    denial = about["denial"]
    assert denial.second.claimant_key == "official:AZE" and "denied" in denial.second.evidence.text
    assert denial.first.claimant_key == "official:ARM"
    with Store(db) as store:
        for c in clash.contradictions:
            for side in (c.first, c.second):
                reading = store.reading(side.article_id)
                assert reading is not None
                assert reading.article.text[side.evidence.start : side.evidence.end] == side.evidence.text
        assert [c for cid, c in store.contradictions() if cid == clash.id] == clash.contradictions
    assert {r.kind for r in clash.relations} == {"updates", "contradicts"}


def test_articles_without_events_or_dates_are_left_alone(db: Path, articles: dict[str, Path]) -> None:
    assert clusters_of(db, articles["no-events.md"]) == []
    with Store(db) as store:
        (unkeyed,) = store.connection.execute(
            "SELECT count(*) FROM events LEFT JOIN event_keys ON event_keys.event_id = events.id"
            " WHERE event_keys.event_id IS NULL"
        ).fetchone()
    assert unkeyed == 0  # every event was looked at, the undated article's too


def test_order_and_batches_do_not_change_the_clusters(
    db: Path, articles: dict[str, Path], tmp_path: Path
) -> None:
    one_by_one = tmp_path / "one-by-one.db"
    for path in reversed(list(articles.values())):  # another order, one article per batch
        ingest([path], one_by_one)
        with Store(one_by_one) as store:
            update_clusters(store)
    assert snapshot(one_by_one) == snapshot(db)
    with Store(one_by_one) as store:
        again = update_clusters(store)
    assert (again.new_events, again.links, again.recomputed) == (0, 0, 0)
    assert snapshot(one_by_one) == snapshot(db)
    with Store(one_by_one) as store:
        update_clusters(store, rebuild=True)
    assert snapshot(one_by_one) == snapshot(db)


def test_cli_events_contradictions_and_figures(db: Path, articles: dict[str, Path]) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["events", "--db", str(db), "--country", "AZ", "--since", "2024-03-01", "--until", "2024-03-31",
         "--type", "ASSAULT", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    clash = attack(db, articles["armenian-mod.md"])
    assert [c["id"] for c in found] == [clash.id]  # AZ: a member's place (Kalbajar), not the main one
    result = runner.invoke(app, ["events", "--db", str(db), "--since", "2024-05-01", "--format", "json"])
    assert clash.id not in {c["id"] for c in json.loads(result.output)}
    result = runner.invoke(app, ["contradictions", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {(r["cluster"], r["about"]) for r in rows} == {(clash.id, "initiator"), (clash.id, "denial")}
    assert any("3 (2024-03-05) -> 7 (2024-03-05)" in line for line in rows[0]["figures_by_claimant"])
    result = runner.invoke(app, ["contradictions", "--db", str(db)])
    assert result.exit_code == 0 and "blames" in result.output and "never summed" in result.output
    result = runner.invoke(app, ["figures", "--db", str(db), "--cluster", clash.id, "--format", "json"])
    figures = json.loads(result.output)
    assert [
        p["count"] for s in figures["figures"] for p in s["points"] if s["claimant_key"] == "official:ARM"
    ] == [
        3,
        7,
    ]
    result = runner.invoke(app, ["figures", "--db", str(db), "--cluster", "cluster-nope"])
    assert result.exit_code != 0


def test_ingest_clusters_unless_told_not_to(articles: dict[str, Path], tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "cli.db"
    paths = [str(articles["armenian-mod.md"]), str(articles["azerbaijani-mod.md"])]
    result = runner.invoke(app, ["ingest", *paths, "--db", str(db), "--no-cluster"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.connection.execute("SELECT count(*) FROM clusters").fetchone() == (0,)
    result = runner.invoke(app, ["cluster", "--db", str(db)])
    assert result.exit_code == 0 and "clusters recomputed" in result.output
    other = tmp_path / "cli2.db"
    result = runner.invoke(app, ["ingest", *paths, "--db", str(other)])
    assert result.exit_code == 0 and "clusters recomputed" in result.output
    assert snapshot(other) == snapshot(db)
