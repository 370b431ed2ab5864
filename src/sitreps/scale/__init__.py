"""The same per-article pipeline at scale: a Spark job that writes the store's tables as Parquet, and the
loader that brings its output into the embedded store.

:mod:`sitreps.scale.partition` runs inside Spark's Python workers and needs no pyspark;
:mod:`sitreps.scale.job` drives Spark; :mod:`sitreps.scale.load` reads the output back.
"""
