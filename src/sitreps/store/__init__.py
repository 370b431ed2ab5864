"""The embedded SQLite store (DESIGN.md, "Store"): WAL, versioned migrations, FTS5, atomic batches."""

from sitreps.store.database import connect
from sitreps.store.repository import BatchItem, BatchResult, Store, fts_query

__all__ = ["BatchItem", "BatchResult", "Store", "connect", "fts_query"]
