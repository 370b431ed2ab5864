"""A Reading as flat table rows: the one layout shared by the SQLite store, the Parquet export and Spark.

Every record becomes one row of its table, every list of ids one row per item of a child table, and every
span three columns ``<name>_start``, ``<name>_end``, ``<name>_text`` beside the row's ``article_id``
(a span always points into its own article). ``position`` keeps each list's order, so that
:func:`reading_from_rows` gives back a Reading equal to the one :func:`rows` was given. Dates are ISO
strings, booleans are ``bool``, absent values are ``None``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Literal, cast

from sitreps.model import (
    Actor,
    Article,
    CasualtyFigure,
    Claim,
    Event,
    Place,
    Reading,
    Record,
    Relation,
    Span,
    TimeRef,
)

ColumnType = Literal["str", "int", "float", "bool", "date"]


def _span_columns(name: str) -> tuple[tuple[str, ColumnType], ...]:
    return ((f"{name}_start", "int"), (f"{name}_end", "int"), (f"{name}_text", "str"))


def _owned(owner: str) -> tuple[tuple[str, ColumnType], ...]:
    """The leading columns of a row that belongs to a record (its id) and sits at a place in its list."""
    return ((owner, "str"), ("article_id", "str"), ("position", "int"))


# Parent tables come before their children: the store inserts in this order.
SCHEMA: dict[str, tuple[tuple[str, ColumnType], ...]] = {
    "articles": (
        ("id", "str"),
        ("url", "str"),
        ("outlet", "str"),
        ("author", "str"),
        ("title", "str"),
        ("published", "date"),
        ("language", "str"),
        ("text", "str"),
        ("source", "str"),
        ("duplicate_of", "str"),
    ),
    "actors": (
        *_owned("id"),
        ("name", "str"),
        ("kind", "str"),
        ("country", "str"),
        ("sector", "str"),
        ("role", "str"),
    ),
    "actor_aliases": (*_owned("actor_id"), ("alias", "str")),
    "mentions": (*_owned("actor_id"), *_span_columns("mention")),
    "places": (
        *_owned("id"),
        *_span_columns("mention"),
        ("name", "str"),
        ("place_id", "str"),
        ("country", "str"),
        ("admin1", "str"),
        ("admin2", "str"),
        ("lat", "float"),
        ("lon", "float"),
        ("feature", "str"),
        ("precision", "int"),
        ("metonymic", "bool"),
        ("confidence", "float"),
    ),
    "times": (
        *_owned("id"),
        *_span_columns("mention"),
        ("start", "date"),
        ("end", "date"),
        ("precision", "str"),
        ("anchor", "date"),
    ),
    "events": (
        *_owned("id"),
        ("plover", "str"),
        ("mode", "str"),
        ("acled_event_type", "str"),
        ("acled_sub_event_type", "str"),
        ("cameo_root", "str"),
        ("actor1", "str"),
        ("actor2", "str"),
        ("time", "str"),
        ("habitual", "bool"),
        ("negated", "bool"),
        ("hypothetical", "bool"),
        *_span_columns("trigger"),
        *_span_columns("sentence"),
        ("confidence", "float"),
    ),
    "event_places": (*_owned("event_id"), ("place_id", "str")),
    "event_associated": (*_owned("event_id"), ("actor_id", "str")),
    "figures": (
        *_owned("id"),
        ("kind", "str"),
        ("count", "int"),
        ("count_min", "int"),
        ("count_max", "int"),
        ("qualifier", "str"),
        ("party", "str"),
        ("population", "str"),
        ("event", "str"),
        ("as_of", "date"),
        *_span_columns("span"),
    ),
    "claims": (
        *_owned("id"),
        ("subject", "str"),
        ("subject_kind", "str"),
        *_span_columns("statement"),
        ("claimant", "str"),
        ("stance", "str"),
        ("quoted", "bool"),
        ("said_on", "date"),
        *_span_columns("evidence"),
    ),
    "claim_relay": (*_owned("claim_id"), ("actor_id", "str")),
    "relations": (
        ("article_id", "str"),
        ("position", "int"),
        ("kind", "str"),
        ("from_id", "str"),
        ("to_id", "str"),
        *_span_columns("evidence"),
    ),
}

TABLES: dict[str, tuple[str, ...]] = {
    table: tuple(column for column, _ in columns) for table, columns in SCHEMA.items()
}
"""The column names of each table, in order."""

COLUMN_TYPES: dict[str, dict[str, ColumnType]] = {table: dict(columns) for table, columns in SCHEMA.items()}
"""Each column's logical type: what the store, Parquet and Spark map to their own types."""

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "actors": ("id",),
    "actor_aliases": ("actor_id", "position"),
    "mentions": ("actor_id", "position"),
    "places": ("id",),
    "times": ("id",),
    "events": ("id",),
    "event_places": ("event_id", "position"),
    "event_associated": ("event_id", "position"),
    "figures": ("id",),
    "claims": ("id",),
    "claim_relay": ("claim_id", "position"),
    "relations": ("article_id", "kind", "from_id", "to_id"),
}

