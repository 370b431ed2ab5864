"""The embedded SQLite store (DESIGN.md, "Store"): WAL, versioned migrations, FTS5, atomic batches. The only
package that speaks SQL.

In: Readings, in batches (:meth:`Store.add_batch`), and the clusters that clustering computes
(:mod:`~sitreps.store.cluster_tables`). Out, through one :class:`Reader` (the :class:`Store` is one, and
:func:`read_only_reader` opens one read-only): Readings whole or partial, articles, clusters and their
members, contradictions, stats, search, keyset-paged lists with their cursors
(:mod:`~sitreps.store.lists`, :mod:`~sitreps.store.cursors`), and the in-memory event index that the map,
the timeline and the event list ask (:mod:`~sitreps.store.event_index`, filtered by
:class:`~sitreps.store.event_filter.EventFilter`).
"""

from sitreps.store.database import connect
from sitreps.store.reader import Reader, read_only_reader
from sitreps.store.repository import BatchItem, BatchResult, Store
from sitreps.store.search import fts_query

__all__ = ["BatchItem", "BatchResult", "Reader", "Store", "connect", "fts_query", "read_only_reader"]
