"""Runs of the per-article stages: an Article read into its Reading, and many articles read and stored.

In: Articles (from ingest/). Out: Readings (``reading``: parse with nlp/, then every extractor of
extract/), stored by ``run`` (the storing loop: new articles only, near-duplicates linked, atomic
batches, a report of every input).
"""

from sitreps.pipeline.reading import EXTRACTORS, load_models, read, read_doc

__all__ = ["EXTRACTORS", "load_models", "read", "read_doc"]
