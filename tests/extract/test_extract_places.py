"""Toponyms in text: detection corrected by context, resolution, metonymy, demonyms, ids."""

from __future__ import annotations

import sitreps
from sitreps.model import Article, Place, Reading, record_id


def read(text: str, **meta: object) -> Reading:
    return sitreps.read(Article.from_text(text, language="en", **meta))


def place(reading: Reading, mention: str) -> Place:
    found = [p for p in reading.places if p.mention.text == mention]
    assert found, f"no place {mention!r} in {[p.mention.text for p in reading.places]}"
    return found[0]


def test_directions_are_districts_whatever_the_model_read() -> None:
    reading = read(
        "Units of the Armenian armed forces carried out provocations along the state border "
        "in Dashkasan, Kalbajar, and Lachin directions on the night of September 12."
    )
    for name, code in (("Dashkasan", "AZ-DAS"), ("Kalbajar", "AZ-KAL"), ("Lachin", "AZ-LAC")):
        found = place(reading, name)
        assert (found.place_id, found.country, found.feature, found.precision) == (
            f"iso:{code}",
            "AZ",
            "district",
            2,
        )
        assert not found.metonymic
    assert not any(a.name == "Lachin" for a in reading.actors)  # the model reads it as a person


def test_a_bracketed_province_and_the_historic_name_before_it() -> None:
    reading = read("The ministry denied the shelling of the Basarkechar [Gegharkunik] region by its army.")
    town, province = place(reading, "Basarkechar"), place(reading, "Gegharkunik")
    assert (town.name, town.country, town.admin1, town.precision) == ("Vardenis", "AM", "Gegharkunik", 2)
    assert (province.place_id, province.feature, province.precision) == ("iso:AM-GR", "province", 3)
    assert town.lat is not None and abs(town.lat - 40.18) < 0.05


def test_governments_are_metonymic_places_are_not() -> None:
    reading = read(
        "The peace agreement should be signed between Baku and Yerevan as soon as possible. "
        "Moscow said it would respond. Washington warned against escalation. "
        "Protesters gathered in Yerevan on Friday."
    )
    baku, yerevan = place(reading, "Baku"), reading.places[1]
    assert yerevan.mention.text == "Yerevan"
    assert baku.metonymic and yerevan.metonymic
    assert place(reading, "Moscow").metonymic and place(reading, "Washington").metonymic
    literal = [p for p in reading.places if p.mention.text == "Yerevan"][-1]
    assert not literal.metonymic and literal.precision == 1 and literal.country == "AM"


def test_countries_resolve_to_their_centroid() -> None:
    reading = read("Armenia and Azerbaijan exchanged fire near the border, officials in Turkiye said.")
    armenia = place(reading, "Armenia")
    assert (armenia.place_id, armenia.feature, armenia.precision) == ("iso:AM", "country", 4)
    assert armenia.lat is not None and armenia.lon is not None
    assert place(reading, "Turkiye").name == "Turkey"


def test_demonyms_are_not_places() -> None:
    reading = read("Azerbaijani soldiers and Armenian officials met Turkish diplomats on Monday.")
    assert reading.places == []


def test_the_village_of_a_small_place() -> None:
    reading = read("Residents of the village of Sotk fled after the shelling, local officials said.")
    sotk = place(reading, "Sotk")
    assert (sotk.country, sotk.feature, sotk.precision) == ("AM", "settlement", 1)


def test_a_region_of_our_table() -> None:
    reading = read("For permanent peace and stability in the South Caucasus, the agreement must be signed.")
    region = place(reading, "the South Caucasus")
    assert (region.place_id, region.feature, region.precision) == ("region:south-caucasus", "region", 4)


def test_place_ids_are_deterministic() -> None:
    text = "Shelling was reported in Kalbajar and near Lachin on Tuesday."
    first, second = read(text), read(text)
    assert [p.id for p in first.places] == [p.id for p in second.places]
    kalbajar = place(first, "Kalbajar")
    assert kalbajar.id == record_id("pl", first.article.id, kalbajar.mention.start, kalbajar.mention.end)
    assert place(first, "Lachin").precision == 2  # "near Lachin"
