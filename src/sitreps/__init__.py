"""sitreps: news reports about armed conflict and diplomacy in; sourced, claim-aware event data out.

The public surface: :func:`read` (an Article to its Reading: pure, no database, no files, no network),
the records in :mod:`sitreps.model`, and the stages by package (ingest, nlp, extract, geo, store,
pipeline, cluster, export, serve, scale, eval, cli; see README's layout).
"""

__version__ = "0.1.0"

from sitreps.model import Article, Reading
from sitreps.pipeline import read

__all__ = ["Article", "Reading", "__version__", "read"]
