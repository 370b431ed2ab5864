"""One markdown page of every benchmark result: benchmarks/results/*.json -> benchmarks/results/README.md.

Each figure is shown with its ratio to spaCy's parse alone measured in the same run (pipeline.json's
baseline), where that means something: speeds as a fraction of the parse's speed, costs as multiples
of the parse's cost of one article (``x parse``), so that numbers from a slow or busy machine can be
compared with those of a fast one. The issue's targets come first, each met or not met.
Usage: python benchmarks/report.py [--results DIR]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
Json = dict[str, Any]

TARGET_VS_PARSE = 0.5
TARGET_ARTICLES_PER_S = 6.0
TARGET_RSS_MB = 1024
TARGET_FLAT = 0.20
TARGET_P95_MS = 200.0


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value).replace("|", "/")


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("**met**" if ok else "**not met**")


def load(folder: Path) -> dict[str, Json]:
    """Every results/*.json, by file stem."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


class Report:
    """The page, built section by section from the results."""

    def __init__(self, results: dict[str, Json]) -> None:
        self.results = results
        self.pipeline = results.get("pipeline", {})
        baseline = self.pipeline.get("throughput", {}).get("baseline", {})
        self.parse_per_s: float | None = baseline.get("parse_articles_per_s")
        self.parse_ms: float | None = baseline.get("parse_ms_per_article")
        self.lines: list[str] = []

    def x_parse(self, ms: float | None) -> float | None:
        """A cost in milliseconds as a multiple of the parse's cost of one article."""
        return None if ms is None or not self.parse_ms else round(ms / self.parse_ms, 2)

    def vs_parse(self, per_s: float | None) -> float | None:
        """A speed in articles per second as a fraction of the parse's speed."""
        return None if per_s is None or not self.parse_per_s else round(per_s / self.parse_per_s, 3)

    def build(self) -> str:
        self.header()
        if self.pipeline:
            self.targets()
            self.throughput()
            self.ingest()
            self.growth()
            self.spark()
        self.api()
        self.older()
        self.method()
        return "\n".join(self.lines).rstrip() + "\n"

    def header(self) -> None:
        machine = self.pipeline.get("machine", {})
        self.lines += [
            "# Benchmark results",
            "",
            "Written by `make bench` (benchmarks/report.py from benchmarks/results/*.json); do not edit.",
            "",
        ]
        if machine:
            self.lines += [
                f"Machine: {machine.get('platform')}, {machine.get('cpus')} CPUs; 1-minute load average "
                f"{machine.get('load_average_1m')} at the start of the pipeline run and "
                f"{machine.get('load_average_1m_at_end')} at its end; two busy processes got "
                f"{machine.get('cores_available')} and {machine.get('cores_available_at_end')} cores at "
                "its start and end (when that is below the CPU count, other work shared the machine: wall "
                "times are slower and more workers help less). Pipeline run: "
                f"{self.pipeline.get('when')}, {self.pipeline.get('seconds')} s.",
                "",
                f"**Baseline: spaCy's parse alone = {self.parse_per_s} articles/s "
                f"({self.parse_ms} ms per article of about "
                f"{self.pipeline['throughput']['baseline']['words_per_article']} words)**, measured in the "
                "same run on the same documents. `vs parse` is a speed over the parse's speed; `x parse` is "
                "a cost in units of the parse's cost of one article.",
                "",
            ]

    def targets(self) -> None:
        p = self.pipeline
        base = p["throughput"]["baseline"]
        ingest = p.get("ingest", {})
        rows: list[list[object]] = []
        rows.append(
            ["full pipeline >= 0.5x parse alone", "read (parse + extract + resolve), 1 process",
             f"{base['read_vs_parse']}x", verdict(base["read_vs_parse"] >= TARGET_VS_PARSE)]
        )  # fmt: skip
        for n in (1, 2):
            run = ingest.get(f"workers_{n}")
            if run:
                rows.append(
                    ["full pipeline >= 0.5x parse alone", f"`sitreps ingest --workers {n}`, 1k corpus",
                     f"{run['vs_parse']}x", verdict(run["vs_parse"] >= TARGET_VS_PARSE)]
                )  # fmt: skip
        rows.append(
            [">= 6 articles/s", "read, 1 process", f"{base['read_articles_per_s']}/s",
             verdict(base["read_articles_per_s"] >= TARGET_ARTICLES_PER_S)]
        )  # fmt: skip
        for n in (1, 2):
            run = ingest.get(f"workers_{n}")
            if run:
                rows.append(
                    [">= 6 articles/s", f"`sitreps ingest --workers {n}`, 1k corpus, clustering included"
                     f" ({run.get('cores_available_before')} cores free)",
                     f"{run['articles_per_s']}/s", verdict(run["articles_per_s"] >= TARGET_ARTICLES_PER_S)]
                )  # fmt: skip
        rows += self.rss_rows()
        rows += self.flat_rows()
        spark = self.pipeline.get("spark", {})
        if spark.get("measured"):
            whole = spark["spark_vs_single_read"]
            rows.append(
                ["Spark local[2] >= 1.6x one process",
                 f"whole run, {spark['articles']} articles (JVM, workers' start included) vs the read loop",
                 f"{whole}x", verdict(whole >= 1.6)]
            )  # fmt: skip
            if spark.get("spark_reading_vs_single_read"):
                reading = spark["spark_reading_vs_single_read"]
                rows.append(
                    ["Spark local[2] >= 1.6x one process",
                     f"the job's reading stage alone ({spark['spark_reading_s']} s for {spark['articles']})",
                     f"{reading}x", verdict(reading >= 1.6)]
                )  # fmt: skip
            if "spark_marginal_vs_single_read" in spark:
                extra = spark["articles"] - spark["articles_third"]
                marginal = spark["spark_marginal_vs_single_read"]
                rows.append(
                    ["Spark local[2] >= 1.6x one process",
                     f"marginal: the {extra} articles between two runs, without fixed costs",
                     f"{marginal}x", verdict(marginal >= 1.6)]
                )  # fmt: skip
        api = self.results.get("api")
        if api:
            name, p95 = api["worst_p95"]
            rows.append(
                [f"API p95 <= {TARGET_P95_MS:.0f} ms at 1M events",
                 f"worst of {len(api['api'])} query kinds at {api['database']['events']:,} events: {name}",
                 f"{p95} ms", verdict(p95 <= TARGET_P95_MS)]
            )  # fmt: skip
        self.lines += ["## Targets (issue #7)", ""]
        self.lines += table(["target", "measured on", "figure", "verdict"], rows)

    def rss_rows(self) -> list[list[object]]:
        rows: list[list[object]] = []
        ingest = self.pipeline.get("ingest", {})
        for n in (1, 2):
            run = ingest.get(f"workers_{n}")
            if not run:
                continue
            memory = run["memory"]
            peaks = [memory["main_peak_rss_mb"], *memory["children_peak_rss_mb"]]
            rows.append(
                ["peak RSS <= 1 GB per worker",
                 f"`ingest --workers {n}`, 1k corpus: main process"
                 + (f", workers {memory['children_peak_rss_mb']} (PSS {memory['children_peak_pss_mb']})"
                    if memory["children"] else ""),
                 f"{max(peaks)} MB", verdict(max(peaks) <= TARGET_RSS_MB)]
            )  # fmt: skip
        for row in self.pipeline.get("growth", {}).get("sizes", {}).values():
            rows.append(
                ["peak RSS <= 1 GB per worker",
                 f"probe ingest into {row['store_articles']:,} articles (after opening the run: "
                 f"{row['peak_rss_mb_after_open_run']} MB)",
                 f"{row['peak_rss_mb']} MB", verdict(row["peak_rss_mb"] <= TARGET_RSS_MB)]
            )  # fmt: skip
        return rows

    def flat_rows(self) -> list[list[object]]:
        t = self.pipeline["throughput"]
        rows: list[list[object]] = [
            ["per-article cost flat within 20%, 1k -> 100k",
             "read, ms per article (samples of each corpus)",
             f"{t['flat_read_ms_per_article']['spread']:+.1%}",
             verdict(t["flat_read_ms_per_article"]["spread"] <= TARGET_FLAT)],
            ["per-article cost flat within 20%, 1k -> 100k", "read, µs per word",
             f"{t['flat_read_us_per_word']['spread']:+.1%}",
             verdict(t["flat_read_us_per_word"]["spread"] <= TARGET_FLAT)],
        ]  # fmt: skip
        sizes = self.pipeline.get("growth", {}).get("sizes", {})
        if sizes:
            last = list(sizes.values())[-1]
            rows.append(
                ["per-article cost flat within 20%, 1k -> 100k",
                 f"ingest probe, per article without the run's fixed costs, store of "
                 f"{last['store_articles']:,} vs 1k", f"{last['ingest_ms_per_article_vs_smallest'] - 1:+.1%}",
                 verdict(last["ingest_ms_per_article_vs_smallest"] - 1 <= TARGET_FLAT)]
            )  # fmt: skip
            rows.append(
                ["per-article cost flat within 20%, 1k -> 100k",
                 "ingest probe, whole command per article (opening the run and clustering included)",
                 f"{last['ms_per_article_vs_smallest'] - 1:+.1%}",
                 verdict(last["ms_per_article_vs_smallest"] - 1 <= TARGET_FLAT)]
            )  # fmt: skip
        return rows

    def throughput(self) -> None:
        t = self.pipeline["throughput"]
        base = t["baseline"]
        c = self.pipeline["corpus"]
        rows: list[list[object]] = [
            ["parse alone (baseline), all samples", base["articles"], base["parse_articles_per_s"],
             base["parse_words_per_s"], base["parse_ms_per_article"], 1.0],
            ["read (parse + extract + resolve), all samples", base["articles"], base["read_articles_per_s"],
             base["read_words_per_s"], base["read_ms_per_article"], base["read_vs_parse"]],
        ]  # fmt: skip
        for size, row in t["per_corpus"].items():
            rows.append(
                [f"read, sample of the {int(size):,}-document corpus "
                 f"({row['words_per_article']} words/article)",
                 row["articles"], row["read_articles_per_s"], row["read_words_per_s"],
                 row["read_ms_per_article"], self.vs_parse(row["read_articles_per_s"])]
            )  # fmt: skip
        self.lines += [
            "## Reading: parse alone and the full read",
            "",
            f"Corpus: examples/ recombined ({c['generated_documents']:,} documents generated in "
            f"{c['generation_s']} s, {c['generation_documents_per_s']:,}/s); "
            f"{c['sample_per_size']} documents sampled from each corpus, read in one process, interleaved.",
            "",
        ]
        self.lines += table(["what", "articles", "articles/s", "words/s", "ms/article", "vs parse"], rows)
        flat = [
            ["read ms per article", t["flat_read_ms_per_article"]],
            ["read µs per word", t["flat_read_us_per_word"]],
            ["read CPU ms per article", t["flat_read_cpu_ms_per_article"]],
        ]
        self.lines += table(
            ["flatness across corpus sizes", "min", "max", "spread"],
            [[name, f["min"], f["max"], f"{f['spread']:+.1%}"] for name, f in flat],
        )
        self.lines += ["Where the read's time goes (share of read, ms per article):", ""]
        self.lines += table(
            ["stage", "share", "ms/article", "x parse"],
            [[name, f"{s['share']:.1%}", s["ms_per_article"], self.x_parse(s["ms_per_article"])]
             for name, s in t["stages"].items()],
        )  # fmt: skip

    def ingest(self) -> None:
        ingest = self.pipeline.get("ingest")
        if not ingest:
            return
        rows = []
        for n in (1, 2):
            run = ingest[f"workers_{n}"]
            m = run["memory"]
            rows.append(
                [f"--workers {n}", run["articles"], run["wall_s"], run["articles_per_s"], run["vs_parse"],
                 run["articles_per_s_without_clustering"], run["cluster_s"], m["main_peak_rss_mb"],
                 ", ".join(map(str, m["children_peak_rss_mb"])) or "–",
                 ", ".join(map(str, m["children_peak_pss_mb"])) or "–"]
            )  # fmt: skip
        self.lines += ["## `sitreps ingest` of the 1k corpus, end to end", ""]
        self.lines += table(
            ["run", "articles", "wall s", "articles/s", "vs parse", "articles/s without clustering",
             "clustering s", "main peak RSS MB", "workers' peak RSS MB", "workers' peak PSS MB"],
            rows,
        )  # fmt: skip
        self.lines += [
            f"--workers 2 against --workers 1: {ingest['workers_2_vs_1_speed']}x the speed "
            f"({ingest['workers_2_vs_1_speed_without_clustering']}x without clustering); just before each "
            f"run two busy processes got {ingest['workers_1'].get('cores_available_before')} and "
            f"{ingest['workers_2'].get('cores_available_before')} cores.",
            "",
            "Stages of the --workers 1 run (seconds, exclusive; from benchmarks/timed_ingest.py):",
            "",
        ]
        w1 = ingest["workers_1"]
        self.lines += table(
            ["stage", "s", "ms/article", "x parse"],
            [[name, s, round(1000 * s / w1["articles"], 2), self.x_parse(1000 * s / w1["articles"])]
             for name, s in {**w1["stages_s"], "other (sources, progress, imports)": w1["other_s"]}.items()],
        )  # fmt: skip

    def growth(self) -> None:
        growth = self.pipeline.get("growth")
        if not growth:
            return
        rows = []
        for row in growth["sizes"].values():
            rows.append(
                [row["store_articles"], row["store_events"], row["probe_articles"], row["wall_s"],
                 row["ms_per_article"], row["ms_per_article_vs_parse"], row["ms_per_article_vs_smallest"],
                 row["ingest_ms_per_article"], row["ingest_ms_per_article_vs_smallest"], row["open_run_s"],
                 row["cluster_s"], row["cluster_links"], row["store_ms_per_article"],
                 row["near_duplicate_ms_per_article"], row["peak_rss_mb_after_open_run"], row["peak_rss_mb"]]
            )  # fmt: skip
        self.lines += ["## Ingest as the store grows (probe of fresh articles, --workers 1)", ""]
        self.lines += table(
            ["store articles", "store events", "probe", "wall s", "ms/article", "x parse", "vs 1k",
             "ms/article without fixed costs", "vs 1k", "open run s (load signatures)", "clustering s",
             "new links", "store ms/article", "near-dup ms/article", "RSS after open MB", "peak RSS MB"],
            rows,
        )  # fmt: skip
        self.lines += ["Clustering phases per probe (s):", ""]
        self.lines += table(
            ["store articles", "keys", "links", "components", "write"],
            [
                [r["store_articles"], *(r["cluster_phases_s"] or {}).values()]
                for r in growth["sizes"].values()
            ],
        )
        self.lines += [f"Prefill: {growth['prefill']}", ""]

    def spark(self) -> None:
        spark = self.pipeline.get("spark", {})
        lines = ["## Spark local[2] against one process", ""]
        if not spark.get("measured"):
            lines += [spark.get("why", "not measured"), ""]
        else:
            memory = spark["spark_memory"]
            lines += table(
                ["articles", "spark local[2] s", "articles/s", "vs parse",
                 "one process: read loop s", "spark vs read loop",
                 "one process: ingest --workers 1 s (its 1k speed without clustering)", "spark vs ingest",
                 "peak RSS MB: spark-submit; children"],
                [[spark["articles"], spark["spark_local2_s"], spark["spark_articles_per_s"],
                  spark["spark_vs_parse"], spark["single_process_read_s"], spark["spark_vs_single_read"],
                  spark["single_process_ingest_s"], spark["spark_vs_single_ingest"],
                  f"{memory['main_peak_rss_mb']}; {', '.join(map(str, memory['children_peak_rss_mb']))}"]],
            )  # fmt: skip
            lines += [
                f"Command: `sitreps {spark['command']}` (the throughput sample; its time includes starting "
                "the JVM and every Python worker, which load spaCy and the gazetteer).",
                "",
            ]
            if "spark_marginal_articles_per_s" in spark:
                third, rest = spark["articles_third"], spark["articles"] - spark["articles_third"]
                lines += [
                    f"A run on the first {third} articles took {spark['spark_local2_s_third']} s: the other "
                    f"{rest} cost {spark['spark_marginal_articles_per_s']} articles/s "
                    f"({spark['spark_marginal_vs_single_read']}x the one-process read loop), and the fixed "
                    f"cost of a run is about {spark['spark_fixed_s']} s.",
                    "",
                ]
        extra = self.results.get("spark")
        if extra:
            lines += ["spark.json:", "", "```", json.dumps(extra, indent=2), "```", ""]
        self.lines += lines

    def api(self) -> None:
        api = self.results.get("api")
        if not api:
            return
        db = api["database"]
        self.lines += [
            f"## REST API at {db['events']:,} events "
            f"({db['articles']:,} articles, {db['clusters']:,} clusters)",
            "",
            f"Database: {db['built']}, {db['bytes'] / 2**30:.1f} GiB. `sitreps serve` answered after "
            f"{api['serve_startup_s']} s (it indexes every event in memory at startup): RSS "
            f"{api['server_memory_after_startup']['rss_mb']} MB after startup, peak "
            f"{api['server_memory_at_end']['peak_rss_mb']} MB by the end. Each query kind: up to "
            f"{max(r['calls'] for r in api['api'].values())} calls with different parameters, each asked "
            "once (cold), then again (warm: aggregates are remembered until the store changes).",
            "",
        ]
        self.lines += table(
            ["query", "different calls", "p50 ms", "p95 ms", "max ms", "warm p50 ms", "p95 x parse",
             f"p95 <= {TARGET_P95_MS:.0f} ms"],
            [[name, r["calls"], r["p50_ms"], r["p95_ms"], r["max_ms"], r["warm_p50_ms"],
              self.x_parse(r["p95_ms"]), verdict(r["p95_ms"] <= TARGET_P95_MS)]
             for name, r in api["api"].items()],
        )  # fmt: skip
        scroll = api.get("scroll_ms")
        if scroll:
            self.lines += [f"Scrolling the event list, ms per page of 50: {', '.join(map(str, scroll))}.", ""]
        if api.get("page_load_ms"):
            self.lines += [
                f"Page load in chromium (map, timeline and list drawn): {api['page_load_ms']} ms.",
                "",
            ]

    def older(self) -> None:
        read, cluster, serve = (self.results.get(k) for k in ("read", "cluster", "serve"))
        if read:
            self.lines += ["## bench_read.py: examples/ as they are", ""]
            self.lines += table(
                ["articles", "parse articles/s", "read articles/s", "read vs parse", "extract share",
                 "peak RSS MB"],
                [[read["articles"], read["parse_articles_per_s"], read["read_articles_per_s"],
                  read["read_vs_parse_speed"], read["extract_share_of_read"], read["peak_rss_mb"]]],
            )  # fmt: skip
        if cluster:
            self.lines += ["## bench_cluster.py: clustering synthetic events", ""]
            self.lines += table(
                ["events", "clusters", "from scratch s", "x parse", "incremental (1% more) s", "x parse",
                 "peak RSS MB"],
                [[r["events"], r["clusters"], r["full_s"], self.x_parse(1000 * r["full_s"]),
                  r["incremental_s"], self.x_parse(1000 * r["incremental_s"]), r["peak_rss_mb"]]
                 for r in cluster["results"]],
            )  # fmt: skip
        if serve:
            self.lines += [
                f"## bench_serve.py: API and page at {serve.get('events', 0):,} synthetic events",
                "",
                f"Startup {serve.get('serve_startup_s')} s; page loads {serve.get('page_load_ms', '–')} ms.",
                "",
            ]
            self.lines += table(
                ["query", "first ms", "median ms", "max ms", "x parse (first)"],
                [[name, r["first_ms"], r["median_ms"], r["max_ms"], self.x_parse(r["first_ms"])]
                 for name, r in serve.get("api", {}).items()],
            )  # fmt: skip

    def method(self) -> None:
        self.lines += [
            "## What is measured, sampled and built",
            "",
            "- Reading is a pure function of one article, so its cost can depend on the corpus only through "
            "the articles themselves: it is measured on a sample of each corpus (same size, interleaved), "
            "not on all 100k documents (about 2.5 hours).",
            "- Ingest is measured end to end on the whole 1k corpus (`--workers 1` and `2`), and at 10k and "
            "100k by probes of fresh articles into stores grown by replicas (see Prefill); the stores are "
            "not built by reading 100k articles.",
            "- Per-article probe costs: `ms/article` is the whole command over the probe's articles; "
            "`without fixed costs` leaves out opening the run (loading every stored MinHash signature) and "
            "clustering, which are paid once per run and grow with the store.",
            "- Peak RSS comes from /proc (VmHWM) of the main process and each worker; forked workers share "
            "the model's pages with the parent, so their PSS (shared pages split) is shown too.",
            "",
        ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args()
    page = Report(load(args.results)).build()
    (args.results / "README.md").write_text(page, encoding="utf-8")
    print(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
