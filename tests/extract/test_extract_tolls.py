"""Tally figures and their dates (extract/tolls.py, extract/figure_dates.py) beyond the gold sentences."""

from __future__ import annotations

from datetime import date

from sitreps.model import Article
from sitreps.pipeline import read


def _figures(text: str, published: str) -> list[tuple[int | None, str, date | None]]:
    reading = read(Article.from_text(text, published=published, outlet="Test Wire"))
    return [(f.count, f.kind, f.as_of) for f in reading.figures]


def test_a_relative_day_never_lands_after_publication() -> None:
    # The first figure has only the publication date, so "the next day" cannot be put on the calendar.
    text = "The governor said eleven civilians had been killed. The next day he said 17."
    figures = _figures(text, "2021-08-02")
    assert (17, "killed", None) in figures
    assert all(as_of is None or as_of <= date(2021, 8, 2) for _, _, as_of in figures)


def test_a_tally_takes_the_day_it_was_reported() -> None:
    text = "The army has raised the toll to 26 soldiers killed, from 18 reported on 4 July."
    figures = _figures(text, "2021-07-06")
    assert (26, "killed", date(2021, 7, 6)) in figures
    assert (18, "killed", date(2021, 7, 4)) in figures
