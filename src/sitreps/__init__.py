"""sitreps: news reports about armed conflict and diplomacy in; sourced, claim-aware event data out."""

from sitreps.model import Article, Reading

__version__ = "0.1.0"


def read(article: Article) -> Reading:
    """Read one article into a Reading: a pure function (no database, no files)."""
    from sitreps.pipeline import read as _read

    return _read(article)


__all__ = ["Article", "Reading", "__version__", "read"]
