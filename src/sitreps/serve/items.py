"""What the store returns, as the API's items (:mod:`sitreps.serve.schemas`): each event, figure, article,
cluster and contradiction of a list page with the records it refers to, named as in the Reading.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

from sitreps.model import Reading
from sitreps.serve.schemas import (
    ArticleItem,
    ArticleSummary,
    ClusterItem,
    ContradictionItem,
    EventItem,
    FigureItem,
    Page,
)
from sitreps.store.lists import (
    ArticleEntry,
    ClusterEntry,
    ContradictionEntry,
    EventEntry,
    FigureEntry,
    ListPage,
)

T = TypeVar("T")
U = TypeVar("U")


def page(found: ListPage[T], item: Callable[[T], U]) -> Page[U]:
    """A page of the store's list as the API's page of items."""
    return Page(items=[item(entry) for entry in found.items], next=found.next, total=found.total)


def summary_of(reading: Reading) -> ArticleSummary:
    """The summary of a Reading's article (its text left out)."""
    article = reading.article
    return ArticleSummary.model_validate(
        {**article.model_dump(exclude={"text"}), "duplicate_of": article.duplicate_of}
    )


def event_item(entry: EventEntry) -> EventItem:
    """One event with the records of its (partial) Reading that it refers to."""
    event, reading = entry.event, entry.reading
    claims = [c for c in reading.claims if c.subject == event.id]
    wanted = {event.actor1, event.actor2, *event.associated, *(c.claimant for c in claims)}
    wanted |= {r for c in claims for r in c.relay}
    figures = [f for f in reading.figures if f.event == event.id]
    wanted |= {f.party for f in figures}
    places = {p.id: p for p in reading.places}
    return EventItem(
        event=event,
        article=summary_of(reading),
        date=entry.day,
        dated=entry.dated,
        time=next((t for t in reading.times if t.id == event.time), None),
        places=[places[p] for p in event.places if p in places],
        actors=[a for a in reading.actors if a.id in wanted],
        claims=claims,
        figures=figures,
        cluster=entry.cluster,
    )


def figure_item(entry: FigureEntry) -> FigureItem:
    """One figure with the claims about it and the actors they name (its party, claimants, relays)."""
    figure, reading = entry.figure, entry.reading
    claims = [c for c in reading.claims if c.subject == figure.id]
    wanted = {figure.party, *(c.claimant for c in claims), *(r for c in claims for r in c.relay)}
    return FigureItem(
        figure=figure,
        article=summary_of(reading),
        actors=[a for a in reading.actors if a.id in wanted],
        claims=claims,
        cluster=entry.cluster,
    )


def article_item(entry: ArticleEntry) -> ArticleItem:
    return ArticleItem.model_validate(dataclasses.asdict(entry))


def cluster_item(entry: ClusterEntry) -> ClusterItem:
    row = dataclasses.asdict(entry)
    return ClusterItem.model_validate(
        {
            **{k: v for k, v in row.items() if not k.startswith("n_")},
            "events": row["n_events"],
            "articles": row["n_articles"],
            "sources": row["n_sources"],
            "contradictions": row["n_contradictions"],
        }
    )


def contradiction_item(entry: ContradictionEntry) -> ContradictionItem:
    return ContradictionItem(cluster=entry.cluster, start=entry.start, contradiction=entry.contradiction)
