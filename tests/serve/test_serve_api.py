"""The REST API through FastAPI's client, against a real SQLite file ingested from examples/ by the CLI."""

from __future__ import annotations

import hashlib
import sqlite3
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from serve_support import (
    HOSTILE_MARKERS,
    article_id_with_title,
    example_database,
    september_2022_cluster,
)

from conftest import make_reading
from sitreps.model import EventCluster, Reading
from sitreps.serve import create_app
from sitreps.store import BatchItem, Store

with warnings.catch_warnings():
    # Starlette 1.10 asks for httpx2; the project pins httpx, which its TestClient still accepts.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return example_database(tmp_path_factory.mktemp("serve-db"))


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as opened:
        yield opened


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def walk(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, page by page, checking that ``total`` holds on every page."""
    items: list[dict[str, Any]] = []
    cursor = None
    totals = set()
    while True:
        page = get(client, path, **params, **({"cursor": cursor} if cursor else {}))
        items += page["items"]
        totals.add(page["total"])
        cursor = page["next"]
        if cursor is None:
            break
    assert len(totals) == 1 and totals.pop() == len(items)
    return items


def sql(db: Path, query: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(query, params).fetchall()


# Articles


def test_articles_page_through_every_article_newest_first(client: TestClient, db: Path) -> None:
    items = walk(client, "/api/articles", limit=7)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == sql(db, "SELECT count(*) FROM articles")[0][0]
    dates = [item["published"] for item in items if item["published"]]
    assert dates == sorted(dates, reverse=True)
    assert "text" not in items[0]
    assert set(items[0]) >= {"id", "url", "outlet", "author", "title", "published", "language", "events"}


def test_an_article_is_its_reading_json(client: TestClient, db: Path) -> None:
    article_id = article_id_with_title(db, "Pashinyan tells parliament")
    data = get(client, f"/api/articles/{article_id}")
    assert set(data) == {"article", "actors", "places", "times", "events", "figures", "claims", "relations"}
    reading = Reading.model_validate(data)  # every span checked against the text
    with Store(db) as store:
        assert data == store.reading(article_id).to_json_dict()  # type: ignore[union-attr]
    assert reading.events and reading.figures and reading.claims
    assert any(f.count == 49 for f in reading.figures)


def test_unknown_records_are_404(client: TestClient) -> None:
    for path in ("/api/articles/nope", "/api/events/nope", "/api/clusters/nope"):
        assert client.get(path).status_code == 404


def test_article_search_finds_every_word_and_marks_matches(client: TestClient) -> None:
    items = walk(client, "/api/articles", q="ceasefire Armenia")
    assert items
    for item in items:
        text = get(client, f"/api/articles/{item['id']}")["article"]["text"].lower()
        assert "ceasefire" in text and "armenia" in text
        assert "\x02" in item["snippet"] and "\x03" in item["snippet"]
    assert get(client, "/api/articles", q="*** )(")["total"] == 0  # nothing searchable, no error


# Events


def test_events_page_through_every_shown_event_once_in_date_order(client: TestClient, db: Path) -> None:
    items = walk(client, "/api/events", limit=60)
    ids = [item["event"]["id"] for item in items]
    shown = sql(
        db,
        "SELECT count(*) FROM events AS e JOIN articles AS a ON a.id = e.article_id"
        " WHERE a.duplicate_of IS NULL",
    )[0][0]
    assert len(ids) == len(set(ids)) == shown
    keys = [(item["date"] or "", item["event"]["id"]) for item in items]
    assert keys == sorted(keys, reverse=True)
    with_duplicates = get(client, "/api/events", duplicates="true", limit=1)["total"]
    assert with_duplicates == sql(db, "SELECT count(*) FROM events")[0][0] > shown


def test_an_event_carries_the_records_it_names(client: TestClient) -> None:
    items = get(client, "/api/events", plover="ASSAULT", limit=100)["items"]
    item = next(i for i in items if i["event"]["actor1"] and i["claims"] and i["places"])
    event = item["event"]
    actor_ids = {a["id"] for a in item["actors"]}
    assert event["actor1"] in actor_ids
    assert {c["claimant"] for c in item["claims"] if c["claimant"]} <= actor_ids
    assert [p["id"] for p in item["places"]] == [
        p for p in event["places"] if p in {x["id"] for x in item["places"]}
    ]
    assert event["trigger"]["text"] in event["sentence"]["text"]
    if item["dated"]:
        assert item["time"]["start"] == item["date"]
    else:
        assert item["date"] == item["article"]["published"]
    assert get(client, f"/api/events/{event['id']}") == item


def test_event_filters_each_keep_only_what_they_name(client: TestClient) -> None:
    in_range = walk(client, "/api/events", **{"from": "2022-09-13", "to": "2022-09-14"})
    assert in_range and all("2022-09-13" <= i["date"] <= "2022-09-14" for i in in_range)

    assaults = walk(client, "/api/events", plover="assault")
    assert assaults and all(i["event"]["plover"] == "ASSAULT" for i in assaults)

    battles = walk(client, "/api/events", acled="Battles")
    assert battles and all(i["event"]["acled_event_type"] == "Battles" for i in battles)

    armenian = walk(client, "/api/events", country="AM")
    for item in armenian:
        located = next(p for p in item["places"] if p["lat"] is not None)
        assert located["country"] == "AM"

    box = walk(client, "/api/events", bbox="43,38,47,42")
    assert box
    for item in box:
        located = next(p for p in item["places"] if p["lat"] is not None)
        assert 38 <= located["lat"] <= 42 and 43 <= located["lon"] <= 47
    # The box's R*Tree finds every event whose point lies inside, as a scan of all events does.
    inside = set()
    for item in walk(client, "/api/events"):
        point = next((p for p in item["places"] if p["lat"] is not None and p["lon"] is not None), None)
        if point is not None and 38 <= point["lat"] <= 42 and 43 <= point["lon"] <= 47:
            inside.add(item["event"]["id"])
    assert {item["event"]["id"] for item in box} == inside

    by_actor = walk(client, "/api/events", actor="pashinyan")
    assert by_actor
    for item in by_actor:
        names = {a["id"]: a["name"].lower() for a in item["actors"]}
        ids = [item["event"]["actor1"], item["event"]["actor2"], *item["event"]["associated"]]
        assert any("pashinyan" in names.get(i or "", "") for i in ids)

    claimed = walk(client, "/api/events", claimant="ministry")
    assert claimed
    for item in claimed:
        names = {a["id"]: a["name"].lower() for a in item["actors"]}
        assert any("ministry" in names.get(c["claimant"] or "", "") for c in item["claims"])

    searched = walk(client, "/api/events", q="Kremenchuk")
    assert searched and all(
        "kremenchuk" in get(client, f"/api/articles/{i['article']['id']}")["article"]["text"].lower()
        for i in searched
    )

    both = walk(client, "/api/events", plover="ASSAULT", country="AM", **{"from": "2022-09-13"})
    assert {i["event"]["id"] for i in both} <= {i["event"]["id"] for i in assaults}


def test_bad_parameters_are_refused_with_a_reason(client: TestClient) -> None:
    assert client.get("/api/events", params={"cursor": "not-a-cursor"}).status_code == 400
    page = get(client, "/api/events", limit=5)
    other_order = client.get("/api/events", params={"cursor": page["next"], "order": "oldest"})
    assert other_order.status_code == 400 and "another list" in other_order.json()["detail"]
    assert client.get("/api/articles", params={"cursor": page["next"]}).status_code == 400
    assert client.get("/api/events", params={"bbox": "1,2,3"}).status_code == 422
    assert client.get("/api/events", params={"from": "2022-09-14", "to": "2022-09-13"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_the_map_counts_every_located_event_once(client: TestClient) -> None:
    world = get(client, "/api/events/map", zoom=1)
    total = get(client, "/api/events", limit=1)["total"]
    assert sum(c["count"] for c in world["cells"]) == world["located"]
    assert world["located"] + world["unlocated"] == total
    close = get(client, "/api/events/map", zoom=9, bbox="43,38,47,42")
    assert len(close["cells"]) > 1 and close["located"] < world["located"]
    single = next(c for c in close["cells"] if c["count"] == 1)
    event = get(client, f"/api/events/{single['event']}")
    assert event["event"]["plover"] == single["plover"]
    for cell in close["cells"]:
        south, west, north, east = cell["bounds"]
        assert 38 <= south <= cell["lat"] <= north <= 42 and 43 <= west <= cell["lon"] <= east <= 47
        assert sum(cell["types"].values()) == cell["count"]


def test_the_timeline_counts_every_event_once(client: TestClient) -> None:
    timeline = get(client, "/api/events/timeline")
    total = get(client, "/api/events", limit=1)["total"]
    drawn = sum(b["count"] for b in timeline["bins"])
    assert drawn + timeline["before"] + timeline["after"] + timeline["undated"] == total
    days = get(client, "/api/events/timeline", bin="day", **{"from": "2022-09-01", "to": "2022-09-30"})
    assert days["bin"] == "day" and len(days["bins"]) <= 30
    assert (
        sum(b["count"] for b in days["bins"])
        == get(client, "/api/events", limit=1, **{"from": "2022-09-01", "to": "2022-09-30"})["total"]
    )


# Clusters, contradictions, figures


def test_the_september_2022_cluster_has_both_ministries_figures(client: TestClient, db: Path) -> None:
    cluster_id = september_2022_cluster(db)
    data = get(client, f"/api/clusters/{cluster_id}")
    cluster = EventCluster.model_validate(data)
    series = {s.claimant_key: s for s in cluster.figures if s.kind == "killed"}
    assert {"official:ARM", "official:AZE"} <= set(series)
    assert 49 in {p.count for p in series["official:ARM"].points}
    assert 50 in {p.count for p in series["official:AZE"].points}
    contradictions = walk(client, "/api/contradictions", cluster=cluster_id)
    assert len(contradictions) == len(cluster.contradictions) > 0
    assert contradictions[0]["contradiction"] == data["contradictions"][0]


def test_contradictions_and_clusters_page_through_everything(client: TestClient, db: Path) -> None:
    every = walk(client, "/api/contradictions", limit=3)
    assert len(every) == sql(db, "SELECT count(*) FROM contradictions")[0][0]
    assert all(get(client, f"/api/clusters/{c['cluster']}")["id"] == c["cluster"] for c in every[:5])
    clusters = walk(client, "/api/clusters", limit=40)
    assert len(clusters) == len({c["id"] for c in clusters}) == sql(db, "SELECT count(*) FROM clusters")[0][0]
    contradicted = walk(client, "/api/clusters", contradicted="true")
    assert contradicted and all(c["contradictions"] > 0 for c in contradicted)


def test_figures_page_through_every_figure_with_their_claims(client: TestClient, db: Path) -> None:
    items = walk(client, "/api/figures", limit=9)
    assert (
        len(items) == len({i["figure"]["id"] for i in items}) == sql(db, "SELECT count(*) FROM figures")[0][0]
    )
    killed = walk(client, "/api/figures", kind="killed")
    assert killed and all(i["figure"]["kind"] == "killed" for i in killed)
    claimed = next(i for i in items if i["claims"])
    assert all(c["subject"] == claimed["figure"]["id"] for c in claimed["claims"])
    assert {c["claimant"] for c in claimed["claims"] if c["claimant"]} <= {a["id"] for a in claimed["actors"]}


def test_stats_agree_with_the_database(client: TestClient, db: Path) -> None:
    stats = get(client, "/api/stats")
    assert stats["counts"]["articles"] == sql(db, "SELECT count(*) FROM articles")[0][0]
    assert stats["counts"]["events"] == sql(db, "SELECT count(*) FROM events")[0][0]
    assert stats["events"] == get(client, "/api/events", limit=1)["total"]
    assert sum(stats["events_by_plover"].values()) == stats["events"]
    assert stats["clusters"] == sql(db, "SELECT count(*) FROM clusters")[0][0]


# The server's promises: read-only, local assets, strict headers


def test_the_server_never_writes_to_the_database(db: Path) -> None:
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with TestClient(create_app(db)) as fresh:
        for path in ("/", "/api/stats", "/api/events", "/api/events/map", "/api/figures", "/api/articles"):
            assert fresh.get(path).status_code == 200
        assert fresh.post("/api/events").status_code == 405
        assert fresh.delete("/api/articles/x").status_code == 405
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_every_response_has_a_strict_content_security_policy(client: TestClient, db: Path) -> None:
    for path in ("/", "/api/stats", f"/articles/{article_id_with_title(db, 'Pashinyan')}"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_api_docs_use_local_swagger_assets(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/vendor/swagger-ui-bundle.js" in docs.text and "/vendor/swagger-ui.css" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
    assert "'sha256-" in docs.headers["content-security-policy"]  # the one inline script, by hash
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "leaflet.js", "countries-50m.json"):
        assert client.get(f"/vendor/{asset}").status_code == 200
    assert client.get("/vendor/package.json").status_code == 404
    spec = get(client, "/openapi.json")
    assert {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/clusters/{cluster_id}",
            "/api/figures", "/api/contradictions", "/api/stats"} <= set(spec["paths"])  # fmt: skip


def test_pages_escape_article_markup(client: TestClient, db: Path) -> None:
    article_id = article_id_with_title(db, "Shelling reported near Goris")
    page = client.get(f"/articles/{article_id}").text
    for marker in HOSTILE_MARKERS:
        assert marker not in page
    assert "&lt;script&gt;window.__xss = 1;" in page
    assert "&lt;img src=x onerror=" in page
    assert "javascript:" not in page  # the article's javascript: URL is not made a link
    assert "<script" not in page.replace('<script type="module" src="/static/js/article.js"></script>', "")


def test_pages_render(client: TestClient, db: Path) -> None:
    assert 'id="map"' in client.get("/").text
    cluster = client.get(f"/clusters/{september_2022_cluster(db)}")
    assert cluster.status_code == 200
    assert "Armenia (officials)" in cluster.text and "Azerbaijan (officials)" in cluster.text
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/clusters/nope").status_code == 404


def test_articles_stored_while_serving_show_up_on_the_next_request(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "live.db"
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with TestClient(create_app(copy)) as live:
        before = get(live, "/api/events", limit=1)["total"]
        added = make_reading(901, published=date(2031, 1, 2))
        with Store(copy) as store:  # another connection writes, as `sitreps ingest` would
            store.add_batch([BatchItem(added)])
        page = get(live, "/api/events", limit=10)
        assert page["total"] == before + len(added.events)
        # Its events without a time of their own take its publication date, 2031: newest of all.
        undated = {event.id for event in added.events if event.time is None}
        assert {item["event"]["id"] for item in page["items"][: len(undated)]} == undated
        assert (
            get(live, "/api/stats")["counts"]["articles"]
            == sql(db, "SELECT count(*) FROM articles")[0][0] + 1
        )
