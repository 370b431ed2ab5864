"""Property: whatever the text, reading it never crashes, every span is exact and every date valid."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sitreps.model import Article
from sitreps.pipeline import read
from text_strategies import WORDS

newsy = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)
anything = st.text(min_size=1, max_size=400)


@given(
    text=st.one_of(newsy, anything),
    published=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(9999, 12, 31))),
)
def test_read_never_crashes_and_spans_are_exact(text: str, published: date | None) -> None:
    article = Article.from_text(text, published=published)
    reading = read(article)
    for span in reading.spans():
        assert article.text[span.start : span.end] == span.text
    for time in reading.times:
        assert time.start is None or time.end is None or time.start <= time.end
        if published is not None and time.start is not None:
            assert time.start <= published
    for figure in reading.figures:
        assert all(
            v is None or 0 <= v <= 10_000_000 for v in (figure.count, figure.count_min, figure.count_max)
        )
