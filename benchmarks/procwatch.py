"""Peak memory of a process and every process it starts, read from /proc while they run (Linux only).

For each process it keeps the largest VmHWM (peak resident set, shared pages included: a worker forked
after the spaCy model was loaded counts the model's pages it shares with its parent) and the largest
PSS seen (proportional set size: shared pages split between the processes that share them, so the PSS
of all processes adds up to the memory they use together). PSS is sampled, so its peak may be missed
between two samples; VmHWM is the kernel's own running maximum and is exact up to the last sample.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")


@dataclass
class Peak:
    """The most memory one process was seen to use, in MiB."""

    pid: int
    role: str  # "main" for the watched process, "child" for any process it started
    hwm_mb: float = 0.0
    pss_mb: float = 0.0


def _kib(path: Path, key: str) -> float | None:
    """The value of ``key:`` (in kB) in a /proc status-style file, or None when unreadable."""
    try:
        for line in path.read_text().splitlines():
            if line.startswith(key + ":"):
                return float(line.split()[1])
    except OSError:
        return None
    return None


def _parents() -> dict[int, int]:
    """Every process's parent id."""
    parents = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and brackets, so split after the last ")".
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def descendants(pid: int) -> list[int]:
    """The processes ``pid`` started, and those they started, and so on."""
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found, frontier = [], [pid]
    while frontier:
        nxt = [c for p in frontier for c in children.get(p, [])]
        found.extend(nxt)
        frontier = nxt
    return found


@dataclass
class MemoryWatch:
    """Samples the peak memory of ``pid`` and its descendants every ``interval`` seconds until stopped."""

    pid: int
    interval: float = 0.2
    peaks: dict[int, Peak] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> MemoryWatch:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        for pid in [self.pid, *descendants(self.pid)]:
            hwm = _kib(PROC / str(pid) / "status", "VmHWM")
            if hwm is None:
                continue
            pss = _kib(PROC / str(pid) / "smaps_rollup", "Pss") or 0.0
            peak = self.peaks.setdefault(pid, Peak(pid, "main" if pid == self.pid else "child"))
            peak.hwm_mb = max(peak.hwm_mb, hwm / 1024)
            peak.pss_mb = max(peak.pss_mb, pss / 1024)

    def summary(self) -> dict[str, object]:
        """Peak RSS and PSS of the main process and of each child (largest first), in MiB."""
        main = self.peaks.get(self.pid)
        children = sorted((p for p in self.peaks.values() if p.role == "child"), key=lambda p: -p.hwm_mb)
        return {
            "main_peak_rss_mb": round(main.hwm_mb) if main else None,
            "main_peak_pss_mb": round(main.pss_mb) if main else None,
            "children": len(children),
            "children_peak_rss_mb": [round(p.hwm_mb) for p in children],
            "children_peak_pss_mb": [round(p.pss_mb) for p in children],
        }


def self_check() -> bool:
    """Whether /proc gives what the watch reads (it is Linux only)."""
    return _kib(PROC / str(os.getpid()) / "status", "VmHWM") is not None
