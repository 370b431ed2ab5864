"""Run the real `sitreps ingest` command with timers around its stages, and write them as JSON.

    python benchmarks/timed_ingest.py TIMES.json INGEST-ARGS...

is ``sitreps ingest INGEST-ARGS...`` (the same CLI, the same code) with these functions wrapped:
``Ingest.__init__`` (opening the run: loading every stored MinHash signature into the near-duplicate
index), the near-duplicate signature, lookup and insert, ``Store.known_ids``, ``finish_article``
(cleaning and language identification of each JSON Lines record), ``read_safely`` and inside it
``parse`` and each extractor of ``sitreps.pipeline.EXTRACTORS``, ``Store.add_batch``, and
``update_clusters``. Times are exclusive: a stage's time leaves out the stages timed inside it, so the
stages add up to the wall time they cover. With ``--workers 2`` reading happens in forked workers,
whose timers are not collected: there ``read`` is missing and the parent's wait for the pool falls into
``other``. The overhead is one ``perf_counter`` pair per call (microseconds per article).
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class Timers:
    """Exclusive seconds and calls per stage name."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self._children: list[float] = []  # per open call: time spent in timed calls inside it

    def wrap(self, name: str, function: F) -> F:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._children.append(0.0)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                inside = self._children.pop()
                self.seconds[name] += elapsed - inside
                self.calls[name] += 1
                if self._children:
                    self._children[-1] += elapsed

        return timed  # type: ignore[return-value]


# Peak RSS (MiB) of this process right after a stage, and what clustering reported about its phases.
MARKS: dict[str, object] = {}


def peak_rss_mb() -> int:
    """This process's peak RSS (VmHWM). Not ru_maxrss: Linux carries that across exec from the process
    that forked this one, so it can report the benchmark's own size instead."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def mark_after(name: str, function: F) -> F:
    """Remember the peak RSS so far once ``function`` returns (and a ClusterReport's phases)."""

    @functools.wraps(function)
    def marked(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        MARKS[f"peak_rss_mb_after_{name}"] = peak_rss_mb()
        if hasattr(result, "phases"):
            MARKS["cluster_phases_s"] = result.phases
            MARKS["cluster_new_events"] = result.new_events
            MARKS["cluster_links"] = result.links
            MARKS["cluster_recomputed"] = result.recomputed
        return result

    return marked  # type: ignore[return-value]


def install(timers: Timers) -> None:
    """Wrap the stages of an ingest run where the code looks them up at call time."""
    import sitreps.cluster.update as cluster
    import sitreps.ingest.jsonl as jsonl
    import sitreps.pipeline.reading as pipeline
    import sitreps.pipeline.run as batch
    from sitreps.ingest.duplicates import NearDuplicateIndex
    from sitreps.store import Store

    batch.Ingest.__init__ = timers.wrap(  # type: ignore[method-assign]
        "open run (load signatures)", mark_after("open_run", batch.Ingest.__init__)
    )
    NearDuplicateIndex.signature = timers.wrap("minhash", NearDuplicateIndex.signature)  # type: ignore[method-assign]
    NearDuplicateIndex.find = timers.wrap("near-duplicate lookup", NearDuplicateIndex.find)  # type: ignore[method-assign]
    Store.known_ids = timers.wrap("known ids", Store.known_ids)  # type: ignore[method-assign]
    Store.add_batch = timers.wrap("store (add_batch)", Store.add_batch)  # type: ignore[method-assign]
    # Both modules import these names from elsewhere; patched where the ingest code looks them up.
    jsonl.finish_article = timers.wrap("article (clean, language)", jsonl.finish_article)  # type: ignore[attr-defined]
    batch.read_safely = timers.wrap("read: assemble Reading", batch.read_safely)
    pipeline.parse = timers.wrap("read: parse", pipeline.parse)  # type: ignore[attr-defined]
    pipeline.EXTRACTORS = tuple(
        (field, timers.wrap(f"read: {field}", extractor)) for field, extractor in pipeline.EXTRACTORS
    )
    cluster.update_clusters = timers.wrap(
        "cluster (update_clusters)", mark_after("cluster", cluster.update_clusters)
    )


def main() -> int:
    out = Path(sys.argv[1])
    started = time.perf_counter()
    timers = Timers()
    install(timers)
    from sitreps.cli import main as cli_main

    sys.argv = ["sitreps", "ingest", *sys.argv[2:]]
    code: object = 0
    try:
        cli_main()
    except SystemExit as done:
        code = done.code
    finally:
        wall = time.perf_counter() - started
        covered = sum(timers.seconds.values())
        record = {
            "wall_s": round(wall, 3),
            "stages_s": {k: round(v, 3) for k, v in sorted(timers.seconds.items(), key=lambda kv: -kv[1])},
            "calls": dict(timers.calls),
            "other_s": round(wall - covered, 3),
            "peak_rss_mb": peak_rss_mb(),
            **MARKS,
        }
        out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return int(code) if isinstance(code, int) else 1


if __name__ == "__main__":
    raise SystemExit(main())
