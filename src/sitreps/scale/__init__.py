"""The same per-article pipeline at scale: a Spark job that writes the store's tables as Parquet, and the
loader that brings its output into the embedded store.

In: articles as JSON Lines or Parquet (a local path or any URI Spark reads). Out: the job's output folder
(every table of the store by publication date, the MinHash signatures, the rejected inputs and
``_report.json``), then, loaded, a stored run with its report as ``sitreps ingest`` gives.

- :mod:`sitreps.scale.partition` runs inside Spark's Python workers and needs no pyspark: each input
  record read into its table rows, as ingest reads it.
- :mod:`sitreps.scale.job` drives Spark (pyspark, an optional extra, imported inside its functions):
  reading, first occurrences, near-duplicates by LSH, the Parquet tables.
- :mod:`sitreps.scale.load` reads the output back into Readings and hands them to the storing loop of
  :mod:`sitreps.pipeline.storing`.
"""
