"""The corpus-level commands: `sitreps cluster`, `events`, `contradictions` and `figures`.

Thin commands over :mod:`sitreps.cluster.update` and the store. Tables for people, one JSON document
(``--format json``) for programs. :func:`run_clustering` is also how `ingest` and `load` end.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sitreps.cli.common import ExistingDb, open_store, out, table_or_json
from sitreps.cluster.linking import ClusterConfig
from sitreps.cluster.update import update_clusters
from sitreps.errors import SitrepsError
from sitreps.model import Account, EventCluster
from sitreps.store import Store

FormatOption = Annotated[str, typer.Option("--format", help="table or json.")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML file of cluster thresholds (see ClusterConfig).")
]


def run_clustering(db: Path, config_path: Path | None = None, *, rebuild: bool = False) -> str:
    """Update the clusters of ``db``; returns a one-line report."""
    config = ClusterConfig.from_toml(config_path) if config_path else ClusterConfig()
    with open_store(db) as store:
        report = update_clusters(store, config, rebuild=rebuild)
    return (
        f"clusters ({db}): {report.new_events} new events, {report.links} new links, "
        f"{report.recomputed} clusters recomputed, {report.clusters} in all ({report.seconds:.2f} s)"
    )


def cluster(
    db: ExistingDb,
    config: ConfigOption = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget every cluster and link, and compute them again.")
    ] = False,
) -> None:
    """Cluster the events of different articles that report the same real-world event."""
    out.print(run_clustering(db, config, rebuild=rebuild), markup=False)


def events(
    db: ExistingDb,
    country: Annotated[str | None, typer.Option(help="ISO alpha-2 code, e.g. AM.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest day, YYYY-MM-DD.")] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="PLOVER type (ASSAULT) or ACLED event type (Battles).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 200,
    format: FormatOption = "table",
) -> None:
    """Real-world events (clusters of reports), oldest first: one row per event, not per article."""
    table_or_json(format)
    with open_store(db) as store:
        found = store.clusters(country=country, since=_day(since), until=_day(until), kind=type_, limit=limit)
    if format == "json":
        print(json.dumps([c.model_dump(mode="json", by_alias=True) for c in found], ensure_ascii=False))
        return
    table = Table("cluster", "dates", "type", "place", "reports", "claimants", "figures", "contradictions")
    for c in found:
        table.add_row(
            c.id,
            _dates(c),
            " / ".join(x for x in (c.plover, c.acled_sub_event_type or c.acled_event_type) if x),
            ", ".join(x for x in (c.place, c.country) if x),
            f"{len(c.events)} in {c.sources} source(s)",
            "; ".join(
                v.claimant or v.claimant_key for v in c.versions if not v.claimant_key.startswith("outlet:")
            ),
            "\n".join(c.summary),
            str(len(c.contradictions)),
        )
    out.print(table)


def contradictions(
    db: ExistingDb,
    cluster_id: Annotated[str | None, typer.Option("--cluster", help="Only this cluster.")] = None,
    format: FormatOption = "table",
) -> None:
    """Where claimants disagree: figures, who started it, denials; each side with its evidence."""
    table_or_json(format)
    with open_store(db) as store:
        found = store.contradictions(cluster_id)
        clusters = {cid: store.cluster(cid) for cid in {cid for cid, _ in found}}
        outlets = _outlets(store, {a.article_id for _, c in found for a in (c.first, c.second)})
    if format == "json":
        rows = [
            {
                "cluster": cid,
                "dates": _dates(clusters[cid]),
                "figures_by_claimant": _summary(clusters[cid]),
                **c.model_dump(mode="json", by_alias=True),
            }
            for cid, c in found
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("cluster", "about", "one side", "the other side")
    for cid, c in found:
        k = clusters[cid]
        where = ", ".join(x for x in (k.place, k.country) if x) if k else ""
        table.add_row(
            f"{cid}\n{_dates(k)}\n{where}",
            f"{c.about}\n{c.detail}",
            _side(c.first, outlets),
            _side(c.second, outlets),
        )
    out.print(table)
    for cid in dict.fromkeys(cid for cid, _ in found):  # each side's own figures, beside the disagreements
        k = clusters[cid]
        if k is not None and k.summary:
            out.print(f"figures by claimant in {cid} (never summed across claimants):", markup=False)
            for line in k.summary:
                out.print(f"  {line}", markup=False)


def figures(
    db: ExistingDb,
    cluster_id: Annotated[str, typer.Option("--cluster", help="The cluster (see `sitreps events`).")],
    format: FormatOption = "table",
) -> None:
    """One cluster's casualty figures: each claimant's timeline, never summed across claimants."""
    table_or_json(format)
    with open_store(db) as store:
        found = store.cluster(cluster_id)
        if found is None:
            raise SitrepsError(f"no cluster {cluster_id} in {db} (see `sitreps events --db {db}`)")
        outlets = _outlets(store, {p.article_id for s in found.figures for p in s.points})
    if format == "json":
        data = {
            "cluster": found.id,
            "figures": [s.model_dump(mode="json", by_alias=True) for s in found.figures],
            "updates": [
                r.model_dump(mode="json", by_alias=True) for r in found.relations if r.kind == "updates"
            ],
            "summary": found.summary,
        }
        print(json.dumps(data, ensure_ascii=False))
        return
    table = Table("claimant", "party", "kind", "as of", "figure", "said by", "reported in", "evidence")
    for s in found.figures:
        for p in s.points:
            value = next((v for v in (p.count, p.count_min, p.count_max) if v is not None), None)
            table.add_row(
                s.claimant or s.claimant_key,
                f"{s.party or 'not said'} ({s.population})",
                s.kind,
                str(p.as_of or ""),
                f"{p.qualifier.replace('_', ' ')} {value}" if p.qualifier != "exact" else str(value),
                p.claimant or "",
                f"{outlets.get(p.article_id, p.article_id)}, {p.published or ''}",
                p.evidence.text,
            )
    out.print(table)
    for line in found.summary:
        out.print(line, markup=False)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date; use YYYY-MM-DD") from None


def _dates(c: EventCluster | None) -> str:
    if c is None:
        return ""
    if c.start is None:
        return f"reported {c.first_reported}" if c.first_reported else "undated"
    return str(c.start) if c.end in (None, c.start) else f"{c.start} to {c.end}"


def _summary(c: EventCluster | None) -> list[str]:
    return c.summary if c else []


def _outlets(store: Store, article_ids: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for article_id in sorted(article_ids):
        article = store.article(article_id)
        if article is not None:
            found[article_id] = article.outlet or article.title or article_id
    return found


def _side(a: Account, outlets: dict[str, str]) -> str:
    source = f"{outlets.get(a.article_id, a.article_id)}, {a.published or 'undated'}"
    return (
        f"{a.claimant or a.claimant_key}: {a.value}\n"
        f'"{a.evidence.text}"\n'
        f"({source}; {a.article_id} {a.evidence.start}-{a.evidence.end})"
    )
