"""The storing loop of every run that stores articles (`sitreps ingest`, `sitreps load`), and its report.

A :class:`StoringRun` takes a run's inputs one at a time and stores them in batches:

1. :meth:`StoringRun.admit` (an Article still to read) or :meth:`StoringRun.admit_reading` (an article
   read elsewhere, by the Spark job) takes an input, or counts it and drops it: a rejected input as
   "rejected", an article seen earlier in the run or stored before it as "already stored".
2. An admitted article is linked to its near-duplicate (MinHash over the text): the first article it
   nearly repeats among those stored before the run and, for an Article, those admitted before it in
   the run. The Spark job linked its articles among themselves already; they keep the job's link.
3. :meth:`StoringRun.store` stores a batch of Readings with their signatures and links in one
   transaction. When the store refuses the batch, each of its articles is stored alone, so that only an
   article whose records the store refuses is rejected (R022) and the rest of the batch is kept.

Every input ends as one count of the :class:`RunReport`: "stored" (of them "near-duplicate"),
"already stored" or "rejected", with each rejection listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sitreps.errors import Reason, Rejected, StoreError
from sitreps.ingest import NearDuplicateIndex
from sitreps.ingest.duplicates import signature_from_bytes, signature_to_bytes
from sitreps.model import Article, Reading
from sitreps.store import BatchItem, BatchResult, Store

Progress = Callable[[str], None]
# Articles committed together: one transaction each.
DEFAULT_BATCH_SIZE = 32
T = TypeVar("T")


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


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), each taken from ``items`` only once the
    previous list has been handled: what is admitted next sees what the last batch stored."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _label(item: Reading | Rejected) -> str:
    """How a run's progress names an input."""
    if isinstance(item, Rejected):
        return item.source
    return item.article.source or item.article.id


class StoringRun:
    """One run storing articles into one store, with its report."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.report = RunReport()
        self.index = NearDuplicateIndex()
        for article_id, signature in store.signatures():
            self.index.add(article_id, signature_from_bytes(signature))
        # The signature and near-duplicate similarity of each admitted article, until it is stored.
        self._pending: dict[str, tuple[bytes | None, float | None]] = {}
        self._seen: set[str] = set()

    def _already_stored(self, article_id: str) -> bool:
        """Whether the article was admitted earlier in the run or stored before it (counted if so)."""
        if article_id in self._seen or self._store.known_ids([article_id]):
            self.report.outcomes["already stored"] += 1
            return True
        self._seen.add(article_id)
        return False

    def admit(self, item: Article | Rejected) -> Article | None:
        """The article to read and store, linked to the article it nearly repeats (stored before the run
        or admitted before it); None when there is nothing to read: a rejected input or an article
        already stored, counted in the report."""
        if isinstance(item, Rejected):
            self.report.reject(item)
            return None
        if self._already_stored(item.id):
            return None
        signature = self.index.signature(item.text)
        match = self.index.find(signature)
        similarity = None
        if match is not None:
            item = item.model_copy(update={"duplicate_of": match[0]})
            similarity = match[1]
        self.index.add(item.id, signature)
        self._pending[item.id] = (signature_to_bytes(signature), similarity)
        return item

    def admit_reading(self, item: BatchItem | Rejected) -> Reading | None:
        """The Reading of an article read by the Spark job, to store with the signature and near-duplicate
        link the job gave it; None for a rejected input or an article already stored, counted in the
        report. The job compared its articles among themselves (in input order); an article it linked to
        none is compared here with the articles stored before the run."""
        if isinstance(item, Rejected):
            self.report.reject(item)
            return None
        reading = item.reading
        if self._already_stored(reading.article.id):
            return None
        similarity = item.similarity
        if reading.article.duplicate_of is None and item.signature is not None and len(self.index):
            match = self.index.find(signature_from_bytes(item.signature))
            if match is not None:
                article = reading.article.model_copy(update={"duplicate_of": match[0]})
                reading = reading.model_copy(update={"article": article})
                similarity = match[1]
        self._pending[reading.article.id] = (item.signature, similarity)
        return reading

    def store(self, readings: Iterable[Reading | Rejected], progress: Progress | None = None) -> None:
        """Store the Readings of admitted articles at once (an article that could not be read is rejected),
        telling ``progress`` of each as it comes."""
        items = []
        for reading in readings:
            if isinstance(reading, Rejected):
                self.report.reject(reading)
            else:
                signature, similarity = self._pending.pop(reading.article.id, (None, None))
                items.append(BatchItem(reading, signature, similarity))
            if progress:
                progress(_label(reading))
        kept, result = self._add(items)
        self.report.outcomes["stored"] += result.added
        self.report.outcomes["already stored"] += result.skipped
        self.report.outcomes["near-duplicate"] += sum(1 for i in kept if i.reading.article.duplicate_of)

    def _add(self, items: Sequence[BatchItem]) -> tuple[list[BatchItem], BatchResult]:
        """Store a batch at once; if the store refuses it, store its articles one at a time, so that only
        an article whose rows the store refuses is rejected (R022) and the rest of the batch is kept.
        Returns the items not rejected and what the store did with them."""
        try:
            return list(items), self._store.add_batch(items)
        except StoreError:
            kept: list[BatchItem] = []
            added = skipped = 0
            for item in items:
                try:
                    result = self._store.add_batch([item])
                except StoreError as error:
                    source = item.reading.article.source or item.reading.article.id
                    detail = " ".join(str(error.__cause__ or error).split())[:200]
                    self.report.reject(Rejected.because(source, Reason.NOT_STORED, detail=detail))
                    continue
                kept.append(item)
                added += result.added
                skipped += result.skipped
            return kept, BatchResult(added=added, skipped=skipped)
