"""The pipeline at 1k, 10k and 100k documents (issue #7): parse, read, ingest, workers, growth, Spark.

Every speed is also given as a ratio to spaCy's parse alone, measured in the same run on the same
documents, because the machines are noisy (and shared). One run measures:

1. Corpus: examples/ recombined into a stream of documents (benchmarks/corpus.py); the corpora of
   1k, 10k and 100k documents are its first N documents. Generating all 100k is timed.
2. Throughput (in this process): a sample of SAMPLE documents drawn from each corpus (the same number
   from each, interleaved so machine noise hits them alike). For every document: ``sitreps.nlp.parse``
   (the parse-alone baseline), then ``read_doc`` with each extractor of ``sitreps.pipeline.EXTRACTORS``
   timed where ``read_doc`` calls it; parse + extractors + assembling the Reading is ``sitreps.read``.
   ``read`` is a pure function of one article, so its cost depends on the corpus only through the
   documents' lengths: per-article and per-word costs per corpus show that it is flat.
3. Ingest end to end: the real ``sitreps ingest`` (benchmarks/timed_ingest.py: the CLI with timers) of
   the whole 1k corpus into a new store, with ``--workers 1`` and ``--workers 2``, clustering included;
   peak RSS and PSS of the main process and of each worker, from /proc.
4. Growth with the store: what can grow with the corpus is ingest (B-trees and FTS, the near-duplicate
   index every run loads, known ids, incremental clustering). The store the ``--workers 1`` run wrote
   (1k real articles, clustered) is grown to 10k and 100k articles by replicas of its rows
   (benchmarks/replicate.py: new ids, shifted dates, new texts; no reading), and at each size a probe of
   PROBE fresh documents, published in one week (a day's news), goes through ``sitreps ingest``.
5. Spark local[2] against one process, when ``sitreps spark`` exists (hook for the lead; see
   ``spark_hook``), on the throughput sample as JSON Lines.

Usage: python benchmarks/bench_pipeline.py [--sample 100] [--probe 64] [--sizes 1000,10000,100000]
       [--out DIR] [--work DIR] [--keep-store]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from corpus import DEFAULT_SEED, Document, Expander, load_sources, write_jsonl
from procwatch import MemoryWatch
from replicate import MAX_SHIFT_DAYS, add_replicas

from sitreps.ingest import IngestOptions, iter_articles
from sitreps.model import Article
from sitreps.store import Store

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
TIMED_INGEST = HERE / "timed_ingest.py"
SITREPS = Path(sys.executable).parent / "sitreps"
PROBE_WEEK = date(2023, 6, 5)  # the probes' articles are published on the seven days from here
WARM_UP = 3  # documents read before timing: the first read loads the gazetteer and matchers
DATE_FIELD = ["--date-field", "published"]


STARTED = time.perf_counter()


def rounded(value: float, digits: int = 3) -> float:
    return round(value, digits)


def say(line: str) -> None:
    """A progress line, with the seconds since the benchmark started."""
    print(f"[{time.perf_counter() - STARTED:6.0f} s] {line}", flush=True)


# 1. Corpus


@dataclass
class Corpora:
    """What the run needs of the document stream."""

    samples: dict[int, list[Document]]  # per corpus size: the sampled documents, in sample order
    first: list[Document]  # the smallest corpus, ingested end to end
    probes: dict[int, list[Document]]  # per store size: fresh documents (after the smallest corpus)
    generation_s: float  # generating the whole largest corpus
    words: dict[int, float] = field(default_factory=dict)  # mean words per document, per corpus


def draw_corpora(sizes: Sequence[int], sample: int, probe: int, seed: int = DEFAULT_SEED) -> Corpora:
    """Generate the stream up to the largest size once, keeping the samples, the smallest corpus and
    the probes; each size's sample is drawn with its own fixed seed."""
    largest, smallest = max(sizes), min(sizes)
    wanted = {size: sorted(random.Random(seed + size).sample(range(size), sample)) for size in sizes}
    picks = {i for indices in wanted.values() for i in indices}
    probe_ranges = {
        size: range(smallest + i * probe, smallest + (i + 1) * probe) for i, size in enumerate(sizes)
    }
    end = max(largest, max(r.stop for r in probe_ranges.values()))
    kept: dict[int, Document] = {}
    word_sums = dict.fromkeys(sizes, 0)
    started = time.perf_counter()
    probes = {i for r in probe_ranges.values() for i in r}
    for index, document in enumerate(Expander(load_sources(), seed).documents(end)):
        if index < smallest or index in picks or index in probes:
            kept[index] = document
        for size in sizes:
            if index < size:
                word_sums[size] += document.words
    generation_s = time.perf_counter() - started
    week = [PROBE_WEEK + timedelta(days=d) for d in range(7)]
    return Corpora(
        samples={size: [kept[i] for i in wanted[size]] for size in sizes},
        first=[kept[i] for i in range(smallest)],
        probes={
            size: [replace(kept[i], published=week[n % 7]) for n, i in enumerate(r)]
            for size, r in probe_ranges.items()
        },
        generation_s=generation_s,
        words={size: word_sums[size] / size for size in sizes},
    )


