"""Full-text search over articles' titles and texts (the ``articles_fts`` table, FTS5).

User text never reaches FTS5 as a query of its own: :func:`fts_query` turns it into quoted terms, all
required, so that no input can make a search fail.
"""

from __future__ import annotations

import sqlite3

from sitreps.errors import StoreError


def fts_query(text: str) -> str:
    """User text as an FTS5 query that cannot fail: each word a quoted term, all of them required.

    Words without a letter or digit are dropped (the tokenizer would index nothing for them), so
    quotes, brackets, ``*`` and operators such as ``AND`` or ``NEAR`` are matched as plain words or
    ignored. Returns "" when nothing searchable is left.
    """
    terms = [word for word in text.split() if any(char.isalnum() for char in word)]
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[tuple[str, str]]:
    """Articles whose title or text hold every word of ``query`` (user text, any characters), best
    first: (article id, snippet with the matches in [brackets])."""
    match = fts_query(query)
    if not match or limit < 1:
        return []
    sql = (
        "SELECT a.id, snippet(articles_fts, -1, '[', ']', '…', 12) FROM articles_fts"
        " JOIN articles AS a ON a.seq = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY rank, a.id LIMIT ?"
    )
    try:
        return [(article_id, snippet) for article_id, snippet in conn.execute(sql, (match, limit))]
    except sqlite3.Error as e:
        raise StoreError(f"search failed for {query!r}: {e}") from e