Row = dict[str, object]

# Each record's span fields: a span field ``x`` becomes the columns x_start, x_end, x_text.
_SPANS: dict[type[Record], tuple[str, ...]] = {
    Actor: (),
    Place: ("mention",),
    TimeRef: ("mention",),
    Event: ("trigger", "sentence"),
    CasualtyFigure: ("span",),
    Claim: ("statement", "evidence"),
    Relation: ("evidence",),
}
# List fields held in child tables rather than in the record's own row.
_LISTS = {"aliases", "mentions", "associated", "places", "relay"}


def _span(name: str, span: Span | None) -> Row:
    if span is None:
        return {f"{name}_start": None, f"{name}_end": None, f"{name}_text": None}
    return {f"{name}_start": span.start, f"{name}_end": span.end, f"{name}_text": span.text}


def _flatten(record: Record, article_id: str, position: int) -> Row:
    """A record's own row: its scalar fields (dates as ISO strings), spans as columns, no list fields."""
    spans = _SPANS[type(record)]
    row: Row = {"article_id": article_id, "position": position}
    row.update(record.model_dump(mode="json", exclude={*spans, *_LISTS}))
    for name in spans:
        row.update(_span(name, getattr(record, name)))
    return row


def article_row(article: Article) -> Row:
    """The ``articles`` row of an article, with its source and duplicate_of (not in the Reading JSON)."""
    row: Row = article.model_dump(mode="json")
    row["source"] = article.source
    row["duplicate_of"] = article.duplicate_of
    return row


def rows(reading: Reading) -> dict[str, list[Row]]:
    """Every table's rows for one Reading; a table with nothing to hold has an empty list."""
    aid = reading.article.id
    out: dict[str, list[Row]] = {table: [] for table in TABLES}
    out["articles"].append(article_row(reading.article))

    def child(table: str, owner: str, owner_id: str, items: Iterable[Row]) -> None:
        for j, item in enumerate(items):
            out[table].append({owner: owner_id, "article_id": aid, "position": j, **item})

    for i, actor in enumerate(reading.actors):
        out["actors"].append(_flatten(actor, aid, i))
        child("actor_aliases", "actor_id", actor.id, ({"alias": alias} for alias in actor.aliases))
        child("mentions", "actor_id", actor.id, (_span("mention", m) for m in actor.mentions))
    out["places"] = [_flatten(place, aid, i) for i, place in enumerate(reading.places)]
    out["times"] = [_flatten(time, aid, i) for i, time in enumerate(reading.times)]
    for i, event in enumerate(reading.events):
        out["events"].append(_flatten(event, aid, i))
        child("event_places", "event_id", event.id, ({"place_id": p} for p in event.places))
        child("event_associated", "event_id", event.id, ({"actor_id": a} for a in event.associated))
    out["figures"] = [_flatten(figure, aid, i) for i, figure in enumerate(reading.figures)]
    for i, claim in enumerate(reading.claims):
        out["claims"].append(_flatten(claim, aid, i))
        child("claim_relay", "claim_id", claim.id, ({"actor_id": a} for a in claim.relay))
    for i, relation in enumerate(reading.relations):
        row = _flatten(relation, aid, i)
        row["from_id"] = row.pop("from_")
        row["to_id"] = row.pop("to")
        out["relations"].append(row)
    return out


