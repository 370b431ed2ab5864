"""Header lines at the top of a body: what they say, and where the body begins."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.ingest import parse_header
from sitreps.ingest.dateline import MAX_HEADER_LINES, parse_date

BODY = "Azerbaijani Defense Minister met his counterpart on Saturday to discuss the border."


def body_of(text: str) -> str:
    return text[parse_header(text).body_start :]


def test_seed_style_header_gives_date_outlet_author_and_body() -> None:
    text = f" date 2022-09-26 By Azernews\n\nBy Vugar Khalilov\n\n{BODY}\n\nA second paragraph follows."
    published, outlet, author, body_start = parse_header(text)
    assert published == date(2022, 9, 26)
    assert outlet == "Azernews"
    assert author == "Vugar Khalilov"
    assert text[body_start:].startswith("Azerbaijani Defense Minister")


def test_wire_dateline_takes_outlet_and_leaves_the_sentence() -> None:
    text = "BAKU, Sept 13 (Reuters) - Armenian and Azerbaijani forces exchanged fire overnight."
    header = parse_header(text)
    assert header.outlet == "Reuters"
    assert header.published is None  # no year in the dateline: no date
    assert body_of(text) == "Armenian and Azerbaijani forces exchanged fire overnight."


def test_wire_dateline_with_region_and_year_gives_the_date() -> None:
    text = "YEREVAN, Armenia, Sept. 13, 2022 (AP) \u2014 Shelling was reported near two towns."
    header = parse_header(text)
    assert (header.outlet, header.published) == ("AP", date(2022, 9, 13))
    assert body_of(text) == "Shelling was reported near two towns."


def test_wire_dateline_with_two_places() -> None:
    text = "TBILISI/BAKU, Sept 13 (Regional Wire) - Both capitals called for calm."
    assert parse_header(text).outlet == "Regional Wire"
    assert body_of(text) == "Both capitals called for calm."


def test_wire_dateline_after_a_byline() -> None:
    text = "By Jane Doe\n\nMOSCOW /TASS/ - Talks resumed on Friday.\n\nMore text."
    header = parse_header(text)
    assert (header.author, header.outlet) == ("Jane Doe", "TASS")
    assert body_of(text).startswith("Talks resumed on Friday.")


@pytest.mark.parametrize(
    ("line", "published", "author"),
    [
        ("By Jane Doe | Sept 13, 2022", date(2022, 9, 13), "Jane Doe"),
        ("By Jane Doe", None, "Jane Doe"),
        ("Published: 13 September 2022", date(2022, 9, 13), None),
        ("Published on September 13, 2022 10:45 GMT", date(2022, 9, 13), None),
        ("Posted on 2022-09-13 by John Smith", date(2022, 9, 13), "John Smith"),
        ("Updated: Tuesday, 13 Sept 2022", date(2022, 9, 13), None),
        ("13 September 2022", date(2022, 9, 13), None),
        ("Author: Leyla Mammadova", None, "Leyla Mammadova"),
        ("By Staff reporter", None, "Staff reporter"),
    ],
)
def test_common_header_lines(line: str, published: date | None, author: str | None) -> None:
    text = f"{line}\n\n{BODY}"
    header = parse_header(text)
    assert (header.published, header.author) == (published, author)
    assert body_of(text) == BODY


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "By the end of the day the troops had withdrawn from the village.",
        "The ministry said on 13 September 2022 that talks would resume.",
        "Officials in the capital (Baku) - said nothing more.",
        "NATO (North Atlantic Treaty Organization) - the alliance met on Monday.",
        "",
        "   \n\n",
    ],
)
def test_nothing_is_stripped_when_nothing_matches(text: str) -> None:
    assert parse_header(text) == (None, None, None, 0)


def test_invalid_date_gives_no_date_and_no_crash() -> None:
    header = parse_header(f"Published: 31 February 2022\n\n{BODY}")
    assert header.published is None
    assert body_of(f"Published: 31 February 2022\n\n{BODY}") == BODY
    assert parse_date("31 February 2022") is None
    assert parse_date("2022-02-31") is None


def test_only_the_first_few_lines_are_read() -> None:
    lines = ["By Jane Doe"] * (MAX_HEADER_LINES + 2)
    text = "\n".join(lines) + "\n" + BODY
    assert body_of(text).startswith("By Jane Doe")  # the lines past the limit stay


def test_a_byline_after_the_first_paragraph_is_not_read() -> None:
    text = f"{BODY}\n\nBy Jane Doe\n\nMore."
    assert parse_header(text) == (None, None, None, 0)


def test_a_header_that_is_the_whole_text_is_read_but_not_stripped() -> None:
    header = parse_header("By Jane Doe\n")
    assert header.author == "Jane Doe"
    assert header.body_start == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-09-13", date(2022, 9, 13)),
        ("2022-09-13T23:30:00+04:00", date(2022, 9, 13)),
        ("13 September 2022", date(2022, 9, 13)),
        ("September 13, 2022", date(2022, 9, 13)),
        ("Sept 13, 2022", date(2022, 9, 13)),
        ("13th Sep. 2022", date(2022, 9, 13)),
        ("Sept 13", None),
        ("We met on Wednesday", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected
