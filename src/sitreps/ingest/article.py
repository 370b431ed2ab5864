"""The last step every reader shares: strip the header, fill the metadata, make the Article."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from sitreps.errors import Reason
from sitreps.ingest.dateline import parse_header
from sitreps.ingest.encoding import has_visible_text
from sitreps.ingest.language import detect_language
from sitreps.ingest.refusal import Refusal
from sitreps.model import Article

# The longest text read as one article: below spaCy's cap (nlp.MAX_LENGTH), whose parse time grows with
# the length. A long news article has tens of thousands of characters; a book or a scraped dump has more.
MAX_TEXT_CHARS = 1_000_000


@dataclass(frozen=True)
class Metadata:
    """What a source said about an article besides its text; None where it said nothing."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None

    def filled_from(self, other: Metadata) -> Metadata:
        """These values, with the gaps filled from ``other``."""
        gaps = {f.name: getattr(other, f.name) for f in fields(self) if getattr(self, f.name) is None}
        return replace(self, **gaps)


def clean_field(value: object) -> str | None:
    """A metadata string with its whitespace collapsed; None for non-strings and blanks."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def finish_article(text: str, source: str, meta: Metadata) -> Article:
    """The Article for ``text`` (already clean): header lines stripped and read, language detected.

    Metadata given by the source wins over what the header lines say. Raises :class:`Refusal`: TOO_LONG
    when the text is longer than :data:`MAX_TEXT_CHARS`, NO_BODY when no text is left.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise Refusal(Reason.TOO_LONG, chars=len(text), limit=MAX_TEXT_CHARS)
    header = parse_header(text)
    body = text[header.body_start :].strip()
    if not has_visible_text(body):
        raise Refusal(Reason.NO_BODY)
    meta = meta.filled_from(Metadata(published=header.published, outlet=header.outlet, author=header.author))
    return Article.from_text(
        body,
        source=source,
        title=clean_field(meta.title),
        url=clean_field(meta.url),
        outlet=clean_field(meta.outlet),
        author=clean_field(meta.author),
        published=meta.published,
        language=meta.language or detect_language(body),
    )
