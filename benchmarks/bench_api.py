"""REST API latency at a million events and more: p50 and p95 of the main queries, the server's startup
(it indexes every event in memory) and its memory.

The database is a store of real readings grown by replicas (benchmarks/replicate.py): by default the
100k-article store that bench_pipeline.py leaves in benchmarks/.cache/pipeline/ (about 1.4M events), or
any store given with --db, or one built here with --base STORE --copies N. ``sitreps serve`` runs in a
subprocess on 127.0.0.1. Each query kind is asked with up to QUERIES different sets of parameters
drawn from what the store holds (months, countries, types, actors, places, words, article ids), each
once: the server has not answered that question before, so its answer is computed (aggregates are then
remembered until the store changes). p50/p95 are over those cold calls; a second pass over the same
calls gives the remembered (warm) times. /api/stats has no parameters: one cold call. Scrolling the
event list (cursor pages) is timed on its own. The page is loaded in chromium too, when it is installed.
Usage: python benchmarks/bench_api.py [--db PATH | --base STORE --copies N] [--queries 12] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_serve import CHROMIUM, free_port, page_loads, start_server
from procwatch import PROC
from replicate import replicate

HERE = Path(__file__).resolve().parent
DEFAULT_DB = HERE / ".cache" / "pipeline" / "store-growth.db"
SEED = 3
TARGET_P95_MS = 200.0


def fetch(url: str) -> tuple[float, bytes]:
    """Milliseconds of GET url with the whole body read, and the body."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, body


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile by linear interpolation between closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class Parameters:
    """Query parameters drawn from what the store holds (fixed seed)."""

    def __init__(self, db: Path, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        first, last = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
        self.first, self.last = date.fromisoformat(first), date.fromisoformat(last)
        self.countries = [
            c for (c,) in conn.execute(
                "SELECT country FROM places WHERE country IS NOT NULL GROUP BY country"
                " ORDER BY count(*) DESC LIMIT 12"
            )
        ]  # fmt: skip
        self.actors = [
            n
            for (n,) in conn.execute("SELECT name FROM actors GROUP BY name ORDER BY count(*) DESC LIMIT 40")
        ]
        self.points = conn.execute(
            "SELECT lat, lon FROM places WHERE lat IS NOT NULL GROUP BY round(lat), round(lon)"
            " ORDER BY count(*) DESC LIMIT 30"
        ).fetchall()
        self.words = [
            n for (n,) in conn.execute(
                "SELECT name FROM places WHERE name IS NOT NULL AND name NOT LIKE '% %' GROUP BY name"
                " ORDER BY count(*) DESC LIMIT 30"
            )
        ]  # fmt: skip
        (articles,) = conn.execute("SELECT max(seq) FROM articles").fetchone()
        picks = self.rng.sample(range(1, articles + 1), 60)
        marks = ", ".join("?" * len(picks))
        self.article_ids = [
            a for (a,) in conn.execute(f"SELECT id FROM articles WHERE seq IN ({marks})", picks)
        ]
        conn.close()

    def month(self) -> tuple[str, str]:
        days = (self.last - self.first).days
        start = self.first + timedelta(days=self.rng.randrange(max(1, days - 31)))
        return start.isoformat(), (start + timedelta(days=30)).isoformat()

    def bbox(self) -> str:
        lat, lon = self.rng.choice(self.points)
        half = self.rng.choice([1.0, 2.0, 4.0])
        return f"{lon - half:.2f},{max(-85, lat - half):.2f},{lon + half:.2f},{min(85, lat + half):.2f}"

    def word(self, values: list[str]) -> str:
        return urllib.parse.quote(self.rng.choice(values))


def query_kinds(p: Parameters) -> dict[str, Callable[[], str]]:
    """Each main query of the API, as a function that draws one instance of it."""
    types = ["ASSAULT", "PROTEST", "COERCE", "ACCUSE", "AGREE", "CONSULT"]

    def month() -> str:
        start, end = p.month()
        return f"from={start}&to={end}"

    def some(name: str, values: list[str]) -> str:
        """``&name=value`` or nothing (a third of the time)."""
        return f"&{name}={p.rng.choice(values)}" if p.rng.random() < 2 / 3 else ""

    def first_page() -> str:
        order = p.rng.choice(["newest", "oldest"])
        return f"/api/events?limit=50&order={order}&duplicates={p.rng.choice(['true', 'false'])}"

    return {
        "events, no filter (page 1)": first_page,
        "events, one month": lambda: f"/api/events?limit=50&{month()}",
        "events, country + type": lambda: (
            f"/api/events?limit=50&country={p.rng.choice(p.countries)}&plover={p.rng.choice(types)}"
        ),
        "events, actor": lambda: f"/api/events?limit=50&actor={p.word(p.actors)}",
        "events, full-text q": lambda: f"/api/events?limit=50&q={p.word(p.words)}",
        "map, world (zoom 2), one month": lambda: f"/api/events/map?zoom=2&bbox=-180,-85,180,85&{month()}",
        "map, region (zoom 7)": lambda: f"/api/events/map?zoom=7&bbox={p.bbox()}",
        "timeline, country (+ type)": lambda: (
            f"/api/events/timeline?country={p.rng.choice(p.countries)}" + some("plover", types)
        ),
        "clusters, newest (+ type)": lambda: (
            "/api/clusters?limit=50" + some("plover", types) + p.rng.choice(["", "&contradicted=true"])
        ),
        "clusters, one month + country": lambda: (
            f"/api/clusters?limit=50&{month()}&country={p.rng.choice(p.countries)}"
        ),
        "stats": lambda: "/api/stats",
        "one article (Reading)": lambda: f"/api/articles/{p.rng.choice(p.article_ids)}",
        "articles, search q": lambda: f"/api/articles?limit=50&q={p.word(p.words)}",
    }


def distinct(draw: Callable[[], str], n: int) -> list[str]:
    """Up to ``n`` different instances of a query (fewer when it has fewer: /api/stats has one)."""
    found: dict[str, None] = {}
    for _ in range(20 * n):
        found.setdefault(draw(), None)
        if len(found) == n:
            break
    return list(found)


def scroll(base: str, pages: int) -> list[float]:
    """Milliseconds per page when the event list is scrolled page after page (cursor paging)."""
    times, url = [], base + "/api/events?limit=50"
    for _ in range(pages):
        ms, body = fetch(url)
        times.append(ms)
        following = json.loads(body).get("next")
        if not following:
            break
        url = base + "/api/events?limit=50&cursor=" + urllib.parse.quote(following)
    return times


def latencies(base: str, kinds: dict[str, Callable[[], str]], queries: int) -> dict[str, dict[str, Any]]:
    """Per query kind: ``queries`` different instances asked once each (cold), then again (warm)."""
    results = {}
    for name, draw in kinds.items():
        paths = distinct(draw, queries)
        cold = [fetch(base + path)[0] for path in paths]
        warm = [fetch(base + path)[0] for path in paths]
        results[name] = summary(cold, warm)
        row = results[name]
        print(
            f"  {name:38} p50 {row['p50_ms']:8.1f}  p95 {row['p95_ms']:8.1f}"
            f"  warm p50 {row['warm_p50_ms']:7.1f} ms"
        )
    return results


def summary(cold: list[float], warm: list[float]) -> dict[str, Any]:
    """Percentiles of the first calls (each a different question) and of the same calls again."""
    return {
        "calls": len(cold),
        "first_ms": round(cold[0], 1),
        "p50_ms": round(percentile(cold, 50), 1),
        "p95_ms": round(percentile(cold, 95), 1),
        "max_ms": round(max(cold), 1),
        "warm_p50_ms": round(percentile(warm, 50), 1),
        "warm_p95_ms": round(percentile(warm, 95), 1),
    }


def memory_mb(pid: int) -> dict[str, float]:
    """Current and peak RSS of a process, in MiB."""
    fields = {}
    for line in (PROC / str(pid) / "status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(float(value.split()[0]) / 1024)
    return {"rss_mb": fields.get("VmRSS", 0.0), "peak_rss_mb": fields.get("VmHWM", 0.0)}


def database(args: argparse.Namespace) -> tuple[Path, dict[str, Any]]:
    """The store to serve, and how it was made."""
    if args.base:
        args.work.mkdir(parents=True, exist_ok=True)
        db = args.work / f"api-{args.copies}x.db"
        seconds = replicate(args.base, db, args.copies)
        return db, {"built": f"{args.base} and {args.copies - 1} replicas", "build_s": round(seconds, 1)}
    if not args.db.exists():
        raise SystemExit(f"no store at {args.db}: run bench_pipeline.py first, or give --db or --base")
    return args.db, {"built": "given (see pipeline.json: growth.prefill)", "build_s": 0.0}


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("articles", "events", "clusters", "claims", "figures")
        }
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="store to serve")
    parser.add_argument("--base", type=Path, help="build the store from this one and replicas of it")
    parser.add_argument("--copies", type=int, default=70, help="with --base: copies in all")
    parser.add_argument("--work", type=Path, default=HERE / ".cache" / "api")
    parser.add_argument("--queries", type=int, default=12, help="different calls per query kind")
    parser.add_argument("--loads", type=int, default=2, help="page loads in chromium (0: none)")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    db, made = database(args)
    result: dict[str, Any] = {
        "benchmark": "api",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.python_version()} {os.cpu_count()} cpus",
        "load_average_1m": round(os.getloadavg()[0], 2),
        "database": {**made, **counts(db), "bytes": db.stat().st_size},
    }
    print(f"serving {db}: {result['database']['events']:,} events", flush=True)
    parameters = Parameters(db)
    port = free_port()
    process, startup = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        result["serve_startup_s"] = round(startup, 2)
        result["server_memory_after_startup"] = memory_mb(process.pid)
        print(
            f"sitreps serve answered after {startup:.1f} s, {result['server_memory_after_startup']}",
            flush=True,
        )
        result["api"] = latencies(base, query_kinds(parameters), args.queries)
        result["scroll_ms"] = [round(ms, 1) for ms in scroll(base, 10)]
        if args.loads and CHROMIUM.exists():
            result["page_load_ms"] = [round(ms) for ms in page_loads(base, args.loads)]
        result["server_memory_at_end"] = memory_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
    cold_p95 = {name: row["p95_ms"] for name, row in result["api"].items()}
    result["worst_p95"] = max(cold_p95.items(), key=lambda kv: kv[1])
    result["target_p95_ms"] = TARGET_P95_MS
    result["queries_over_target"] = sorted(name for name, p95 in cold_p95.items() if p95 > TARGET_P95_MS)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "api.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'api.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
