"""The benchmark corpus (benchmarks/corpus.py): deterministic, as large as asked, unique, real lengths."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sitreps.ingest import IngestOptions, iter_articles
from sitreps.model import Article, article_id_for

ROOT = Path(__file__).resolve().parents[1]


def _load_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()


@pytest.fixture(scope="module")
def sources() -> list[object]:
    return list(corpus.load_sources())


def test_the_same_seed_gives_the_same_documents(sources: list[object]) -> None:
    first = list(corpus.Expander(sources, seed=5).documents(300))
    again = list(corpus.Expander(sources, seed=5).documents(300))
    other = list(corpus.Expander(sources, seed=6).documents(300))
    assert first == again
    assert [d.text for d in first] != [d.text for d in other]


def test_a_smaller_corpus_is_the_start_of_a_larger_one(sources: list[object]) -> None:
    small = list(corpus.Expander(sources).documents(100))
    large = list(corpus.Expander(sources).documents(1000))
    assert small == large[:100]


def test_count_uniqueness_and_lengths(sources: list[object]) -> None:
    documents = list(corpus.Expander(sources).documents(3000))
    assert len(documents) == 3000
    assert len({article_id_for(d.text) for d in documents}) == 3000
    assert len({d.url for d in documents}) == 3000
    real = [s.words for s in sources]  # type: ignore[attr-defined]
    words = [d.words for d in documents]
    slack = corpus.LENGTH_SLACK + 10  # the drawn length's jitter
    assert min(real) - slack <= min(words) and max(words) <= max(real) + slack
    mean_real, mean = sum(real) / len(real), sum(words) / len(words)
    assert abs(mean - mean_real) / mean_real < 0.1


def _made_of(paragraph: str, sentences: set[str]) -> bool:
    """Whether the paragraph is some of these sentences joined by spaces."""
    if paragraph in sentences:
        return True
    return any(
        paragraph.startswith(s + " ") and _made_of(paragraph[len(s) + 1 :], sentences) for s in sentences
    )


def test_documents_are_recombined_real_sentences(sources: list[object]) -> None:
    known = {s for source in sources for s in source.sentences}  # type: ignore[attr-defined]
    leads = {source.sentences[0] for source in sources}  # type: ignore[attr-defined]
    for document in corpus.Expander(sources).documents(200):
        paragraphs = document.text.split("\n\n")
        assert paragraphs[0] in leads
        assert len(paragraphs) >= 4
        for paragraph in paragraphs:
            assert _made_of(paragraph, known), paragraph
        assert document.published >= corpus.FIRST_DAY


def test_sentence_splitting_keeps_abbreviations_and_initials() -> None:
    text = 'Lt. Gen. A. Smith arrived at 8 p.m. on Monday. "We will stay," he said. The U.S. agreed.'
    assert corpus.split_sentences(text) == [
        "Lt. Gen. A. Smith arrived at 8 p.m. on Monday.",
        '"We will stay," he said.',
        "The U.S. agreed.",
    ]


def test_the_jsonl_reads_back_as_the_same_articles(sources: list[object], tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    documents = list(corpus.Expander(sources).documents(20))
    assert corpus.write_jsonl(iter(documents), path) == 20
    assert json.loads(path.read_text().splitlines()[0])["published"] == documents[0].published.isoformat()
    articles = list(iter_articles([path], IngestOptions(date_field="published")))
    assert all(isinstance(a, Article) for a in articles)
    assert [a.published for a in articles] == [d.published for d in documents]  # type: ignore[union-attr]
    assert [a.outlet for a in articles] == [d.outlet for d in documents]  # type: ignore[union-attr]
