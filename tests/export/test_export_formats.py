"""Every export format, written from hand-made Readings and read back with its natural reader."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ReadingFactory
from sitreps.export import EXPORTERS
from sitreps.export.event_rows import EVENT_COLUMNS
from sitreps.export.to_acled import ACLED_COLUMNS, countries
from sitreps.model import Article, Reading
from sitreps.store.rows import TABLES, reading_from_rows

ACLED_ORDER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip


@pytest.fixture
def readings(reading_factory: ReadingFactory) -> list[Reading]:
    return [
        reading_factory(1, source="inbox/1.html"),
        reading_factory(2, coordinates=False),
        reading_factory(3, outlet="Armenpress", published=None),
        Reading(article=Article.from_text("An article in which nothing happened.")),
    ]


def test_every_format_is_registered() -> None:
    assert set(EXPORTERS) == {"csv", "jsonl", "parquet", "geojson", "acled"}


def test_csv_is_the_flat_events_table(tmp_path: Path, readings: list[Reading]) -> None:
    out = tmp_path / "events.csv"
    assert EXPORTERS["csv"](readings, out) == 9
    frame = pd.read_csv(out)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) == 9
    shelling = frame[frame["plover"] == "ASSAULT"].iloc[0]
    assert shelling["figures"] == "killed 79 (military, Azerbaijan)"
    assert shelling["fatalities"] == 79
    assert shelling["latitude"] == 40.1 and shelling["longitude"] == 46.04
    assert shelling["claimant_name"] == "Ministry of Defense of Azerbaijan"
    assert shelling["place_names"] == "Kalbajar; Lachin"
    assert shelling["time_start"] == "2022-09-12"
    assert set(frame["outlet"].dropna()) == {"Azernews", "Armenpress"}


def test_csv_of_nothing_has_a_header(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "events.csv"
    assert EXPORTERS["csv"]([], out) == 0
    assert list(pd.read_csv(out).columns) == list(EVENT_COLUMNS)


def test_jsonl_lines_are_readings(tmp_path: Path, readings: list[Reading]) -> None:
    out = tmp_path / "readings.jsonl"
    assert EXPORTERS["jsonl"](readings, out) == 4
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    for line, reading in zip(lines, readings, strict=True):
        data = json.loads(line)
        assert "source" not in data["article"]  # not part of the Reading JSON
        assert data["relations"] == [] or "from" in data["relations"][0]
        back = Reading.model_validate(data)
        assert back.to_json_dict() == reading.to_json_dict()
        assert back == reading.model_copy(
            update={"article": reading.article.model_copy(update={"source": None})}
        )


def test_parquet_has_one_typed_file_per_table(tmp_path: Path, readings: list[Reading]) -> None:
    out = tmp_path / "parquet"
    written = EXPORTERS["parquet"](readings, out)
    tables = {name: pq.read_table(out / f"{name}.parquet") for name in TABLES}
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.parquet" for name in TABLES)
    assert written == sum(t.num_rows for t in tables.values())
    for name, table in tables.items():
        assert table.schema.names == list(TABLES[name])
    assert tables["articles"].num_rows == 4
    assert tables["events"].schema.field("habitual").type == pa.bool_()
    assert tables["times"].schema.field("start").type == pa.date32()
    assert tables["places"].schema.field("lat").type == pa.float64()
    assert pd.read_parquet(out / "events.parquet")["plover"].value_counts().to_dict() == {
        "ASSAULT": 3,
        "REJECT": 3,
        "PROTEST": 3,
    }


def test_parquet_tables_give_back_the_readings(tmp_path: Path, readings: list[Reading]) -> None:
    EXPORTERS["parquet"](readings, tmp_path)
    per_article: dict[object, dict[str, list[dict[str, object]]]] = defaultdict(lambda: defaultdict(list))
    for name in TABLES:
        for row in pq.read_table(tmp_path / f"{name}.parquet").to_pylist():
            per_article[row["id" if name == "articles" else "article_id"]][name].append(row)
    back = [
        reading_from_rows(per_article[r.article.id]["articles"][0], per_article[r.article.id])
        for r in readings
    ]
    assert back == readings


def test_parquet_of_nothing_still_has_typed_empty_tables(tmp_path: Path) -> None:
    assert EXPORTERS["parquet"]([], tmp_path / "empty") == 0
    relations = pq.read_table(tmp_path / "empty" / "relations.parquet")
    assert relations.num_rows == 0
    assert relations.schema.field("evidence_start").type == pa.int64()
    assert (
        pq.read_table(tmp_path / "empty" / "articles.parquet").schema.field("published").type == pa.date32()
    )


def test_geojson_points_are_lon_lat(tmp_path: Path, readings: list[Reading]) -> None:
    out = tmp_path / "events.geojson"
    assert EXPORTERS["geojson"](readings, out) == 4
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 4
    # The denials have no place; reading 2 has no coordinates at all: 3 + 2 events left out.
    assert data["sitreps"]["events_without_coordinates"] == 5
    shelling = next(f for f in data["features"] if f["properties"]["plover"] == "ASSAULT")
    assert shelling["geometry"] == {"type": "Point", "coordinates": [46.04, 40.1]}  # [lon, lat]
    assert shelling["properties"]["location"] == "Kalbajar"
    assert shelling["id"] == shelling["properties"]["event_id"]
    protest = next(f for f in data["features"] if f["properties"]["plover"] == "PROTEST")
    assert protest["geometry"]["coordinates"] == [44.51, 40.18]
    assert set(shelling["properties"]) == set(EVENT_COLUMNS)


def test_geojson_of_nothing_is_an_empty_collection(tmp_path: Path) -> None:
    out = tmp_path / "empty.geojson"
    assert EXPORTERS["geojson"]([], out) == 0
    assert json.loads(out.read_text()) == {
        "type": "FeatureCollection",
        "features": [],
        "sitreps": {"features": 0, "events_without_coordinates": 0},
    }


def test_acled_columns_are_acled_s_in_acled_s_order(tmp_path: Path, readings: list[Reading]) -> None:
    out = tmp_path / "acled.csv"
    assert list(ACLED_COLUMNS) == ACLED_ORDER
    assert EXPORTERS["acled"](readings, out) == 6  # the shelling and the protest of 3 articles
    frame = pd.read_csv(out, dtype={"event_id_cnty": str})
    assert list(frame.columns) == ACLED_ORDER
    assert len(frame) == 6


def test_acled_rows(tmp_path: Path, readings: list[Reading]) -> None:
    out = tmp_path / "acled.csv"
    EXPORTERS["acled"](readings[:1], out)
    frame = pd.read_csv(out, dtype={"event_id_cnty": str}, keep_default_na=False)
    shelling, protest = (
        frame[frame["event_type"] == t].iloc[0] for t in ("Explosions/Remote violence", "Protests")
    )
    assert shelling["event_id_cnty"].startswith("AZE") and shelling["event_id_cnty"][3:].isdigit()
    assert shelling["event_date"] == "2022-09-12" and shelling["year"] == 2022
    assert shelling["time_precision"] == 2  # a range: the night of September 12 leading to 13
    assert shelling["disorder_type"] == "Political violence"
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shelling["actor1"] == "Armenian armed forces" and shelling["assoc_actor_1"] == "Armenia"
    assert shelling["inter1"] == 8  # state forces outside their own country
    assert shelling["country"] == "Azerbaijan" and shelling["iso"] == 31
    assert shelling["region"] == "Caucasus and Central Asia"
    assert shelling["location"] == "Kalbajar" and shelling["geo_precision"] == 1
    assert (shelling["latitude"], shelling["longitude"]) == (40.1, 46.04)
    assert shelling["source"] == "Azernews"
    assert shelling["notes"].endswith("(claimed by Ministry of Defense of Azerbaijan)")
    assert shelling["fatalities"] == 79
    assert shelling["timestamp"] == int(datetime(2022, 9, 26, tzinfo=UTC).timestamp())
    assert shelling["admin3"] == "" and shelling["tags"] == ""
    assert protest["event_id_cnty"].startswith("ARM")
    assert protest["event_date"] == "2022-09-26"  # no time of its own: the published date
    assert protest["time_precision"] == 3
    assert (
        protest["disorder_type"] == "Demonstrations"
        and protest["inter1"] == 6
        and protest["interaction"] == 60
    )
    assert protest["fatalities"] == 0


def test_acled_ids_are_stable(tmp_path: Path, reading_factory: ReadingFactory) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    EXPORTERS["acled"]([reading_factory(5)], first)
    EXPORTERS["acled"]([reading_factory(5)], second)
    assert first.read_bytes() == second.read_bytes()


def test_acled_leaves_out_negated_and_hypothetical_events(
    tmp_path: Path, reading_factory: ReadingFactory
) -> None:
    reading = reading_factory(6)
    shelling, denial, protest = reading.events
    changed = reading.model_copy(
        update={"events": [shelling.model_copy(update={"negated": True}), denial,
                           protest.model_copy(update={"hypothetical": True})]}
    )  # fmt: skip
    assert EXPORTERS["acled"]([changed], tmp_path / "acled.csv") == 0


def test_countries_table() -> None:
    table = countries()
    assert len(table) >= 249
    assert table["AZ"].alpha3 == "AZE" and table["AZ"].numeric == 31
    assert table["RU"].name == "Russia" and table["PS"].region == "Middle East"
    assert len({c.alpha3 for c in table.values()}) == len(table)
    assert all(len(c.alpha3) == 3 and c.alpha3.isupper() and c.region for c in table.values())
