"""Ingest: files, folders, stdin, HTML, JSON Lines and feeds in; :class:`Article` records out.

:func:`iter_articles` never raises for bad input: each bad file or record becomes a
:class:`~sitreps.errors.Rejected` with a one-line reason, and the rest goes on. The order is
deterministic: paths in the order given, folder contents sorted by relative path, records in file order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from sitreps.errors import Reason, Rejected
from sitreps.ingest.dateline import Header, parse_date, parse_header
from sitreps.ingest.duplicates import NearDuplicateIndex, signature_from_bytes, signature_to_bytes
from sitreps.ingest.language import detect_language
from sitreps.ingest.options import IngestOptions
from sitreps.ingest.readers import READERS, read_input, sniff_kind
from sitreps.ingest.sources import STDIN_SOURCE, SUFFIX_KINDS, Input, iter_inputs
from sitreps.model import Article

__all__ = [
    "READERS",
    "SUFFIX_KINDS",
    "Header",
    "IngestOptions",
    "NearDuplicateIndex",
    "detect_language",
    "iter_articles",
    "parse_date",
    "parse_header",
    "read_stream",
    "signature_from_bytes",
    "signature_to_bytes",
    "sniff_kind",
]


def iter_articles(
    paths: Sequence[str | Path], options: IngestOptions = IngestOptions()
) -> Iterator[Article | Rejected]:
    """Articles from files, folders (walked recursively) and ``-`` (stdin), with a Rejected for each bad one.

    Sources are the file path, ``path:LINE`` for a JSON Lines record, ``path#N`` for a feed entry or
    the N-th object of a JSON list.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    for path in paths:
        try:
            for item in iter_inputs(path, options):
                if isinstance(item, Input):
                    yield from read_input(item.data, item.source, item.kind, options)
                else:
                    yield item
        except Exception as error:  # walking failed in a way no check foresaw: report, go on
            detail = f"{type(error).__name__}: {error}"[:200]
            yield Rejected.because(str(path), Reason.PIPELINE_ERROR, detail=detail)


def read_stream(
    data: bytes, source: str = STDIN_SOURCE, options: IngestOptions = IngestOptions()
) -> Iterator[Article | Rejected]:
    """Articles from bytes of unknown format (stdin): JSON/JSON Lines, HTML, a feed, else text."""
    if len(data) > options.max_bytes:
        yield Rejected.because(source, Reason.TOO_LARGE, size=len(data), limit=options.max_bytes)
        return
    yield from read_input(data, source, None, options)
