"""JSON and JSON Lines: one article per object, its fields named by :class:`IngestOptions`.

A broken record is rejected on its own (with its line number); the records around it still come through.
Sources are ``path`` for a lone object, ``path#N`` for the N-th object of a list, ``path:LINE`` for a line.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date

from sitreps.errors import Reason, Rejected
from sitreps.ingest.article import Metadata, clean_field, finish_article
from sitreps.ingest.dateline import parse_date
from sitreps.ingest.encoding import clean_text, has_visible_text
from sitreps.ingest.language import normalise_language
from sitreps.ingest.options import IngestOptions
from sitreps.ingest.refusal import Refusal
from sitreps.model import Article

_LANGUAGE_KEYS = ("language", "lang")
_JSON_LINES = object()  # marks a .json file that holds JSON Lines


def read_json(text: str, source: str, options: IngestOptions) -> Iterator[Article | Rejected]:
    """Articles from a JSON document: one object, or a list of objects.

    A file that turns out to hold JSON Lines is read as such. Raises :class:`Refusal` when the
    document as a whole cannot be read.
    """
    try:
        value = json.loads(text)
    except RecursionError:
        raise Refusal(Reason.TOO_DEEP, depth=f"more than {sys.getrecursionlimit()}") from None
    except json.JSONDecodeError as error:
        if not (error.msg == "Extra data" or _looks_like_json_lines(text)):
            raise Refusal(Reason.BAD_JSON, line=error.lineno, detail=error.msg) from None
        value = _JSON_LINES
    except ValueError as error:  # e.g. an integer too long to convert
        raise Refusal(Reason.BAD_JSON, line=1, detail=_first_line(error)) from None
    if value is _JSON_LINES:
        yield from read_json_lines(text, source, options)
    elif isinstance(value, list):
        if not value:
            raise Refusal(Reason.EMPTY)
        for index, item in enumerate(value, start=1):
            yield _record(item, f"{source}#{index}", options)
    else:
        yield _record(value, source, options)


def read_json_lines(text: str, source: str, options: IngestOptions) -> Iterator[Article | Rejected]:
    """Articles from JSON Lines: one object per line, blank lines skipped, bad lines rejected alone."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield read_json_line(line, f"{source}:{number}", number, options)


def read_json_line(line: str, source: str, number: int, options: IngestOptions) -> Article | Rejected:
    """The article on one (clean, non-blank) line of JSON Lines, the ``number``-th of its file.

    The one function for a line, whether the file is read here or split into lines by Spark.
    """
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        return Rejected.because(source, Reason.BAD_JSON, line=number, detail=error.msg)
    except RecursionError:
        return Rejected.because(source, Reason.TOO_DEEP, depth=f"more than {sys.getrecursionlimit()}")
    except ValueError as error:
        return Rejected.because(source, Reason.BAD_JSON, line=number, detail=_first_line(error))
    return _record(value, source, options)


def _looks_like_json_lines(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    objects = sum(line.startswith("{") and line.endswith("}") for line in lines)
    return len(lines) >= 2 and objects * 2 >= len(lines)


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:120]


def _record(value: object, source: str, options: IngestOptions) -> Article | Rejected:
    try:
        return record_article(value, source, options)
    except Refusal as refusal:
        return refusal.rejected(source)


def record_article(value: object, source: str, options: IngestOptions) -> Article:
    """The Article in one decoded JSON record, or :class:`Refusal` saying what is wrong with it."""
    if not isinstance(value, dict):
        raise Refusal(Reason.WRONG_TYPE, field="record", expected="a JSON object", got=json_type(value))
    raw_text = value.get(options.text_field)
    if raw_text is None:
        raise Refusal(Reason.NO_TEXT_FIELD, field=options.text_field)
    if not isinstance(raw_text, str):
        raise Refusal(
            Reason.WRONG_TYPE, field=options.text_field, expected="a string", got=json_type(raw_text)
        )
    text = clean_text(raw_text)
    if not has_visible_text(text):
        raise Refusal(Reason.NO_TEXT_FIELD, field=options.text_field)
    meta = Metadata(
        title=_string(value, options.title_field),
        url=_string(value, options.url_field),
        outlet=_string(value, options.outlet_field),
        author=_author(value, options.author_field),
        published=_date(value, options.date_field),
        language=next((normalise_language(value[k]) for k in _LANGUAGE_KEYS if k in value), None),
    )
    return finish_article(text, source, meta)


def _string(record: dict[str, object], field: str) -> str | None:
    value = record.get(field)
    if value is None or isinstance(value, str):
        return clean_field(clean_text(value)) if value else None
    raise Refusal(Reason.WRONG_TYPE, field=field, expected="a string", got=json_type(value))


def _author(record: dict[str, object], field: str) -> str | None:
    value = record.get(field)
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return clean_field(", ".join(clean_text(str(name)).strip() for name in value))
    return _string(record, field)


def _date(record: dict[str, object], field: str) -> date | None:
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Refusal(Reason.WRONG_TYPE, field=field, expected="a date string", got=json_type(value))
    return parse_date(value)


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
