"""The built gazetteer (make setup builds it): lookups through folding, ids, countries, refusals."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from sitreps.errors import GazetteerUnavailable
from sitreps.geo.gazetteer import Gazetteer, open_gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def test_kelbajar_spellings_find_the_same_town(gazetteer: Gazetteer) -> None:
    towns = {
        spelling: [c.place_id for c in gazetteer.candidates(spelling) if c.feature == "settlement"]
        for spelling in ("Kəlbəcər", "Kalbajar", "Kelbajar")
    }
    assert towns["Kalbajar"] and towns["Kəlbəcər"] == towns["Kalbajar"] == towns["Kelbajar"]
    town = gazetteer.place(towns["Kalbajar"][0])
    assert town is not None and town.country == "AZ" and abs(town.lat - 40.11) < 0.05


def test_lachin_finds_lacin_in_azerbaijan(gazetteer: Gazetteer) -> None:
    found = gazetteer.candidates("Lachin")
    assert {c.country for c in found if c.exact} == {"AZ"}
    assert any(c.name == "Laçın" and c.feature == "settlement" for c in found)
    assert any(c.place_id == "iso:AZ-LAC" and c.feature == "district" for c in found)


def test_basarkechar_is_vardenis_by_our_alias(gazetteer: Gazetteer) -> None:
    (vardenis,) = gazetteer.candidates("Basarkechar")
    assert (vardenis.name, vardenis.country, vardenis.admin1, vardenis.match) == (
        "Vardenis",
        "AM",
        "Gegharkunik",
        "alias",
    )


def test_gegharkunik_is_a_province_and_a_village(gazetteer: Gazetteer) -> None:
    features = {c.feature for c in gazetteer.candidates("Gegharkunik", country="AM")}
    assert {"province", "settlement"} <= features


def test_countries_have_centroids_and_capitals_are_marked(gazetteer: Gazetteer) -> None:
    armenia = gazetteer.country("AM")
    assert armenia is not None and armenia.feature == "country" and 38 < armenia.lat < 42
    yerevan = next(c for c in gazetteer.candidates("Yerevan") if c.feature == "settlement")
    assert yerevan.capital and yerevan.country == "AM"
    assert "AZ" in gazetteer.neighbours()["AM"]


def test_regions_and_seas_of_our_table(gazetteer: Gazetteer) -> None:
    (caucasus,) = gazetteer.candidates("the South Caucasus", loose=False)
    assert caucasus.feature == "region" and set(caucasus.members) == {"AM", "AZ", "GE"}
    assert any(c.feature == "water" for c in gazetteer.candidates("Black Sea"))
    assert gazetteer.candidates("Sahel", country="ML")


def test_country_filter_and_unknown_names(gazetteer: Gazetteer) -> None:
    assert all(c.country == "CO" for c in gazetteer.candidates("Armenia", country="CO"))
    assert gazetteer.candidates("Qwxzzyv") == []
    assert gazetteer.candidates("") == []


def test_lookups_are_fast_after_start_up(gazetteer: Gazetteer) -> None:
    names = ["Kalbajar", "Lachin", "Yerevan", "Los Angeles", "Donetsk", "Gaza", "Goma", "Aleppo"] * 250
    started = time.perf_counter()
    for name in names:
        gazetteer.candidates(name)
    assert time.perf_counter() - started < 1.0  # 2,000 lookups; measured well over 10,000 per second


def test_missing_file_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(GazetteerUnavailable, match="sitreps gazetteer build"):
        Gazetteer(tmp_path / "none.sqlite")


def test_file_of_another_build_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute("INSERT INTO meta VALUES ('build_version', '0')")
    con.close()
    with pytest.raises(GazetteerUnavailable, match="another version"):
        Gazetteer(path)


def test_a_file_that_is_not_a_gazetteer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerUnavailable, match="--force"):
        Gazetteer(path)
