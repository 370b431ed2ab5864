"""What the exports know of clusters: each event's cluster id, and the clusters themselves.

Exports read Readings, which know nothing of other articles; a :class:`ClusterIndex` made from the store
adds the corpus level, so the flat event rows carry ``cluster_id`` and the ACLED export can write one
row per cluster (to_acled.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sitreps.model import EventCluster
from sitreps.store import Reader


@dataclass(frozen=True)
class ClusterIndex:
    cluster_of: Mapping[str, str]  # event id -> cluster id
    clusters: Callable[[], Iterable[EventCluster]]  # every cluster, read when needed

    @classmethod
    def from_store(cls, store: Reader) -> ClusterIndex:
        """The store's clusters (read lazily: the store must stay open while exporting)."""
        return cls(store.cluster_members(), store.clusters)