def _ordered(table_rows: Iterable[Mapping[str, object]]) -> list[Mapping[str, object]]:
    return sorted(table_rows, key=lambda row: cast(int, row["position"]))


def grouped(
    table_rows: Iterable[Mapping[str, object]], owner: str
) -> dict[object, list[Mapping[str, object]]]:
    """Rows per value of their ``owner`` column (a child table's rows per owning record, a table's rows
    per article), in the order given."""
    groups: dict[object, list[Mapping[str, object]]] = defaultdict(list)
    for row in table_rows:
        groups[row[owner]].append(row)
    return groups


def _unspan(name: str, row: Mapping[str, object], article_id: str) -> dict[str, object] | None:
    if row[f"{name}_start"] is None:
        return None
    return {
        "article_id": article_id,
        "start": row[f"{name}_start"],
        "end": row[f"{name}_end"],
        "text": row[f"{name}_text"],
    }


def _unflatten(cls: type[Record], row: Mapping[str, object], article_id: str) -> dict[str, object]:
    """The fields of a record's own row (list fields are filled in by the caller)."""
    spans = _SPANS[cls]
    data: dict[str, object] = {}
    for name in cls.model_fields:
        if name in spans:
            data[name] = _unspan(name, row, article_id)
        elif name not in _LISTS:
            data[name] = row[name]
    return data


def article_from_row(row: Mapping[str, object]) -> Article:
    """The Article of an ``articles`` row (extra columns, such as the store's, are ignored)."""
    return Article.model_validate({column: row[column] for column in TABLES["articles"]})


def reading_from_rows(
    article_row: Mapping[str, object], table_rows: Mapping[str, Iterable[Mapping[str, object]]]
) -> Reading:
    """The Reading that :func:`rows` flattened. ``table_rows`` holds this article's rows, in any order, per
    table; a missing table counts as empty."""

    def table(name: str) -> list[Mapping[str, object]]:
        return _ordered(table_rows.get(name, ()))

    def values(
        groups: dict[object, list[Mapping[str, object]]], owner_id: object, column: str
    ) -> list[object]:
        return [row[column] for row in groups.get(owner_id, [])]

    article = article_from_row(article_row)
    aid = article.id
    aliases = grouped(table("actor_aliases"), "actor_id")
    mentions = grouped(table("mentions"), "actor_id")
    event_places = grouped(table("event_places"), "event_id")
    associated = grouped(table("event_associated"), "event_id")
    relay = grouped(table("claim_relay"), "claim_id")
    actors = [
        {
            **_unflatten(Actor, row, aid),
            "aliases": values(aliases, row["id"], "alias"),
            "mentions": [_unspan("mention", m, aid) for m in mentions.get(row["id"], [])],
        }
        for row in table("actors")
    ]
    events = [
        {
            **_unflatten(Event, row, aid),
            "places": values(event_places, row["id"], "place_id"),
            "associated": values(associated, row["id"], "actor_id"),
        }
        for row in table("events")
    ]
    claims = [
        {**_unflatten(Claim, row, aid), "relay": values(relay, row["id"], "actor_id")}
        for row in table("claims")
    ]
    relations = [
        _unflatten(Relation, {**row, "from_": row["from_id"], "to": row["to_id"]}, aid)
        for row in table("relations")
    ]
    return Reading.model_validate(
        {
            "article": article,
            "actors": actors,
            "places": [_unflatten(Place, row, aid) for row in table("places")],
            "times": [_unflatten(TimeRef, row, aid) for row in table("times")],
            "events": events,
            "figures": [_unflatten(CasualtyFigure, row, aid) for row in table("figures")],
            "claims": claims,
            "relations": relations,
        }
    )
