"""RSS and Atom feeds by feedparser: one article per entry, sources ``path#N`` (N from 1).

XML that declares entities or points at external resources is refused before any parser sees it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden, NotSupportedError
from defusedxml import ElementTree as SafeElementTree

from sitreps.errors import Reason, Rejected
from sitreps.ingest.article import Metadata, clean_field, finish_article
from sitreps.ingest.encoding import clean_text, decode_bytes, has_visible_text
from sitreps.ingest.html import fragment_text, looks_like_html
from sitreps.ingest.language import normalise_language
from sitreps.ingest.refusal import Refusal
from sitreps.model import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DOCTYPE_DANGER = re.compile(r"<!ENTITY|\bSYSTEM\b|\bPUBLIC\b", re.IGNORECASE)
_ROOT_ELEMENT = re.compile(r"<[A-Za-z_]")


def read_feed(data: bytes, source: str) -> Iterator[Article | Rejected]:
    """Articles from an RSS or Atom document's entries.

    Raises :class:`Refusal` for the feed as a whole: UNSAFE_XML, FEED_INVALID, FEED_EMPTY (and the
    decoding reasons). An entry without text is rejected alone, with NO_TEXT_FIELD.
    """
    text = decode_bytes(data)
    if is_unsafe_xml(text, data):
        raise Refusal(Reason.UNSAFE_XML)
    try:
        # A stream, never bytes or str: feedparser would take a string for a URL or a file name.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as error:  # feedparser is lenient, but a batch must survive whatever it raises
        raise Refusal(Reason.FEED_INVALID, detail=type(error).__name__) from None
    entries = list(parsed.get("entries") or [])
    if not entries and not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        detail = str(problem).splitlines()[0][:120] if problem else "no RSS or Atom root element"
        raise Refusal(Reason.FEED_INVALID, detail=detail)
    if not entries:
        raise Refusal(Reason.FEED_EMPTY)
    feed = parsed.get("feed") or {}
    outlet = clean_field(feed.get("title"))
    language = normalise_language(feed.get("language"))
    for number, entry in enumerate(entries, start=1):
        entry_source = f"{source}#{number}"
        try:
            yield entry_article(entry, entry_source, outlet=outlet, language=language)
        except Refusal as refusal:
            yield refusal.rejected(entry_source)


def is_unsafe_xml(text: str, data: bytes) -> bool:
    """Whether an XML document declares entities or refers to external resources in its DOCTYPE.

    The prolog is scanned by hand (linear, whatever the input); defusedxml then parses the document
    with entities and external references forbidden, to catch what a scan of the text might miss.
    """
    doctype = _prolog_doctype(text)
    if doctype is not None and _DOCTYPE_DANGER.search(doctype):
        return True
    try:
        SafeElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (EntitiesForbidden, ExternalReferenceForbidden, DTDForbidden, NotSupportedError):
        return True
    except Exception:  # not well-formed: feedparser's lenient parser will judge it
        return False
    return False


def _prolog_doctype(text: str) -> str | None:
    """The DOCTYPE declaration (with its internal subset) before the root element, if there is one."""
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text.startswith("<?", pos):
            closing = "?>"
        elif text.startswith("<!--", pos):
            closing = "-->"
        else:
            break
        end = text.find(closing, pos)
        if end == -1:
            return None
        pos = end + len(closing)
    if text[pos : pos + 9].upper() != "<!DOCTYPE":
        return None
    root = _ROOT_ELEMENT.search(text, pos)
    return text[pos : root.start() if root else len(text)]


def entry_article(
    entry: Mapping[str, Any], source: str, *, outlet: str | None, language: str | None
) -> Article:
    """The Article of one feed entry: its longest content, else its summary, as plain text."""
    text = clean_text(_entry_text(entry))
    if not has_visible_text(text):
        raise Refusal(Reason.NO_TEXT_FIELD, field="content")
    title = entry.get("title")
    if isinstance(title, str) and looks_like_html(title):
        title = fragment_text(title)
    meta = Metadata(
        title=clean_field(clean_text(title)) if isinstance(title, str) else None,
        url=clean_field(entry.get("link")),
        outlet=outlet,
        author=clean_field(entry.get("author")),
        published=entry_date(entry),
        language=language,
    )
    return finish_article(text, source, meta)


def _entry_text(entry: Mapping[str, Any]) -> str:
    contents = [c for c in entry.get("content") or [] if isinstance(c.get("value"), str) and c.get("value")]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))  # the first of equals, so stable
        value, kind = best["value"], best.get("type")
    else:
        detail = entry.get("summary_detail") or {}
        value, kind = entry.get("summary"), detail.get("type")
    if not isinstance(value, str):
        return ""
    if kind in _HTML_TYPES or looks_like_html(value):
        return fragment_text(value)
    return value


def entry_date(entry: Mapping[str, Any]) -> date | None:
    """The entry's publication (else update) date, as written in the feed's own time zone.

    feedparser's ``*_parsed`` values are in UTC, which moves late-evening stories to the next day (or
    early ones to the day before); the written value is read first and the parsed one is the fallback.
    """
    for key in ("published", "updated"):
        written = entry.get(key)
        if isinstance(written, str) and (day := _written_date(written)) is not None:
            return day
        parsed = entry.get(f"{key}_parsed")
        if parsed is not None:
            try:
                return date(parsed[0], parsed[1], parsed[2])
            except (TypeError, ValueError, IndexError):
                continue
    return None


def _written_date(value: str) -> date | None:
    value = value.strip()
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None
