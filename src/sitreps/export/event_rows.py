"""Each event of a Reading as one flat row: the shape of the CSV export, the GeoJSON properties and the
ACLED writer's input. Values are JSON scalars (str, int, float, bool or None); dates are ISO strings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from sitreps.model import QUALIFIER_WORDS, Actor, CasualtyFigure, Claim, Place, Reading

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "cluster_id", "article_id", "outlet", "url", "published", "title",
    "plover", "mode", "acled_event_type", "acled_sub_event_type", "cameo_root",
    "actor1", "actor1_name", "actor1_country", "actor1_kind",
    "actor2", "actor2_name", "actor2_country", "actor2_kind",
    "associated_names",
    "time_start", "time_end", "time_precision",
    "place_names", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "claimant_name", "relay_names", "stance",
    "habitual", "negated", "hypothetical", "confidence",
    "trigger_text", "trigger_start", "trigger_end", "sentence_text",
    "figures", "fatalities",
)  # fmt: skip

# Lists inside one cell are joined with ACLED's separator.
SEPARATOR = "; "


def figure_count(figure: CasualtyFigure) -> int | None:
    """The one number a figure stands for: its count, else the low end of its range, else the high end."""
    for value in (figure.count, figure.count_min, figure.count_max):
        if value is not None:
            return value
    return None


def describe_figure(figure: CasualtyFigure, actors: dict[str, Actor]) -> str:
    """A figure in words, e.g. ``killed 79 (military, Azerbaijan)`` or ``wounded at least 10-20``."""
    if figure.count is not None:
        number = str(figure.count)
    elif figure.count_min is not None and figure.count_max is not None:
        number = f"{figure.count_min}-{figure.count_max}"
    else:
        count = figure_count(figure)
        number = "?" if count is None else str(count)
    details: list[str] = [figure.population] if figure.population != "unknown" else []
    if figure.party is not None:
        details.append(actors[figure.party].name if figure.party in actors else figure.party)
    text = f"{figure.kind} {QUALIFIER_WORDS[figure.qualifier]}{number}"
    return f"{text} ({', '.join(details)})" if details else text


def fatalities(figures: list[CasualtyFigure]) -> int | None:
    """Deaths in one event as one article reports them: the smallest 'killed' figure for each party
    (and population), summed over parties; None when no 'killed' figure is linked to the event."""
    smallest: dict[tuple[str | None, str], int] = {}
    for figure in figures:
        count = figure_count(figure)
        if figure.kind != "killed" or count is None:
            continue
        key = (figure.party, figure.population)
        smallest[key] = min(count, smallest.get(key, count))
    return sum(smallest.values()) if smallest else None


def event_location(places: list[Place]) -> Place | None:
    """The place an event is mapped to: the first with coordinates, else the first at all."""
    for place in places:
        if place.lat is not None and place.lon is not None:
            return place
    return places[0] if places else None


def event_rows(reading: Reading, cluster_of: Mapping[str, str] | None = None) -> Iterator[dict[str, object]]:
    """One flat row per event of the Reading, in the Reading's order, with the columns EVENT_COLUMNS
    (``cluster_id`` from ``cluster_of``, event id -> cluster id; None when not clustered)."""
    article = reading.article
    actors = {actor.id: actor for actor in reading.actors}
    places = {place.id: place for place in reading.places}
    times = {time.id: time for time in reading.times}
    claims: dict[str, Claim] = {}
    for claim in reading.claims:
        if claim.subject is not None and claim.subject_kind == "event":
            claims.setdefault(claim.subject, claim)
    figures: dict[str, list[CasualtyFigure]] = {}
    for figure in reading.figures:
        if figure.event is not None:
            figures.setdefault(figure.event, []).append(figure)

    def name(actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        return actors[actor_id].name if actor_id in actors else actor_id

    def joined(values: list[str]) -> str | None:
        return SEPARATOR.join(values) if values else None

    for event in reading.events:
        actor1, actor2 = actors.get(event.actor1 or ""), actors.get(event.actor2 or "")
        time = times.get(event.time or "")
        event_places = [places[p] for p in event.places if p in places]
        location = event_location(event_places)
        said = claims.get(event.id)
        linked = figures.get(event.id, [])
        yield {
            "event_id": event.id,
            "cluster_id": cluster_of.get(event.id) if cluster_of else None,
            "article_id": article.id,
            "outlet": article.outlet,
            "url": article.url,
            "published": _iso(article.published),
            "title": article.title,
            "plover": event.plover,
            "mode": event.mode,
            "acled_event_type": event.acled_event_type,
            "acled_sub_event_type": event.acled_sub_event_type,
            "cameo_root": event.cameo_root,
            "actor1": event.actor1,
            "actor1_name": name(event.actor1),
            "actor1_country": actor1.country if actor1 else None,
            "actor1_kind": actor1.kind if actor1 else None,
            "actor2": event.actor2,
            "actor2_name": name(event.actor2),
            "actor2_country": actor2.country if actor2 else None,
            "actor2_kind": actor2.kind if actor2 else None,
            "associated_names": joined([name(a) or a for a in event.associated]),
            "time_start": _iso(time.start) if time else None,
            "time_end": _iso(time.end) if time else None,
            "time_precision": time.precision if time else "unknown",  # never the publication date
            "place_names": joined([p.name or p.mention.text for p in event_places]),
            "country": location.country if location else None,
            "admin1": location.admin1 if location else None,
            "admin2": location.admin2 if location else None,
            "location": (location.name or location.mention.text) if location else None,
            "latitude": location.lat if location else None,
            "longitude": location.lon if location else None,
            "geo_precision": location.precision if location else None,
            "claimant_name": name(said.claimant) if said else None,
            "relay_names": joined([name(a) or a for a in said.relay]) if said else None,
            "stance": said.stance if said else None,
            "habitual": event.habitual,
            "negated": event.negated,
            "hypothetical": event.hypothetical,
            "confidence": event.confidence,
            "trigger_text": event.trigger.text,
            "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end,
            "sentence_text": event.sentence.text,
            "figures": joined([describe_figure(f, actors) for f in linked]),
            "fatalities": fatalities(linked),
        }


def _iso(value: object) -> str | None:
    return None if value is None else str(value)
