"""The flat event row: names resolved, the first place with coordinates, one fatality number per event."""

from __future__ import annotations

from conftest import ReadingFactory
from sitreps.export.event_rows import EVENT_COLUMNS, describe_figure, event_rows, fatalities
from sitreps.model import CasualtyFigure, Reading, Span


def _figure(reading: Reading, **fields: object) -> CasualtyFigure:
    span = Span.of(reading.article, 0, 5)
    return CasualtyFigure.model_validate({"id": f"fig-{len(fields)}-{fields}", "span": span, **fields})


def test_one_row_per_event_with_every_column(reading_factory: ReadingFactory) -> None:
    reading = reading_factory(1)
    rows = list(event_rows(reading))
    assert [row["event_id"] for row in rows] == [event.id for event in reading.events]
    assert all(tuple(row) == EVENT_COLUMNS for row in rows)


def test_shelling_row(reading_factory: ReadingFactory) -> None:
    row = next(event_rows(reading_factory(1)))
    assert row["published"] == "2022-09-26" and row["outlet"] == "Azernews"
    assert (row["actor1_name"], row["actor1_country"], row["actor2_name"]) == (
        "Armenian armed forces",
        "ARM",
        None,
    )
    assert row["associated_names"] == "Armenia"
    assert (row["time_start"], row["time_end"], row["time_precision"]) == (
        "2022-09-12",
        "2022-09-13",
        "range",
    )
    assert (row["country"], row["admin1"], row["location"], row["geo_precision"]) == (
        "AZ",
        "Kalbajar District",
        "Kalbajar",
        1,
    )
    assert row["relay_names"] == "Ministry of Defense of Azerbaijan" and row["stance"] == "asserts"
    assert row["trigger_text"] == "shelled" and str(row["sentence_text"]).startswith("Armenian armed forces")


def test_the_first_place_with_coordinates_is_the_location(reading_factory: ReadingFactory) -> None:
    reading = reading_factory(1)
    kalbajar, lachin, yerevan = reading.places
    places = [kalbajar.model_copy(update={"lat": None, "lon": None}), lachin, yerevan]
    row = next(event_rows(reading.model_copy(update={"places": places})))
    assert (row["location"], row["latitude"], row["longitude"], row["geo_precision"]) == (
        "Lachin",
        39.64,
        46.55,
        2,
    )
    assert row["place_names"] == "Kalbajar; Lachin"


def test_without_coordinates_the_first_place_still_names_the_location(
    reading_factory: ReadingFactory,
) -> None:
    row = next(event_rows(reading_factory(1, coordinates=False)))
    assert (row["location"], row["country"], row["latitude"], row["longitude"]) == (
        "Kalbajar",
        "AZ",
        None,
        None,
    )


def test_fatalities_take_the_smallest_figure_per_party_and_sum_parties(
    reading_factory: ReadingFactory,
) -> None:
    reading = reading_factory(1)
    aze, arm = "act-aze", "act-arm"
    figures = [
        _figure(reading, kind="killed", count=79, party=aze, population="military"),
        _figure(reading, kind="killed", count=50, party=aze, population="military", qualifier="at_least"),
        _figure(reading, kind="killed", count_min=10, count_max=20, party=arm, population="military"),
        _figure(reading, kind="wounded", count=300, party=arm),
    ]
    assert fatalities(figures) == 60
    assert fatalities(figures[3:]) is None
    assert fatalities([_figure(reading, kind="killed", count=0)]) == 0


def test_describe_figure(reading_factory: ReadingFactory) -> None:
    reading = reading_factory(1)
    actors = {actor.id: actor for actor in reading.actors}
    assert describe_figure(reading.figures[0], actors) == "killed 79 (military, Azerbaijan)"
    ranged = _figure(reading, kind="wounded", count_min=10, count_max=20, qualifier="about")
    assert describe_figure(ranged, actors) == "wounded about 10-20"
    lower = _figure(reading, kind="displaced", count_min=1000, qualifier="more_than", party="act-unknown")
    assert describe_figure(lower, actors) == "displaced more than 1000 (act-unknown)"


def test_a_reading_without_events_has_no_rows(reading_factory: ReadingFactory) -> None:
    reading = reading_factory(1)
    assert list(event_rows(Reading(article=reading.article))) == []
