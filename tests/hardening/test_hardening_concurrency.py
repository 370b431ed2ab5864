"""Concurrency: the real server keeps answering while `sitreps ingest` writes batches (SQLite WAL).

The latencies measured during the ingest are printed (run with -s) and recorded as test properties
(`--junitxml` shows them); they are not asserted, since they depend on the machine.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from server_support import serving
from sitreps.store import Store

ARTICLES = 300
BATCH = 20
TOWNS = ("Goris", "Kapan", "Jermuk", "Sotk", "Vardenis", "Lachin", "Kalbajar", "Tavush", "Ijevan", "Berd")
ENDPOINTS = (
    "/api/stats",
    "/api/articles?limit=20",
    "/api/events?limit=50",
    "/api/events/map?zoom=3",
    "/api/events/timeline",
    "/api/articles?q=shelled+ministry&limit=10",
)


def get(url: str) -> tuple[int, bytes, float]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        return response.status, body, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def test_the_api_answers_while_a_batch_ingests(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    db = tmp_path / "sitreps.db"
    Store(db).close()  # an empty, migrated store to serve
    source = tmp_path / "articles.jsonl"
    with source.open("w", encoding="utf-8") as sink:
        for n in range(ARTICLES):
            text = (
                f"Report {n}: troops shelled positions near {TOWNS[n % len(TOWNS)]} on Monday, "
                f"wounding {n % 7 + 2} soldiers, the ministry said."
            )
            sink.write(json.dumps({"text": text, "date": f"2022-09-{n % 28 + 1:02d}"}) + "\n")
    env = {**os.environ, "COLUMNS": "200"}
    ingest: subprocess.Popen[str] | None = None
    with serving(db) as (base, _port):
        try:
            ingest = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sitreps.cli",
                    "ingest",
                    str(source),
                    "--db",
                    str(db),
                    "--batch-size",
                    f"{BATCH}",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            latencies: dict[str, list[float]] = {path: [] for path in ENDPOINTS}
            statuses: list[int] = []
            seen: list[int] = []
            while ingest.poll() is None:
                for path in ENDPOINTS:
                    status, body, seconds = get(base + path)
                    statuses.append(status)
                    latencies[path].append(seconds)
                    if path == "/api/stats":
                        seen.append(json.loads(body)["counts"]["articles"])
            _, errors = ingest.communicate(timeout=60)
            assert ingest.returncode == 0, errors
            final = json.loads(get(f"{base}/api/stats")[1])["counts"]["articles"]
            events = json.loads(get(f"{base}/api/events?limit=1&duplicates=true")[1])["total"]
        finally:
            if ingest is not None and ingest.poll() is None:
                ingest.kill()

    assert set(statuses) == {200}
    assert seen == sorted(seen), "the article count went down"
    assert len(set(seen)) >= 3, f"the server saw too few stages of the ingest: {sorted(set(seen))}"
    assert final == ARTICLES and events >= ARTICLES
    everything = [s for values in latencies.values() for s in values]
    print(
        f"\nduring the ingest of {ARTICLES} articles in batches of {BATCH} ({len(everything)} requests,"
        f" article counts seen: {len(set(seen))}):"
    )
    for path, values in latencies.items():
        line = (
            f"p50 {1000 * statistics.median(values):.0f} ms, p95 {1000 * percentile(values, 0.95):.0f} ms,"
            f" max {1000 * max(values):.0f} ms over {len(values)}"
        )
        print(f"  {path:45} {line}")
        record_property(f"latency {path}", line)
    overall = (
        f"p50 {1000 * statistics.median(everything):.0f} ms, p95 {1000 * percentile(everything, 0.95):.0f} ms"
    )
    print(f"  {'all requests':45} {overall}")
    record_property("latency during ingest", overall)
