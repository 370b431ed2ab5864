"""Event clustering against a gold mapping of event mentions to real-world events (`--format clusters`).

The gold file is JSON Lines, one article per line. A line either carries the article inline::

    {"text": "...", "title": "...", "outlet": "...", "published": "2022-09-13", "url": "...",
     "events": [...]}

(only ``text`` is required) or points to a file that sitreps can ingest, relative to the gold file::

    {"path": "../2022-09-13-fighting-erupts-armenia-azerbaijan-border.md", "events": [...]}
    {"path": "../wire-feed.jsonl", "entry": 2, "events": [...]}

``entry`` is the 0-based index of the article within a JSON Lines file, JSON list or RSS/Atom feed
(required when the file holds more than one article). ``events`` lists the gold event mentions::

    {"quote": "after heavy fighting broke out overnight", "trigger": "fighting",
     "cluster": "2022-09-13 armenia-azerbaijan border fighting"}

``quote`` is an exact substring of the article's *stored* text (what sitreps keeps after stripping front
matter, datelines and HTML boilerplate) that occurs there once; ``trigger`` is the word or phrase inside
the quote that names the event, occurring in the quote once; ``cluster`` is the gold label of the
real-world event. A mention is identified by its trigger's character offsets in the stored text. Either
object may carry a ``note`` string for the annotator; other keys are errors.

The evaluation reads the articles with sitreps's own ingest, stores their Readings in a temporary SQLite
store, runs ``update_clusters``, and matches each gold mention to the predicted event of the same article
whose trigger overlaps the gold trigger (the nearest one when several do). It reports coverage (matched
gold mentions over all), pairwise and B-cubed precision, recall and F1 over all gold mentions, where a
mention no event matched and an event left unclustered each count as a predicted singleton, the same
figures over matched mentions only, and the error groups: gold clusters split apart and predicted
clusters that merge several gold clusters.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitreps.cluster.update import update_clusters
from sitreps.errors import Rejected
from sitreps.eval.cluster_metrics import (
    BCubedScores,
    ErrorGroup,
    PairwiseScores,
    bcubed_scores,
    merge_groups,
    pairwise_scores,
    split_groups,
)
from sitreps.eval.corpus import GoldFormatError, json_lines
from sitreps.ingest import IngestOptions, iter_articles
from sitreps.ingest.jsonl import json_type, record_article
from sitreps.ingest.refusal import Refusal
from sitreps.model import Article, Event
from sitreps.pipeline.run import Ingest
from sitreps.store import Store

ARTICLE_KEYS = frozenset({"path", "entry", "text", "title", "outlet", "published", "url", "events", "note"})
INLINE_KEYS = ("text", "title", "outlet", "published", "url")
EVENT_KEYS = frozenset({"quote", "trigger", "cluster", "note"})
UNMATCHED, UNCLUSTERED = "unmatched", "unclustered"


# ---------------------------------------------------------------- the gold file


@dataclass(frozen=True)
class GoldEvent:
    """One gold event mention: where its trigger lies in an article's stored text, and its gold cluster."""

    line: int  # line of the gold file
    source: str  # the article's source, as ingest names it
    article_id: str
    start: int
    end: int
    trigger: str
    cluster: str

    @property
    def key(self) -> str:
        """The mention's identity: article and trigger offset."""
        return f"{self.article_id}@{self.start}"

    @property
    def name(self) -> str:
        """How reports name it: source, offset and trigger."""
        return f"{self.source}@{self.start} {self.trigger!r}"


@dataclass(frozen=True)
class GoldArticle:
    line: int
    article: Article
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class GoldSet:
    path: Path
    articles: tuple[GoldArticle, ...]

    @property
    def events(self) -> tuple[GoldEvent, ...]:
        return tuple(event for article in self.articles for event in article.events)


class _ArticleFiles:
    """The articles of each file a gold set names, read once per file with sitreps's own ingest."""

    def __init__(self) -> None:
        self._read: dict[str, list[Article | Rejected]] = {}

    def items(self, path: str) -> list[Article | Rejected]:
        if path not in self._read:
            self._read[path] = list(iter_articles([path]))
        return self._read[path]


def load_gold(path: Path) -> GoldSet:
    """The gold set in ``path``; a GoldFormatError names the line and what is wrong with it."""
    files = _ArticleFiles()
    articles: list[GoldArticle] = []
    seen_articles: dict[str, int] = {}
    for number, where, value in json_lines(path):
        gold = _gold_article(value, number, path, files, where)
        if gold.article.id in seen_articles:
            raise GoldFormatError(
                f"{where}: the same article as line {seen_articles[gold.article.id]}; give each article once"
            )
        seen_articles[gold.article.id] = number
        articles.append(gold)
    if not articles:
        raise GoldFormatError(f"{path}: no articles; expected one JSON object per line")
    if not any(article.events for article in articles):
        raise GoldFormatError(f"{path}: no gold events in any article")
    return GoldSet(path, tuple(articles))


