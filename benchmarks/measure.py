"""Measuring a child process (wall time and CPU) and summarising samples.

CPU comes from `os.wait4`, which returns the rusage of exactly the child that ended,
so another benchmark's or engineer's process on the same machine is not counted.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass
class ProcessCost:
    wall_s: float
    cpu_s: float  # user + system
    user_s: float
    sys_s: float
    max_rss_mb: float
    returncode: int

    def as_dict(self) -> dict[str, Any]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def run_measured(argv: list[str], output: Path, cwd: str | Path | None = None) -> ProcessCost:
    """Run `argv` with stdout+stderr to `output`; its wall time and its own CPU."""
    with open(output, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    return ProcessCost(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        user_s=usage.ru_utime,
        sys_s=usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,
        returncode=proc.returncode,
    )


# The dump is a pprint of the stats dict, up to the next timestamped log line.
_STATS_BLOCK = re.compile(r"Dumping Scrapy stats:\n(\{.*?)(?=\n\d{4}-\d\d-\d\d |\Z)", re.DOTALL)
_STAT = re.compile(r"'([^']+)':\s*(-?\d+(?:\.\d+)?)\b")


def scrapy_stats(log: Path) -> dict[str, float]:
    """The numeric stats Scrapy dumps at INFO when a spider closes (last dump wins)."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    blocks = _STATS_BLOCK.findall(text)
    if not blocks:
        return {}
    return {k: float(v) for k, v in _STAT.findall(blocks[-1])}


def summary_ms(samples_s: list[float]) -> dict[str, float]:
    """Median, p95, min and max of samples in seconds, as milliseconds."""
    ordered = sorted(samples_s)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(p95 * 1000, 3),
        "min_ms": round(ordered[0] * 1000, 3),
        "max_ms": round(ordered[-1] * 1000, 3),
        "n": len(ordered),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or not b:
        return None
    return round(a / b, 3)
