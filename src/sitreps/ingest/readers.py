"""The table of readers, one per input format, and the guard that keeps any of them from raising."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from sitreps.errors import Reason, Rejected
from sitreps.ingest.encoding import decode_bytes
from sitreps.ingest.feeds import read_feed
from sitreps.ingest.html import read_html
from sitreps.ingest.jsonl import read_json, read_json_lines
from sitreps.ingest.options import IngestOptions
from sitreps.ingest.refusal import Refusal
from sitreps.ingest.sources import Kind
from sitreps.ingest.text import read_text
from sitreps.model import Article

Reader = Callable[[bytes, str, IngestOptions], Iterator[Article | Rejected]]


def _text(data: bytes, source: str, options: IngestOptions) -> Iterator[Article | Rejected]:
    yield read_text(decode_bytes(data), source)


def _markdown(data: bytes, source: str, options: IngestOptions) -> Iterator[Article | Rejected]:
    yield read_text(decode_bytes(data), source, markdown=True)


def _html(data: bytes, source: str, options: IngestOptions) -> Iterator[Article | Rejected]:
    yield read_html(decode_bytes(data), source)


def _json(data: bytes, source: str, options: IngestOptions) -> Iterator[Article | Rejected]:
    yield from read_json(decode_bytes(data), source, options)


def _json_lines(data: bytes, source: str, options: IngestOptions) -> Iterator[Article | Rejected]:
    yield from read_json_lines(decode_bytes(data), source, options)


def _feed(data: bytes, source: str, options: IngestOptions) -> Iterator[Article | Rejected]:
    yield from read_feed(data, source)


READERS: dict[Kind, Reader] = {
    "text": _text,
    "markdown": _markdown,
    "html": _html,
    "json": _json,
    "jsonl": _json_lines,
    "feed": _feed,
}

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


def sniff_kind(data: bytes) -> Kind:
    """The format of unnamed input (stdin): JSON or JSON Lines, HTML, a feed, else text/Markdown."""
    try:
        head = decode_bytes(data[:65536])[:4096].lstrip()
    except Refusal:
        return "text"  # the text reader gives the same refusal on the whole input
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith("<"):
        if _FEED_ROOT.search(head) and not _HTML_MARK.search(head):
            return "feed"
        if head.startswith("<?xml") and not _HTML_MARK.search(head):
            return "feed"
        return "html"
    return "markdown"


def read_input(
    data: bytes, source: str, kind: Kind | None, options: IngestOptions
) -> Iterator[Article | Rejected]:
    """Articles from one input's bytes, read as ``kind`` (sniffed when None). Never raises."""
    try:
        yield from READERS[kind or sniff_kind(data)](data, source, options)
    except Refusal as refusal:
        yield refusal.rejected(source)
    except Exception as error:  # a bug or a library failure: report it, keep the batch going
        yield Rejected.because(source, Reason.PIPELINE_ERROR, detail=f"{type(error).__name__}: {error}"[:200])
