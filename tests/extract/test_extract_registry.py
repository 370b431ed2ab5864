"""The extractors' registry: each runs after the extractors that fill what it reads, reads only what it
declares, and the pipeline runs them as declared (and as a benchmark replaces them)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import pytest

import sitreps.pipeline.reading as reading
from sitreps.extract import EXTRACTORS, Extractor, check_order, read_doc
from sitreps.extract.found import Found
from sitreps.model import Article, Reading
from sitreps.nlp import parse

TEXT = (
    "Border guards of Georgia said on Tuesday that Russian troops shelled the village of Kvemo Nikozi, "
    "killing two shepherds. The Kremlin dismissed the report. At least 14 soldiers were wounded in "
    "clashes near Tskhinvali on 4 May, the Georgian Interior Ministry said. “We deny these claims,” "
    "a spokesman for the ministry told reporters."
)
FIELDS = {f.name for f in dataclasses.fields(Found)}
# What every extractor may read besides its needs: the article, and the frames memo of frames.py.
ALWAYS = {"article", "frames_memo"}


class RecordingFound(Found):
    """A Found that notes which of its fields are read."""

    def __getattribute__(self, name: str) -> Any:
        if name in FIELDS:
            object.__getattribute__(self, "__dict__").setdefault("_reads", set()).add(name)
        return object.__getattribute__(self, name)

    def reads(self) -> set[str]:
        read: set[str] = self.__dict__.pop("_reads", set())
        return read


@pytest.fixture(scope="module")
def article() -> Article:
    return Article.from_text(TEXT, outlet="Caucasus Wire", published="2024-05-08", language="en")


def test_every_extractor_runs_after_what_it_needs() -> None:
    check_order(EXTRACTORS)
    filled: set[str] = set()
    for extractor in EXTRACTORS:
        assert set(extractor.needs) <= filled, extractor.fills
        filled.add(extractor.fills)


def _moved(extractors: Sequence[Extractor], name: str, to: int) -> list[Extractor]:
    moved = [e for e in extractors if e.fills != name]
    moved.insert(to, next(e for e in extractors if e.fills == name))
    return moved


def test_an_extractor_before_what_it_needs_is_refused() -> None:
    with pytest.raises(ValueError, match="'events' runs before what it needs"):
        check_order(_moved(EXTRACTORS, "events", 0))
    with pytest.raises(ValueError, match="'claims' runs before what it needs: \\['figures'\\]"):
        check_order(_moved(EXTRACTORS, "claims", 4))


def test_a_field_filled_twice_or_unknown_is_refused() -> None:
    with pytest.raises(ValueError, match="two extractors fill 'actors'"):
        check_order([*EXTRACTORS, EXTRACTORS[0]])
    stray = Extractor("rumours", EXTRACTORS[0].run)
    with pytest.raises(ValueError, match="names no field of Found"):
        check_order([*EXTRACTORS, stray])


def test_every_record_of_the_reading_is_filled() -> None:
    records = {name for name, field in Reading.model_fields.items() if name != "article"}
    filled = {e.fills for e in EXTRACTORS} | {f for e in EXTRACTORS for f in e.adds}
    assert filled == records


def test_extractors_read_only_what_they_declare(article: Article) -> None:
    doc = parse(article.text)
    found = RecordingFound(article=article)
    for extractor in EXTRACTORS:
        found.reads()
        records = extractor.run(doc, article, found)
        read = found.reads() - ALWAYS
        allowed = {*extractor.needs, *extractor.adds}
        assert read <= allowed, f"{extractor.fills} reads {sorted(read - allowed)} it does not declare"
        object.__getattribute__(found, extractor.fills).extend(records)
    assert found.events and found.figures and found.claims and found.relations  # the text exercises them


def test_the_pipeline_runs_the_registry(article: Article) -> None:
    assert tuple((e.fills, e.run) for e in EXTRACTORS) == reading.EXTRACTORS
    assert reading.read(article) == read_doc(parse(article.text), article)


def test_a_benchmark_can_time_each_extractor(article: Article, monkeypatch: pytest.MonkeyPatch) -> None:
    """What benchmarks/bench_pipeline.py and timed_ingest.py do: replace the pipeline's EXTRACTORS."""
    calls: list[str] = []

    def timed(name: str, extractor: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            calls.append(name)
            return extractor(*args)

        return run

    plain = reading.read(article)
    monkeypatch.setattr(reading, "EXTRACTORS", tuple((n, timed(n, f)) for n, f in reading.EXTRACTORS))
    assert reading.read(article) == plain
    assert calls == [e.fills for e in EXTRACTORS]
