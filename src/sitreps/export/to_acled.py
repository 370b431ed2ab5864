"""Events as ACLED-style CSV: ACLED's columns in ACLED's order, so the file loads where ACLED data does.

One row per real-world event: with the store's clusters, one row per cluster that has an ACLED event type,
taken from its most complete member report, dated and placed as the cluster is, with every member
outlet in ``source``, each claimant's figures in ``notes``, and in ``fatalities`` the lowest death toll
any named claimant gives (ACLED's conservative convention: tolls are never summed across claimants).
Without clusters, one row per event that has an ACLED event type and is reported as having happened
(neither negated nor hypothetical). Columns sitreps cannot fill (admin3, source_scale, tags,
assoc_actor_2) stay empty.
Derived codes come from ``acled.json``; country names, numeric codes and regions from ``countries.json``.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitreps.export.clusters import ClusterIndex
from sitreps.export.event_rows import event_rows
from sitreps.export.to_csv import write_rows
from sitreps.model import EventCluster, Reading

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

UNKNOWN_COUNTRY = "XXX"  # ISO 3166's user-assigned code, for events placed in no known country


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    numeric: int
    name: str
    region: str


def _data(name: str) -> Any:
    return json.loads(resources.files("sitreps.export").joinpath(name).read_text(encoding="utf-8"))


@cache
def countries() -> dict[str, Country]:
    """Every country by its ISO 3166-1 alpha-2 code."""
    return {c["alpha2"]: Country(**c) for c in _data("countries.json")["countries"]}


@cache
def _codes() -> dict[str, Any]:
    return dict(_data("acled.json"))


def event_number(event_id: str) -> int:
    """A stable number for an event id (the same id always gives the same number)."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:12], 16)


def _inter(kind: object, actor_country: object, event_country: Country | None, event_type: str) -> int | None:
    """ACLED's actor type code for an actor of this kind in this event; None where the kind is ambiguous."""
    codes = _codes()
    inter: int | None = codes["inter_by_actor_kind"].get(kind)
    if inter == 1 and event_country is not None and actor_country not in (None, event_country.alpha3):
        return int(codes["inter_state_forces_abroad"])
    if kind == "population":
        return int(codes["inter_population_by_event_type"].get(event_type, inter))
    return inter


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: both actor codes, lower first (12), or one code and 0 (10)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _unix_time(day: object) -> int | None:
    if not day:
        return None
    return int(datetime.combine(date.fromisoformat(str(day)), time.min, tzinfo=UTC).timestamp())


def _notes(row: dict[str, object]) -> str:
    """The event's sentence, and who said so: "... (claimed by X)", "(denied by X)"."""
    notes = str(row["sentence_text"])
    if row["claimant_name"]:
        verb = {"denies": "denied", "questions": "questioned"}.get(str(row["stance"]), "claimed")
        notes += f" ({verb} by {row['claimant_name']})"
    return notes


def acled_row(row: dict[str, object]) -> dict[str, object] | None:
    """The ACLED row of one flat event row; None when ACLED would not record the event (no ACLED event
    type, or reported as not having happened: negated or hypothetical)."""
    event_type, sub_event_type = row["acled_event_type"], row["acled_sub_event_type"]
    if not isinstance(event_type, str) or row["negated"] or row["hypothetical"]:
        return None
    codes = _codes()
    country = countries().get(str(row["country"]))
    event_date = row["time_start"] or row["published"]
    precision = row["time_precision"] if row["time_start"] else None
    disorder_type = codes["disorder_type_by_sub_event_type"].get(
        sub_event_type, codes["disorder_type_by_event_type"].get(event_type)
    )
    inter1 = _inter(row["actor1_kind"], row["actor1_country"], country, event_type)
    inter2 = _inter(row["actor2_kind"], row["actor2_country"], country, event_type)
    targets_civilians = event_type == "Violence against civilians" or inter2 == 7
    geo_precision = row["geo_precision"]
    iso3 = country.alpha3 if country else UNKNOWN_COUNTRY
    return {
        "event_id_cnty": f"{iso3}{event_number(str(row['event_id']))}",
        "event_date": event_date,
        "year": int(str(event_date)[:4]) if event_date else None,
        "time_precision": codes["time_precision"].get(precision, codes["time_precision_otherwise"]),
        "disorder_type": disorder_type,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": row["actor1_name"],
        "assoc_actor_1": row["associated_names"],
        "inter1": inter1,
        "actor2": row["actor2_name"],
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": (
            "Civilian targeting" if targets_civilians and disorder_type == "Political violence" else None
        ),
        "iso": country.numeric if country else None,
        "region": country.region if country else None,
        "country": country.name if country else None,
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "admin3": None,
        "location": row["location"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": None if geo_precision is None else min(int(str(geo_precision)), 3),
        "source": row["outlet"],
        "source_scale": None,
        "notes": _notes(row),
        "fatalities": row["fatalities"] or 0,
        "tags": None,
        "timestamp": _unix_time(row["published"] or event_date),
    }


