"""tables.py: a Reading flattened to rows and back is the same Reading."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conftest import ReadingFactory, make_reading
from sitreps.model import Article, Reading
from sitreps.store.rows import COLUMN_TYPES, PRIMARY_KEYS, TABLES, reading_from_rows, rows


def test_every_row_has_exactly_its_tables_columns(reading_factory: ReadingFactory) -> None:
    table_rows = rows(reading_factory(1))
    assert set(table_rows) == set(TABLES)
    for table, table_row_list in table_rows.items():
        assert table_row_list, f"the factory reading should fill {table}"
        for row in table_row_list:
            assert set(row) == set(TABLES[table]), table


def test_columns_types_and_keys_describe_the_same_tables() -> None:
    assert set(COLUMN_TYPES) == set(TABLES) == set(PRIMARY_KEYS)
    for table, columns in TABLES.items():
        assert tuple(COLUMN_TYPES[table]) == columns
        assert set(PRIMARY_KEYS[table]) <= set(columns)


def test_round_trip_is_exact(reading_factory: ReadingFactory) -> None:
    reading = reading_factory(2, source="feeds/azernews.xml", duplicate_of="0123456789abcdef")
    table_rows = rows(reading)
    back = reading_from_rows(table_rows["articles"][0], table_rows)
    assert back == reading
    assert back.article.source == "feeds/azernews.xml"
    assert back.article.duplicate_of == "0123456789abcdef"


def test_round_trip_does_not_depend_on_row_order(reading_factory: ReadingFactory) -> None:
    reading = reading_factory(3)
    table_rows = {table: list(reversed(r)) for table, r in rows(reading).items()}
    assert reading_from_rows(table_rows["articles"][0], table_rows) == reading


def test_an_article_alone_round_trips() -> None:
    reading = Reading(article=Article.from_text("Nothing happened today."))
    table_rows = rows(reading)
    assert all(not r for table, r in table_rows.items() if table != "articles")
    assert reading_from_rows(table_rows["articles"][0], {}) == reading


def test_dates_are_iso_strings_and_spans_are_flat(reading_factory: ReadingFactory) -> None:
    reading = reading_factory(4)
    table_rows = rows(reading)
    assert table_rows["articles"][0]["published"] == "2022-09-26"
    time = table_rows["times"][0]
    assert (time["start"], time["end"]) == ("2022-09-12", "2022-09-13")
    event = table_rows["events"][0]
    text = reading.article.text
    start, end = int(str(event["trigger_start"])), int(str(event["trigger_end"]))
    assert text[start:end] == event["trigger_text"] == "shelled"
    assert table_rows["relations"][0]["from_id"] == reading.relations[0].from_


@given(
    n=st.integers(min_value=0, max_value=10_000),
    keep=st.fixed_dictionaries(
        {name: st.lists(st.booleans(), min_size=5, max_size=5) for name in ("actors", "places", "claims")}
    ),
)
def test_any_subset_of_records_round_trips(n: int, keep: dict[str, list[bool]]) -> None:
    full = make_reading(n)
    update = {
        name: [record for record, kept in zip(getattr(full, name), flags, strict=False) if kept]
        for name, flags in keep.items()
    }
    reading = Reading.model_validate({**dict(full), **update})
    table_rows = rows(reading)
    assert reading_from_rows(table_rows["articles"][0], table_rows) == reading