def _gold_article(value: object, number: int, path: Path, files: _ArticleFiles, where: str) -> GoldArticle:
    if not isinstance(value, dict):
        raise GoldFormatError(f"{where}: expected a JSON object, got {json_type(value)}")
    unknown = sorted(set(value) - ARTICLE_KEYS)
    if unknown:
        raise GoldFormatError(
            f"{where}: unknown key {unknown[0]!r}; allowed: {', '.join(sorted(ARTICLE_KEYS))}"
        )
    if ("path" in value) == ("text" in value):
        raise GoldFormatError(f"{where}: give either 'path' (an article file) or 'text' (the article inline)")
    if "path" in value:
        article = _article_from_file(value, path, files, where)
    else:
        article = _article_inline(value, f"{path}:{number}", where)
    raw_events = value.get("events")
    if not isinstance(raw_events, list):
        raise GoldFormatError(f"{where}: 'events' must be a list of gold events, got {json_type(raw_events)}")
    events = tuple(_gold_event(raw, index, article, number, where) for index, raw in enumerate(raw_events))
    starts = Counter(event.start for event in events)
    if doubled := sorted(start for start, n in starts.items() if n > 1):
        raise GoldFormatError(f"{where}: two gold events share the trigger at offset {doubled[0]}")
    return GoldArticle(number, article, events)


def _article_from_file(value: dict[str, Any], gold_path: Path, files: _ArticleFiles, where: str) -> Article:
    relative, entry = value["path"], value.get("entry")
    if not isinstance(relative, str) or not relative:
        raise GoldFormatError(f"{where}: 'path' must be a file path relative to the gold file")
    if entry is not None and (isinstance(entry, bool) or not isinstance(entry, int) or entry < 0):
        raise GoldFormatError(f"{where}: 'entry' must be a 0-based article index, got {entry!r}")
    source = os.path.normpath(gold_path.parent / relative)
    if not Path(source).is_file():
        raise GoldFormatError(f"{where}: no article file {source}")
    items = files.items(source)
    if entry is None and len(items) != 1:
        raise GoldFormatError(
            f"{where}: {source} holds {len(items)} articles; say which with 'entry' (0-based)"
        )
    if entry is not None and entry >= len(items):
        raise GoldFormatError(f"{where}: 'entry' {entry} is past the {len(items)} articles of {source}")
    item = items[entry or 0]
    if isinstance(item, Rejected):
        raise GoldFormatError(f"{where}: sitreps cannot read that article: {item.line()}")
    return item


def _article_inline(value: dict[str, Any], source: str, where: str) -> Article:
    record = {key: value[key] for key in INLINE_KEYS if key in value}
    try:
        return record_article(record, source, IngestOptions(date_field="published"))
    except Refusal as refusal:
        raise GoldFormatError(f"{where}: sitreps cannot read the inline article: {refusal}") from None


