"""Time references: DATE and TIME entities resolved against the article's publication date.

dateparser resolves single expressions ("September 24", "yesterday", "last week") relative to the
publication date, preferring the past; our own rule reads day ranges ("the night of September 12
leading to 13", "12-13 September"). dateparser is never run over the whole text (it reads "We" as
Wednesday). Expressions without a calendar anchor (durations such as "three years") are skipped.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import dateparser

from sitreps.extract.found import Found
from sitreps.extract.spans import trimmed
from sitreps.model import Article, Span, TimePrecision, TimeRef, record_id
from sitreps.nlp.wordlists import word_list

if TYPE_CHECKING:
    from spacy.tokens import Doc

WORDS = "time_words.toml"  # what each list is for: see the file
# The word lists, as alternations of regular expressions.
_WEEKDAYS = "|".join(word_list(WORDS, "weekdays"))
_ANCHOR_WORDS = "|".join(word_list(WORDS, "anchor_words"))
_DAY_PARTS = "|".join(word_list(WORDS, "day_parts"))
_LINKS = "|".join(word_list(WORDS, "range_links"))
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_LINK = rf"\s*(?:{_LINKS})\s*"
# "September 12 leading to 13", "Sept. 12-13", "12-13 September", optional year.
RANGE_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+(?P<d1>\d{{1,2}}){_LINK}(?P<d2>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}}))?", re.I),
    re.compile(rf"\b(?P<d1>\d{{1,2}}){_LINK}(?P<d2>\d{{1,2}})\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?", re.I),
)
# A DATE entity must carry one of these to be a point or period in time, not a duration.
_ANCHORED = re.compile(
    rf"\b(?:{_MONTH}|\d{{4}}|{_WEEKDAYS}|{_ANCHOR_WORDS}|"
    r"\d{1,2}/\d{1,2})",
    re.I,
)
_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}


def _year_for(month: int, day: int, anchor: date | None) -> int | None:
    """The year of a date given without one: the publication year, or the year before if it would be later."""
    if anchor is None:
        return None
    year = anchor.year
    try:
        if date(year, month, day) > anchor:
            year -= 1
        date(year, month, day)
    except ValueError:
        return None
    return year


def _range(text: str, anchor: date | None) -> tuple[date, date] | None:
    for pattern in RANGE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        month = _MONTHS[m["month"].lower().rstrip(".")]
        d1, d2 = int(m["d1"]), int(m["d2"])
        year = int(m["year"]) if m["year"] else _year_for(month, d2, anchor)
        if year is None or not d1 < d2:
            continue
        try:
            return date(year, month, d1), date(year, month, d2)
        except ValueError:
            return None
    return None


def _period(parsed: datetime, period: str) -> tuple[date, date, TimePrecision]:
    day = parsed.date()
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last), "month"
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31), "year"
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "range"
    return day, day, "day"


_WEEKDAY = re.compile(
    rf"^(?:on\s+|last\s+)?({_WEEKDAYS})"
    rf"(?:\s+(?:{_DAY_PARTS}))?$",
    re.I,
)


def _weekday(text: str, anchor: date | None) -> date | None:
    """A bare weekday in a news report is the latest such day on or before publication ("on Saturday" in
    a Saturday paper is that day; "last Saturday" is the one before)."""
    m = _WEEKDAY.match(text.strip())
    if m is None or anchor is None:
        return None
    wanted = list(calendar.day_name).index(m.group(1).capitalize())
    back = (anchor.weekday() - wanted) % 7
    if back == 0 and text.strip().lower().startswith("last"):
        back = 7
    return anchor - timedelta(days=back)


_WEEKDAY_RANGE = re.compile(
    r"^(?:between|from)\s+(?P<first>[a-z]+day)\s+(?:and|to|until|through)\s+(?P<last>[a-z]+day)$", re.I
)


def _weekday_range(text: str, anchor: date | None) -> tuple[date, date] | None:
    """ "between Friday and Sunday": the latest such days on or before publication, in order."""
    m = _WEEKDAY_RANGE.match(text.strip())
    if m is None:
        return None
    first, last = _weekday(m["first"], anchor), _weekday(m["last"], anchor)
    if first is None or last is None:
        return None
    if first > last:
        first -= timedelta(days=7)
    return first, last


def resolve(text: str, anchor: date | None) -> tuple[date, date, TimePrecision] | None:
    """Start, end and precision of one time expression relative to the anchor date, or None."""
    if anchor is None:
        return _resolve(text, None)  # dateparser then fills gaps from today's date: not cached
    return _resolve_anchored(text, anchor)


# dateparser takes about half a millisecond an expression, and a day's news repeats its expressions
# ("on Tuesday", "September 13") against the same publication dates.
@lru_cache(maxsize=4096)
def _resolve_anchored(text: str, anchor: date) -> tuple[date, date, TimePrecision] | None:
    return _resolve(text, anchor)


def _resolve(text: str, anchor: date | None) -> tuple[date, date, TimePrecision] | None:
    span = _range(text, anchor) or _weekday_range(text, anchor)
    if span is not None:
        return span[0], span[1], "range"
    if not _ANCHORED.search(text):
        return None
    weekday = _weekday(text, anchor)
    if weekday is not None:
        return weekday, weekday, "day"
    settings = dict(_SETTINGS)
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    elif not re.search(r"\d{4}", text):
        return None  # no publication date and no year: nothing to resolve against
    try:
        data = dateparser.date.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    start, end, precision = _period(data.date_obj, data.period or "day")
    if anchor is not None and start > anchor:
        return None  # a resolution after publication is a misreading, not a reported time
    return start, end, precision


_CLOCK = re.compile(r"^[012]\d[0-5]\d$")
_CLOCK_ZONE = re.compile(r"\s*(?:GMT|UTC|Z\b|hrs\b|hours\b|h\b|local time)")


def _with_context(article: Article, start: int, end: int) -> tuple[int, int]:
    """Widen an entity to take in a range tail the model leaves out ("September 12" + " leading to 13")."""
    for pattern in RANGE_PATTERNS:
        window_start = max(0, start - 20)
        m = pattern.search(article.text, window_start, min(len(article.text), end + 25))
        if m and m.start() <= end and m.end() >= start:
            return min(start, m.start()), max(end, m.end())
    return start, end


def extract_times(doc: Doc, article: Article, found: Found) -> list[TimeRef]:
    """One TimeRef per DATE/TIME entity that resolves to a calendar date or period."""
    anchor = article.published
    times: dict[tuple[int, int], TimeRef] = {}
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        start, end = _with_context(article, ent.start_char, ent.end_char)
        span: Span | None = trimmed(article, start, end)
        if span is None or (span.start, span.end) in times:
            continue
        if _CLOCK.match(span.text) and _CLOCK_ZONE.match(article.text, span.end):
            continue  # "(1600 GMT)" is four in the afternoon, not the year 1600
        resolved = resolve(span.text, anchor)
        if resolved is None:
            continue
        first, last, precision = resolved
        times[(span.start, span.end)] = TimeRef(
            id=record_id("tm", article.id, span.start, span.end),
            mention=span,
            start=first,
            end=last,
            precision=precision,
            anchor=anchor,
        )
    return sorted(times.values(), key=lambda t: t.mention.start)
