"""What a request handler is given: a read-only reader of the store, and the event index."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from sitreps.store import Reader, read_only_reader
from sitreps.store.event_index import EventIndex


def reader(request: Request) -> Iterator[Reader]:
    """A reader over a read-only connection to the store, opened for one request and closed after it."""
    with read_only_reader(request.app.state.db_path) as opened:
        yield opened


def event_index(request: Request) -> EventIndex:
    index: EventIndex = request.app.state.event_index
    return index


StoreReader = Annotated[Reader, Depends(reader)]
Index = Annotated[EventIndex, Depends(event_index)]
