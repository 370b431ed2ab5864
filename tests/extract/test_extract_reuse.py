"""What the extractors reuse within a reading (the reporting frames) and across readings (resolved time
expressions): reuse must give exactly what a fresh computation gives."""

from __future__ import annotations

from datetime import date

from sitreps.extract.actors import extract_actors
from sitreps.extract.found import Found
from sitreps.extract.frames import FrameIndex, frame_index
from sitreps.extract.time import _resolve, resolve
from sitreps.model import Article
from sitreps.nlp import parse

TEXT = (
    "The Ministry of Defence of Azerbaijan said Armenian units shelled positions near Lachin. "
    "“Two soldiers were wounded,” spokesman Anar Eyvazov told reporters. "
    "Armenia denied the report, its foreign ministry said."
)


def _found() -> tuple[Article, Found]:
    article = Article.from_text(TEXT, outlet="Global Desk", published="2022-09-13", language="en")
    found = Found(article=article)
    found.actors.extend(extract_actors(parse(article.text), article, found))
    return article, found


def _frames(index: FrameIndex) -> object:
    return (
        {k: [(f.verb.i, f.speaker, f.cited, f.stance) for f in v] for k, v in index.by_sentence.items()},
        {k: (f.verb.i, f.speaker, f.cited, f.stance) for k, f in index.quotes.items()},
    )


def test_frame_index_is_reused_while_the_actors_are_the_same() -> None:
    article, found = _found()
    doc = parse(article.text)
    first = frame_index(doc, found)
    assert frame_index(doc, found) is first
    assert _frames(first) == _frames(FrameIndex(doc, found))


def test_frame_index_is_rebuilt_when_an_actor_changes() -> None:
    article, found = _found()
    doc = parse(article.text)
    first = frame_index(doc, found)
    found.actors[0] = found.actors[0].model_copy(update={"aliases": ["changed"]})
    second = frame_index(doc, found)
    assert second is not first
    found.actors.append(found.actors[0].model_copy(update={"id": "ac-extra"}))
    assert frame_index(doc, found) is not second
    assert frame_index(parse(article.text), found) is not first  # another parse of the text


def test_resolved_times_are_the_uncached_ones() -> None:
    anchor = date(2022, 9, 14)
    for text in ["Tuesday", "September 13", "last week", "the night of September 12 leading to 13", "2022"]:
        assert resolve(text, anchor) == _resolve(text, anchor)
        assert resolve(text, anchor) == resolve(text, anchor)
    assert resolve("September 13", None) is None  # no anchor and no year: nothing to resolve against
