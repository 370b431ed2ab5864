"""Across articles: reports of one real-world event clustered, each claimant's version kept.

In: the stored events, as row skeletons the store reads straight from its tables
(``store.cluster_tables.ArticleFacts``), and the Readings of a cluster's articles. Out: event keys (as
plain rows), links and clusters (``model.EventCluster``), written back through store/; this package
speaks no SQL. ``keys`` says what of an event clustering compares, ``linking`` when two events link,
``update`` keeps the clusters current (incremental, order-independent), ``reconcile`` builds one
cluster's per-claimant versions, figure timelines and contradictions, and ``actors`` groups claimants
who speak for the same state.
"""
