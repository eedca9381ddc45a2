"""`python -m benchmarks`: crawl, storage, store and query benchmarks (issue #7).

    python -m benchmarks                    # 5,000-posting crawls, 100,000-posting archive
    python -m benchmarks --quick            # a few hundred postings: the CI smoke size
    python -m benchmarks --parts store,query --large-db /tmp/large.db   # reuse a fill

Prints a table, writes figures.json and section.md to --out, and with --write-doc
replaces the figures block of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import (
    changesim,
    checkbench,
    crawlbench,
    diffbench,
    distbench,
    querybench,
    reextractbench,
    report,
    sitelinesbench,
    startupbench,
    storagebench,
    storebench,
)
from .sitegen import RealWeightSite, generate_postings, page_figures

PARTS = (
    "crawl",
    "store",
    "query",
    "diff",
    "reextract",
    "check",
    "sitelines",
    "changesim",
    "distributed",
    "startup",
)
ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    p.add_argument("--postings", type=int, help="postings on the mock site (default 5000)")
    p.add_argument("--scale", type=int, help="postings in the large archive (default 100000)")
    p.add_argument("--small", type=int, help="postings in the small archive (default 1000)")
    p.add_argument(
        "--reextract-postings", type=int, help="postings re-read by reextract (default 1000)"
    )
    p.add_argument("--quick", action="store_true", help="smoke size: a few hundred postings")
    p.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated of {PARTS}")
    p.add_argument("--large-db", type=Path, help="reuse this filled large archive")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    p.add_argument("--write-doc", action="store_true", help="update BENCHMARKS.md's figures")
    args = p.parse_args(argv)
    quick = args.quick
    args.postings = args.postings or (80 if quick else 5000)
    args.scale = args.scale or (800 if quick else 100_000)
    args.small = args.small or (150 if quick else 1000)
    args.reextract_postings = args.reextract_postings or (60 if quick else 1000)
    args.store_rounds = 20 if quick else 200
    args.query_rounds = 3 if quick else 40
    args.diff_repeats = 1 if quick else 5
    args.parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        p.error(f"unknown parts {sorted(unknown)}; choose from {PARTS}")
    return args


def machine(note: str) -> dict[str, Any]:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor() or "?",
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "note": note,
    }


def page_sizes(postings: list[Any]) -> dict[str, Any]:
    return page_figures(RealWeightSite(postings=postings), postings)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    command = "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:])
    figures: dict[str, Any] = {
        "command": command.strip(),
        "machine": machine("figures are ratios measured within one run"),
        "params": {"postings": args.postings, "scale": args.scale, "small": args.small},
    }
    with tempfile.TemporaryDirectory(prefix="jobarchive-bench-") as tmp:
        work = Path(tmp)
        if "crawl" in args.parts:
            log(f"Generating {args.postings:,} postings ...")
            postings = generate_postings(args.postings)
            log("Crawling: bare fetch, first crawl, recrawl, 5% changed, bare fetch ...")
            db = work / "crawl.db"
            figures["crawl"] = crawlbench.run(postings, work, db)
            figures["crawl"]["pages"] = page_sizes(postings)
            log("Measuring storage against raw HTML and WARC.gz ...")
            figures["storage"] = storagebench.run(db, work)
            log("Storage on pages of the real sites' chrome weights ...")
            figures["storage"]["by_weight"] = storagebench.by_weight(work, min(args.postings, 250))
        large = args.large_db or work / f"large-{args.scale}.db"
        if {"store", "query", "diff", "check"} & set(args.parts):
            templates = storebench.Templates()
            if args.large_db is None or not args.large_db.exists():
                log(f"Filling an archive of {args.scale:,} postings through Archive.store ...")
                figures["fill_large"] = storebench.fill(large, args.scale, templates, log)
        if "store" in args.parts:
            small = work / f"small-{args.small}.db"
            storebench.fill(small, args.small, templates, log)
            log(f"Storing at {args.small:,} vs {args.scale:,} postings ...")
            figures["store"] = storebench.measure(small, large, templates, args.store_rounds)
        if "query" in args.parts:
            log(f"datasette requests at {args.scale:,} postings ...")
            figures["query"] = querybench.run(large, args.query_rounds)
        if "diff" in args.parts:
            log("jobarchive diff on a posting with 20 versions ...")
            figures["diff"] = diffbench.run(large, work, args.diff_repeats)
        if "check" in args.parts:
            log(f"quick_check, check and backup of the {args.scale:,}-posting archive ...")
            figures["check"] = checkbench.run(large, work, rounds=1 if args.quick else 2)
        if "reextract" in args.parts:
            n = args.reextract_postings
            log(f"jobarchive reextract on an archive of {n:,} postings ...")
            figures["reextract"] = reextractbench.run(generate_postings(n), work)
        if "sitelines" in args.parts:
            log("crawls of a site that rotates other postings around each one ...")
            figures["sitelines"] = sitelinesbench.run(work, crawls=2 if args.quick else 5)
        if "changesim" in args.parts:
            n = 500 if args.quick else 5000
            log(f"a simulated week of 6-hourly crawls of {n:,} changing postings ...")
            figures["changesim"] = changesim.run(postings=n)
        if "startup" in args.parts:
            log("start-up of the commands that do not crawl ...")
            figures["startup"] = startupbench.run(rounds=3 if args.quick else 7)
        if "distributed" in args.parts:
            if shutil.which("redis-server") is None:
                log("distributed: skipped, redis-server is not installed")
            else:
                n = 30 if args.quick else 200
                log(f"one process vs two Scrapyd workers, 5 sources of {n} postings ...")
                figures["distributed"] = distbench.run(n, work / "distributed")
    section = report.markdown(figures) + storagebench.markdown(figures)
    (args.out / "figures.json").write_text(json.dumps(figures, indent=2) + "\n")
    (args.out / "section.md").write_text(section)
    print(section)
    if args.write_doc:
        doc = ROOT / "BENCHMARKS.md"
        if not report.update_doc(doc, section):
            log(f"{doc} has no {report.START} block; see {args.out / 'section.md'}")
    log(f"Figures: {args.out / 'figures.json'}")
    return figures


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    log(f"Done in {time.perf_counter() - t0:.0f} s")