def _gold_event(raw: object, index: int, article: Article, number: int, where: str) -> GoldEvent:
    where = f"{where}: event {index}"
    if not isinstance(raw, dict):
        raise GoldFormatError(f"{where}: expected an object with quote, trigger and cluster")
    unknown = sorted(set(raw) - EVENT_KEYS)
    if unknown:
        raise GoldFormatError(
            f"{where}: unknown key {unknown[0]!r}; allowed: {', '.join(sorted(EVENT_KEYS))}"
        )
    for key in ("quote", "trigger", "cluster"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise GoldFormatError(f"{where}: {key!r} must be a non-empty string")
    quote, trigger, cluster = raw["quote"], raw["trigger"], raw["cluster"]
    quote_at = _only_occurrence(
        article.text, quote, f"{where}: quote {_clip(quote)}", "the article's stored text"
    )
    trigger_at = _only_occurrence(
        quote, trigger, f"{where}: trigger {trigger!r}", f"its quote {_clip(quote)}"
    )
    start = quote_at + trigger_at
    source = article.source or article.id
    return GoldEvent(number, source, article.id, start, start + len(trigger), trigger, cluster)


def _only_occurrence(text: str, part: str, what: str, where: str) -> int:
    first = text.find(part)
    if first < 0:
        raise GoldFormatError(f"{what} is not in {where}")
    if text.find(part, first + 1) >= 0:
        raise GoldFormatError(f"{what} occurs more than once in {where}; lengthen it to make it unique")
    return first


def _clip(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


# ---------------------------------------------------------------- running sitreps on the gold articles


@dataclass(frozen=True)
class Outcome:
    """What sitreps made of one gold mention: the event matched to it and that event's cluster."""

    gold: GoldEvent
    event_id: str | None  # None: no predicted event's trigger overlaps the gold trigger
    cluster_id: str | None  # None: unmatched, or matched to an event left unclustered

    @property
    def predicted_label(self) -> str:
        """The predicted cluster, or a singleton of its own for unmatched and unclustered mentions."""
        if self.event_id is None:
            return f"{UNMATCHED} {self.gold.key}"
        return self.cluster_id or f"{UNCLUSTERED} {self.event_id}"


@dataclass(frozen=True)
class PredictedCluster:
    """A short description of a predicted cluster, for the error lists."""

    id: str
    plover: str | None
    start: str | None
    end: str | None
    place: str | None
    events: int
    articles: int

    def describe(self) -> str:
        if self.start == self.end:
            days = self.start or "undated"
        else:
            days = f"{self.start or '?'}..{self.end or '?'}"
        where = f" {self.place}" if self.place else ""
        return (
            f"{self.id} {self.plover or '?'} {days}{where} ({self.events} events, {self.articles} articles)"
        )


@dataclass(frozen=True)
class Scores:
    pairwise: PairwiseScores
    bcubed: BCubedScores

    @classmethod
    def of(cls, gold: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
        return cls(pairwise_scores(gold, predicted), bcubed_scores(gold, predicted))

    def to_json_dict(self) -> dict[str, Any]:
        p, b = self.pairwise, self.bcubed
        return {
            "n": p.n,
            "pairwise": {
                "precision": p.precision,
                "recall": p.recall,
                "f1": p.f1,
                "gold_pairs": p.gold_pairs,
                "predicted_pairs": p.predicted_pairs,
                "correct_pairs": p.correct_pairs,
            },
            "bcubed": {"precision": b.precision, "recall": b.recall, "f1": b.f1},
        }


@dataclass(frozen=True)
class Run:
    """What the clustering run produced besides the matches, and how long it took."""

    predicted_events: int = 0  # events sitreps found in the gold articles
    predicted_clusters: int = 0  # clusters those events form (all, not only those holding gold mentions)
    failures: tuple[str, ...] = ()  # articles the pipeline could not read
    seconds: float = 0.0


@dataclass(frozen=True)
class ClusterEvaluation:
    """The result of one clustering evaluation."""

    gold: GoldSet
    outcomes: tuple[Outcome, ...]
    scores: Scores  # over all gold mentions; unmatched and unclustered ones are predicted singletons
    matched_scores: Scores  # over matched gold mentions only
    splits: tuple[ErrorGroup, ...]
    merges: tuple[ErrorGroup, ...]
    clusters: dict[str, PredictedCluster]  # the predicted clusters that hold gold mentions
    run: Run

    @property
    def gold_clusters(self) -> int:
        return len({o.gold.cluster for o in self.outcomes})

    @property
    def matched(self) -> int:
        return sum(1 for o in self.outcomes if o.event_id is not None)

    @property
    def unclustered(self) -> int:
        return sum(1 for o in self.outcomes if o.event_id is not None and o.cluster_id is None)

    @property
    def coverage(self) -> float:
        return self.matched / len(self.outcomes) if self.outcomes else 0.0

    def label_of(self, label: str) -> str:
        """A predicted label as reports show it: a cluster's description, else the label itself."""
        cluster = self.clusters.get(label)
        return cluster.describe() if cluster else label

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "articles": len(self.gold.articles),
            "gold_events": len(self.outcomes),
            "gold_clusters": self.gold_clusters,
            "matched": self.matched,
            "coverage": self.coverage,
            "unclustered": self.unclustered,
            "predicted_events": self.run.predicted_events,
            "predicted_clusters": self.run.predicted_clusters,
            "note": "unmatched gold events and events left unclustered count as predicted singletons",
            "all": self.scores.to_json_dict(),
            "matched_only": self.matched_scores.to_json_dict(),
            "split_gold_clusters": [self._group_json(g, by_gold=True) for g in self.splits],
            "merging_predicted_clusters": [self._group_json(g, by_gold=False) for g in self.merges],
            "events": [self._outcome_json(o) for o in self.outcomes],
            "failures": list(self.run.failures),
            "seconds": round(self.run.seconds, 3),
        }

    def _group_json(self, group: ErrorGroup, *, by_gold: bool) -> dict[str, Any]:
        members: dict[str, list[str]] = {}
        for o in self.outcomes:
            own, other = (
                (o.gold.cluster, o.predicted_label) if by_gold else (o.predicted_label, o.gold.cluster)
            )
            if own == group.label:
                members.setdefault(other, []).append(o.gold.name)
        key, other_key = ("gold", "predicted") if by_gold else ("predicted", "gold")
        data: dict[str, Any] = {key: group.label, "events": group.size, "wrong_pairs": group.pairs}
        if not by_gold and group.label in self.clusters:
            data["description"] = self.clusters[group.label].describe()
        data["parts"] = [{other_key: label, "events": members[label]} for label, _ in group.parts]
        return data

    @staticmethod
    def _outcome_json(o: Outcome) -> dict[str, Any]:
        g = o.gold
        return {
            "source": g.source,
            "line": g.line,
            "start": g.start,
            "end": g.end,
            "trigger": g.trigger,
            "gold": g.cluster,
            "event": o.event_id,
            "cluster": o.cluster_id,
        }


def match_event(gold: GoldEvent, events: Sequence[Event]) -> Event | None:
    """The event whose trigger overlaps the gold trigger, the nearest (then the shortest) when several do."""
    overlapping = [e for e in events if e.trigger.start < gold.end and gold.start < e.trigger.end]
    return min(
        overlapping,
        key=lambda e: (abs(e.trigger.start - gold.start), e.trigger.end - e.trigger.start, e.id),
        default=None,
    )


def evaluate_clusters(path: Path, *, workers: int = 1) -> ClusterEvaluation:
    """Ingest the gold set's articles into a temporary store, cluster them, and score the clusters."""
    gold = load_gold(path)
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="sitreps-eval-") as folder,
        Store(Path(folder) / "gold.db") as store,
    ):
        report = Ingest(store, workers=workers).run(a.article for a in gold.articles)
        update_clusters(store)
        outcomes: list[Outcome] = []
        cluster_of: dict[str, str | None] = {}
        for gold_article in gold.articles:
            reading = store.reading(gold_article.article.id)
            events = reading.events if reading is not None else []
            cluster_of.update((event.id, store.cluster_of(event.id)) for event in events)
            for mention in gold_article.events:
                found = match_event(mention, events)
                event_id = found.id if found is not None else None
                outcomes.append(Outcome(mention, event_id, cluster_of[event_id] if event_id else None))
        clusters = dict(_describe_clusters(store, {o.cluster_id for o in outcomes if o.cluster_id}))
    return _score(
        gold,
        tuple(outcomes),
        clusters,
        Run(
            predicted_events=len(cluster_of),
            predicted_clusters=len({c for c in cluster_of.values() if c is not None}),
            failures=tuple(item.line() for item in report.rejected),
            seconds=time.perf_counter() - started,
        ),
    )


