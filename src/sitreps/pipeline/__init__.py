"""Runs of the per-article stages: an Article read into its Reading, and many articles read and stored.

In: Articles (from ingest/), or Readings already made elsewhere (the Spark job's, rebuilt by scale/).
Out: Readings, and a stored run with its report (every input stored, already stored, or rejected).

- ``reading``: an Article into its Reading (parse with nlp/, then every extractor of extract/); pure.
- ``storing``: the one storing loop (:class:`~sitreps.pipeline.storing.StoringRun`): new articles only,
  near-duplicates linked, atomic batches with a per-article fallback when the store refuses one, and the
  :class:`~sitreps.pipeline.storing.RunReport` of every input. Used by ``run`` and by ``sitreps load``.
- ``run``: ingest runs (``ingest``, ``Ingest``): sources read into Readings, in a process pool when
  ``workers`` > 1, and handed to the storing loop.
"""

from sitreps.pipeline.reading import EXTRACTORS, load_models, read, read_doc

__all__ = ["EXTRACTORS", "load_models", "read", "read_doc"]