def acled_rows(readings: Iterable[Reading]) -> Iterator[dict[str, object]]:
    """The ACLED rows of the readings' events, one per event ACLED would record."""
    for reading in readings:
        for row in event_rows(reading):
            acled = acled_row(row)
            if acled is not None:
                yield acled


def cluster_acled_rows(readings: Iterable[Reading], clusters: ClusterIndex) -> Iterator[dict[str, object]]:
    """One ACLED row per cluster with an ACLED event type, in the clusters' order (by date)."""
    candidates: dict[str, list[tuple[dict[str, object], dict[str, object]]]] = defaultdict(list)
    outlets: dict[str, set[str]] = defaultdict(set)
    for reading in readings:
        for row in event_rows(reading, clusters.cluster_of):
            cluster_id = row["cluster_id"]
            if not isinstance(cluster_id, str):
                continue
            if row["outlet"]:
                outlets[cluster_id].add(str(row["outlet"]))
            acled = acled_row(row)
            if acled is not None:
                candidates[cluster_id].append((row, acled))
    for cluster in clusters.clusters():
        if cluster.acled_event_type is None or not candidates.get(cluster.id):
            continue
        row, acled = max(candidates[cluster.id], key=lambda pair: _completeness(pair[0], cluster))
        yield _cluster_row(cluster, row, acled, sorted(outlets[cluster.id]))


def _completeness(row: dict[str, object], cluster: EventCluster) -> tuple[object, ...]:
    """How well a member report stands for its cluster: the cluster's type, then the most filled in."""
    same_type = (row["acled_event_type"], row["acled_sub_event_type"]) == (
        cluster.acled_event_type,
        cluster.acled_sub_event_type,
    )
    filled = sum(row[c] is not None for c in ("actor1", "actor2", "latitude", "time_start", "fatalities"))
    return same_type, filled, row["claimant_name"] is not None, str(row["event_id"])


def lowest_toll(cluster: EventCluster) -> int | None:
    """The lowest death toll any named claimant gives for the cluster: per claimant, its latest "killed"
    figure for each party, summed over that claimant's parties; the least of those. Outlets count only
    when no named claimant gives a toll."""
    totals: dict[str, int] = defaultdict(int)
    for series in cluster.figures:
        if series.kind == "killed" and series.latest is not None:
            totals[series.claimant_key] += series.latest
    named = [n for key, n in totals.items() if not key.startswith("outlet:")]
    return min(named or totals.values(), default=None)


def _cluster_row(
    cluster: EventCluster, row: dict[str, object], acled: dict[str, object], outlets: list[str]
) -> dict[str, object]:
    codes = _codes()
    result = dict(acled)
    country = countries().get(cluster.country or "") or countries().get(str(row["country"]))
    day = cluster.start or cluster.first_reported
    precision = None  # ACLED's 3: a month or more, or no date of its own (the publication date)
    if cluster.start is not None:
        days = 0 if cluster.end is None else (cluster.end - cluster.start).days
        precision = "day" if days == 0 else "range" if days <= 7 else None
    result.update(
        event_id_cnty=f"{country.alpha3 if country else UNKNOWN_COUNTRY}{event_number(cluster.id)}",
        event_date=None if day is None else day.isoformat(),
        year=None if day is None else day.year,
        time_precision=codes["time_precision"].get(precision, codes["time_precision_otherwise"]),
        source="; ".join(outlets) or None,
        notes=_cluster_notes(cluster, row),
        fatalities=lowest_toll(cluster) or 0,
        timestamp=_unix_time(cluster.first_reported or row["published"]),
    )
    if cluster.lat is not None and cluster.lon is not None:
        same_place = row["location"] == cluster.place
        result.update(
            iso=country.numeric if country else None,
            region=country.region if country else None,
            country=country.name if country else None,
            admin1=cluster.admin1,
            admin2=row["admin2"] if same_place else None,
            location=cluster.place,
            latitude=cluster.lat,
            longitude=cluster.lon,
            geo_precision=None if cluster.precision is None else min(cluster.precision, 3),
        )
    return result


def _cluster_notes(cluster: EventCluster, row: dict[str, object]) -> str:
    notes = (
        f"{_notes(row)} [sitreps {cluster.id}: {len(cluster.events)} reports from {cluster.sources} source(s)"
    )
    if cluster.summary:
        notes += "; figures by claimant: " + " | ".join(cluster.summary)
        notes += "; fatalities = the lowest toll of any named claimant"
    if cluster.contradictions:
        notes += f"; {len(cluster.contradictions)} contradiction(s) between claimants"
    return notes + "]"


def write_acled(readings: Iterable[Reading], out: Path, clusters: ClusterIndex | None = None) -> int:
    """Write the ACLED rows to ``out`` as CSV (one per cluster when clusters are given, else one per
    event); returns the number of rows."""
    rows = acled_rows(readings) if clusters is None else cluster_acled_rows(readings, clusters)
    return write_rows(rows, ACLED_COLUMNS, out)
