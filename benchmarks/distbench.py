"""Postings per minute: one `jobarchive crawl` process against two Scrapyd workers and
the writer, on the mock sites, with politeness delays on and off.

    python -m benchmarks.distbench                 # 5 sources of 200 postings each
    python -m benchmarks.distbench --postings 60   # the CI smoke size

Everything runs on this machine: the mock sites in this process, Debian's redis-server,
two Scrapyd instances, the crawl commands as cron runs them. Each figure is the wall
time of a first crawl into an empty archive (every detail page fetched and stored),
measured back to back in one run; postings per minute are the postings stored over it.
"Delays on" is a polite crawl's shape at a small scale: one request at a time per site
and 0.25 s between two, which each of the two workers shares (0.5 s each, crawler/
distributed/coordinator.py `polite_share`), so that a site sees the same rate.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from crawler.demo import crawl_command
from crawler.mocksites import SITES, MockSites, content, impactpool, uncareers, unops

ROOT = Path(__file__).resolve().parent.parent
MAKERS = {
    "unicef": content.unicef_postings,
    "unhcr": content.unhcr_postings,
    "unops": unops.unops_postings,
    "uncareers": uncareers.uncareers_postings,
    "impactpool": impactpool.impactpool_postings,
}
POLITE = {
    "DOWNLOAD_DELAY": 0.25,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
}


def _sites(postings: int) -> list[Any]:
    return [SITES[name](postings=make(postings)) for name, make in MAKERS.items()]


def _crawl(argv: list[str], polite: bool) -> tuple[float, int, str]:
    extra: list[str] = ["-s", "JOBARCHIVE_REVISIT_AFTER=0", "--json"]
    if polite:
        for key, value in POLITE.items():
            extra += ["-s", f"{key}={json.dumps(value)}"]
    start = time.perf_counter()
    result = subprocess.run(argv + extra, capture_output=True, text=True, cwd=ROOT, timeout=3600)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"crawl failed ({result.returncode}): {result.stderr[-2000:]}")
    stored = sum(s["new"] for s in json.loads(result.stdout))
    return seconds, stored, result.stderr


def run(postings: int, work: Path) -> dict[str, Any]:
    from tests.distributed_world import deploy, redis_server, scrapyd_node

    figures: dict[str, Any] = {"postings_per_source": postings, "sources": list(MAKERS)}
    with (
        redis_server(work / "redis") as redis_url,
        scrapyd_node(work / "node0") as node0,
        scrapyd_node(work / "node1") as node1,
    ):
        deploy([node0, node1], work)
        for polite in (False, True):
            label = "delays_on" if polite else "delays_off"
            row: dict[str, Any] = {}
            for mode in ("one_process", "two_workers"):
                with MockSites(sites=_sites(postings)) as sites:
                    db = work / f"{label}-{mode}.db"
                    argv = crawl_command(db, sites.base_urls)
                    if mode == "two_workers":
                        argv += ["--scrapyd", f"{node0},{node1}", "--redis", redis_url]
                    seconds, stored, _ = _crawl(argv, polite)
                row[mode] = {
                    "seconds": round(seconds, 1),
                    "postings": stored,
                    "per_minute": round(stored / seconds * 60),
                }
            row["ratio"] = round(
                row["two_workers"]["per_minute"] / row["one_process"]["per_minute"], 2
            )
            figures[label] = row
    return figures


def table(figures: dict[str, Any]) -> str:
    lines = [
        "| crawl | one process: s | postings/min | two workers + writer: s | postings/min "
        "| ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, name in (("delays_off", "delays off"), ("delays_on", "delays on (0.25 s)")):
        row = figures[label]
        one, two = row["one_process"], row["two_workers"]
        lines.append(
            f"| {name} | {one['seconds']} | {one['per_minute']:,} | {two['seconds']} | "
            f"{two['per_minute']:,} | {row['ratio']}x |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.distbench")
    parser.add_argument("--postings", type=int, default=200, help="postings per source")
    args = parser.parse_args(argv)
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server is not installed (Debian: apt-get install redis-server)")
    with tempfile.TemporaryDirectory(prefix="jobarchive-distbench-") as tmp:
        figures = run(args.postings, Path(tmp))
    print(table(figures))
    print(json.dumps(figures, indent=2), file=sys.stderr)
    return figures


if __name__ == "__main__":
    main()
