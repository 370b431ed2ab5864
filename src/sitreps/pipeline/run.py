"""Ingest runs: sources -> articles -> readings -> the store, in atomic batches, with a run report.

Bad inputs never stop a run: each becomes one line of the report and the rest goes on. Articles already
stored are skipped before they are read, so running the same input twice stores nothing the second time.
Near-duplicates (MinHash over the text) are linked to the first article seen, here or in earlier runs.
Reading happens here (in a process pool when ``workers`` > 1); everything else is the storing loop of
:mod:`sitreps.pipeline.storing`, shared with ``sitreps load``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sitreps.errors import Reason, Rejected
from sitreps.ingest import IngestOptions, iter_articles
from sitreps.model import Article, Reading
from sitreps.pipeline.reading import load_models, read
from sitreps.pipeline.storing import DEFAULT_BATCH_SIZE, Progress, RunReport, StoringRun, batches
from sitreps.store import Store

__all__ = ["DEFAULT_BATCH_SIZE", "Ingest", "Progress", "RunReport", "ingest", "read_safely"]


def read_safely(article: Article) -> Reading | Rejected:
    """Read one article; a failure of the pipeline rejects that article, not the batch."""
    try:
        return read(article)
    except Exception as exc:  # any bug on one input must not stop the run: report it instead
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return Rejected.because(article.source or article.id, Reason.PIPELINE_ERROR, detail=detail)


class Ingest:
    """One ingest run into one store: its articles read, then stored by a :class:`StoringRun`."""

    def __init__(self, store: Store, *, workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.storing = StoringRun(store)
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)

    @property
    def report(self) -> RunReport:
        return self.storing.report

    def _new_articles(
        self, sources: Iterable[Article | Rejected], progress: Progress | None
    ) -> Iterator[Article]:
        """The articles to read: not stored yet, each linked to its earlier near-duplicate if it has one."""
        for item in sources:
            article = self.storing.admit(item)
            if article is not None:
                yield article
            elif progress:
                progress(item.source if isinstance(item, Rejected) else item.source or item.id)

    def run(self, sources: Iterable[Article | Rejected], progress: Progress | None = None) -> RunReport:
        articles = batches(self._new_articles(sources, progress), self.batch_size)
        if self.workers == 1:
            for batch in articles:
                self.storing.store(map(read_safely, batch), progress)
            return self.report
        load_models()  # loaded once before forking, shared copy-on-write by the workers
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            for batch in articles:
                self.storing.store(pool.map(read_safely, batch), progress)
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
