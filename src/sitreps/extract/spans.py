"""Making evidence spans from spaCy tokens and spans, trimmed to the words themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitreps.model import Article, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token


def trimmed(article: Article, start: int, end: int) -> Span | None:
    """The span start:end of the article with surrounding whitespace and quotes removed; None if empty."""
    text = article.text
    while start < end and (text[start].isspace() or text[start] in "\"'“”‘’"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"'“”‘’,;:"):
        end -= 1
    if start >= end:
        return None
    return Span.of(article, start, end)


def of_doc_span(article: Article, span: DocSpan) -> Span | None:
    """Evidence for a spaCy span (entity, sentence, noun chunk)."""
    return trimmed(article, span.start_char, span.end_char)


def of_token(article: Article, token: Token) -> Span:
    """Evidence for one token."""
    return Span.of(article, token.idx, token.idx + len(token.text))


def of_subtree(article: Article, token: Token) -> Span | None:
    """Evidence for a token with everything that depends on it."""
    words = list(token.subtree)
    return trimmed(article, words[0].idx, words[-1].idx + len(words[-1].text))
