"""What a user sees of sitreps, written to a folder, so that two versions of the code can be compared.

usage: python tools/snapshot.py write OUT_DIR [--shared ../shared] [--no-eval] [--port 8765]
       python tools/snapshot.py compare BEFORE_DIR AFTER_DIR

``write`` records, through public entry points only (``sitreps.read``, the ``sitreps`` command and the
HTTP API of ``sitreps serve``), so that it runs unchanged before and after a restructuring:
- the Reading of every article under examples/, of the seed and of the VOA dev stories (JSON Lines);
- ``sitreps eval --json`` on the seed, CASE 2021, PLOVER, GeoWebNews and our cluster gold;
- a store made by ``sitreps ingest examples/``: ``stats``, ``events``, ``contradictions``, ``figures`` and
  ``search`` output, every export format, and the JSON (or HTML) of the API and pages for a fixed list of
  requests, second pages included.
``compare`` prints every file that differs (times, timestamps and paths of the run left out) and exits 1
when any does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SITREPS = str(Path(sys.executable).parent / "sitreps")
# Keys whose values change from run to run (timings, when a row was stored, where the run wrote).
VOLATILE = {"ingested_at", "file"}


def _run(args: list[str], out: Path | None = None) -> str:
    done = subprocess.run([SITREPS, *args], capture_output=True, text=True, cwd=ROOT, check=False)
    text = f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return done.stdout


def write_readings(out: Path, shared: Path) -> None:
    import sitreps
    from sitreps.ingest import IngestOptions, iter_articles

    lines = []
    inputs: list[tuple[list[str], IngestOptions]] = [([str(ROOT / "examples")], IngestOptions())]
    seed = shared / "seed" / "azernews-2022-09-26.txt"
    if seed.is_file():
        inputs.append(([str(seed)], IngestOptions()))
    voa = shared / "data" / "voa" / "dev.jsonl"
    if voa.is_file():
        options = IngestOptions(
            text_field="text", title_field="title", date_field="published", url_field="url",
            author_field="author", outlet_field="outlet",
        )  # fmt: skip
        inputs.append(([str(voa)], options))
    for paths, options in inputs:
        for article in iter_articles(paths, options):
            if hasattr(article, "text"):
                lines.append(
                    json.dumps(sitreps.read(article).to_json_dict(), ensure_ascii=False, sort_keys=True)
                )
            else:
                lines.append(json.dumps({"rejected": str(article)}, ensure_ascii=False))
    (out / "readings.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_evals(out: Path, shared: Path) -> None:
    data = shared / "data"
    runs = {
        "seed": [str(shared / "seed" / "azernews-2022-09-26.txt"), str(shared / "seed" / "expected.json")],
        "case2021": [str(data / "case2021-task2-dev.tsv")],
        "plover": [str(data / "plover" / "gsr-dev.jsonl")],
        "geoxml": [str(data / "geo" / "GeoWebNews.xml")],
        "clusters": [str(ROOT / "tests" / "gold" / "clusters.jsonl")],
    }
    for name, files in runs.items():
        if all(Path(f).exists() for f in files):
            _run(["eval", "--format", name, files[0], *files[1:], "--json"], out / f"eval-{name}.txt")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def write_store(out: Path, work: Path) -> None:
    db = work / "snapshot.db"
    _run(["ingest", str(ROOT / "examples"), "--db", str(db)], out / "cli-ingest.txt")
    _run(["ingest", str(ROOT / "examples"), "--db", str(db)], out / "cli-ingest-again.txt")
    _run(["stats", "--db", str(db), "--format", "json"], out / "cli-stats-json.txt")
    _run(["stats", "--db", str(db)], out / "cli-stats-table.txt")
    _run(["search", "ceasefire", "--db", str(db)], out / "cli-search.txt")
    events = _run(["events", "--db", str(db), "--format", "json"], out / "cli-events-json.txt")
    _run(["events", "--db", str(db), "--country", "AM", "--type", "ASSAULT"], out / "cli-events-table.txt")
    _run(["contradictions", "--db", str(db), "--format", "json"], out / "cli-contradictions-json.txt")
    _run(["contradictions", "--db", str(db)], out / "cli-contradictions-table.txt")
    clusters = json.loads(events) if events.strip() else []
    with_figures = [c["id"] for c in clusters if c.get("figures")]
    if with_figures:
        _run(
            ["figures", "--db", str(db), "--cluster", with_figures[0], "--format", "json"],
            out / "cli-figures.txt",
        )
        _run(["figures", "--db", str(db), "--cluster", with_figures[0]], out / "cli-figures-table.txt")
    _run(["cluster", "--db", str(db), "--rebuild"], out / "cli-cluster-rebuild.txt")
    for fmt, name in (("csv", "e.csv"), ("jsonl", "e.jsonl"), ("geojson", "e.geojson"), ("acled", "a.csv")):
        target = work / name
        _run(
            ["export", "--db", str(db), "--format", fmt, "--out", str(target)], out / f"cli-export-{fmt}.txt"
        )
        shutil.copy(target, out / f"export-{name}")
    _run(
        ["export", "--db", str(db), "--format", "parquet", "--out", str(work / "pq")],
        out / "cli-export-pq.txt",
    )
    import pyarrow.parquet as pq

    tables = {p.name: pq.read_table(p).to_pylist() for p in sorted((work / "pq").glob("*.parquet"))}
    (out / "export-parquet.json").write_text(json.dumps(tables, default=str, indent=1), encoding="utf-8")
    write_api(out, db, clusters)


def write_api(out: Path, db: Path, clusters: list[dict[str, Any]]) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [SITREPS, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if _get(base, "/api/stats")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        answers: dict[str, Any] = {}

        def ask(path: str) -> Any:
            status, body = _get(base, path)
            try:
                answers[path] = [status, json.loads(body)]
            except json.JSONDecodeError:
                answers[path] = [status, body]
            return answers[path][1]

        articles = ask("/api/articles?limit=5")
        ask(f"/api/articles?limit=5&cursor={articles['next']}")
        ask("/api/articles?q=ceasefire&duplicates=false")
        ask("/api/articles?outlet=Reuters&from=2022-09-13&to=2022-09-14")
        first_article = articles["items"][0]["id"]
        ask(f"/api/articles/{first_article}")
        ask("/api/articles/nope")
        events = ask("/api/events?limit=7")
        ask(f"/api/events?limit=7&cursor={events['next']}")
        ask("/api/events?order=oldest&limit=7")
        ask("/api/events?country=AM,AZ&plover=ASSAULT&limit=20")
        ask("/api/events?actor=armenia&claimant=ministry&limit=20")
        ask("/api/events?q=shelling&duplicates=true&limit=20")
        ask("/api/events?bbox=44,38,47,41&limit=20&from=2022-09-12&to=2022-09-14")
        ask("/api/events?bbox=-180,-80,180,80&limit=3")
        ask(f"/api/events?article={first_article}")
        ask(f"/api/events/{events['items'][0]['event']['id']}")
        ask("/api/events/nope")
        ask("/api/events/map?zoom=2")
        ask("/api/events/map?zoom=6&bbox=44,38,47,41&plover=ASSAULT")
        ask("/api/events/timeline")
        ask("/api/events/timeline?bin=week&country=AM")
        page = ask("/api/clusters?limit=5")
        ask(f"/api/clusters?limit=5&cursor={page['next']}")
        ask("/api/clusters?contradicted=true&country=AM")
        ask("/api/clusters?from=2022-09-13&to=2022-09-13&plover=ASSAULT")
        cluster_ids = [c["id"] for c in clusters]
        for cluster_id in cluster_ids[:3]:
            ask(f"/api/clusters/{cluster_id}")
            ask(f"/clusters/{cluster_id}")
        figures = ask("/api/figures?limit=5")
        ask(f"/api/figures?limit=5&cursor={figures['next']}")
        ask("/api/figures?kind=killed&population=military&claimant=ministry&from=2022-09-01")
        contradictions = ask("/api/contradictions?limit=3")
        if contradictions.get("next"):
            ask(f"/api/contradictions?limit=3&cursor={contradictions['next']}")
        ask("/api/contradictions?about=figure&claimant=armenia")
        ask("/api/events?cursor=bad")
        ask("/api/stats")
        ask("/")
        ask(f"/articles/{first_article}")
        ask("/articles/nope")
        ask("/openapi.json")
    finally:
        server.terminate()
        server.wait(30)
    (out / "api.json").write_text(json.dumps(answers, ensure_ascii=False, indent=1), encoding="utf-8")


def _normal(value: Any, work_paths: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: ("~" if k in VOLATILE else _normal(v, work_paths)) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v, work_paths) for v in value]
    if isinstance(value, str):
        for path in work_paths:
            value = value.replace(path, "<work>")
        return value
    return value


def _comparable(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    root = path.parent / "root.txt"  # the checkout the snapshot was written from
    if root.is_file():
        text = text.replace(root.read_text(encoding="utf-8").strip() + "/", "<root>/")

    text = re.sub(r"/tmp/[^\s\"',)]*snapshot-[^/\s\"]*", "<work>", text)
    text = re.sub(r"\(\d+\.\d+ s\)", "(_ s)", text)
    text = re.sub(r'"(\w*seconds?|\w*_s|\w*per_second|\w*_ms)": [0-9.e-]+', r'"\1": ~', text)
    text = re.sub(r'"ingested_at": "[^"]*"', '"ingested_at": "~"', text)
    text = re.sub(r"'ingested_at': '[^']*'", "'ingested_at': '~'", text)
    text = re.sub(r"ingested_at[^\n]*", "ingested_at ~", text) if path.name.endswith(".csv") else text
    try:
        return _normal(json.loads(text), ())
    except json.JSONDecodeError:
        pass
    lines = []
    for line in text.splitlines():
        try:
            lines.append(_normal(json.loads(line), ()))
        except json.JSONDecodeError:
            lines.append(line)
    return lines


def compare(before: Path, after: Path) -> int:
    names = sorted(({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()}) - {"root.txt"})
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"only in {'before' if a.exists() else 'after'}: {name}")
            differ += 1
            continue
        if _comparable(a) != _comparable(b):
            print(f"differs: {name}")
            differ += 1
    print(f"{len(names)} files compared, {differ} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    w.add_argument("--no-eval", action="store_true")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "compare":
        return compare(args.before, args.after)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "root.txt").write_text(str(ROOT), encoding="utf-8")
    os.environ.setdefault("TZ", "UTC")
    with tempfile.TemporaryDirectory(prefix="snapshot-") as work:
        write_store(args.out, Path(work))
        write_readings(args.out, args.shared)
        if not args.no_eval:
            write_evals(args.out, args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
