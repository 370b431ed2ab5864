"""HTML pages: the main text and metadata by trafilatura, then the same header stripping as text."""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser

import trafilatura

from sitreps.errors import Reason
from sitreps.ingest.article import Metadata, clean_field, finish_article
from sitreps.ingest.dateline import parse_date
from sitreps.ingest.encoding import clean_text, has_visible_text
from sitreps.ingest.language import normalise_language
from sitreps.ingest.refusal import Refusal
from sitreps.model import Article

# trafilatura needs about 30-70 µs per element; past this many a page costs seconds, and no news
# page comes near it (a heavy one has a few thousand).
MAX_ELEMENTS = 100_000
_OPEN_TAG = re.compile(r"<[A-Za-z]")
_DOCUMENT_TAG = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)
# A main text must hold at least one line this many words long: menus and footers alone do not count.
_MIN_SENTENCE_WORDS = 5
_WORD = re.compile(r"[^\W\d_]{2,}")
# The headline is looked for in the first lines only; above it may stand a short section label.
_TITLE_SEARCH_LINES = 3
_MAX_KICKER_WORDS = 6
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_DROPPED_TAGS = frozenset({"script", "style", "noscript", "template"})


def read_html(text: str, source: str) -> Article:
    """The Article in an HTML page's (decoded, clean) markup.

    Raises :class:`Refusal` with TOO_COMPLEX (too many elements to extract in bounded time),
    NO_MAIN_TEXT (nothing but boilerplate), TOO_DEEP or PIPELINE_ERROR (the extractor failed).
    """
    elements = sum(1 for _ in _OPEN_TAG.finditer(text))
    if elements > MAX_ELEMENTS:
        raise Refusal(Reason.TOO_COMPLEX, elements=elements, limit=MAX_ELEMENTS)
    if not _DOCUMENT_TAG.search(text[:4096]):
        # trafilatura refuses a bare fragment as "dubious HTML"; give it a document around it.
        text = f"<html><body>{text}</body></html>"
    document = _extract(text)
    main_text = clean_text(getattr(document, "text", None) or "") if document is not None else ""
    if document is None or not _has_sentence(main_text):
        raise Refusal(Reason.NO_MAIN_TEXT)
    title = clean_field(document.title)
    main_text = _without_title_line(main_text, title)
    meta = Metadata(
        title=title,
        url=clean_field(document.url),
        outlet=clean_field(document.sitename),
        author=clean_field(document.author),
        published=parse_date(document.date) if isinstance(document.date, str) else None,
        language=normalise_language(getattr(document, "language", None)),
    )
    return finish_article(main_text, source, meta)


def _extract(markup: str) -> trafilatura.settings.Document | None:
    try:
        result = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            # No free-text date search: a date quoted in the story must not become the publication date.
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
            },
        )
    except RecursionError:
        raise Refusal(Reason.TOO_DEEP, depth="too many") from None
    except Exception as error:  # lxml and trafilatura raise many kinds; none may stop a batch
        raise Refusal(
            Reason.PIPELINE_ERROR, detail=f"HTML extraction failed ({type(error).__name__})"
        ) from None
    if result is None or isinstance(result, dict):
        return None
    return result


def _has_sentence(text: str) -> bool:
    return any(len(_WORD.findall(line)) >= _MIN_SENTENCE_WORDS for line in text.split("\n"))


def _without_title_line(text: str, title: str | None) -> str:
    """The text without the headline trafilatura keeps from the <h1> (and a short kicker above it)."""
    if not title:
        return text
    lines = text.lstrip().split("\n", _TITLE_SEARCH_LINES)
    for number, line in enumerate(lines[:_TITLE_SEARCH_LINES]):
        if clean_field(line) == title:
            rest = "\n".join(lines[number + 1 :])
            if rest.strip() and all(len(above.split()) <= _MAX_KICKER_WORDS for above in lines[:number]):
                return rest
            break
    return text


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): one paragraph per block element.

    Feed content is the article itself, without page boilerplate, so no main-text extraction is needed.
    """
    parser = _FragmentText()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


class _FragmentText(HTMLParser):
    """Collects text, a line break at each block element, nothing from scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropped_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped_depth = max(0, self._dropped_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._dropped_depth:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """Whether a string (a feed summary, say) holds HTML tags."""
    return bool(re.search(r"<[A-Za-z][A-Za-z0-9]*(?:\s[^>]*)?/?>", text)) and has_visible_text(text)
