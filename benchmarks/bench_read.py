"""Speed of reading articles: spaCy's parse alone against the full `sitreps.read`, on examples/.

Every figure is also given as a ratio to the parse-alone baseline measured in the same run, since
machines are noisy. The scale issue extends this to 1k-100k documents, ingest, workers and Spark.
Usage: python benchmarks/bench_read.py [--repeat N] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
from datetime import UTC, datetime
from pathlib import Path

from sitreps.errors import Rejected
from sitreps.ingest import iter_articles
from sitreps.model import Article
from sitreps.nlp import load_pipeline
from sitreps.pipeline import read_doc

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the sample corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()

    articles = [a for a in iter_articles([ROOT / "examples"]) if not isinstance(a, Rejected)]
    assert all(isinstance(a, Article) for a in articles)
    words = sum(len(a.text.split()) for a in articles) * args.repeat
    nlp = load_pipeline()
    nlp("warm up")

    t0 = time.perf_counter()
    docs = [nlp(a.text) for _ in range(args.repeat) for a in articles]
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for article in articles:
            read_doc(nlp(article.text), article)
    read_s = time.perf_counter() - t0
    extract_s = read_s - parse_s
    n = len(articles) * args.repeat
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.python_version()}",
        "articles": n,
        "words": words,
        "parse_articles_per_s": round(n / parse_s, 1),
        "parse_words_per_s": round(words / parse_s),
        "read_articles_per_s": round(n / read_s, 1),
        "read_words_per_s": round(words / read_s),
        "read_vs_parse_speed": round(parse_s / read_s, 3),
        "extract_share_of_read": round(max(0.0, extract_s) / read_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "docs_parsed": len(docs),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "read.json").write_text(json.dumps(result, indent=2) + "\n")
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
