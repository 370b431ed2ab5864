"""Ingest runs: sources -> articles -> readings -> the store, in atomic batches, with a run report.

Bad inputs never stop a run: each becomes one line of the report and the rest goes on. Articles already
stored are skipped before they are read, so running the same input twice stores nothing the second time.
Near-duplicates (MinHash over the text) are linked to the first article seen, here or in earlier runs.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sitreps.errors import Reason, Rejected, StoreError
from sitreps.ingest import IngestOptions, NearDuplicateIndex, iter_articles
from sitreps.ingest.duplicates import signature_from_bytes, signature_to_bytes
from sitreps.model import Article, Reading
from sitreps.pipeline.reading import load_models, read
from sitreps.store import BatchItem, BatchResult, Store

Progress = Callable[[str], None]
# Articles read and committed together: one transaction each.
DEFAULT_BATCH_SIZE = 32


@dataclass
class RunReport:
    """What happened to every input of a run."""

    outcomes: Counter[str] = field(default_factory=Counter)
    rejected: list[Rejected] = field(default_factory=list)

    def reject(self, item: Rejected) -> None:
        self.rejected.append(item)
        self.outcomes["rejected"] += 1

    @property
    def exit_code(self) -> int:
        """0 when every input was taken, 1 when some were rejected."""
        return 1 if self.rejected else 0


def read_safely(article: Article) -> Reading | Rejected:
    """Read one article; a failure of the pipeline rejects that article, not the batch."""
    try:
        return read(article)
    except Exception as exc:  # any bug on one input must not stop the run: report it instead
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return Rejected.because(article.source or article.id, Reason.PIPELINE_ERROR, detail=detail)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Ingest:
    """One ingest run into one store."""

    def __init__(self, store: Store, *, workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.store = store
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)
        self.report = RunReport()
        self.index = NearDuplicateIndex()
        for article_id, signature in store.signatures():
            self.index.add(article_id, signature_from_bytes(signature))
        self._signatures: dict[str, bytes] = {}
        self._similarity: dict[str, float] = {}
        self._seen: set[str] = set()

    def _new_articles(
        self, sources: Iterable[Article | Rejected], progress: Progress | None
    ) -> Iterator[Article]:
        """Articles not stored yet, each linked to an earlier near-duplicate when there is one."""
        for item in sources:
            if isinstance(item, Rejected):
                self.report.reject(item)
                if progress:
                    progress(item.source)
                continue
            if item.id in self._seen or self.store.known_ids([item.id]):
                self.report.outcomes["already stored"] += 1
                if progress:
                    progress(item.source or item.id)
                continue
            self._seen.add(item.id)
            signature = self.index.signature(item.text)
            match = self.index.find(signature)
            if match is not None:
                item = item.model_copy(update={"duplicate_of": match[0]})
                self._similarity[item.id] = match[1]
            self.index.add(item.id, signature)
            self._signatures[item.id] = signature_to_bytes(signature)
            yield item

    def _store(
        self, batch: Sequence[Article], readings: Iterable[Reading | Rejected], progress: Progress | None
    ) -> None:
        items = []
        for article, reading in zip(batch, readings, strict=True):
            if isinstance(reading, Rejected):
                self.report.reject(reading)
            else:
                items.append(
                    BatchItem(
                        reading,
                        self._signatures.pop(article.id, None),
                        self._similarity.pop(article.id, None),
                    )
                )
            if progress:
                progress(article.source or article.id)
        kept, result = self._add(items)
        self.report.outcomes["stored"] += result.added
        self.report.outcomes["already stored"] += result.skipped
        self.report.outcomes["near-duplicate"] += sum(1 for i in kept if i.reading.article.duplicate_of)

    def _add(self, items: Sequence[BatchItem]) -> tuple[list[BatchItem], BatchResult]:
        """Store a batch at once; if the store refuses it, store its articles one at a time, so that only
        an article whose rows the store refuses is rejected (R022) and the rest of the batch is kept.
        Returns the items not rejected and what the store did with them."""
        try:
            return list(items), self.store.add_batch(items)
        except StoreError:
            kept: list[BatchItem] = []
            added = skipped = 0
            for item in items:
                try:
                    result = self.store.add_batch([item])
                except StoreError as error:
                    source = item.reading.article.source or item.reading.article.id
                    detail = " ".join(str(error.__cause__ or error).split())[:200]
                    self.report.reject(Rejected.because(source, Reason.NOT_STORED, detail=detail))
                    continue
                kept.append(item)
                added += result.added
                skipped += result.skipped
            return kept, BatchResult(added=added, skipped=skipped)

    def run(self, sources: Iterable[Article | Rejected], progress: Progress | None = None) -> RunReport:
        articles = self._new_articles(sources, progress)
        if self.workers == 1:
            for batch in _batches(articles, self.batch_size):
                self._store(batch, map(read_safely, batch), progress)
            return self.report
        load_models()  # loaded once before forking, shared copy-on-write by the workers
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            for batch in _batches(articles, self.batch_size):
                self._store(batch, pool.map(read_safely, batch), progress)
        return self.report


def ingest(
    paths: Sequence[str | Path],
    db: str | Path,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Ingest files, folders or "-" (stdin) into the database at ``db``; returns the run report.

    Each batch of ``batch_size`` articles is committed at once: a crash loses at most the batch in flight.
    """
    with Store(db) as store:
        run = Ingest(store, workers=workers, batch_size=batch_size)
        return run.run(iter_articles(paths, options or IngestOptions()), progress)
