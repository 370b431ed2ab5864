"""Gold-format readers and metrics: how well sitreps reads, measured on data it was not written for.

- :mod:`sitreps.eval.seed`: score a Reading against an expected.json of the seed's shape
  (:func:`~sitreps.eval.seed.score_reading` -> :class:`~sitreps.eval.seed.SeedResult`).
- :mod:`sitreps.eval.case2021`: CASE 2021 task 2 event labels (``case2021_labels.tsv`` maps ACLED
  sub-event types and PLOVER cues onto CASE's 30 labels; :func:`~sitreps.eval.case2021.predict_label`).
- :mod:`sitreps.eval.plover`: PLOVER gold-standard records (event type, source and target countries).
- :mod:`sitreps.eval.metrics`: accuracy, per-label precision/recall/F1, macro and weighted F1, confusion.
- :mod:`sitreps.eval.command`: ``sitreps eval`` (tables or ``--json``; exit codes).
"""
