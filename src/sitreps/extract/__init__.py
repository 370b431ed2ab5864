"""Extractors: pure functions from a parsed article to records, each with exact evidence spans.

Each module exposes one ``extract_<records>(doc, article, found)`` function; :mod:`sitreps.pipeline`
lists them, in order, in one table.
"""
