"""Plain text and Markdown files: front matter, a leading "# Heading", then the header lines."""

from __future__ import annotations

import re

from sitreps.ingest.article import Metadata, clean_field, finish_article
from sitreps.ingest.dateline import parse_date
from sitreps.ingest.language import normalise_language
from sitreps.model import Article

# Front matter lives at the very top; looking further would risk reading a "---" rule in the body.
_FRONT_MATTER_SCAN_CHARS = 10_000
_FRONT_MATTER_MAX_LINES = 60
_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_KEY_VALUE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*")
_HEADING = re.compile(r"#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*")
_FIELDS = {"title": "title", "outlet": "outlet", "author": "author", "url": "url", "language": "language"}
_DATE_KEYS = ("published", "date")


def read_text(text: str, source: str, *, markdown: bool = False) -> Article:
    """The Article in a text or Markdown file's (decoded, clean) content.

    Front matter is read and removed; in Markdown a leading ``# Heading`` gives the title when none
    was given (and is removed when it is the title); then the dateline/byline header is stripped.
    """
    meta, body = split_front_matter(text)
    if markdown:
        meta, body = _take_heading(meta, body)
    return finish_article(body, source, meta)


def split_front_matter(text: str) -> tuple[Metadata, str]:
    """The metadata of a ``---`` block of ``key: value`` lines at the top, and the text after it.

    When the top is not such a block (any other kind of line, no closing fence), nothing is taken.
    """
    lines = text[:_FRONT_MATTER_SCAN_CHARS].split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Metadata(), text
    values: dict[str, str] = {}
    offset = len(lines[0]) + 1
    for line in lines[1 : _FRONT_MATTER_MAX_LINES + 1]:
        offset += len(line) + 1
        if _FENCE.fullmatch(line):
            return _front_matter_metadata(values), text[offset:]
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in (" ", "\t"):
            continue  # blank, comment, or a nested YAML value we do not use
        match = _KEY_VALUE.fullmatch(line)
        if match is None:
            return Metadata(), text
        values.setdefault(match.group("key").lower(), _unquote(match.group("value") or ""))
    return Metadata(), text


def _front_matter_metadata(values: dict[str, str]) -> Metadata:
    found = {name: clean_field(values.get(key)) for key, name in _FIELDS.items()}
    published = next((parse_date(values[k]) for k in _DATE_KEYS if values.get(k)), None)
    return Metadata(
        title=found["title"],
        url=found["url"],
        outlet=found["outlet"],
        author=found["author"],
        published=published,
        language=normalise_language(found["language"]),
    )


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _take_heading(meta: Metadata, body: str) -> tuple[Metadata, str]:
    stripped = body.lstrip()
    first_line, _, rest = stripped.partition("\n")
    match = _HEADING.fullmatch(first_line.strip())
    if match is None:
        return meta, body
    heading = clean_field(match.group("title"))
    if meta.title is None:
        return meta.filled_from(Metadata(title=heading)), rest
    if clean_field(meta.title) == heading:
        return meta, rest
    return meta, body
