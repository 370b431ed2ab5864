"""Settings shared by every reader: which JSON fields hold what, which files to take, how big."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestOptions:
    """How to read inputs. The defaults read the common field names and take every supported file."""

    text_field: str = "text"
    title_field: str = "title"
    url_field: str = "url"
    date_field: str = "date"
    outlet_field: str = "outlet"
    author_field: str = "author"
    # Glob patterns matched against the path relative to the folder root (fnmatch, "*" crosses "/").
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # Larger inputs are rejected with Reason.TOO_LARGE before they are read.
    max_bytes: int = 10_000_000
