"""The header lines at the top of an article body: dateline, byline, publication date.

:func:`parse_header` reads them and says where the body begins, so that the stored text starts with
the story itself. It is deliberately timid: only the first few lines are looked at, only whole lines of
known shapes (or a wire dateline opening the first paragraph) are taken, and nothing is stripped when
nothing matches. dateparser only ever sees a date string the patterns below have isolated.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

import dateparser

from sitreps.ingest.encoding import has_visible_text

_DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
# At most this many non-blank lines are taken as header; the body is never searched.
MAX_HEADER_LINES = 4
_MAX_HEADER_LINE_CHARS = 160
_MAX_WIRE_OUTLET_WORDS = 3

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|2\d)\d\d"
_ISO = r"\d{4}-\d{2}-\d{2}"
_DATE = rf"(?:{_ISO}|{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR})"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
_ZONE = (
    r"(?:(?:gmt|utc)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}"
    r"|bst|cet|cest|eet|eest|msk|azt|amt|est|edt)"
)
# Optional time after a date: "10:45", "T10:45:00Z", ", 10:45 GMT", "at 9.30 am".
_TIME = (
    rf"(?:(?:T|\s*,?\s*(?:at\s+)?)\d{{1,2}}[:.]\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?"
    rf"(?:\s*\(?{_ZONE}\)?|Z)?)?"
)
_WHEN = rf"{_WEEKDAY}(?P<date>{_DATE}){_TIME}"
_SEP = r"\s*[|•·\u2014\u2013,]\s*|\s+-\s+"

_FLAGS = re.IGNORECASE
# " date 2022-09-26 By Azernews": a site's own header line, naming the outlet.
_SITE_LINE = re.compile(rf"date\s*:?\s*{_WHEN}\s+by\s+(?P<outlet>.+)", _FLAGS)
# "Published: 13 September 2022", "Posted on 2022-09-13 by Jane Doe".
_PUBLISHED_LINE = re.compile(
    rf"(?:published|posted|updated|last\s+updated|first\s+published|released|date)(?:\s+on)?\s*:?\s*{_WHEN}"
    rf"(?:\s+by\s+(?P<author>.+))?",
    _FLAGS,
)
# "By Jane Doe", "By Jane Doe | Sept 13, 2022", "Written by Jane Doe".
_BYLINE = re.compile(rf"(?:written\s+|story\s+)?by\s*:?\s+(?P<author>.+?)(?:(?:{_SEP}){_WHEN})?", _FLAGS)
_AUTHOR_LINE = re.compile(r"authors?\s*:\s*(?P<author>.+)", _FLAGS)
_DATE_LINE = re.compile(_WHEN, _FLAGS)
# "BAKU, Sept 13 (Reuters) - ", "YEREVAN, Armenia, Sept. 13, 2022 (AP) — ", "MOSCOW /TASS/ -",
# "YEREVAN/BAKU, Sept 13 (Caucasus Wire) - ".
_WIRE = re.compile(
    rf"(?P<place>[^\W\d_][^\n(),]{{0,40}}?)(?:,\s*(?P<region>[^\W\d_][^\n(),/]{{0,30}}?))??"
    rf"(?:\s*,\s*(?P<wdate>(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})(?:,?\s+(?P<wyear>{_YEAR}))?))?"
    rf"\s*(?:\((?P<outlet>[^()\n]{{2,40}})\)|/(?P<outlet2>[^/\n]{{2,40}})/)\s*(?:-{{1,2}}|\u2013|\u2014)\s*",
    _FLAGS,
)
_NAME_PARTICLES = frozenset(
    {"de", "da", "del", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le", "du"}
)
_NAME_JOINERS = frozenset({"and", "&"})
_GENERIC_BYLINES = frozenset(
    {
        "staff reporter", "staff writer", "staff correspondent", "our correspondent", "our reporter",
        "news desk", "web desk", "newsroom", "agencies", "editorial staff", "editorial board",
    }
)  # fmt: skip
_ISO_PREFIX = re.compile(rf"{_ISO}(?![\d])")
_NON_SPACE = re.compile(r"\S")
_FULL_DATE = re.compile(rf"\s*{_WHEN}\s*", _FLAGS)


class Header(NamedTuple):
    """What the header lines said, and the offset where the body begins (0 when nothing was taken)."""

    published: date | None
    outlet: str | None
    author: str | None
    body_start: int


def parse_date(value: str) -> date | None:
    """A date from one date string: ISO, "13 September 2022", "Sept 13, 2022"; None when not a date.

    Only strings of those shapes reach dateparser, so a stray word is never read as a date.
    """
    value = value.strip()
    iso = _ISO_PREFIX.match(value)
    if iso:
        try:
            return date.fromisoformat(iso.group())
        except ValueError:
            return None
    match = _FULL_DATE.fullmatch(value)
    if match is None:
        return None
    return _dateparser_date(match.group("date"))


def _dateparser_date(value: str) -> date | None:
    if _ISO_PREFIX.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    try:
        parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser is strict about nothing; a bad string must never stop a batch
        return None
    return parsed.date() if parsed is not None else None


def looks_like_name(value: str, *, max_words: int = 8) -> bool:
    """Whether ``value`` reads like a person's or an outlet's name: short, capitalised, no sentence.

    Generic bylines ("Staff reporter", "Our correspondent") count as names.
    """
    if " ".join(value.lower().split()) in _GENERIC_BYLINES:
        return True
    words = value.replace(",", " ").split()
    if not words or len(words) > max_words or len(value) > 80:
        return False
    if any(ch in value for ch in ';:!?"“”()[]{}<>=') or any(ch.isdigit() for ch in value):
        return False
    capitalised = 0
    for word in words:
        letters = [c for c in word if c.isalpha()]
        if not letters:
            if word not in _NAME_JOINERS:
                return False
        elif letters[0].isupper():
            capitalised += 1
        elif word.lower() not in _NAME_PARTICLES | _NAME_JOINERS:
            return False
    return capitalised > 0


def _looks_like_outlet(value: str) -> bool:
    # Outlets may carry digits and dots ("1news.az", "APA.az"); otherwise the same test as a name.
    plain = re.sub(r"[\d.]", "", value)
    return bool(plain.strip()) and looks_like_name(plain, max_words=6)


class _Found:
    """Fields gathered while reading the header; the first value seen for a field wins."""

    def __init__(self) -> None:
        self.published: date | None = None
        self.outlet: str | None = None
        self.author: str | None = None

    def take(
        self, *, published: date | None = None, outlet: str | None = None, author: str | None = None
    ) -> None:
        self.published = self.published or published
        self.outlet = self.outlet or outlet
        self.author = self.author or author


def _read_header_line(line: str, found: _Found) -> bool:
    """Take the fields of one header line into ``found``; False when the line is not a header line."""
    if m := _SITE_LINE.fullmatch(line):
        outlet = m.group("outlet").strip()
        if _looks_like_outlet(outlet):
            found.take(published=_dateparser_date(m.group("date")), outlet=outlet)
            return True
    if m := _PUBLISHED_LINE.fullmatch(line):
        author = (m.group("author") or "").strip()
        if not author or looks_like_name(author):
            found.take(published=_dateparser_date(m.group("date")), author=author or None)
            return True
    if m := _BYLINE.fullmatch(line):
        author = m.group("author").strip()
        if looks_like_name(author):
            published = _dateparser_date(m.group("date")) if m.group("date") else None
            found.take(published=published, author=author)
            return True
    if m := _AUTHOR_LINE.fullmatch(line):
        author = m.group("author").strip()
        if looks_like_name(author):
            found.take(author=author)
            return True
    if m := _DATE_LINE.fullmatch(line):
        published = _dateparser_date(m.group("date"))
        found.take(published=published)
        return published is not None
    return False


def _wire_dateline(text: str, start: int, found: _Found) -> int | None:
    """The end of a wire dateline opening the paragraph at ``start``, taking its outlet and dated year."""
    m = _WIRE.match(text[start : start + 200])
    if m is None:
        return None
    place_words = [m.group("place"), m.group("region") or ""]
    outlet = (m.group("outlet") or m.group("outlet2") or "").strip()
    if not all(looks_like_name(w, max_words=4) for w in place_words if w):
        return None
    # Agencies have short names; "NATO (North Atlantic Treaty Organization) -" is not a dateline.
    if len(outlet.split()) > _MAX_WIRE_OUTLET_WORDS or not _looks_like_outlet(outlet):
        return None
    # Wire style writes the place in capitals; a title-case place needs a date to be believed.
    if not m.group("place").isupper() and not m.group("wdate"):
        return None
    published = _dateparser_date(m.group("wdate")) if m.group("wyear") else None
    found.take(published=published, outlet=outlet)
    return start + m.end()


def parse_header(text: str) -> Header:
    """Read the dateline/byline lines at the top of ``text``.

    Returns the publication date, outlet and author they name, and ``body_start``: the offset of the
    first character of the body. Nothing is stripped (``body_start`` 0) when no header is recognised,
    or when the header would leave no body at all.
    """
    found = _Found()
    pos = 0
    header_end = 0
    taken = 0
    while taken < MAX_HEADER_LINES:
        line_start = _skip_blank_lines(text, pos)
        if line_start >= len(text):
            break
        newline = text.find("\n", line_start)
        line_end = len(text) if newline == -1 else newline
        line = text[line_start:line_end].strip()
        if len(line) > _MAX_HEADER_LINE_CHARS or not _read_header_line(line, found):
            break
        taken += 1
        pos = header_end = line_end
    paragraph = _skip_blank_lines(text, header_end)
    wire_end = _wire_dateline(text, paragraph, found) if paragraph < len(text) else None
    if wire_end is not None:
        header_end = wire_end
    elif taken == 0:
        return Header(None, None, None, 0)
    body_start = _skip_blank_lines(text, header_end)
    if not has_visible_text(text[body_start:]):
        return Header(found.published, found.outlet, found.author, 0)
    return Header(found.published, found.outlet, found.author, body_start)


def _skip_blank_lines(text: str, pos: int) -> int:
    """The offset of the first non-whitespace character at or after ``pos`` (``len(text)`` if none)."""
    match = _NON_SPACE.search(text, pos)
    return match.start() if match else len(text)
