"""The REST API under /api: read-only, paged by cursor, with the Reading's field names.

Every list takes ``limit`` (1-500, default 50) and ``cursor`` (the ``next`` of the previous page) and
returns ``{"items": [...], "next": cursor or null, "total": n}`` in a stable order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import JSONResponse

from sitreps.model import EventCluster, Reading
from sitreps.serve.dependencies import Index, StoreReader
from sitreps.serve.items import (
    article_item,
    cluster_item,
    contradiction_item,
    event_item,
    figure_item,
    page,
)
from sitreps.serve.schemas import (
    ArticleItem,
    ClusterItem,
    ContradictionItem,
    EventItem,
    FigureItem,
    MapCellOut,
    MapOut,
    Page,
    Stats,
    TimelineBinOut,
    TimelineOut,
)
from sitreps.store import Reader
from sitreps.store.cursors import BadCursor
from sitreps.store.event_filter import BBox, EventFilter
from sitreps.store.event_index import EventIndex
from sitreps.store.lists import ArticleQuery, ClusterQuery, ContradictionQuery, FigureQuery

T = TypeVar("T")

router = APIRouter(prefix="/api")

# Items per page of every list: the default, and the most a request may ask for.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Cursor = Annotated[str | None, Query(description="the `next` of the previous page")]
From = Annotated[date | None, Query(alias="from", description="first day, included (YYYY-MM-DD)")]
To = Annotated[date | None, Query(alias="to", description="last day, included (YYYY-MM-DD)")]
Id = Annotated[str, Path(min_length=1, max_length=200)]
# Full-text search: longer text is refused (422), and only the first distinct words are searched for.
# Every word is one more phrase for FTS5's snippet(), whose cost grows faster than the number of phrases.
MAX_SEARCH_CHARS = 500
MAX_SEARCH_WORDS = 32
SearchText = Annotated[
    str | None,
    Query(
        max_length=MAX_SEARCH_CHARS,
        description=f"words of the article's title or text (full-text search; the first {MAX_SEARCH_WORDS}"
        " different words count)",
    ),
]


def search_words(q: str | None) -> str | None:
    """The words of a search, each once (case-insensitively), at most MAX_SEARCH_WORDS; None when blank."""
    words: dict[str, str] = {}
    for word in (q or "").split():
        words.setdefault(word.casefold(), word)
    kept = list(words.values())[:MAX_SEARCH_WORDS]
    return " ".join(kept) or None


def _values(raw: list[str] | None, *, upper: bool = False) -> tuple[str, ...]:
    """Repeated or comma-separated values, trimmed, without empties."""
    values = [v.strip() for item in raw or [] for v in item.split(",")]
    return tuple(dict.fromkeys(v.upper() if upper else v for v in values if v))


def _bbox(raw: str | None) -> BBox | None:
    if raw is None or not raw.strip():
        return None
    try:
        west, south, east, north = (float(v) for v in raw.split(","))
    except ValueError:
        raise HTTPException(422, "bbox must be four numbers: west,south,east,north") from None
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise HTTPException(422, "bbox must be west,south,east,north in degrees, with south <= north")
    return west, south, east, north


def event_filter(
    start: From = None,
    end: To = None,
    country: Annotated[
        list[str] | None,
        Query(description="ISO 3166-1 alpha-2 of the event's place; repeat or comma-separate"),
    ] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    plover: Annotated[list[str] | None, Query(description="PLOVER event types, e.g. ASSAULT,PROTEST")] = None,
    acled: Annotated[list[str] | None, Query(description="ACLED event types, e.g. Battles")] = None,
    actor: Annotated[
        str | None, Query(description="part of an actor's name (actor1, actor2, associated)")
    ] = None,
    claimant: Annotated[str | None, Query(description="part of the name of who claims the event")] = None,
    q: SearchText = None,
    article: Annotated[str | None, Query(description="only this article's events")] = None,
    duplicates: Annotated[bool, Query(description="include events of near-duplicate articles")] = False,
) -> EventFilter:
    if start is not None and end is not None and end < start:
        raise HTTPException(422, "`to` is before `from`")
    return EventFilter(
        start=start,
        end=end,
        country=_values(country, upper=True),
        bbox=_bbox(bbox),
        plover=_values(plover, upper=True),
        acled=_values(acled),
        actor=actor.strip() or None if actor else None,
        claimant=claimant.strip() or None if claimant else None,
        q=search_words(q),
        article=article or None,
        duplicates=duplicates,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def _paged(call: Callable[[], T]) -> T:
    try:
        return call()
    except BadCursor as e:
        raise HTTPException(400, str(e)) from None


def kept_store_stats(reader: Reader, index: EventIndex) -> dict[str, Any]:
    """The store's own counts for the stats (:meth:`Reader.api_stats`), counted once per state of the
    store (the server counts them at startup: at 1M events the counts take seconds)."""
    return index.per_version(("stats",), reader.api_stats)


@router.get("/articles", response_model=Page[ArticleItem], tags=["articles"])
def articles(
    store: StoreReader,
    q: SearchText = None,
    outlet: str | None = None,
    start: From = None,
    end: To = None,
    duplicates: Annotated[bool, Query(description="include near-duplicate articles")] = True,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[ArticleItem]:
    """Articles, newest first, without their text; with `q`, those holding every word, with a snippet."""
    query = ArticleQuery(q=search_words(q), outlet=outlet, start=start, end=end, duplicates=duplicates)
    found = _paged(lambda: store.articles_page(query, cursor=cursor, limit=limit))
    return page(found, article_item)


@router.get("/articles/{article_id}", response_model=Reading, tags=["articles"])
def article(store: StoreReader, article_id: Id) -> JSONResponse:
    """The article's Reading: its text and every record with its spans, as `sitreps read` prints it."""
    found = store.reading(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return JSONResponse(found.to_json_dict())


@router.get("/events", response_model=Page[EventItem], tags=["events"])
def events(
    store: StoreReader,
    index: Index,
    flt: Filter,
    order: Annotated[Literal["newest", "oldest"], Query(description="by date, then id")] = "newest",
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[EventItem]:
    """Events that match every filter given, with their records. An event's date is its time's start,
    else its article's publication date (`dated` says which). Near-duplicates are left out unless
    `duplicates=true`."""
    found = _paged(lambda: store.events_page(index, flt, cursor=cursor, limit=limit, order=order))
    return page(found, event_item)


@router.get("/events/map", response_model=MapOut, tags=["events"])
def events_map(
    index: Index,
    flt: Filter,
    zoom: Annotated[int, Query(ge=0, le=22, description="the map's zoom level")] = 2,
) -> MapOut:
    """Events with a point counted per grid cell of about 64 pixels at `zoom` (pass the view as `bbox`).
    A cell with one event names it."""
    view = index.map_cells(flt, zoom)
    return MapOut(
        zoom=view.zoom,
        cells=[
            MapCellOut(
                lat=c.lat,
                lon=c.lon,
                count=c.count,
                plover=c.plover,
                types=c.types,
                precision=c.precision,
                bounds=c.bounds,
                event=c.event,
            )
            for c in view.cells
        ],
        located=view.located,
        unlocated=view.unlocated,
    )


@router.get("/events/timeline", response_model=TimelineOut, tags=["events"])
def events_timeline(
    index: Index,
    flt: Filter,
    bin: Annotated[
        Literal["day", "week", "month"] | None, Query(description="default: from the span of dates")
    ] = None,
) -> TimelineOut:
    """Events per day, week or month that match the filters; `from`/`to` set the range drawn (the page
    passes its zoom here, not the range brushed on it)."""
    timeline = index.timeline(flt, bin)
    return TimelineOut(
        bin=timeline.bin,
        bins=[TimelineBinOut(start=b.start, count=b.count) for b in timeline.bins],
        undated=timeline.undated,
        before=timeline.before,
        after=timeline.after,
    )


@router.get("/events/{event_id}", response_model=EventItem, tags=["events"])
def event(store: StoreReader, index: Index, event_id: Id) -> EventItem:
    """One event with its records."""
    found = store.event(index, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id}")
    return event_item(found)


@router.get("/clusters", response_model=Page[ClusterItem], tags=["clusters"])
def clusters(
    store: StoreReader,
    start: From = None,
    end: To = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2")] = None,
    plover: str | None = None,
    contradicted: Annotated[bool, Query(description="only clusters with contradictions")] = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[ClusterItem]:
    """Event clusters (one real-world event reported by many articles), newest first."""
    query = ClusterQuery(
        start=start,
        end=end,
        country=country.upper() if country else None,
        plover=plover.upper() if plover else None,
        contradicted=contradicted,
    )
    found = _paged(lambda: store.clusters_page(query, cursor=cursor, limit=limit))
    return page(found, cluster_item)


@router.get("/clusters/{cluster_id}", response_model=EventCluster, tags=["clusters"])
def cluster(store: StoreReader, cluster_id: Id) -> JSONResponse:
    """One cluster: each claimant's version, figure timelines per claimant, contradictions."""
    found = store.cluster(cluster_id)
    if found is None:
        raise HTTPException(404, f"no cluster {cluster_id}")
    return JSONResponse(found.model_dump(mode="json", by_alias=True))


@router.get("/figures", response_model=Page[FigureItem], tags=["figures"])
def figures(
    store: StoreReader,
    kind: Annotated[str | None, Query(description="killed, wounded, captured, missing, ...")] = None,
    population: Annotated[str | None, Query(description="military, civilian or unknown")] = None,
    claimant: Annotated[str | None, Query(description="part of the claimant's name")] = None,
    article: str | None = None,
    start: From = None,
    end: To = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[FigureItem]:
    """Casualty figures as reported, newest first (by as_of, else publication date); never summed."""
    query = FigureQuery(
        kind=kind, population=population, article=article, claimant=claimant, start=start, end=end
    )
    found = _paged(lambda: store.figures_page(query, cursor=cursor, limit=limit))
    return page(found, figure_item)


@router.get("/contradictions", response_model=Page[ContradictionItem], tags=["clusters"])
def contradictions(
    store: StoreReader,
    cluster: str | None = None,
    about: Annotated[Literal["initiator", "figure", "denial"] | None, Query()] = None,
    claimant: Annotated[str | None, Query(description="part of either claimant's name")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[ContradictionItem]:
    """Where two claimants disagree about the same event, each side with its evidence."""
    query = ContradictionQuery(cluster=cluster, about=about, claimant=claimant)
    found = _paged(lambda: store.contradictions_page(query, cursor=cursor, limit=limit))
    return page(found, contradiction_item)


@router.get("/stats", response_model=Stats, tags=["stats"])
def stats(store: StoreReader, index: Index) -> Stats:
    """What the database holds: counts, date ranges, events per type and country, figure kinds."""
    shown = index.summary(EventFilter())
    held = kept_store_stats(store, index)
    return Stats(
        counts=held["counts"],
        events=shown.events,
        published=held["published"],
        event_dates={"first": shown.first, "last": shown.last},
        outlets=held["outlets"],
        languages=held["languages"],
        events_by_plover=shown.by_plover,
        events_by_acled=shown.by_acled,
        events_by_country=shown.by_country,
        figures_by_kind=held["figures_by_kind"],
        clusters=held["clusters"],
        contradictions=held["contradictions"],
        index={"events": index.size(), "last_refresh_s": round(index.last_refresh_s, 3)},
    )
