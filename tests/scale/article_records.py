"""Articles as the JSON records `sitreps ingest` and `sitreps spark` read, for the scale tests."""

from __future__ import annotations

from sitreps.model import Article


def record(article: Article) -> dict[str, object]:
    """The fields of ``article`` under the default field names (its date as ``date``)."""
    return {
        "text": article.text,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "author": article.author,
        "date": article.published.isoformat() if article.published else None,
    }
