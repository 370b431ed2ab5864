"""A benchmark corpus of any size, made deterministically from the articles in examples/.

Each document recombines real sentences: it opens with the lead sentence (dateline included) of a
*seed* article, goes on mostly with the seed's own sentences in their order, and mixes in sentences of
articles published within a fortnight of the seed (the same story, other outlets) and a few from any
article. Its length in words is drawn from the lengths of the real articles, sentences are grouped
into paragraphs of one or two, and it gets a publication date spread over three years, the seed's
outlet (sometimes another one), the seed's title and author, and a URL of its own. Every text is
unique, so every document has its own article id.

The stream is a function of the seed only: the first N documents of a corpus of 100k are the corpus
of N, on any machine. Generation is fast (100k documents in seconds) and streams.
Usage: python benchmarks/corpus.py N OUT.jsonl [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sitreps.ingest import iter_articles
from sitreps.model import Article, article_id_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DEFAULT_SEED = 20221013
FIRST_DAY = date(2022, 1, 1)
SPAN_DAYS = 3 * 365
STORY_DAYS = 14  # articles published this close to the seed count as the same story
LENGTH_SLACK = 25  # a document ends within this many words of its drawn length
# Where each sentence after the lead comes from.
FROM_SEED, FROM_STORY = 0.55, 0.30  # the rest: any article
OTHER_OUTLET = 0.3  # share of documents credited to another outlet than the seed's

# A sentence ends at . ! or ? (maybe closed by a quote or bracket) before a space and a capital, digit or
# opening quote; not after these abbreviations or a single capital (an initial).
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Gen",
        "Lt",
        "Col",
        "Maj",
        "Capt",
        "Sgt",
        "Sen",
        "Rep",
        "Gov",
        "Prof",
        "St",
        "No",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "U.S",
        "U.N",
        "U.K",
        "E.U",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "vs",
    ]
)


@dataclass(frozen=True)
class Document:
    """One benchmark document: the fields of a JSON Lines record that `sitreps ingest` reads."""

    text: str
    title: str | None
    url: str
    outlet: str | None
    author: str | None
    published: date

    def record(self) -> dict[str, str | None]:
        """The JSON Lines record (read it with ``--date-field published``)."""
        return {
            "text": self.text,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "author": self.author,
            "published": self.published.isoformat(),
        }

    @property
    def words(self) -> int:
        return len(self.text.split())


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, by punctuation, keeping abbreviations and initials whole."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        before = paragraph[start : match.start()].rsplit(maxsplit=1)
        last_word = before[-1] if before else ""
        if last_word.strip("\"'“(") in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", last_word):
            continue
        sentences.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def merge_fragments(sentences: Sequence[str], min_words: int = 4) -> list[str]:
    """Sentences with any of fewer than ``min_words`` words (a dateline such as "NAIROBI.") joined to
    the next one."""
    merged: list[str] = []
    carry = ""
    for sentence in sentences:
        sentence = f"{carry} {sentence}" if carry else sentence
        if len(sentence.split()) < min_words:
            carry = sentence
        else:
            merged.append(sentence)
            carry = ""
    if carry:
        merged.append(carry)
    return merged


@dataclass(frozen=True)
class Source:
    """One real article cut into sentences, with what a recombined document borrows from it."""

    sentences: tuple[str, ...]
    published: date
    outlet: str | None
    author: str | None
    title: str | None
    words: int


def load_sources(folder: Path = EXAMPLES) -> list[Source]:
    """The articles of ``folder`` (those with a date and at least three sentences), sorted by id."""
    articles = [a for a in iter_articles([folder]) if isinstance(a, Article) and a.published]
    sources = []
    for article in sorted(articles, key=lambda a: a.id):
        assert article.published is not None
        sentences = merge_fragments([s for p in article.text.split("\n\n") for s in split_sentences(p)])
        if len(sentences) >= 3:
            sources.append(
                Source(
                    tuple(sentences),
                    article.published,
                    article.outlet,
                    article.author,
                    article.title,
                    len(article.text.split()),
                )
            )
    if not sources:
        raise SystemExit(f"no dated articles of three sentences or more in {folder}")
    return sources


class Expander:
    """Documents recombined from ``sources``: the same stream for the same seed, on any machine."""

    def __init__(self, sources: Sequence[Source], seed: int = DEFAULT_SEED) -> None:
        self.sources = list(sources)
        self.seed = seed
        self.lengths = sorted(s.words for s in self.sources)
        self.outlets = sorted({s.outlet for s in self.sources if s.outlet})
        self.story = [
            [
                j
                for j, other in enumerate(self.sources)
                if abs((other.published - s.published).days) <= STORY_DAYS
            ]
            for s in self.sources
        ]
        # Every sentence but the leads: what a document borrows from other articles.
        self.bodies = [[(i, k) for k in range(1, len(s.sentences))] for i, s in enumerate(self.sources)]
        self.everything = [pair for pairs in self.bodies for pair in pairs]

    def documents(self, n: int) -> Iterator[Document]:
        """The first ``n`` documents of the stream."""
        rng = random.Random(self.seed)
        seen: set[str] = set()
        made = 0
        while made < n:
            document = self._document(rng, made)
            key = article_id_for(document.text)
            if key in seen:
                continue  # the same recombination twice: draw again
            seen.add(key)
            made += 1
            yield document

    def _document(self, rng: random.Random, number: int) -> Document:
        seed = rng.randrange(len(self.sources))
        source = self.sources[seed]
        target = rng.choice(self.lengths) + rng.randint(-10, 10)
        chosen = [(seed, 0)]
        words = len(source.sentences[0].split())
        next_own = 1
        for _ in range(200):  # plenty: a document needs about ten sentences
            pick = self._pick(rng, seed, next_own)
            if pick is None:
                continue
            if pick in chosen:
                next_own += pick == (seed, next_own)  # borrowed earlier as a story sentence
                continue
            size = len(self.sources[pick[0]].sentences[pick[1]].split())
            if words + size > target + LENGTH_SLACK:
                if words >= target - LENGTH_SLACK:
                    break
                continue
            chosen.append(pick)
            words += size
            if pick == (seed, next_own):
                next_own += 1
            if words >= target:
                break
        outlet = source.outlet
        if rng.random() < OTHER_OUTLET and self.outlets:
            outlet = rng.choice(self.outlets)
        published = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
        return Document(
            text=self._paragraphs(rng, chosen),
            title=source.title,
            url=f"https://news.example/bench/{number:07d}",
            outlet=outlet,
            author=source.author if outlet == source.outlet else None,
            published=published,
        )

    def _pick(self, rng: random.Random, seed: int, next_own: int) -> tuple[int, int] | None:
        roll = rng.random()
        if roll < FROM_SEED:
            return (seed, next_own) if next_own < len(self.sources[seed].sentences) else None
        if roll < FROM_SEED + FROM_STORY:
            pairs = self.bodies[rng.choice(self.story[seed])]
            return rng.choice(pairs) if pairs else None
        return rng.choice(self.everything)

    def _paragraphs(self, rng: random.Random, chosen: Sequence[tuple[int, int]]) -> str:
        """The sentences as paragraphs of one or two sentences (the lead alone), as in the examples."""
        sentences = [self.sources[i].sentences[k] for i, k in chosen]
        paragraphs = [sentences[0]]
        rest = sentences[1:]
        while rest:
            take = 1 if rng.random() < 0.55 or len(rest) == 1 else 2
            paragraphs.append(" ".join(rest[:take]))
            rest = rest[take:]
        return "\n\n".join(paragraphs)


def write_jsonl(documents: Iterator[Document], path: Path) -> int:
    """Write documents as JSON Lines; returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps(document.record(), ensure_ascii=False) + "\n")
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, help="how many documents")
    parser.add_argument("out", type=Path, help="JSON Lines file to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    expander = Expander(load_sources(), args.seed)
    print(f"wrote {write_jsonl(expander.documents(args.n), args.out)} documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
