"""Gold-format readers and metrics: how well sitreps reads, measured on data it was not written for.

In: gold files (the seed's expected.json, our gold sentences, CASE 2021, PLOVER, geoparsing XML, event
clusters) and the Readings sitreps makes of their texts (sitreps.pipeline). Out: results with the figures
and every verdict, each with ``to_json_dict``; printing them is the command line's (sitreps.cli.eval).

- :mod:`sitreps.eval.matching`: the matching rules of the hand-written expectations (names, roles, places,
  triggers, the closest candidate) over the Reading JSON, and :class:`~sitreps.eval.matching.Check`.
- :mod:`sitreps.eval.seed`: score a Reading against an expected.json of the seed's shape
  (:func:`~sitreps.eval.seed.score_reading` -> :class:`~sitreps.eval.seed.SeedResult`).
- :mod:`sitreps.eval.sentences`: our gold sentences (tests/gold/sentences.jsonl) and their known failures
  (:func:`~sitreps.eval.sentences.evaluate_sentences` -> :class:`~sitreps.eval.sentences.SentencesResult`).
- :mod:`sitreps.eval.case2021`: CASE 2021 task 2 event labels (``case2021_labels.tsv`` maps ACLED
  sub-event types and PLOVER cues onto CASE's 30 labels; :func:`~sitreps.eval.case2021.predict_label`).
- :mod:`sitreps.eval.plover`: PLOVER gold-standard records (event type, source and target countries).
- :mod:`sitreps.eval.geo`: geoparsing against GeoWebNews-style XML (detection and resolution).
- :mod:`sitreps.eval.clusters` and :mod:`sitreps.eval.cluster_metrics`: event clusters against a gold
  mapping (pairwise and B-cubed scores, split and merged clusters).
- :mod:`sitreps.eval.corpus`: reading gold files and many short texts; :mod:`sitreps.eval.metrics`:
  accuracy, per-label precision/recall/F1, macro and weighted F1, confusion.
"""
