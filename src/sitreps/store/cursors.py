"""Cursors of keyset-paged lists: a page ends with an opaque cursor naming its last row's place in a stable
order.

A cursor is the sort key of the last row, as URL-safe base64 of JSON, tagged with the list it belongs to
so that a cursor from one list (or order) is refused by another. Keyset paging is stable while rows are
added: the next page starts right after the last row seen, whatever was inserted before it.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence


class BadCursor(ValueError):
    """A cursor that this list did not make (edited, truncated, or from another list)."""


def encode_cursor(kind: str, key: Sequence[str | int | float | None]) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(kind: str, cursor: str, types: Sequence[type]) -> list[str | int | float | None]:
    """The sort key a cursor holds; raises :class:`BadCursor` unless it has ``kind`` and these types
    (None is allowed for any position)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError) as e:
        raise BadCursor("the cursor is not one this API made; start again without it") from e
    if not isinstance(data, list) or len(data) != len(types) + 1 or data[0] != kind:
        raise BadCursor("the cursor belongs to another list or order; start again without it")
    key = data[1:]
    for value, expected in zip(key, types, strict=True):
        if value is not None and not isinstance(value, expected):
            raise BadCursor("the cursor is not one this API made; start again without it")
    return key
