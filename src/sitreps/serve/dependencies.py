"""What a request handler is given: a read-only connection to the store, and the event index."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from sitreps.serve.database import reading
from sitreps.serve.event_index import EventIndex


def connection(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the store, opened for one request and closed after it."""
    with reading(request.app.state.db_path) as conn:
        yield conn


def event_index(request: Request) -> EventIndex:
    index: EventIndex = request.app.state.event_index
    return index


Conn = Annotated[sqlite3.Connection, Depends(connection)]
Index = Annotated[EventIndex, Depends(event_index)]