def _describe_clusters(store: Store, ids: set[str]) -> Iterator[tuple[str, PredictedCluster]]:
    for cluster_id in sorted(ids):
        cluster = store.cluster(cluster_id)
        if cluster is None:
            continue
        yield (
            cluster_id,
            PredictedCluster(
                id=cluster_id,
                plover=cluster.plover,
                start=cluster.start.isoformat() if cluster.start else None,
                end=cluster.end.isoformat() if cluster.end else None,
                place=cluster.place,
                events=len(cluster.events),
                articles=len(cluster.articles),
            ),
        )


def _score(
    gold: GoldSet, outcomes: tuple[Outcome, ...], clusters: dict[str, PredictedCluster], run: Run
) -> ClusterEvaluation:
    gold_labels = {o.gold.key: o.gold.cluster for o in outcomes}
    predicted = {o.gold.key: o.predicted_label for o in outcomes}
    matched = {o.gold.key for o in outcomes if o.event_id is not None}
    return ClusterEvaluation(
        gold=gold,
        outcomes=outcomes,
        scores=Scores.of(gold_labels, predicted),
        matched_scores=Scores.of(
            {k: v for k, v in gold_labels.items() if k in matched},
            {k: v for k, v in predicted.items() if k in matched},
        ),
        splits=tuple(split_groups(gold_labels, predicted)),
        merges=tuple(merge_groups(gold_labels, predicted)),
        clusters=clusters,
        run=run,
    )


def score_outcomes(
    gold: GoldSet, outcomes: Sequence[Outcome], clusters: Mapping[str, PredictedCluster] | None = None
) -> ClusterEvaluation:
    """Score given outcomes (no store, no clustering run): for tests and for other tools' predictions."""
    return _score(gold, tuple(outcomes), dict(clusters or {}), Run())


def write_predictions(result: ClusterEvaluation, path: Path) -> None:
    """Write ``source@offset<TAB>predicted cluster``, one line per gold mention in gold order (no header)."""
    lines = (f"{o.gold.source}@{o.gold.start}\t{o.predicted_label}\n" for o in result.outcomes)
    path.write_text("".join(lines), encoding="utf-8")
