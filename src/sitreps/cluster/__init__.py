"""Across articles: reports of one real-world event clustered, each claimant's version kept.

In: the stored events (from store/, as row skeletons). Out: event keys, links and clusters written back
through store/. ``keys`` says what of an event clustering compares, ``linking`` when two events link,
``update`` keeps the clusters current (incremental, order-independent), ``reconcile`` builds one
cluster's per-claimant versions, figure timelines and contradictions, and ``actors`` groups claimants
who speak for the same state.
"""
