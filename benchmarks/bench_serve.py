"""Speed of the web page and REST API with 100k events: API latency and page load in chromium.

Builds a database of synthetic Readings (valid records with exact spans, stored through the real
``Store.add_batch``), starts ``sitreps serve`` on 127.0.0.1, times the API endpoints the page calls, then
loads the page in Debian's chromium (Playwright) and times until the map, timeline and list are drawn.
Not part of ``make test``. Usage:
    python benchmarks/bench_serve.py [--events 100000] [--db PATH] [--keep] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sitreps.model import (
    Actor,
    Article,
    CasualtyFigure,
    Claim,
    Event,
    Place,
    Reading,
    Span,
    TimeRef,
    record_id,
)
from sitreps.store import BatchItem, Store

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")

# Hotspots the synthetic events gather around: (name, country alpha-2, lat, lon).
HOTSPOTS = [
    ("Kalbajar", "AZ", 40.10, 46.04),
    ("Jermuk", "AM", 39.84, 45.67),
    ("Khartoum", "SD", 15.50, 32.56),
    ("El Fasher", "SD", 13.63, 25.35),
    ("Goma", "CD", -1.68, 29.22),
    ("Mekelle", "ET", 13.50, 39.47),
    ("Kharkiv", "UA", 49.99, 36.23),
    ("Kherson", "UA", 46.64, 32.62),
    ("Gaza", "PS", 31.50, 34.47),
    ("Mogadishu", "SO", 2.04, 45.34),
    ("Sanaa", "YE", 15.37, 44.19),
    ("Bamako", "ML", 12.64, -8.00),
    ("Port-au-Prince", "HT", 18.54, -72.34),
    ("Culiacan", "MX", 24.80, -107.39),
    ("Myitkyina", "MM", 25.38, 97.40),
    ("Maiduguri", "NG", 11.85, 13.16),
]
TYPES = [
    ("ASSAULT", "Battles", "Armed clash"),
    ("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("ASSAULT", "Violence against civilians", "Attack"),
    ("PROTEST", "Protests", "Peaceful protest"),
    ("ACCUSE", None, None),
    ("AGREE", "Strategic developments", "Agreement"),
    ("COERCE", "Strategic developments", "Arrests"),
    ("RETREAT", "Strategic developments", "Non-violent transfer of territory"),
]
ACTORS = ["Army", "Rebels", "Police", "Militia", "Ministry of Defense", "Protesters", "Government"]
VERBS = {"ASSAULT": "shelled", "PROTEST": "protested", "ACCUSE": "accused", "AGREE": "agreed"}
START = date(2021, 1, 1)


def synthetic_reading(n: int, events_per_article: int, rng: random.Random) -> Reading:
    """One synthetic article with ``events_per_article`` events, each with a place, most with a time."""
    published = START + timedelta(days=rng.randrange(3 * 365))
    name, country, lat0, lon0 = rng.choice(HOTSPOTS)
    plan = []
    parts = []
    pos = 0
    for i in range(events_per_article):
        plover, acled, sub = rng.choice(TYPES)
        who = rng.choice(ACTORS)
        verb = VERBS.get(plover, "attacked")
        sentence = f"{who} {verb} positions near {name} on the {i + 1}th day, officials said. "
        plan.append((pos, sentence, who, verb, plover, acled, sub))
        parts.append(sentence)
        pos += len(sentence)
    text = "".join(parts) + f"Report {n}."
    article = Article.from_text(
        text,
        url=f"https://example.org/synthetic/{n}",
        outlet=rng.choice(["Wire A", "Wire B", "Daily C", "Agency D"]),
        title=f"Fighting near {name} ({n})",
        published=published,
        language="en",
    )
    actors: list[Actor] = []
    places: list[Place] = []
    times: list[TimeRef] = []
    events: list[Event] = []
    figures: list[CasualtyFigure] = []
    claims: list[Claim] = []
    for offset, sentence, actor_name, verb, plover, acled, sub in plan:
        a_span = Span.of(article, offset, offset + len(actor_name))
        actor = Actor(id=record_id("act", article.id, a_span.start), name=actor_name, mentions=[a_span])
        v_start = offset + sentence.index(verb)
        trigger = Span.of(article, v_start, v_start + len(verb))
        p_start = offset + sentence.index(name)
        place = Place(
            id=record_id("plc", article.id, p_start),
            mention=Span.of(article, p_start, p_start + len(name)),
            name=name,
            country=country,
            lat=round(lat0 + rng.gauss(0, 0.6), 4),
            lon=round(lon0 + rng.gauss(0, 0.6), 4),
            feature="settlement",
            precision=rng.choice([1, 1, 1, 2, 3]),
        )
        d_start = offset + sentence.index("the ")
        d_end = offset + sentence.index(" day") + 4
        when = TimeRef(
            id=record_id("tim", article.id, d_start),
            mention=Span.of(article, d_start, d_end),
            start=published - timedelta(days=rng.randrange(3)),
            end=None,
            precision="day",
            anchor=published,
        )
        event = Event(
            id=record_id("evt", article.id, trigger.start),
            plover=plover,
            acled_event_type=acled,
            acled_sub_event_type=sub,
            actor1=actor.id,
            time=when.id if rng.random() < 0.8 else None,
            places=[place.id] if rng.random() < 0.9 else [],
            trigger=trigger,
            sentence=Span.of(article, offset, offset + len(sentence) - 1),
            confidence=0.7,
        )
        actors.append(actor)
        places.append(place)
        times.append(when)
        events.append(event)
        if plover == "ASSAULT" and rng.random() < 0.3:
            figures.append(
                CasualtyFigure(
                    id=record_id("fig", article.id, trigger.start),
                    kind="killed",
                    count=rng.randrange(1, 40),
                    event=event.id,
                    span=trigger,
                )
            )
        said = offset + sentence.index("officials said")
        claims.append(
            Claim(
                id=record_id("clm", article.id, said),
                subject=event.id,
                subject_kind="event",
                evidence=Span.of(article, said, said + len("officials said")),
            )
        )
    return Reading(
        article=article,
        actors=actors,
        places=places,
        times=times,
        events=events,
        figures=figures,
        claims=claims,
    )


def build_database(path: Path, events: int, *, events_per_article: int = 10, seed: int = 7) -> None:
    """Write a database of ``events`` synthetic events (``events_per_article`` per article) at ``path``."""
    rng = random.Random(seed)
    articles = max(1, events // events_per_article)
    with Store(path) as store:
        batch: list[BatchItem] = []
        for n in range(articles):
            batch.append(BatchItem(synthetic_reading(n, events_per_article, rng)))
            if len(batch) == 500:
                store.add_batch(batch)
                batch = []
        if batch:
            store.add_batch(batch)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> tuple[subprocess.Popen[str], float]:
    """`sitreps serve` on 127.0.0.1:port; returns the process and seconds until it answered."""
    url = f"http://127.0.0.1:{port}/api/articles?limit=1"  # not an aggregate: nothing is remembered
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "sitreps.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return process, time.perf_counter() - started
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"sitreps serve exited: {process.stdout.read() if process.stdout else ''}")
        time.sleep(0.05)


def time_get(url: str, repeat: int) -> dict[str, float]:
    """Milliseconds of GET url with the body read in full: the first call (the server computes the
    answer) and the median and worst of the repeats (aggregates are then remembered until the store
    changes; lists are computed every time)."""
    times = []
    size = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as response:
            size = len(response.read())
        times.append((time.perf_counter() - t0) * 1000)
    again = times[1:] or times
    return {
        "first_ms": round(times[0], 1),
        "median_ms": round(statistics.median(again), 1),
        "max_ms": round(max(again), 1),
        "bytes": size,
    }


API_CALLS = {
    "stats": "/api/stats",
    "events page 1": "/api/events?limit=50",
    "events, one month": "/api/events?limit=50&from=2022-03-01&to=2022-03-31",
    "events, type + country": "/api/events?limit=50&plover=ASSAULT&country=SD",
    "events, actor": "/api/events?limit=50&actor=militia",
    "events, full-text q": "/api/events?limit=50&q=Kharkiv",
    "map, world (zoom 2)": "/api/events/map?zoom=2&bbox=-180,-85,180,85",
    "map, region (zoom 7)": "/api/events/map?zoom=7&bbox=44,38,48,41.5",
    "timeline": "/api/events/timeline",
    "articles page 1": "/api/articles?limit=50",
    "articles, search": "/api/articles?limit=50&q=Khartoum",
    "figures page 1": "/api/figures?limit=50",
    "one article (Reading)": "/api/articles/{article}",
    "article page (HTML)": "/articles/{article}",
}


def page_loads(base: str, runs: int) -> list[float]:
    """Milliseconds from navigation start until the explorer has drawn its map cells, timeline and
    list, in a fresh browser context each run (nothing cached)."""
    from playwright.sync_api import sync_playwright

    loads = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.goto(base + "/")
            for selector in ("body[data-ready=true]", "#map[data-cells]", "#timeline[data-bins]"):
                page.wait_for_selector(selector, state="attached", timeout=60_000)
            page.wait_for_selector("#event-list li.event", state="attached", timeout=60_000)
            page.wait_for_selector("#map[data-basemap=drawn]", state="attached", timeout=60_000)
            loads.append(float(page.evaluate("performance.now()")))
            context.close()
        browser.close()
    return loads


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events in the database")
    parser.add_argument(
        "--db", type=Path, help="database to build (or reuse with --keep); default: a temp file"
    )
    parser.add_argument("--keep", action="store_true", help="reuse --db when it exists, keep it afterwards")
    parser.add_argument("--repeat", type=int, default=7, help="calls per API endpoint")
    parser.add_argument("--loads", type=int, default=3, help="page loads in chromium")
    parser.add_argument("--out", type=Path, help="also write the numbers as JSON into this folder")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sitreps-bench-serve-"))
    db = args.db or folder / "bench.db"
    result: dict[str, object] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.python_version()} {os.cpu_count()} cpus",
    }
    try:
        if not (args.keep and db.exists()):
            db.unlink(missing_ok=True)
            t0 = time.perf_counter()
            build_database(db, args.events)
            result["build_s"] = round(time.perf_counter() - t0, 1)
            print(f"built {db} in {result['build_s']} s")
        with Store(db) as store:
            counts = store.counts()
        result["events"] = counts["events"]
        result["articles"] = counts["articles"]
        print(f"database {db}: {counts['events']:,} events in {counts['articles']:,} articles")

        port = free_port()
        process, startup = start_server(db, port)
        result["serve_startup_s"] = round(startup, 2)
        print(f"sitreps serve answered after {startup:.2f} s (includes indexing every event)")
        base = f"http://127.0.0.1:{port}"
        try:
            with urllib.request.urlopen(base + "/api/articles?limit=1", timeout=60) as response:
                article = json.loads(response.read())["items"][0]["id"]
            if CHROMIUM.exists():
                loads = page_loads(base, args.loads)
                result["page_load_ms"] = [round(x) for x in loads]
                print(
                    "page load in chromium (map, timeline and list drawn), fresh browser context each: "
                    f"{', '.join(f'{x:.0f}' for x in loads)} ms (the first one on a server that had not"
                    f" answered the page's questions yet); median {statistics.median(loads):.0f} ms"
                )
            else:
                print(f"no chromium at {CHROMIUM}: page load not measured")
            # A fresh server, so that each call's first time is the server computing it.
            process.terminate()
            process.wait(timeout=10)
            process, _ = start_server(db, port)
            api: dict[str, dict[str, float]] = {}
            for name, path in API_CALLS.items():
                api[name] = time_get(base + path.format(article=article), args.repeat)
                t = api[name]
                print(
                    f"  {name:24} first {t['first_ms']:7.1f} ms, then median {t['median_ms']:7.1f} ms"
                    f" (max {t['max_ms']:7.1f}) {t['bytes']:>9,} bytes"
                )
            result["api"] = api
        finally:
            process.terminate()
            process.wait(timeout=10)
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "serve.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
