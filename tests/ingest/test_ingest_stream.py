"""read_stream: unnamed input sniffed as JSON Lines, HTML, a feed or text."""

from __future__ import annotations

import json

from ingest_support import REPORT

from sitreps.errors import Reason, Rejected
from sitreps.ingest import IngestOptions, read_stream, sniff_kind
from sitreps.model import Article


def test_sniffing() -> None:
    assert sniff_kind(json.dumps({"text": REPORT}).encode()) == "json"
    assert sniff_kind(b"  [1, 2]") == "json"
    assert sniff_kind(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_kind(b"<p>fragment</p>") == "html"
    assert sniff_kind(b'<?xml version="1.0"?><rss version="2.0"></rss>') == "feed"
    assert sniff_kind(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>') == "feed"
    assert sniff_kind(REPORT.encode()) == "markdown"
    assert sniff_kind(b"\x89PNG\r\n\x1a\n") == "text"


def test_json_lines_on_stdin() -> None:
    data = (json.dumps({"text": REPORT}) + "\n" + json.dumps({"text": REPORT + " Again."}) + "\n").encode()
    results = list(read_stream(data))
    assert [r.source for r in results] == ["<stdin>:1", "<stdin>:2"]
    assert all(isinstance(r, Article) for r in results)


def test_html_and_text_on_stdin() -> None:
    [html] = read_stream(f"<html><body><article><p>{REPORT}</p></article></body></html>".encode(), "pasted")
    [text] = read_stream(f"By Jane Doe\n\n{REPORT}".encode())
    assert isinstance(html, Article) and isinstance(text, Article)
    assert html.source == "pasted"
    assert html.text == text.text == REPORT
    assert html.id == text.id
    assert text.author == "Jane Doe"


def test_binary_and_oversized_stdin_are_rejected() -> None:
    [binary] = read_stream(b"%PDF-1.5\n")
    [large] = read_stream(REPORT.encode(), options=IngestOptions(max_bytes=10))
    assert isinstance(binary, Rejected) and binary.reason is Reason.BINARY
    assert isinstance(large, Rejected) and large.reason is Reason.TOO_LARGE
