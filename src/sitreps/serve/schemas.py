"""The shapes the REST API returns (they appear in the OpenAPI document at /docs).

Records inside them are the Reading's own models with the Reading's field names (``event``, ``time``,
``places``, ``actors``, ``claims``, ``figures``); what the API adds around them is named here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from sitreps.model import (
    Actor,
    CasualtyFigure,
    Claim,
    Contradiction,
    Event,
    Place,
    TimeRef,
)

T = TypeVar("T")


class ApiModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class Page(ApiModel, Generic[T]):
    """One page of a list. Pass ``next`` as ``cursor`` to get the following page; null on the last."""

    items: list[T]
    next: str | None = Field(default=None, description="cursor of the next page; null on the last page")
    total: int | None = Field(default=None, description="how many items the whole list holds")


class ArticleSummary(ApiModel):
    """An article without its text (the Article record's fields, plus where it repeats another)."""

    id: str
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    duplicate_of: str | None = Field(default=None, description="the article this one nearly repeats")


class ArticleItem(ArticleSummary):
    snippet: str | None = Field(
        default=None,
        description="with q: the matching passage, each match between U+0002 and U+0003",
    )
    events: int = 0


class EventItem(ApiModel):
    """One event with what it refers to, as records of its article's Reading."""

    event: Event
    article: ArticleSummary
    date: dt.date | None = Field(
        description="the event's time's start, else its article's publication date (see dated)"
    )
    dated: bool = Field(description="true when date is the event's own time, false when the article's")
    time: TimeRef | None = None
    places: list[Place] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list, description="actor1, actor2, associated, claimants")
    claims: list[Claim] = Field(default_factory=list, description="claims whose subject is the event")
    figures: list[CasualtyFigure] = Field(default_factory=list)
    cluster: str | None = Field(default=None, description="id of the event's cluster, if clustered")


class MapCellOut(ApiModel):
    lat: float
    lon: float
    count: int
    plover: str = Field(description="the most frequent PLOVER type in the cell")
    types: dict[str, int]
    precision: int | None = Field(description="the most precise geo precision in the cell (1 town ... 4)")
    bounds: tuple[float, float, float, float] = Field(description="south, west, north, east")
    event: str | None = Field(description="the event id when the cell holds a single event")


class MapOut(ApiModel):
    zoom: int
    cells: list[MapCellOut]
    located: int = Field(description="events in the filter and box with a point")
    unlocated: int = Field(description="events in the filter without any point (not on the map)")


class TimelineBinOut(ApiModel):
    start: dt.date
    count: int


class TimelineOut(ApiModel):
    bin: Literal["day", "week", "month"]
    bins: list[TimelineBinOut]
    undated: int = Field(description="events with neither a time nor a publication date")
    before: int = Field(description="events on isolated days long before the first bin (not drawn)")
    after: int = Field(description="events on isolated days long after the last bin (not drawn)")


class FigureItem(ApiModel):
    """One casualty figure with the claims about it and the actors they name."""

    figure: CasualtyFigure
    article: ArticleSummary
    actors: list[Actor] = Field(default_factory=list, description="the party and the claimants")
    claims: list[Claim] = Field(default_factory=list)
    cluster: str | None = None


class ContradictionItem(ApiModel):
    cluster: str
    start: dt.date | None = Field(default=None, description="the cluster's first day")
    contradiction: Contradiction


class ClusterItem(ApiModel):
    """A cluster's headline fields (the whole EventCluster is at /api/clusters/{id})."""

    id: str
    plover: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    events: int
    articles: int
    sources: int
    contradictions: int


class Stats(ApiModel):
    counts: dict[str, int]
    events: int = Field(description="events shown by default (near-duplicate articles left out)")
    published: dict[str, dt.date | None]
    event_dates: dict[str, dt.date | None]
    outlets: dict[str, int]
    languages: dict[str, int]
    events_by_plover: dict[str, int]
    events_by_acled: dict[str, int]
    events_by_country: dict[str, int]
    figures_by_kind: dict[str, int]
    clusters: int
    contradictions: int
    index: dict[str, Any]