def as_articles(documents: Sequence[Document], path: Path) -> list[Article]:
    """The documents written as JSON Lines at ``path`` and read back the way `sitreps ingest` reads them."""
    write_jsonl(iter(documents), path)
    articles = [
        a for a in iter_articles([path], IngestOptions(date_field="published")) if isinstance(a, Article)
    ]
    if len(articles) != len(documents):
        raise SystemExit(f"{path}: {len(documents) - len(articles)} documents were rejected")
    return articles


# 2. Throughput


@dataclass
class Timing:
    """Seconds (wall and CPU) one document spent in each stage of reading."""

    size: int
    words: int
    stages: dict[str, float]
    parse_cpu: float
    read_cpu: float

    @property
    def read(self) -> float:
        return sum(self.stages.values())


def timed_extractors(clock: dict[str, float]) -> tuple[tuple[str, Callable[..., Any]], ...]:
    """EXTRACTORS with each function timed into ``clock`` (by field name), called as read_doc calls them."""
    import sitreps.pipeline.reading as pipeline

    def timed(name: str, extractor: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            started = time.perf_counter()
            try:
                return extractor(*args)
            finally:
                clock[name] = clock.get(name, 0.0) + time.perf_counter() - started

        return run

    return tuple((name, timed(name, extractor)) for name, extractor in pipeline.EXTRACTORS)


def time_reads(articles: Sequence[tuple[int, Article]]) -> list[Timing]:
    """Parse and read every (corpus size, article), timing each stage."""
    import sitreps.pipeline.reading as pipeline
    from sitreps.nlp import parse

    original = pipeline.EXTRACTORS
    clock: dict[str, float] = {}
    pipeline.EXTRACTORS = timed_extractors(clock)
    try:
        for _, article in articles[:WARM_UP]:
            pipeline.read_doc(parse(article.text), article)
        timings = []
        for size, article in articles:
            clock.clear()
            cpu0, t0 = time.process_time(), time.perf_counter()
            doc = parse(article.text)
            cpu1, t1 = time.process_time(), time.perf_counter()
            pipeline.read_doc(doc, article)
            cpu2, t2 = time.process_time(), time.perf_counter()
            stages = {"parse": t1 - t0, **clock}
            stages["assemble Reading"] = (t2 - t1) - sum(clock.values())
            timings.append(Timing(size, len(article.text.split()), stages, cpu1 - cpu0, cpu2 - cpu0))
        return timings
    finally:
        pipeline.EXTRACTORS = original


def speeds(timings: Sequence[Timing]) -> dict[str, float]:
    """Articles/s and words/s of the parse alone and of read, per-article and per-word costs."""
    n, words = len(timings), sum(t.words for t in timings)
    parse_s = sum(t.stages["parse"] for t in timings)
    read_s = sum(t.read for t in timings)
    return {
        "articles": n,
        "words_per_article": rounded(words / n, 1),
        "parse_articles_per_s": rounded(n / parse_s, 2),
        "parse_words_per_s": round(words / parse_s),
        "read_articles_per_s": rounded(n / read_s, 2),
        "read_words_per_s": round(words / read_s),
        "read_vs_parse": rounded(parse_s / read_s),
        "parse_ms_per_article": rounded(1000 * parse_s / n, 1),
        "read_ms_per_article": rounded(1000 * read_s / n, 1),
        "read_ms_per_article_median": rounded(1000 * statistics.median(t.read for t in timings), 1),
        "read_us_per_word": rounded(1e6 * read_s / words, 1),
        "read_cpu_ms_per_article": rounded(1000 * sum(t.read_cpu for t in timings) / n, 1),
        "parse_cpu_ms_per_article": rounded(1000 * sum(t.parse_cpu for t in timings) / n, 1),
    }


def stage_shares(timings: Sequence[Timing]) -> dict[str, dict[str, float]]:
    """Each stage's share of read time and milliseconds per article, over every sampled document."""
    total = sum(t.read for t in timings)
    names = list(timings[0].stages)
    return {
        name: {
            "share": rounded(sum(t.stages[name] for t in timings) / total),
            "ms_per_article": rounded(1000 * sum(t.stages[name] for t in timings) / len(timings), 2),
        }
        for name in names
    }


def flatness(per_size: dict[int, dict[str, float]], key: str) -> dict[str, float]:
    """The largest and smallest value of ``key`` across corpus sizes, and how far apart they are."""
    values = [row[key] for row in per_size.values()]
    return {"min": min(values), "max": max(values), "spread": rounded(max(values) / min(values) - 1)}


def throughput(corpora: Corpora, work: Path) -> dict[str, Any]:
    """Parse alone and read over the samples of every corpus size, interleaved."""
    sizes = sorted(corpora.samples)
    per_size_articles = {
        size: as_articles(corpora.samples[size], work / f"sample-{size}.jsonl") for size in sizes
    }
    interleaved = [
        (size, article)
        for group in itertools.zip_longest(*(per_size_articles[s] for s in sizes))
        for size, article in zip(sizes, group, strict=True)
        if article is not None
    ]
    timings = time_reads(interleaved)
    per_size = {size: speeds([t for t in timings if t.size == size]) for size in sizes}
    return {
        "baseline": speeds(timings),
        "per_corpus": {str(size): row for size, row in per_size.items()},
        "flat_read_ms_per_article": flatness(per_size, "read_ms_per_article"),
        "flat_read_us_per_word": flatness(per_size, "read_us_per_word"),
        "flat_read_cpu_ms_per_article": flatness(per_size, "read_cpu_ms_per_article"),
        "stages": stage_shares(timings),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


# 3 and 4. Ingest runs


def run_ingest(jsonl: Path, db: Path, work: Path, *extra: str) -> dict[str, Any]:
    """`sitreps ingest JSONL --db DB EXTRA...` through timed_ingest.py, watched for memory."""
    times = work / f"times-{db.stem}-{os.getpid()}.json"
    command = [
        sys.executable,
        str(TIMED_INGEST),
        str(times),
        str(jsonl),
        "--db",
        str(db),
        *DATE_FIELD,
        *extra,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with MemoryWatch(process.pid) as watch:
        output, _ = process.communicate()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise SystemExit(f"sitreps ingest failed ({process.returncode}):\n{output}")
    record: dict[str, Any] = json.loads(times.read_text())
    times.unlink()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    record.update(
        command_wall_s=rounded(wall),
        cpu_s=rounded(cpu),
        memory=watch.summary(),
        report=[line for line in output.splitlines() if line.startswith(("run report", "clusters"))],
    )
    return record


def ingest_summary(run: dict[str, Any], articles: int, parse_per_s: float) -> dict[str, Any]:
    """Articles per second of a whole ingest command, and as a ratio to the parse alone."""
    stages = run["stages_s"]
    cluster = stages.get("cluster (update_clusters)", 0.0)
    wall = run["command_wall_s"]
    return {
        "articles": articles,
        "wall_s": wall,
        "cpu_s": run["cpu_s"],
        "articles_per_s": rounded(articles / wall, 2),
        "vs_parse": rounded(articles / wall / parse_per_s),
        "articles_per_s_without_clustering": rounded(articles / (wall - cluster), 2),
        "ms_per_article": rounded(1000 * wall / articles, 1),
        "cluster_s": cluster,
        "stages_s": stages,
        "other_s": run["other_s"],
        "memory": run["memory"],
        "peak_rss_mb_by_rusage": run.get("peak_rss_mb"),
        "report": run["report"],
    }


def workers(corpora: Corpora, work: Path, parse_per_s: float) -> tuple[dict[str, Any], Path]:
    """The whole smallest corpus through `sitreps ingest` with 1 and with 2 workers. Returns the results
    and the store the 1-worker run wrote (the source of the growth stores)."""
    jsonl = work / f"corpus-{len(corpora.first)}.jsonl"
    write_jsonl(iter(corpora.first), jsonl)
    results: dict[str, Any] = {}
    stores = {}
    for n in (1, 2):
        db = work / f"ingest-workers{n}.db"
        remove_store(db)
        cores = cores_available()
        run = run_ingest(jsonl, db, work, "--workers", str(n))
        results[f"workers_{n}"] = {
            **ingest_summary(run, len(corpora.first), parse_per_s),
            "cores_available_before": cores,
        }
        stores[n] = db
        say(f"ingest --workers {n}: {results[f'workers_{n}']['wall_s']} s")
    remove_store(stores[2])
    w1, w2 = results["workers_1"], results["workers_2"]
    results["workers_2_vs_1_speed"] = rounded(w1["wall_s"] / w2["wall_s"])
    results["workers_2_vs_1_speed_without_clustering"] = rounded(
        (w1["wall_s"] - w1["cluster_s"]) / (w2["wall_s"] - w2["cluster_s"])
    )
    return results, stores[1]


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def store_counts(db: Path) -> dict[str, int]:
    with Store(db) as store:
        counts = store.counts()
        (clusters,) = store.connection.execute("SELECT count(*) FROM clusters").fetchone()
    return {"articles": counts["articles"], "events": counts["events"], "clusters": int(clusters)}


def growth(corpora: Corpora, base: Path, store: Path, work: Path, parse_ms: float) -> dict[str, Any]:
    """Probes of fresh documents into stores of every size, grown from ``base`` by replicas."""
    sizes = sorted(corpora.probes)
    remove_store(store)
    with Store(base):
        pass  # checkpoint: one file to copy
    shutil.copyfile(base, store)
    results: dict[str, Any] = {}
    replicas = 1
    for size in sizes:
        wanted = max(1, size // min(sizes))
        replicate_s = add_replicas(store, base, replicas, wanted) if wanted > replicas else 0.0
        say(f"store of {wanted} replicas ready ({replicate_s:.0f} s)")
        replicas = max(replicas, wanted)
        held = store_counts(store)
        probe = corpora.probes[size]
        jsonl = work / f"probe-{size}.jsonl"
        write_jsonl(iter(probe), jsonl)
        run = run_ingest(jsonl, store, work, "--workers", "1")
        results[str(size)] = probe_summary(run, len(probe), held, replicate_s, parse_ms)
        say(f"probe into {held['articles']:,} articles: {run['command_wall_s']} s")
    first = results[str(sizes[0])]
    for row in results.values():
        row["ms_per_article_vs_smallest"] = rounded(row["ms_per_article"] / first["ms_per_article"])
        row["ingest_ms_per_article_vs_smallest"] = rounded(
            row["ingest_ms_per_article"] / first["ingest_ms_per_article"]
        )
    return results


def probe_summary(
    run: dict[str, Any], n: int, held: dict[str, int], replicate_s: float, parse_ms: float
) -> dict[str, Any]:
    """A probe's cost per article: in all, without the run's fixed costs, and per stage."""
    stages = run["stages_s"]
    fixed = stages.get("open run (load signatures)", 0.0) + stages.get("cluster (update_clusters)", 0.0)
    wall = run["command_wall_s"]
    ingest_ms = 1000 * (wall - fixed) / n
    return {
        "store_articles": held["articles"],
        "store_events": held["events"],
        "store_clusters": held["clusters"],
        "prefill_replicate_s": rounded(replicate_s, 1),
        "probe_articles": n,
        "wall_s": wall,
        "ms_per_article": rounded(1000 * wall / n, 1),
        "ms_per_article_vs_parse": rounded(1000 * wall / n / parse_ms, 2),
        "ingest_ms_per_article": rounded(ingest_ms, 1),
        "ingest_ms_per_article_vs_parse": rounded(ingest_ms / parse_ms, 2),
        "open_run_s": stages.get("open run (load signatures)", 0.0),
        "cluster_s": stages.get("cluster (update_clusters)", 0.0),
        "cluster_phases_s": run.get("cluster_phases_s"),
        "cluster_links": run.get("cluster_links"),
        "cluster_recomputed": run.get("cluster_recomputed"),
        "store_ms_per_article": rounded(1000 * stages.get("store (add_batch)", 0.0) / n, 2),
        "known_ids_ms_per_article": rounded(1000 * stages.get("known ids", 0.0) / n, 3),
        "near_duplicate_ms_per_article": rounded(
            1000 * (stages.get("minhash", 0.0) + stages.get("near-duplicate lookup", 0.0)) / n, 2
        ),
        "stages_s": stages,
        "peak_rss_mb": run["memory"]["main_peak_rss_mb"],
        "peak_rss_mb_after_open_run": run.get("peak_rss_mb_after_open_run"),
        "report": run["report"],
    }


# 5. Spark


def spark_hook(sample: Path, work: Path, speed: dict[str, Any], ingest_per_s: float | None) -> dict[str, Any]:
    """HOOK for `sitreps spark` (src/sitreps/scale/, the lead's): when the command exists, time it with
    ``--master local[2]`` on the throughput sample's JSON Lines, against one process on the same
    documents: the read loop of section 2 (measured on exactly these documents), and `sitreps ingest
    --workers 1` at the speed it had without clustering on the 1k corpus. The command line is the one
    the issue names; adjust it here if the command's options change."""
    probe = subprocess.run([str(SITREPS), "spark", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        return {"measured": False, "why": "not measured: sitreps spark missing"}
    extra = DATE_FIELD if "--date-field" in probe.stdout else []
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    # A third of the sample too: the difference between the two runs is the cost of the extra articles
    # alone, without the fixed costs (JVM, Python workers, loading the pipeline, writing 15 tables).
    small = work / "sample-third.jsonl"
    small.write_text("".join(lines[: len(lines) // 3]), encoding="utf-8")
    runs = {}
    for name, path in (("small", small), ("full", sample)):
        spark_s, output, code, memory = _time_spark([str(SITREPS), "spark", str(path)], work, extra)
        if code != 0:
            return {"measured": False, "why": f"sitreps spark failed ({code}): {output[-400:]}"}
        runs[name] = (spark_s, memory)
    articles = int(speed["articles"])
    few = len(lines) // 3
    spark_s, memory = runs["full"]
    marginal_per_s = (articles - few) / max(1e-9, spark_s - runs["small"][0])
    read_s = articles / speed["read_articles_per_s"]
    ingest_s = articles / ingest_per_s if ingest_per_s else None
    return {
        "measured": True,
        "articles": articles,
        "command": f"spark {sample.name} OUT --master local[2]",
        "spark_local2_s": rounded(spark_s),
        "spark_local2_s_third": rounded(runs["small"][0]),
        "articles_third": few,
        "single_process_read_s": rounded(read_s),
        "spark_vs_single_read": rounded(read_s / spark_s),
        "single_process_ingest_s": rounded(ingest_s) if ingest_s else None,
        "spark_vs_single_ingest": rounded(ingest_s / spark_s) if ingest_s else None,
        "spark_articles_per_s": rounded(articles / spark_s, 2),
        "spark_marginal_articles_per_s": rounded(marginal_per_s, 2),
        "spark_marginal_vs_single_read": rounded(marginal_per_s / speed["read_articles_per_s"]),
        "spark_fixed_s": rounded(spark_s - articles / marginal_per_s),
        "spark_vs_parse": rounded(articles / spark_s / speed["parse_articles_per_s"]),
        # The job's reading stage alone (its report's reading_seconds): both workers reading articles.
        "spark_reading_s": memory.get("reading_s"),
        "spark_reading_vs_single_read": (
            rounded(read_s / memory["reading_s"]) if memory.get("reading_s") else None
        ),
        "spark_memory": memory,
    }


def _time_spark(command: list[str], work: Path, extra: list[str]) -> tuple[float, str, int, Any]:
    """Seconds, output, exit code and memory of one `sitreps spark ... --master local[2]` run."""
    out = work / "spark-out"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, str(out), "--master", "local[2]", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"},
    )
    with MemoryWatch(process.pid, interval=0.5) as watch:
        output, _ = process.communicate()
    spark_s = time.perf_counter() - started
    report = out / "_report.json"
    reading_s = json.loads(report.read_text())["reading_seconds"] if report.is_file() else None
    shutil.rmtree(out, ignore_errors=True)
    return spark_s, output, process.returncode, {**watch.summary(), "reading_s": reading_s}


# The run


def _busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def cores_available(processes: int = 2, seconds: float = 1.5) -> float:
    """CPU seconds that ``processes`` busy processes got per second of wall time: how many cores this
    run really had (on a machine shared with other work it is less than the CPU count)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    busy = [context.Process(target=_busy, args=(seconds,)) for _ in range(processes)]
    for process in busy:
        process.start()
    for process in busy:
        process.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return rounded((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / wall, 2)


def machine() -> dict[str, Any]:
    return {
        "platform": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "cpus": os.cpu_count(),
        "load_average_1m": rounded(os.getloadavg()[0], 2),
        "cores_available": cores_available(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated")
    parser.add_argument("--sample", type=int, default=100, help="documents read per corpus size")
    parser.add_argument("--probe", type=int, default=64, help="fresh documents ingested per store size")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--work", type=Path, default=HERE / ".cache" / "pipeline", help="files and stores")
    parser.add_argument("--skip-growth", action="store_true", help="no stores beyond the smallest corpus")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result: dict[str, Any] = {
        "benchmark": "pipeline",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    corpora = draw_corpora(sizes, args.sample, args.probe)
    result["corpus"] = corpus_facts(corpora, sizes, args)
    say(f"corpus: {max(sizes):,} documents generated in {corpora.generation_s:.1f} s")

    speed = throughput(corpora, args.work)
    result["throughput"] = speed
    parse_per_s = speed["baseline"]["parse_articles_per_s"]
    parse_ms = speed["baseline"]["parse_ms_per_article"]
    say(f"parse alone {parse_per_s}/s, read {speed['baseline']['read_articles_per_s']}/s")

    result["ingest"], base = workers(corpora, args.work, parse_per_s)

    sample = args.work / "sample.jsonl"
    write_jsonl(itertools.chain.from_iterable(corpora.samples[s] for s in sizes), sample)
    w1 = result["ingest"]["workers_1"]
    result["spark"] = spark_hook(
        sample, args.work, speed["baseline"], w1["articles_per_s_without_clustering"]
    )
    say(f"spark: {result['spark'].get('why') or result['spark'].get('spark_vs_single_read')}")
    if not args.skip_growth:
        result["growth"] = {
            "prefill": PREFILL,
            "sizes": growth(corpora, base, args.work / "store-growth.db", args.work, parse_ms),
        }
    result["machine"]["load_average_1m_at_end"] = rounded(os.getloadavg()[0], 2)
    result["machine"]["cores_available_at_end"] = cores_available()
    result["seconds"] = round(time.perf_counter() - started)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pipeline.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'pipeline.json'} ({result['seconds']} s)")
    return 0


PREFILL = (
    "The 1k store is the one `sitreps ingest --workers 1` wrote from the 1k corpus (real readings, "
    "clustered). The 10k and 100k stores are that store plus 9 and 99 replicas of all its rows, made in "
    "SQL (benchmarks/replicate.py): every id prefixed per replica, every date moved by one whole number "
    f"of days per replica (drawn in +-{MAX_SHIFT_DAYS}), a line appended to each text (spans stay "
    "valid), random MinHash signatures (replicas are unrelated articles to the near-duplicate index), "
    "event keys, links and clusters copied with the rows (no links between replicas, so components are "
    "smaller than a real corpus of that size would make them). Probes are fresh documents of the same "
    "stream, published within one week (2023-06-05..11), ingested with --workers 1 and clustering."
)


def corpus_facts(corpora: Corpora, sizes: Sequence[int], args: argparse.Namespace) -> dict[str, Any]:
    return {
        "seed": DEFAULT_SEED,
        "sizes": sizes,
        "generated_documents": max(sizes),
        "generation_s": rounded(corpora.generation_s, 2),
        "generation_documents_per_s": round(max(sizes) / corpora.generation_s),
        "mean_words_per_document": {str(s): rounded(w, 1) for s, w in corpora.words.items()},
        "sample_per_size": args.sample,
        "probe_per_size": args.probe,
    }


if __name__ == "__main__":
    raise SystemExit(main())
