"""Events as the API lists them: a page of the event index, filled in with the records from the store."""

from __future__ import annotations

import sqlite3
from datetime import date

from sitreps.model import Event, Reading
from sitreps.serve.event_index import EventIndex, EventKey, Order
from sitreps.serve.filters import EventFilter
from sitreps.serve.pagination import decode_cursor, encode_cursor
from sitreps.serve.queries import summary_of
from sitreps.serve.records import clusters_of_events, load_excerpts
from sitreps.serve.schemas import EventItem, Page


def event_item(
    event: Event, reading: Reading, day: date | None, dated: bool, cluster: str | None
) -> EventItem:
    """One event with the records of its (partial) Reading that it refers to."""
    claims = [c for c in reading.claims if c.subject == event.id]
    wanted = {event.actor1, event.actor2, *event.associated, *(c.claimant for c in claims)}
    wanted |= {r for c in claims for r in c.relay}
    figures = [f for f in reading.figures if f.event == event.id]
    wanted |= {f.party for f in figures}
    places = {p.id: p for p in reading.places}
    return EventItem(
        event=event,
        article=summary_of(reading),
        date=day,
        dated=dated,
        time=next((t for t in reading.times if t.id == event.time), None),
        places=[places[p] for p in event.places if p in places],
        actors=[a for a in reading.actors if a.id in wanted],
        claims=claims,
        figures=figures,
        cluster=cluster,
    )


def list_events(
    conn: sqlite3.Connection,
    index: EventIndex,
    flt: EventFilter,
    *,
    cursor: str | None,
    limit: int,
    order: Order = "newest",
) -> Page[EventItem]:
    """A page of events in the index's stable order (by date, then id), with their records."""
    after = None
    if cursor is not None:
        sortday, event_id = decode_cursor(f"events-{order}", cursor, (str, str))
        after = EventKey(sortday=str(sortday or ""), id=str(event_id))
    found = index.page(flt, after=after, limit=limit + 1, order=order)
    shown = found[:limit]
    readings = load_excerpts(conn, [e.id for e in shown])
    events = {e.id: (e, r) for r in readings.values() for e in r.events}
    clusters = clusters_of_events(conn, events)
    items = [
        event_item(events[e.id][0], events[e.id][1], e.day, e.dated, clusters.get(e.id))
        for e in shown
        if e.id in events  # an event the store no longer holds is left out
    ]
    following = None
    if len(found) > limit:
        last = shown[-1]
        following = encode_cursor(f"events-{order}", [last.sortday, last.id])
    return Page(items=items, next=following, total=index.count(flt))


def get_event(conn: sqlite3.Connection, index: EventIndex, event_id: str) -> EventItem | None:
    """One event with its records; None when it is not stored."""
    readings = load_excerpts(conn, [event_id])
    for reading in readings.values():
        for event in reading.events:
            if event.id == event_id:
                located = index.located(event_id)
                day, dated = located if located is not None else (None, False)
                cluster = clusters_of_events(conn, [event_id]).get(event_id)
                return event_item(event, reading, day, dated, cluster)
    return None
