"""How clustering cost grows with the corpus: 1k, 10k and 100k events, all at once and incrementally.

The events are synthetic but shaped like the real ones: articles of five events each, over a year, in
twenty countries with a handful of towns each, most events dated by the text, a third undated, some with
actors from a small pool. Each size is stored in a fresh SQLite file (not timed), then clustered from
scratch (``update_clusters``: keys, links, components, reconciliation and writes, all timed per phase),
then a last batch of 1% more articles is added and clustered incrementally.
Usage: python benchmarks/bench_cluster.py [--sizes 1000,10000,100000] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sitreps.cluster.update import update_clusters
from sitreps.model import Actor, Article, Event, Place, Reading, Span, TimeRef, record_id
from sitreps.store import BatchItem, Store

ROOT = Path(__file__).resolve().parents[1]
EVENTS_PER_ARTICLE = 5
COUNTRIES = [(f"C{i:02d}", 10.0 + 2 * i, 20.0 + 2 * i) for i in range(20)]  # (alpha-2, lat, lon)
VERBS = [("shelled", "ASSAULT", "Explosions/Remote violence"), ("attacked", "ASSAULT", "Battles"),
         ("protested in", "PROTEST", "Protests"), ("met officials in", "CONSULT", None),
         ("agreed a truce in", "AGREE", "Strategic developments")]  # fmt: skip
ARMIES = ["Northern forces", "Southern forces", "the rebels", "the militia", "the army"]


def synthetic_reading(n: int, rnd: random.Random, first_day: date) -> Reading:
    """One article of EVENTS_PER_ARTICLE sentences, each an event with an actor, a town and maybe a date."""
    published = first_day + timedelta(days=rnd.randrange(365))
    country, lat0, lon0 = rnd.choice(COUNTRIES)
    sentences, plans = [], []
    for i in range(EVENTS_PER_ARTICLE):
        verb, plover, acled = rnd.choice(VERBS)
        army = rnd.choice(ARMIES)
        town = f"Town{rnd.randrange(6)}{country}"
        when = published - timedelta(days=rnd.randrange(3))
        dated = rnd.random() < 0.67
        sentence = f"{army} {verb} {town}" + (f" on {when.isoformat()}" if dated else "") + f". (r{n}.{i})"
        sentences.append(sentence)
        plans.append((sentence, army, verb, town, when if dated else None, plover, acled))
    text = " ".join(sentences)
    article = Article.from_text(text, outlet=f"Outlet {n % 50}", published=published, language="en")
    actors, places, times, events = [], [], [], []
    offset = 0
    for i, (sentence, army, verb, town, when, plover, acled) in enumerate(plans):
        start = text.index(sentence, offset)
        offset = start + len(sentence)

        def span(part: str, base: int = start, whole: str = sentence) -> Span:
            at = base + whole.index(part)
            return Span(article_id=article.id, start=at, end=at + len(part), text=part)

        actor = Actor(id=record_id("ac", article.id, i), name=army, kind="military", mentions=[span(army)])
        town_number = int(town[4])
        place = Place(
            id=record_id("pl", article.id, i), mention=span(town), name=town, country=country,
            admin1=f"{country}-{town_number % 3}", lat=lat0 + town_number * 0.3, lon=lon0 + town_number * 0.3,
            precision=1, confidence=0.9,
        )  # fmt: skip
        time_ref = None
        if when is not None:
            time_ref = TimeRef(
                id=record_id("tm", article.id, i), mention=span(when.isoformat()), start=when, end=when,
                precision="day", anchor=published,
            )  # fmt: skip
            times.append(time_ref)
        actors.append(actor)
        places.append(place)
        events.append(
            Event(
                id=record_id("ev", article.id, i),
                plover=plover,
                acled_event_type=acled,
                actor1=actor.id,
                time=time_ref.id if time_ref else None,
                places=[place.id],
                trigger=span(verb.split()[0]),
                sentence=Span(article_id=article.id, start=start, end=offset, text=sentence),
                confidence=0.8,
            )
        )
    return Reading(article=article, actors=actors, places=places, times=times, events=events)


def fill(store: Store, articles: int, rnd: random.Random, start: int = 0) -> None:
    first_day = date(2023, 1, 1)
    batch: list[BatchItem] = []
    for n in range(start, start + articles):
        batch.append(BatchItem(synthetic_reading(n, rnd, first_day)))
        if len(batch) == 500:
            store.add_batch(batch)
            batch = []
    store.add_batch(batch)


def run(events: int, folder: Path) -> dict[str, object]:
    rnd = random.Random(events)
    articles = events // EVENTS_PER_ARTICLE
    with Store(folder / f"bench-{events}.db") as store:
        fill(store, articles, rnd)
        t0 = time.perf_counter()
        report = update_clusters(store)
        full_s = time.perf_counter() - t0
        (clusters,) = store.connection.execute("SELECT count(*) FROM clusters").fetchone()
        extra = max(1, articles // 100)
        fill(store, extra, rnd, start=articles)
        t0 = time.perf_counter()
        incremental = update_clusters(store)
        incremental_s = time.perf_counter() - t0
    return {
        "events": events,
        "articles": articles,
        "clusters": clusters,
        "links": report.links,
        "full_s": round(full_s, 2),
        "full_phases_s": report.phases,
        "incremental_articles": extra,
        "incremental_s": round(incremental_s, 2),
        "incremental_phases_s": incremental.phases,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000", help="event counts, comma-separated")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            result = run(size, Path(tmp))
            print(json.dumps(result))
            results.append(result)
    args.out.mkdir(parents=True, exist_ok=True)
    record = {
        "benchmark": "cluster",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "results": results,
    }
    (args.out / "cluster.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
