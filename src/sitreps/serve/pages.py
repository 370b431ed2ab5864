"""The HTML pages: the explorer (map, timeline, list, search), an article with its spans highlighted, and
the claims view of a cluster. Jinja2 escapes every value; scripts are static files (no inline script).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader

from sitreps.model import QUALIFIER_WORDS, Account, EventCluster, Reading
from sitreps.serve.dependencies import StoreReader
from sitreps.serve.highlight import KINDS, marks, pieces

router = APIRouter(include_in_schema=False)


def web_url(url: str | None) -> str | None:
    """The URL when it is an http(s) address, else None: a ``javascript:`` URL never becomes a link."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in {"http", "https"} else None


def count_text(figure: Any) -> str:
    """A figure's number as said: '135', 'at least 135', 'about 10-20' (for figures, points or rows)."""

    def get(name: str) -> Any:
        return figure[name] if isinstance(figure, dict) else getattr(figure, name)

    count, low, high = get("count"), get("count_min"), get("count_max")
    if count is not None:
        number = str(count)
    elif low is not None and high is not None:
        number = f"{low}–{high}"
    elif low is not None or high is not None:
        number = str(low if low is not None else high)
    else:
        number = "?"
    return QUALIFIER_WORDS.get(str(get("qualifier")), "") + number


environment = Environment(loader=PackageLoader("sitreps.serve", "templates"), autoescape=True)
environment.filters["web_url"] = web_url
environment.filters["count_text"] = count_text
templates = Jinja2Templates(env=environment)

Id = Annotated[str, Path(min_length=1, max_length=200)]


def _not_found(request: Request, what: str) -> Response:
    return templates.TemplateResponse(request, "not_found.html", {"what": what}, status_code=404)


@router.get("/", response_class=HTMLResponse)
def explorer(request: Request) -> Response:
    """The map, the timeline and the event list, all driven by the same filters."""
    return templates.TemplateResponse(request, "index.html", {})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreReader, article_id: Id) -> Response:
    """An article's text with every extracted span highlighted, and its records."""
    found = store.reading(article_id)
    if found is None:
        return _not_found(request, f"article {article_id}")
    context = {
        "reading": found,
        "article": found.article,
        "pieces": pieces(found.article.text, marks(found)),
        "kinds": KINDS,
        "names": {a.id: a.name for a in found.actors},
        "places": {p.id: p for p in found.places},
        "times": {t.id: t for t in found.times},
        "clusters": store.clusters_of_article(article_id),
        "duplicate_of": found.article.duplicate_of,
        "counts": _counts(found),
    }
    return templates.TemplateResponse(request, "article.html", context)


def _counts(found: Reading) -> dict[str, int]:
    return {
        "actors": len(found.actors),
        "places": len(found.places),
        "times": len(found.times),
        "events": len(found.events),
        "figures": len(found.figures),
        "claims": len(found.claims),
    }


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(request: Request, store: StoreReader, cluster_id: Id) -> Response:
    """The claims view: each claimant's version side by side, denials and contradictions marked, and
    each claimant's figures over time."""
    found = store.cluster(cluster_id)
    if found is None:
        return _not_found(request, f"cluster {cluster_id}")
    articles = store.articles(found.articles)
    context = {
        "cluster": found,
        "articles": articles,
        "fields": _fields(found),
        "contradicted": _contradicted(found),
        "series": _series_rows(found),
    }
    return templates.TemplateResponse(request, "cluster.html", context)


FIELD_ORDER = ("initiator", "target", "place", "date", "figure", "denial")


def _fields(found: EventCluster) -> list[str]:
    """The fields any claimant gave, in a fixed order, so the versions line up row by row."""
    given = {a.field for v in found.versions for a in v.accounts}
    return [f for f in FIELD_ORDER if f in given]


def account_key(account: Account) -> tuple[str, str, str, str]:
    return (account.claimant_key, account.field, account.record, account.article_id)


def _contradicted(found: EventCluster) -> set[tuple[str, str, str, str]]:
    """The accounts some contradiction names, to mark them in the versions."""
    keys = set()
    for c in found.contradictions:
        keys.add(account_key(c.first))
        keys.add(account_key(c.second))
    return keys


def _series_rows(found: EventCluster) -> list[dict[str, Any]]:
    """Every figure point as a table row, claimant by claimant, oldest first (the chart's data, as text)."""
    rows = []
    for series in found.figures:
        for point in series.points:
            day: date | None = point.as_of or point.published
            rows.append(
                {
                    "claimant": series.claimant or series.claimant_key,
                    "kind": series.kind,
                    "party": series.party,
                    "population": series.population,
                    "day": day,
                    "count": point.count,
                    "count_min": point.count_min,
                    "count_max": point.count_max,
                    "qualifier": point.qualifier,
                    "article_id": point.article_id,
                    "evidence": point.evidence.text,
                }
            )
    return rows
